"""Staff work: admin in either language, moderation workflow, translation with wagtail-localize."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from content.editorial import EDITORS, PUBLISHERS
from content.models import StandardPage


def make_user(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(("language", "chinese"), [("zh-hans", True), ("en", False)])
def test_admin_follows_the_user_language_preference(client, site_tree, language, chinese):
    editor = make_user("editor-" + language, EDITORS)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'lang="{language}"' in body
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert bool(re.search(r"[\u4e00-\u9fff]", title)) is chinese
    assert ("Dashboard" in title) is not chinese


def test_editors_submit_and_publishers_approve(site_tree):
    editor = make_user("editor", EDITORS)
    publisher = make_user("publisher", PUBLISHERS)
    page = site_tree["mission"]

    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(publisher).can_publish()

    page.title = "使命与愿景"
    revision = page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Communications approval"
    state = workflow.start(page, editor)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert Page.objects.get(pk=page.pk).title == "使命"  # nothing live changes yet

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, publisher)
    assert [action[0] for action in task.get_actions(page, editor)] == []  # editors cannot approve
    assert "approve" in [action[0] for action in task.get_actions(page, publisher)]
    task.on_action(task_state, publisher, "approve")
    page.refresh_from_db()
    assert page.live and page.title == "使命与愿景"
    assert page.live_revision_id == revision.pk or page.live_revision.content["title"] == "使命与愿景"


def test_editors_cannot_reach_publish_in_admin(client, site_tree):
    editor = make_user("editor2", EDITORS)
    client.force_login(editor)
    page = site_tree["mission"]
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.live


def test_translate_a_new_page_with_wagtail_localize_and_sync_changes(
    client, site_tree, django_capture_on_commit_callbacks
):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    en = Locale.objects.get(language_code="en")
    page = StandardPage(title="多组学检测分析平台", slug="omics", intro="平台向院内外科研团队开放。")
    site_tree["about"].add_child(instance=page)
    page.save_revision().publish()

    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    english = {
        "omics": "omics",
        "多组学检测分析平台": "Multi-omics Analysis Platform",
        "平台向院内外科研团队开放。": "The platform is open to research teams inside and outside SMART.",
    }
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string, locale=en, context=segment.context, data=english[segment.string.data]
        )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(user=admin, publish=True)
    body = client.get("/en/about/omics/").content.decode()
    assert "Multi-omics Analysis Platform" in body
    assert "The platform is open to research teams" in body

    # The source changes: after a sync the translation shows what is out of date.
    page.intro = "平台向院内外科研团队开放，提供测序与质谱服务。"
    page.save_revision().publish()
    source = TranslationSource.objects.get(pk=translation.source_id)
    response = client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": ""})
    assert response.status_code == 302
    translation.refresh_from_db()
    total, done = translation.get_progress()
    assert done < total
    edit_view = client.get(f"/admin/pages/{page.get_translation(en).pk}/edit/")
    assert edit_view.status_code == 200
