"""The admin speaks one language at a time (issue 16, points 6 and 7), in real Chromium.

A staff member whose admin language is Chinese walks the dashboard, the page explorer, the editors of the main
page types (with the schedule dialog and an empty rich text field), a new page (its slug filled in as pinyin as the
title is typed), the snippets and a snippet chooser, the reports and the settings screens: any English word on
those screens that is not content (page titles, names) or a proper name fails the test. The same walk in the English
admin fails on any Chinese that is not content. Screenshots: test-artifacts/browser/admin-language-*.png.
The walk is cut into parts (PARTS) that sign in on their own and that the test workers run side by side.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Site
from wagtail.users.models import UserProfile

from content.models import FieldOfMedicine, NewsArticlePage, StandardPage
from tests.factories import digest as digest_factories
from tests.factories.images import make_image
from tests.factories.publications import build_white_papers

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
NEW_TITLE = "定时发布测试新闻ux"
NEW_SLUG = "ding-shi-fa-bu-ce-shi-xin-wen-ux"

# Proper names and technical terms that are the same in both admin languages.
ENGLISH_ALLOWED = {
    "SMART",
    "Wagtail",
    "Localize",
    "English",  # the name of the language in itself, as language menus show it
    "Asia",
    "Shanghai",
    "UTC",
    "API",
    "URL",
    "ID",
    "SEO",
    "RSS",
    "PDF",
    "DOI",  # a white paper's identifiers
    "ISBN",
    "CNY",
    "JavaScript",
    "Draftail",
    "Tab",
    "Ctrl",
    "Cmd",
    "Alt",
    "Shift",
    "Enter",
    "Esc",
}
CHINESE_ALLOWED = {"简体中文"}  # the name of the language in itself
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]")
URLISH = re.compile(r"(https?://\S+|\S+@\S+\.\S+|/[\w./?=&%-]*)")

VISIBLE_TEXT = """() => {
  const parts = [document.body.innerText];
  const shown = (el) => el.getClientRects().length > 0;
  for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
    if (shown(el)) parts.push(el.getAttribute("placeholder"));
  }
  for (const el of document.querySelectorAll("[aria-label]")) {
    if (shown(el)) parts.push(el.getAttribute("aria-label"));
  }
  return parts.join("\\n");
}"""


@pytest.fixture
def admin_site(served_site, live_server):
    pages = served_site
    fields = digest_factories.make_fields()
    index, index_en = digest_factories.make_index(pages["home"], pages["home_en"])
    issue = digest_factories.add_issue(
        index,
        datetime.date(2026, 12, 1),
        title="全球医学科技动态 · 2026年12月",
        items=[digest_factories.item(fields["oncology"][0], "肿瘤免疫治疗新进展")],
    )
    pages.update(digest_index=index, issue=issue, base_url=live_server.url)
    return pages


def staff_member(language):
    username = f"admin-{language}"
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def sign_in(new_page, base_url, language):
    staff_member(language)
    page = new_page(locale="zh-CN" if language == "zh-hans" else "en-GB", viewport={"width": 1280, "height": 1400})
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", f"admin-{language}")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()
    assert page.url == base_url + "/admin/"
    return page


def content_strings():
    """What editors wrote or named: page titles, snippet names, image titles, user names, the site's name."""
    strings = set()
    for title, draft in Page.objects.values_list("title", "draft_title"):
        strings.update([title, draft])
    strings.update(FieldOfMedicine.objects.values_list("name", flat=True))
    strings.update(FieldOfMedicine.objects.values_list("slug", flat=True))
    strings.update(PageLogEntry.objects.values_list("label", flat=True))  # titles of pages since deleted
    strings.update(get_image_model().objects.values_list("title", flat=True))
    strings.update(get_user_model().objects.values_list("username", flat=True))
    strings.update(get_user_model().objects.values_list("email", flat=True))
    strings.update(Site.objects.values_list("site_name", flat=True))
    strings.update(Site.objects.values_list("hostname", flat=True))
    strings.update(["肿瘤免疫治疗新进展", "一段摘要。", "示例医学期刊", "每月一期。示例内容。", NEW_TITLE, NEW_SLUG])
    return sorted((s for s in strings if s), key=len, reverse=True)


