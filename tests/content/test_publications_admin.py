"""Editors can create the new page types and edit people, topics and event series in the Wagtail admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from content.editorial import EDITORS, PUBLISHERS
from content.models import EventIndexPage, JobIndexPage, WhitePaperIndexPage
from tests.factories.pages import build_site, publish_child


class PublicationsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        home = cls.pages["home"]
        cls.indexes = {
            "whitepaperpage": publish_child(home, WhitePaperIndexPage(title="白皮书", slug="white-papers")),
            "eventpage": publish_child(home, EventIndexPage(title="学术活动", slug="events")),
            "jobpostingpage": publish_child(home, JobIndexPage(title="人才招聘", slug="careers")),
        }
        cls.admin = get_user_model().objects.create_superuser("admin", password="x")

    def test_add_page_forms_render(self):
        self.client.force_login(self.admin)
        for model, parent in self.indexes.items():
            response = self.client.get(f"/admin/pages/add/content/{model}/{parent.pk}/")
            self.assertEqual(response.status_code, 200, model)
        for model in ("whitepaperindexpage", "eventindexpage", "jobindexpage"):
            response = self.client.get(f"/admin/pages/add/content/{model}/{self.pages['home'].pk}/")
            self.assertEqual(response.status_code, 200, model)

    def test_snippets_are_listed_and_editable(self):
        self.client.force_login(self.admin)
        for model in ("person", "topic", "eventseries"):
            self.assertEqual(self.client.get(f"/admin/snippets/content/{model}/").status_code, 200, model)
            self.assertEqual(self.client.get(f"/admin/snippets/content/{model}/add/").status_code, 200, model)

    def test_editorial_groups_may_edit_the_snippets(self):
        for name, actions in ((EDITORS, ("add", "change")), (PUBLISHERS, ("add", "change", "delete"))):
            codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
            for model in ("person", "topic", "eventseries"):
                for action in actions:
                    self.assertIn(f"{action}_{model}", codenames, (name, model))
