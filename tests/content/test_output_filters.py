"""The template helpers that keep the output valid and accessible: mark_chinese (language of parts) and the
picture tag of smart_images (no repeated srcset widths)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from content.templatetags.language_marks import mark_chinese
from tests.factories.images import make_image


def test_chinese_runs_in_english_text_are_marked_and_the_rest_escaped():
    with translation.override("en"):
        assert mark_chinese("粤ICP备00000000号 (sample) <b>") == (
            '<span lang="zh-Hans">粤ICP备00000000号</span> (sample) &lt;b&gt;'
        )
        assert mark_chinese("the fund (深医专项) and 人工智能") == (
            'the fund (<span lang="zh-Hans">深医专项</span>) and <span lang="zh-Hans">人工智能</span>'
        )
        assert mark_chinese("No Chinese here") == "No Chinese here"


def test_html_keeps_its_markup_and_text_only_elements_get_the_attribute():
    html = mark_safe('<p title="示例">见<a href="/x">示例</a></p><select><option value="1">示例医院</option></select>')
    with translation.override("en"):
        marked = mark_chinese(html)
    assert marked == (
        '<p title="示例"><span lang="zh-Hans">见</span><a href="/x"><span lang="zh-Hans">示例</span></a></p>'
        '<select><option value="1" lang="zh-Hans">示例医院</option></select>'
    )


def test_chinese_pages_are_left_alone():
    with translation.override("zh-hans"):
        assert mark_chinese("深圳医学科学院 SMART") == "深圳医学科学院 SMART"


@pytest.mark.django_db
def test_picture_of_a_small_image_repeats_no_width():
    image = make_image(size=(800, 450))
    template = Template("{% load smart_images %}{% picture image format-{webp,jpeg} width-{480,800,1200} alt='' %}")
    html = template.render(Context({"image": image}))
    assert html.count(" 800w") == 2  # once for the WebP source, once for the JPEG fallback
    assert " 480w" in html and "1200" not in html
