"""A white paper's topics in the editor, in each admin language, in real Chromium.

Every topic is a row per language, and a translation is created with its original's topics. A publisher opens the
white paper of their language: the topics are the page language's, each once, as tick boxes, the one copied from
the original ticked under its own language's name (the editor used to list every topic twice, once in the other
language, in a multiple-selection box). They tick a second topic and publish: the page keeps both topics, the
index card names both in the page's language and the index filtered by the new topic lists the paper.
Screenshots in test-artifacts/browser/white-paper-topics-<language>-*.png."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from content.editorial import PUBLISHERS
from content.models import WhitePaperPage
from tests.browser.staff import BROWSER_LOCALE, PASSWORD, sign_in, t
from tests.factories.publications import build_white_papers

pytestmark = pytest.mark.browser

TOPICS = {"zh-hans": ["人才培养", "科研资助"], "en": ["Talent", "Research funding"]}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_publisher_ticks_a_topic_of_their_language_and_the_paper_keeps_both(
    served_site, live_server, new_page, screenshot, language
):
    base = live_server.url
    pages = build_white_papers(served_site)
    paper = pages["paper"] if language == "zh-hans" else pages["paper_en"]
    index = pages["wp_index"] if language == "zh-hans" else pages["wp_index_en"]
    talent, funding = (pages["topics"][key][0 if language == "zh-hans" else 1] for key in ("talent", "funding"))
    user = get_user_model().objects.create_user(f"papers-{language}", password=PASSWORD)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    page = new_page(locale=BROWSER_LOCALE[language])
    sign_in(page, base, user.username)

    # 1. The topics of the page's language, each once; the paper's own topic ticked.
    page.goto(f"{base}/admin/pages/{paper.pk}/edit/")
    boxes = page.locator("input[type=checkbox][name=topics]")
    labels = [" ".join(text.split()) for text in page.locator("label:has(input[name=topics])").all_inner_texts()]
    assert labels == TOPICS[language]
    assert [box.is_checked() for box in boxes.all()] == [True, False]
    boxes.nth(0).scroll_into_view_if_needed()
    screenshot(page, f"white-paper-topics-{language}-1-editor")

    # 2. A second topic ticked and the page published.
    page.get_by_label(TOPICS[language][1], exact=True).check()
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Publish", language), exact=True).click()
    assert page.locator(".messages .success").count() == 1, page.locator(".messages").inner_text()
    stored = WhitePaperPage.objects.get(pk=paper.pk)
    assert stored.live and not stored.has_unpublished_changes
    assert sorted(topic.pk for topic in stored.topics.all()) == sorted([talent.pk, funding.pk])

    # 3. The editor shows both ticked.
    page.goto(f"{base}/admin/pages/{paper.pk}/edit/")
    assert [box.is_checked() for box in page.locator("input[name=topics]").all()] == [True, True]

    # 4. The index card names both topics in the page's language; the index filtered by the new topic lists it.
    page.goto(f"{base}{index.url}?topic={funding.slug}")
    card = page.locator(".pub-card", has=page.get_by_role("link", name=stored.title))
    assert card.count() == 1
    assert [" ".join(text.split()) for text in card.locator(".pub-topic").all_inner_texts()] == TOPICS[language]
    screenshot(page, f"white-paper-topics-{language}-2-index")
    assert page.problems == []
