"""The admin speaks one language at a time (issue 16, point 7): texts that Wagtail and wagtail-localize compose
once per process follow each request's language; our workflow and task names are shown in the reader's language;
numbers are grouped by thousands in both languages; the schedule fields name their time zone."""

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import reports_menu
from wagtail.models import GroupApprovalTask, Task, Workflow

from content.editorial import EDITORS, TASK_NAME, WORKFLOW_NAME, ensure_editorial_groups
from content.models import NewsArticlePage
from content.pages.digest_blocks import FieldOfMedicineChooserBlock


def test_snippet_chooser_block_speaks_the_language_of_each_request():
    block = FieldOfMedicineChooserBlock()
    with translation.override("zh-hans"):
        widget = block.widget  # made once, in whichever language comes first
        assert str(widget.choose_one_text) == "选择 医学领域"
    with translation.override("en"):
        assert str(widget.choose_one_text) == "Choose field of medicine"
        assert str(widget.choose_another_text) == "Choose another field of medicine"
        assert str(widget.link_to_chosen_text) == "Edit this field of medicine"


@pytest.mark.django_db
def test_translations_report_is_named_in_the_admin_language(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    with translation.override("zh-hans"):
        labels = [str(item.label) for item in reports_menu.menu_items_for_request(request)]
        assert "翻译" in labels
    with translation.override("en"):
        labels = [str(item.label) for item in reports_menu.menu_items_for_request(request)]
        assert "Translations" in labels and "翻译" not in labels


@pytest.mark.django_db
def test_workflow_task_and_group_names_follow_the_reader_language():
    ensure_editorial_groups()
    task = Task.objects.get(name=TASK_NAME).specific
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    group = Group.objects.get(name=EDITORS)
    with translation.override("zh-hans"):
        assert str(task.name) == "发布审批" and str(workflow.name) == "宣传审核"
        assert str(group.name) == "宣传编辑"
        assert Template("{{ task.name }}").render(Context({"task": task})) == "发布审批"
        assert "%(task)s" % {"task": task.name} == "发布审批"  # noqa: UP031 (as Wagtail formats its messages)
    with translation.override("en"):
        assert str(task.name) == "Publisher approval" and str(workflow.name) == "Communications approval"
        assert Template("{{ task.name }}").render(Context({"task": task})) == "Publisher approval"
    assert task.name == TASK_NAME  # compared and saved as the stored English name
    # Serialized (dumpdata, a test's serialized rollback) as stored, whatever the active language.
    with translation.override("zh-hans"):
        data = serializers.serialize("json", [group, workflow, task])
    assert "宣传" not in data and "发布审批" not in data and EDITORS in data
    # Saved from the Chinese admin as shown there, the name stays the English msgid in the database.
    with translation.override("zh-hans"):
        task.name = "发布审批"
        task.save()
        workflow.save()
    assert GroupApprovalTask.objects.filter(name=TASK_NAME).exists()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).exists()
    # A name an editor gives a task of their own is kept as typed.
    other = GroupApprovalTask.objects.create(name="法务审核")
    assert Task.objects.get(pk=other.pk).name == "法务审核"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_numbers_are_grouped_by_thousands(language):
    template = Template('{% load humanize %}{{ count|intcomma }} {{ amount|floatformat:"2g" }}')
    with translation.override(language):
        assert template.render(Context({"count": 2711, "amount": 195996000})) == "2,711 195,996,000.00"


def test_schedule_fields_name_the_time_zone():
    panel = next(p for p in NewsArticlePage.settings_panels if p.__class__.__name__ == "SchedulePanel")
    names = [child.field_name for child in panel.children]
    assert names == ["go_live_at", "expire_at"]
    for language, expected in (("zh-hans", "Asia/Shanghai 时区（北京时间"), ("en", "Asia/Shanghai time zone")):
        with translation.override(language):
            for child in panel.children:
                assert expected in str(child.help_text)


@pytest.mark.django_db
def test_a_chinese_publisher_is_emailed_the_task_name_in_chinese(mailoutbox, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from content.editorial import PUBLISHERS
    from tests.factories.pages import build_site

    pages = build_site()
    publishers = {}
    for language in ("zh-hans", "en"):
        user = get_user_model().objects.create_user(f"publisher-{language}", f"publisher-{language}@example.org", "pw")
        user.groups.add(Group.objects.get(name=PUBLISHERS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        publishers[language] = user
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    article = pages["article"]
    article.title = "深圳医学科学院正式成立（修订）"
    article.save_revision(user=editor)
    workflow = article.get_workflow()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(article, editor)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    chinese = by_recipient["publisher-zh-hans@example.org"]
    english = by_recipient["publisher-en@example.org"]
    assert "发布审批" in chinese.subject + chinese.body and "Publisher approval" not in chinese.subject + chinese.body
    assert "Publisher approval" in english.subject + english.body and "发布审批" not in english.subject + english.body
