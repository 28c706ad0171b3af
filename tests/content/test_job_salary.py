"""Issue 16 point 9: a posting shows its salary range with separators in its language, refuses a figure beyond a
sane bound (or a range upside down) on the field with a translated message, and its preview has no empty form
heading."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from content.models import JobPostingPage
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs


def errors_of(page):
    try:
        page.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


class SalaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_jobs(build_site())

    def posting(self, key="postdoc", **fields):
        page = JobPostingPage.objects.get(pk=self.pages[key].pk)
        for name, value in fields.items():
            setattr(page, name, value)
        return page

    def test_the_range_reads_naturally_in_each_language(self):
        page = self.posting(salary_min=Decimal("20000"), salary_max=Decimal("35000"), salary_period="MONTH")
        with translation.override("zh-hans"):
            self.assertEqual(page.salary_range(), "月薪 20,000–35,000 元")
        with translation.override("en"):
            self.assertEqual(page.salary_range(), "Monthly salary CNY 20,000–35,000")
        page.salary_period, page.salary_min, page.salary_max = "YEAR", Decimal("800000"), Decimal("1500000.50")
        with translation.override("zh-hans"):
            self.assertEqual(page.salary_range(), "年薪 800,000–1,500,000.50 元")
        with translation.override("en"):
            self.assertEqual(page.salary_range(), "Annual salary CNY 800,000–1,500,000.50")
        page.salary_period, page.salary_max = "MONTH", None
        page.salary_min = Decimal("18000")
        with translation.override("zh-hans"):
            self.assertEqual(page.salary_range(), "月薪 18,000 元起")
        with translation.override("en"):
            self.assertEqual(page.salary_range(), "Monthly salary from CNY 18,000")
        page.salary_min, page.salary_max = None, Decimal("30000")
        with translation.override("zh-hans"):
            self.assertEqual(page.salary_range(), "月薪最高 30,000 元")
        with translation.override("en"):
            self.assertEqual(page.salary_range(), "Monthly salary up to CNY 30,000")
        page.salary_max = None
        self.assertEqual(page.salary_range(), "")

    def test_both_language_pages_show_the_range(self):
        for key, language, text in (
            ("postdoc", "zh-hans", "月薪 20,000–35,000 元"),
            ("postdoc_en", "en", "Monthly salary CNY 20,000–35,000"),
        ):
            page = self.posting(key, salary_min=Decimal("20000"), salary_max=Decimal("35000"), salary_period="MONTH")
            page.save_revision().publish()
            html = self.client.get(page.url).content.decode()
            self.assertIn(f'<span class="salary-range">{text}</span>', html, language)
            self.assertIn(page.salary_text, html)  # the words ("面议", "Competitive") stay under the figures

    def test_a_posting_without_figures_shows_only_its_words(self):
        html = self.client.get(self.pages["postdoc_en"].url).content.decode()
        self.assertNotIn("salary-range", html)
        self.assertIn("Competitive", html)

    def test_a_monthly_figure_above_the_bound_is_refused_on_its_field(self):
        page = self.posting(salary_min=Decimal("20000"), salary_max=Decimal("3500000"), salary_period="MONTH")
        with translation.override("en"):
            self.assertEqual(
                errors_of(page)["salary_max"],
                [
                    "A monthly salary above CNY 1,000,000 cannot be right: please check the figure "
                    "(a yearly amount in a monthly field, or a zero too many?)."
                ],
            )
        with translation.override("zh-hans"):
            self.assertIn("月薪不可能超过 1,000,000 元", errors_of(page)["salary_max"][0])
        self.assertNotIn("salary_min", errors_of(page))
        # The bound is exactly one million a month; a year may hold twelve of them.
        page.salary_max = Decimal("1000000")
        self.assertEqual(errors_of(page), {})
        page.salary_period, page.salary_max = "YEAR", Decimal("12000000")
        self.assertEqual(errors_of(page), {})
        page.salary_max = Decimal("12000001")
        with translation.override("en"):
            self.assertIn("An annual salary above CNY 12,000,000", errors_of(page)["salary_max"][0])

    def test_zero_negative_and_upside_down_ranges_are_refused(self):
        page = self.posting(salary_min=Decimal("0"), salary_max=Decimal("-5"), salary_period="MONTH")
        with translation.override("en"):
            errors = errors_of(page)
        self.assertEqual(errors["salary_min"], ["A salary must be more than zero."])
        self.assertEqual(errors["salary_max"], ["A salary must be more than zero."])
        page.salary_min, page.salary_max = Decimal("35000"), Decimal("20000")
        with translation.override("zh-hans"):
            errors = errors_of(page)
        self.assertEqual(list(errors), ["salary_max"])
        self.assertNotIn("upper end", errors["salary_max"][0])  # translated

    def test_a_preview_shows_no_empty_form_heading(self):
        for key, heading in (("pi", "申请表"), ("pi_en", "Application form")):
            page = self.posting(key)
            response = page.make_preview_request()
            self.assertEqual(response.status_code, 200)
            html = response.render().content.decode()
            self.assertIn(page.title, html)
            self.assertNotIn('id="apply-heading"', html)
            self.assertNotIn(f">{heading}</h2>", html)
            self.assertNotIn('href="#apply"', html)  # no "Apply now" to a form that is not there
            # The live page still has its form under the heading.
            live = self.client.get(page.url).content.decode()
            self.assertIn('id="apply-heading"', live)
            self.assertIn('name="form_token"', live)