def foreign_words(text, language, content):
    """The words of the other language in ``text`` that are neither content nor allowed names."""
    for string in content:
        text = text.replace(string, " ")
    text = URLISH.sub(" ", text)
    if language == "zh-hans":
        return sorted({word for word in WORD.findall(text) if word not in ENGLISH_ALLOWED})
    return sorted({run for run in CJK.findall(text) if run not in CHINESE_ALLOWED and CJK.fullmatch(run)})


class Walk:
    """Visits admin screens, keeps a screenshot of each and collects the words of the wrong language."""

    def __init__(self, page, base_url, language, screenshot):
        self.page, self.base_url, self.language, self.take = page, base_url, language, screenshot
        self.found = {}

    def check(self, name):
        self.page.wait_for_load_state("networkidle")
        words = foreign_words(self.page.evaluate(VISIBLE_TEXT), self.language, content_strings())
        if words:
            self.found[name] = words
        self.take(self.page, f"admin-language-{self.language}-{name}")

    def visit(self, name, path):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, (path, response.status)
        self.check(name)


def walk_new_page_and_reports(page, site, walk):
    """A news article added (the slug part), then the screens that show it: the dashboard's recent edits, the
    explorer, the reports (the translations missing, the site's history)."""
    add_news_article(page, site, walk.language, walk.take)
    walk.visit("dashboard", "/admin/")
    walk.visit("explorer", f"/admin/pages/{site['home'].pk}/")
    walk.visit("explorer-news", f"/admin/pages/{site['news'].pk}/")

    # The reports menu, opened in the sidebar, and the reports.
    page.goto(site["base_url"] + "/admin/")
    page.locator("button.sidebar-menu-item__link", has=page.locator("[class*=icon-]")).filter(
        has_text=re.compile("报告|Reports")
    ).click()
    walk.check("reports-menu")
    walk.visit("translations-report", "/admin/localize/reports/translations/")
    walk.visit("workflow-report", "/admin/reports/workflow/")
    walk.visit("locked-pages", "/admin/reports/locked/")
    walk.visit("aging-pages", "/admin/reports/aging-pages/")
    walk.visit("site-history", "/admin/reports/site-history/")


