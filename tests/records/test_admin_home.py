"""Issue 16 point 8: back-office staff find their records per state on the admin home, each count a link to the
list screen filtered on that state; each person sees only the kinds of record their groups work."""

from django.test import TestCase
from wagtail.users.models import UserProfile

from records.admin_home import inbox_counts, kinds_for, state_counts
from records.grants.models import Assignment, InstitutionStatus, Status
from records.recruitment.models import Status as JobStatus
from tests.factories import grants as g
from tests.factories import recruitment as r


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


class RecordsHomeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call = g.make_call()
        institution = g.make_institution(call.programme)
        g.make_institution(call.programme, status=InstitutionStatus.PENDING)
        cls.applications = [
            g.make_application(call, institution, status=status)
            for status in (Status.SUBMITTED, Status.SUBMITTED, Status.FORMAL_REVIEW, Status.FUNDED)
        ]
        cls.office = prefer(g.office_user("grants-officer"), "zh-hans")
        cls.hr = prefer(r.hr_user("hr-officer"), "en")
        r.make_application(status=JobStatus.INTERVIEW)

    def test_each_person_sees_the_kinds_their_groups_work(self):
        self.assertEqual([k.key for k in kinds_for(self.office)], ["grants_application", "grants_institution"])
        self.assertEqual([k.key for k in kinds_for(self.hr)], ["recruitment_application"])

    def test_counts_per_state_link_to_the_filtered_list(self):
        (applications,) = [state_counts(k) for k in kinds_for(self.office) if k.key == "grants_application"]
        counts = {row["value"]: row["count"] for row in applications["rows"]}
        self.assertEqual(counts[Status.SUBMITTED], 2)
        self.assertEqual(counts[Status.FORMAL_REVIEW], 1)
        self.assertEqual(counts[Status.FUNDED], 1)
        self.assertEqual(counts[Status.WITHDRAWN], 0)
        self.assertEqual(applications["total_text"], "4")
        (submitted,) = [row for row in applications["rows"] if row["value"] == Status.SUBMITTED]
        self.assertEqual(submitted["url"], "/admin/grants/applications/?status=submitted")
        # The link opens the list with exactly those records.
        self.client.force_login(self.office)
        listing = self.client.get(submitted["url"]).content.decode()
        shown = [a.reference in listing for a in self.applications]
        self.assertEqual(shown, [True, True, False, False])

    def test_the_dashboard_shows_the_records_in_each_admin_language(self):
        self.client.force_login(self.office)
        html = self.client.get("/admin/").content.decode()
        self.assertIn('id="records-by-state-section"', html)
        for text in ("你的记录", "资助申请", "依托单位注册", "已提交", "/admin/grants/institutions/?status=pending"):
            self.assertIn(text, html)
        self.assertNotIn("职位申请", html)  # not the grants office's records
        self.assertNotIn('id="smart-your-work-section"', html)  # no page work for back-office staff
        self.client.force_login(self.hr)
        html = self.client.get("/admin/").content.decode()
        for text in (
            "Your records",
            "Job applications",
            "Interview",
            "/admin/recruitment/applications/?status=interview",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Grant applications", html)

    def test_the_summary_at_the_top_names_what_waits_in_each_inbox(self):
        inboxes = {item["kind"].key: (item["count"], item["url"]) for item in inbox_counts(self.office)}
        self.assertEqual(
            inboxes,
            {
                "grants_application": (2, "/admin/grants/applications/?status=submitted"),
                "grants_institution": (1, "/admin/grants/institutions/?status=pending"),
            },
        )
        self.client.force_login(self.office)
        html = self.client.get("/admin/").content.decode()
        summary = html.split('class="w-summary__list"')[1].split("</ul>")[0]
        self.assertIn("2 资助申请 · 已提交", summary)
        self.assertIn("1 依托单位注册 · 待审核", summary)
        self.client.force_login(self.hr)
        html = self.client.get("/admin/").content.decode()
        summary = html.split('class="w-summary__list"')[1].split("</ul>")[0]
        self.assertIn("0 Job applications · Received", summary)

    def test_a_reviewer_finds_the_reviews_to_do_at_the_top(self):
        reviewer = g.make_reviewer()
        prefer(reviewer.user, "zh-hans")
        Assignment.objects.create(application=self.applications[0], reviewer=reviewer)
        Assignment.objects.create(application=self.applications[1], reviewer=reviewer, state=Assignment.State.SUBMITTED)
        self.client.force_login(reviewer.user)
        html = self.client.get("/admin/").content.decode()
        summary = html.split('class="w-summary__list"')[1].split("</ul>")[0]
        self.assertIn('<a href="/admin/grants/my-reviews/">1 份评审待完成</a>', summary)
        self.assertNotIn('id="records-by-state-section"', html)  # a reviewer sees no records lists
        prefer(reviewer.user, "en")
        html = self.client.get("/admin/").content.decode()
        self.assertIn('<a href="/admin/grants/my-reviews/">1 review to do</a>', html)
        # The grants office itself has no reviews to do.
        self.client.force_login(self.office)
        self.assertNotIn("grants_my_reviews", self.client.get("/admin/").content.decode())
