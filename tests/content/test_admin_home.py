"""Issue 16 point 8: the admin home shows each communications staff member what waits for them: pages awaiting
their approval, their drafts, translations out of date (the original published after the translation) and scheduled
pages, times in Beijing time, in both admin languages; back-office panels stay away from them."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from content.admin_home import awaiting_approval, out_of_date_translations, own_drafts, scheduled_pages, work_for
from content.editorial import EDITORS, PUBLISHERS
from tests.factories.pages import build_site


def staff(username, group, language="en"):
    user = get_user_model().objects.create_user(username, password="secret-password")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def titles(work_list):
    return [item["title"] for item in work_list.items]


class AdminHomeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.editor = staff("editor", EDITORS)
        cls.publisher = staff("publisher", PUBLISHERS, language="zh-hans")
        pages = cls.pages
        # The editor saves a draft of the mission page and submits "About" for approval.
        mission = pages["mission"].specific
        mission.intro = "新的导语（草稿）"
        mission.save_revision(user=cls.editor)
        about = Page.objects.get(pk=pages["about"].pk).specific
        about.get_workflow().start(about, cls.editor)
        # The Chinese news article is published again after its translation: the English one is out of date.
        article = Page.objects.get(pk=pages["article"].pk).specific
        article.title = "深圳医学科学院正式成立（更新）"
        article.save_revision(user=cls.publisher).publish(user=cls.publisher)
        # The news index goes live again in three days, 09:30 Beijing time.
        cls.go_live = timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=3), datetime.time(9, 30))
        )
        news = Page.objects.get(pk=pages["news"].pk).specific
        news.go_live_at = cls.go_live
        news.save_revision(user=cls.publisher).publish(user=cls.publisher)

    def test_the_publisher_sees_what_awaits_their_approval(self):
        approvals = awaiting_approval(self.publisher)
        self.assertEqual((approvals.total, titles(approvals)), (1, ["关于我们"]))
        self.assertEqual(approvals.items[0]["task"], "Publisher approval")
        self.assertEqual(approvals.items[0]["by"], "editor")
        self.assertEqual(awaiting_approval(self.editor).total, 0)  # editors cannot approve

    def test_drafts_are_each_persons_own(self):
        drafts = own_drafts(self.editor)
        self.assertIn("使命", titles(drafts))
        self.assertNotIn("使命", titles(own_drafts(self.publisher)))

    def test_a_translation_is_out_of_date_once_its_original_is_published_after_it(self):
        stale = out_of_date_translations(self.editor)
        self.assertEqual(titles(stale), ["SMART is founded"])
        item = stale.items[0]
        article = Page.objects.get(pk=self.pages["article"].pk)
        self.assertEqual(item["source_url"], f"/admin/pages/{article.pk}/edit/")
        self.assertEqual(
            item["source_published"], timezone.localtime(article.last_published_at).strftime("%Y-%m-%d %H:%M")
        )
        # Publishing the translation brings it up to date.
        article_en = Page.objects.get(pk=self.pages["article_en"].pk).specific
        article_en.save_revision(user=self.publisher).publish(user=self.publisher)
        self.assertEqual(out_of_date_translations(self.editor).total, 0)

    def test_a_translation_never_published_is_out_of_date(self):
        page = Page.objects.get(pk=self.pages["only_zh"].pk)
        draft = page.copy_for_translation(self.pages["home_en"].locale, copy_parents=False, alias=False)
        stale = out_of_date_translations(self.editor)
        self.assertIn(draft.pk, [int(item["url"].split("/")[-3]) for item in stale.items])
        self.assertEqual([i["published"] for i in stale.items if int(i["url"].split("/")[-3]) == draft.pk], [""])

    def test_scheduled_pages_with_their_time_in_beijing(self):
        scheduled = scheduled_pages(self.editor)
        self.assertEqual(titles(scheduled), ["新闻动态"])
        self.assertEqual(scheduled.items[0]["when"], self.go_live.strftime("%Y-%m-%d") + " 09:30")

    def test_someone_without_page_permissions_gets_no_page_work(self):
        nobody = get_user_model().objects.create_user("nobody", password="x")
        work = work_for(nobody)
        self.assertEqual(work.total, 0)

    def dashboard(self, user):
        self.client.force_login(user)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_dashboard_shows_the_work_in_each_admin_language(self):
        html = self.dashboard(self.publisher)  # Chinese admin
        self.assertIn('id="smart-your-work-section"', html)
        for text in (
            "你的工作",
            "待你审批",
            "你的草稿",
            "过时的翻译",
            "定时发布的页面",
            "关于我们",
            "新闻动态",
            "北京时间",
        ):
            self.assertIn(text, html)
        self.assertIn("发布审批", html)  # the task's name in Chinese, not "Publisher approval"
        self.assertIn("SMART is founded", html)
        self.assertNotIn('id="records-by-state-section"', html)  # no back-office panel for communications staff
        html = self.dashboard(self.editor)  # English admin
        for text in (
            "Your work",
            "Awaiting your approval",
            "Your drafts",
            "Translations out of date",
            "Scheduled pages",
        ):
            self.assertIn(text, html)
        self.assertIn("No page waits for your approval.", html)
        self.assertIn("使命", html)
        with translation.override("en"):
            self.assertIn(f"Goes live {self.go_live:%Y-%m-%d} 09:30", html)
