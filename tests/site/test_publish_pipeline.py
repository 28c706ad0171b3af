"""One publish pipeline (content.publishing): one signal per transaction, one task per subscriber, and every kept
copy of public output following an edit of any snippet type.

On the demo content, for every snippet model registered with Wagtail (derived, as content.publishing derives it:
a snippet added later is checked too), a text of one of its rows that a page shows is changed in one committed
transaction; then the page (through the full-page cache and the page fragments), the digest feed when it shows it,
the search entries of the pages that show it and the static site's file of the page show the new text.
"""

import io
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import models, transaction
from django.test import TestCase, override_settings
from django.utils.html import escape
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from content import publishing
from content.models import DigestIndexPage, PledgePage
from content.pages.digest import feeds
from delivery.staticgen import build_site
from delivery.staticgen.render import file_for
from search.models import SearchDocument
from tests.factories.every_page import demo_content
from tests.factories.pages import build_site as build_tree

from .delivery.staticgen.helpers import BASE_URL, remove, temporary_output


@contextmanager
def committed(test):
    """A transaction that commits (for the pipeline): changes are told once, when it ends."""
    with (
        mock.patch.object(publishing, "_when_committed", transaction.on_commit),
        test.captureOnCommitCallbacks(execute=True),
        transaction.atomic(),
    ):
        yield


@contextmanager
def signals_received():
    received = []

    def receiver(sender, change, **kwargs):
        received.append(change)

    publishing.public_content_changed.connect(receiver, dispatch_uid="test-publish-pipeline")
    try:
        yield received
    finally:
        publishing.public_content_changed.disconnect(dispatch_uid="test-publish-pipeline")


def _texts(instance):
    """(field name, path in a StreamField or None, value) of every text of a row, longest first."""
    found = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            for position, block in enumerate(getattr(instance, field.name).raw_data):
                for key, value in (block.get("value") or {}).items():
                    if isinstance(value, str):
                        found.append((field.name, (position, key), value))
        elif (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, (models.SlugField, models.EmailField, models.URLField))
            and not field.choices
            and getattr(instance, field.name)
        ):
            found.append((field.name, None, getattr(instance, field.name)))
    return sorted((t for t in found if len(t[2].strip()) >= 2), key=lambda t: -len(t[2]))


def _set_text(instance, name, path, value):
    if path is None:
        setattr(instance, name, value)
        return
    raw = [dict(block, value=dict(block["value"])) for block in getattr(instance, name).raw_data]
    raw[path[0]]["value"][path[1]] = value
    setattr(instance, name, raw)


@override_settings(SEARCH_ENGINE="embedded", PAGE_CACHE_ENABLED=True, PAGE_FRAGMENT_CACHE=True)
class EverySnippetTypeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo_content()
        cls.tmp, cls.output = temporary_output()
        build_site(output=cls.output, base_url=BASE_URL, dynamic_origin="", workers=1, stream=io.StringIO())

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        remove(cls.tmp)

    def where_shown(self, model):
        """(row, URL, session) of a row of ``model`` and a page showing it: a live page pointing to it, else (a
        menu, a footer) the home page of its language, else (bank transfer details) the pledge confirmation."""
        rows = list(model.objects.all())
        for fallback in (False, True):
            for row in rows:
                change = publishing.PublicChange(objects={model._meta.label_lower: {row.pk}})
                pages = Page.objects.live().public().filter(pk__in=publishing.pages_showing(change))
                places = [(page.url, None) for page in pages.order_by("path")[:5]] if not fallback else []
                locale_id = getattr(row, "locale_id", None)
                if fallback and isinstance(row, TranslatableMixin):
                    places.append((Page.objects.get(depth=2, locale_id=locale_id).url, None))
                    pledge = PledgePage.objects.live().filter(locale_id=locale_id).first()
                    if pledge is not None:
                        confirmation = {"page": pledge.pk, "reference": "SMPL-2026-000001", "amount": "1.00"}
                        places.append((pledge.url + "?done=1", confirmation))
                for url, session in places:
                    self.client.cookies.clear()
                    html = self.get(url, session).content.decode()
                    if any(escape(text) in html for _n, _p, text in _texts(row)):
                        return row, url, session
        return None, None, None

    def get(self, url, session=None):
        if session is not None:
            stored = self.client.session
            stored[PledgePage.confirmation_session_key] = session
            stored.save()
        return self.client.get(url)

    def test_every_cache_feed_search_entry_and_static_file_shows_an_edit_of_each_snippet_type(self):
        snippet_models = sorted(get_snippet_models(), key=lambda model: model._meta.label)
        self.assertIn("BankTransferDetails", {model.__name__ for model in snippet_models})
        digest = DigestIndexPage.objects.live().filter(locale__language_code="zh-hans").first()
        for number, model in enumerate(snippet_models):
            with self.subTest(model=model._meta.label):
                instance, url, session = self.where_shown(model)
                self.assertIsNotNone(instance, f"no page shows a {model._meta.label}")
                self.client.cookies.clear()
                html = self.get(url, session).content.decode()
                name, path, _old = next(t for t in _texts(instance) if escape(t[2]) in html)
                marker = f"标记{number}X{model.__name__[:6]}"
                # Kept for anonymous visitors (not a page with a form): the second view is the page cache's.
                cached = session is None and self.get(url)["X-Cache"] == "hit"
                feed_key = feeds.cache_key(digest, "rss")
                feeds.get_feed(digest, "rss")
                showing = publishing.pages_showing(
                    publishing.PublicChange(objects={model._meta.label_lower: {instance.pk}})
                )
                in_feed = showing & {issue.pk for issue in digest.feed_issues()}
                entries = SearchDocument.objects.filter(page_id__in=showing)
                indexed_before = dict(entries.values_list("page", "indexed_at"))

                with (
                    override_settings(STATIC_BUILD_DIR=str(self.output)),
                    signals_received() as received,
                    committed(self),
                ):
                    _set_text(instance, name, path, marker)
                    instance.save()

                self.assertEqual(len(received), 1)
                self.assertEqual(received[0].objects, {model._meta.label_lower: {instance.pk}})
                response = self.get(url, session)
                self.assertIn(marker, response.content.decode())  # the page cache and the fragments followed
                if cached:
                    self.assertEqual(response["X-Cache"], "miss")
                if session is None:
                    static = (self.output / file_for(url)).read_text("utf-8")
                    self.assertIn(marker, static)  # the static site's file followed
                self.assertNotEqual(feeds.cache_key(digest, "rss"), feed_key)  # the kept feeds are built again
                if in_feed:
                    self.assertIn(marker, feeds.get_feed(digest, "rss").body.decode())
                for page_id, before in indexed_before.items():  # the search entries of the pages showing it
                    self.assertGreater(SearchDocument.objects.get(page_id=page_id).indexed_at, before)


class OneSignalPerTransactionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_tree()

    def test_several_edits_in_one_transaction_send_one_signal_and_one_task_per_subscriber(self):
        from content.navigation import Footer
        from delivery import tasks as delivery_tasks
        from search import tasks as search_tasks

        tmp, output = temporary_output()
        self.addCleanup(remove, tmp)
        footer = Footer.objects.create(locale=self.pages["home"].locale, organisation="深圳医学科学院")
        with (
            override_settings(STATIC_BUILD_DIR=str(output)),
            mock.patch.object(search_tasks, "follow_change") as search_task,
            mock.patch.object(delivery_tasks, "update_static_site") as static_task,
            signals_received() as received,
            committed(self),
        ):
            for key in ("article", "article_en", "mission"):
                page = self.pages[key]
                page.title = f"{page.title} (2)"
                page.save_revision().publish()
            self.pages["only_zh"].unpublish()
            footer.organisation = "深圳医学科学院（改）"
            footer.save()
            self.assertEqual(received, [])  # nothing is told before the commit
        self.assertEqual(len(received), 1)
        change = received[0]
        published = {self.pages[key].pk for key in ("article", "article_en", "mission", "only_zh")}
        self.assertEqual(change.pages, published)
        self.assertEqual(change.objects, {"content.footer": {footer.pk}})
        self.assertEqual(search_task.enqueue.call_count, 1)
        self.assertEqual(static_task.enqueue.call_count, 1)
        changed, removed, everything = static_task.enqueue.call_args.args
        self.assertEqual((set(changed), removed, everything), (published, [], True))
        self.assertEqual(search_task.enqueue.call_args.args[0]["pages"], sorted(published))

    def test_a_transaction_rolled_back_sends_nothing(self):
        with (
            signals_received() as received,
            mock.patch.object(publishing, "_when_committed", transaction.on_commit),
            self.captureOnCommitCallbacks(execute=True),
        ):
            try:
                with transaction.atomic():
                    self.pages["article"].save_revision().publish()
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
        self.assertEqual(received, [])


@pytest.mark.django_db
def test_the_models_that_affect_public_output_are_derived():
    """Every registered snippet and site setting, images, documents, sites, locales and what pages point to; never
    a page's own parts, revisions or users."""
    from django.contrib.auth import get_user_model
    from wagtail.contrib.settings.registry import registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Revision, Site

    from content.models import EventSpeaker

    found = publishing.public_models()
    assert set(get_snippet_models()) | set(registry) | {Site, Locale} <= set(found)
    assert found[get_image_model()] == "images" and found[get_document_model()] == "documents"
    assert not {Page, Revision, get_user_model(), EventSpeaker} & set(found)
