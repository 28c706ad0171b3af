"""Every page of the demo passes the validation of its editor's form (the preview panel and autosave run it on
each change): no block of a demo page is invalid, e.g. a link to a page the loader deleted. A link block with
neither a page nor a URL gets a clear, translated error instead of a server error."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import Page

from content.blocks import LinkTargetBlock
from tests.factories.every_page import build_every_page


def test_a_link_with_neither_page_nor_url_is_refused_with_a_translated_error():
    block = LinkTargetBlock()
    with translation.override("zh-hans"), pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"page": None, "url": ""}))
        message = refused.value.block_errors["page"].messages[0]
        assert message == translation.gettext("Choose a page or enter a URL.")


@pytest.mark.django_db
def test_every_demo_page_passes_the_validation_of_its_editor():
    build_every_page()
    problems = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                try:
                    field.stream_block.clean(getattr(page, field.name))
                except ValidationError as error:
                    problems[f"{page.url_path} {field.name}"] = repr(error)
    assert problems == {}