def walk_page_editors(page, site, walk):
    """The editors of the main page types, with the schedule dialog, an empty rich text field and a chooser."""
    language, article, issue = walk.language, site["article"], site["issue"]
    walk.visit("edit-home", f"/admin/pages/{site['home'].pk}/edit/")
    walk.visit("edit-section", f"/admin/pages/{site['about'].pk}/edit/")
    # A body with an image: the image chooser's own label is in the admin's language (Wagtail leaves it unlabelled,
    # which showed the English "Image" in the Chinese admin).
    with_image = site["mission"] if language == "zh-hans" else site["mission_en"]
    image = {"image": make_image("使命配图").pk, "decorative": False, "alt_text": "示意图"}
    draft = StandardPage.objects.get(pk=with_image.pk)
    draft.body = [{"type": "image", "value": {"image": image, "caption": ""}}]
    draft.save_revision()
    walk.visit("edit-standard", f"/admin/pages/{with_image.pk}/edit/")

    # A white paper: its topics in the page's language only, each once, and its authors under their names in the
    # page's language (topics and people are rows per language; the English page's were copied from its Chinese
    # original).
    build_white_papers(site)
    paper = site["paper"] if language == "zh-hans" else site["paper_en"]
    walk.visit("edit-white-paper", f"/admin/pages/{paper.pk}/edit/")
    topics = page.locator("input[name=topics]")
    names = [" ".join(label.split()) for label in page.locator("label:has(input[name=topics])").all_inner_texts()]
    assert names == (["人才培养", "科研资助"] if language == "zh-hans" else ["Talent", "Research funding"])
    assert [box.is_checked() for box in topics.all()] == [True, False]
    walk.visit("edit-digest-index", f"/admin/pages/{site['digest_index'].pk}/edit/")

    # The news article: an empty rich text field shows its placeholder; the schedule dialog names the time zone.
    walk.visit("edit-news", f"/admin/pages/{article.pk}/edit/")
    dialog = page.locator("#schedule-publishing-dialog")
    assert "Asia/Shanghai" in dialog.text_content()
    page.locator('[data-side-panel-toggle="status"]').click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    dialog.locator("input[name=go_live_at]").wait_for(state="visible")
    walk.check("schedule-dialog")
    page.keyboard.press("Escape")

    # The digest issue: the field of medicine chooser and its modal.
    walk.visit("edit-digest-issue", f"/admin/pages/{issue.pk}/edit/")
    chooser = page.locator(".snippet-chooser").first
    choose_another = chooser.locator("[data-chooser-action-choose]").first
    expected = "选择 医学领域" if language == "zh-hans" else "Choose field of medicine"
    assert " ".join(choose_another.text_content().split()) == expected
    choose_another.evaluate("button => button.click()")  # inside the chooser's "more" menu
    page.locator(".modal-dialog").wait_for(state="visible")
    walk.check("field-of-medicine-chooser")
    page.keyboard.press("Escape")


def walk_snippets_media_and_settings(page, site, walk):
    """The snippets, images and documents, the workflows, users and groups, and the settings screens."""
    walk.visit("snippets", "/admin/snippets/")
    walk.visit("fields-of-medicine", "/admin/snippets/content/fieldofmedicine/")
    walk.visit("images", "/admin/images/")
    walk.visit("documents", "/admin/documents/")
    walk.visit("workflows", "/admin/workflows/list/")
    walk.visit("tasks", "/admin/workflows/tasks/index/")
    walk.visit("users", "/admin/users/")
    walk.visit("groups", "/admin/groups/")
    walk.visit("sites", "/admin/sites/")
    walk.visit("locales", "/admin/locales/")
    walk.visit("redirects", "/admin/redirects/")
    walk.visit("account", "/admin/account/")


# The walk is cut into parts that the test workers can run side by side, each signing in on its own; together they
# visit every screen. The news article is added in the part whose screens show it (the dashboard's recent edits, the
# explorer, the reports), before them, as in one walk; the other parts' screens do not show it.
PARTS = {
    "new page and reports": walk_new_page_and_reports,
    "page editors": walk_page_editors,
    "snippets, media and settings": walk_snippets_media_and_settings,
}


def add_news_article(page, site, language, screenshot):
    """A new page with a Chinese title gets a pinyin slug as the title is typed, and keeps it when saved."""
    from playwright.sync_api import expect

    page.goto(site["base_url"] + f"/admin/pages/add/content/newsarticlepage/{site['news'].pk}/")
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially(NEW_TITLE, delay=20)
    title.blur()
    slug = page.locator("#id_slug")
    expect(slug).to_have_value(NEW_SLUG)
    screenshot(page, f"admin-language-{language}-new-page-slug")
    page.locator("#id_date").fill("2026-12-01")
    page.locator("button[name=action-save], button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    created = NewsArticlePage.objects.get(title=NEW_TITLE)
    assert created.slug == NEW_SLUG


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_admin_speaks_one_language(admin_site, new_page, screenshot, language, part):
    page = sign_in(new_page, admin_site["base_url"], language)
    walk = Walk(page, admin_site["base_url"], language, screenshot)
    PARTS[part](page, admin_site, walk)
    assert walk.found == {}, f"words of the other language in the {language} admin ({part}): {walk.found}"
