"""The bilingual demo content (demo): loaded once for the whole class, checked from several sides."""

import io
import re
from contextlib import contextmanager

from django.core.management import call_command
from django.test import TestCase
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from content.models import (
    ApplicationStatusPage,
    Footer,
    FundCallPage,
    HomePage,
    InstitutionRegistrationPage,
    MainMenu,
    NewsArticlePage,
    SectionIndexPage,
    StandardPage,
)
from content.templatetags.smart_tags import phrases
from demo import facts as F
from demo import sections
from demo.documents import TITLES as DOCUMENT_TITLES
from demo.grants import OPEN_CALL_CODE
from demo.images import ARTWORK, QR_ARTWORK
from demo.loader import load_demo
from demo.pages import build_tree
from tests.factories import grants as grants_factories

SECTION_SLUGS = [
    "about",
    "research",
    "funding",
    "education",
    "events",
    "digest",
    "white-papers",
    "news",
    "careers",
    "foundation",
    "contact",
]


@contextmanager
def only_section_loaders(*loaders):
    """Run the loader with just these section loaders: the main tree is tested here, each section with its own."""
    saved = list(sections.SECTION_LOADERS)
    sections.SECTION_LOADERS[:] = loaders
    try:
        yield
    finally:
        sections.SECTION_LOADERS[:] = saved


def _counts():
    """Object counts that a repeated load must leave unchanged."""
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "menus": MainMenu.objects.count(),
        "footers": Footer.objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
    }


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        first_output, second_output = io.StringIO(), io.StringIO()
        cls.call = grants_factories.make_call()  # the open call of `load_grants_demo`, which the call page shows
        cls.call.code = OPEN_CALL_CODE
        cls.call.save()
        grants_factories.make_round(cls.call.programme)
        with only_section_loaders():
            call_command("load_demo", only=["pages"], stdout=first_output)
            cls.counts_after_first = _counts()
            second = load_demo(stdout=second_output)
        cls.first_output = first_output.getvalue()
        cls.second_created = second.created
        cls.tree_page_ids = {page.pk for pages in second.pages.values() for page in pages.values()}
        cls.second_output = second_output.getvalue()
        cls.counts_after_second = _counts()

    def setUp(self):
        self.zh = Locale.objects.get(language_code="zh-hans")
        self.en = Locale.objects.get(language_code="en")

    # -- loading -----------------------------------------------------------------------------------

    def test_second_run_creates_nothing(self):
        self.assertEqual(self.second_created, 0)
        self.assertEqual(self.counts_after_first, self.counts_after_second)
        self.assertIn("Demo content is up to date: nothing created.", self.second_output.strip().splitlines()[-1])

    def test_command_reports_each_step_and_a_summary(self):
        lines = self.first_output.strip().splitlines()
        expected_pages = len(list(build_tree().walk()))
        self.assertIn(f"pages (zh-hans): {expected_pages} created", lines)
        self.assertIn(f"pages (en): {expected_pages} created", lines)
        self.assertIn(f"images: {len(ARTWORK) + 1} created", lines)
        self.assertTrue(lines[-1].startswith("Demo content loaded:"), lines[-1])

    def test_section_loaders_run_after_the_tree(self):
        calls = []

        def loader(homes, stdout):
            calls.append({code: (type(home), home.locale.language_code) for code, home in homes.items()})
            return 2

        with only_section_loaders(loader):
            summary = load_demo()
        self.assertEqual(calls, [{"zh-hans": (HomePage, "zh-hans"), "en": (HomePage, "en")}])
        self.assertEqual(summary.created, 2)

    # -- structure ---------------------------------------------------------------------------------

    def test_site_root_is_the_chinese_home_and_the_welcome_page_is_gone(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("testserver", 80))
        home = site.root_page.specific
        self.assertIsInstance(home, HomePage)
        self.assertEqual(home.locale, self.zh)
        self.assertFalse(Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists())
        self.assertEqual(Page.objects.filter(depth=2).count(), 2)  # the zh home and its en translation

    def test_same_tree_in_both_languages(self):
        for locale in (self.zh, self.en):
            home = HomePage.objects.get(locale=locale)
            slugs = list(home.get_children().values_list("slug", flat=True))
            self.assertEqual(slugs, SECTION_SLUGS)
        tree = Page.objects.filter(pk__in=self.tree_page_ids)
        self.assertEqual(tree.filter(locale=self.zh).count(), len(list(build_tree().walk())))
        self.assertEqual(tree.filter(locale=self.en).count(), len(list(build_tree().walk())))
        for model in (SectionIndexPage, StandardPage, NewsArticlePage):
            in_tree = model.objects.filter(pk__in=self.tree_page_ids)
            self.assertEqual(in_tree.filter(locale=self.zh).count(), in_tree.filter(locale=self.en).count())
        self.assertGreaterEqual(NewsArticlePage.objects.filter(locale=self.en).count(), 6)

    def test_every_slug_is_readable_ascii(self):
        """Readable addresses (issue 16, point 6): no Chinese (or other non-ASCII) slug in the demo tree."""
        slugs = list(Page.objects.filter(pk__in=self.tree_page_ids).values_list("slug", flat=True))
        self.assertTrue(slugs)
        self.assertEqual([slug for slug in slugs if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)], [])

    def test_every_chinese_page_has_a_live_english_translation_with_the_same_key(self):
        for page in Page.objects.filter(locale=self.zh, depth__gte=2, pk__in=self.tree_page_ids):
            translation = page.get_translation_or_none(self.en)
            self.assertIsNotNone(translation, page.url_path)
            self.assertEqual(translation.translation_key, page.translation_key)
            self.assertTrue(translation.live, translation.url_path)
            self.assertTrue(page.live, page.url_path)
            self.assertEqual(translation.specific_class, page.specific_class)
            if page.depth > 2:
                self.assertEqual(translation.slug, page.slug)
            self.assertNotEqual(translation.title, page.title, page.url_path)

    def test_english_bodies_link_english_pages(self):
        fund_en = StandardPage.objects.get(locale=self.en, slug="sci-tech-resources-management")
        linked = [block.value["link"]["page"] for block in fund_en.body if block.block_type == "call_to_action"]
        self.assertTrue(linked)
        self.assertTrue(all(page.locale_id == self.en.pk for page in linked))

    # -- rendering ---------------------------------------------------------------------------------

    def test_every_page_renders_in_both_languages_with_its_alternate(self):
        # The pages of the main tree; pages added by section loaders (digest issues, ...) are tested with them.
        self.assertEqual(len(self.tree_page_ids), 2 * len(list(build_tree().walk())))
        for page in Page.objects.filter(pk__in=self.tree_page_ids).live().specific().order_by("path"):
            url = page.get_url()
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            heading = page.hero_heading if isinstance(page, HomePage) else page.title
            # Titles of events, jobs and white papers come as their phrases (each kept whole on a line).
            self.assertTrue(f"<h1>{escape(heading)}</h1>" in html or f"<h1>{phrases(heading)}</h1>" in html, url)
            other = self.en if page.locale_id == self.zh.pk else self.zh
            translation = page.get_translation(other)
            hreflang = "en" if other == self.en else "zh-Hans"
            self.assertIn(f'hreflang="{hreflang}" href="http://testserver{translation.get_url()}"', html, url)

    def test_fund_figures_on_the_fund_pages_in_both_languages(self):
        total_wan = F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)
        self.assertEqual(total_wan, "19599.6")
        zh_expected = ["2711项", "88家", "2648项", "285项", f"{total_wan}万元", "124家", "9000余位"]
        en_expected = ["2,711", "88", "2,648", "285", "CNY 195,996,000", "124", "9,000+"]
        for path in ("funding/shenzhen-medical-research-fund", "about/capabilities/sci-tech-resources-management"):
            zh = self.client.get(f"/zh-hans/{path}/").content.decode()
            en = self.client.get(f"/en/{path}/").content.decode()
            for figure in zh_expected:
                self.assertIn(figure, zh, (path, figure))
            for figure in en_expected:
                self.assertIn(figure, en, (path, figure))
            self.assertIn("<table", zh)
            self.assertIn("<table", en)
        self.assertIn(f"{total_wan}万元", self.client.get("/zh-hans/").content.decode())
        self.assertIn("CNY 195.996 m", self.client.get("/en/").content.decode())

    def test_news_articles_keep_to_dates_the_seeds_support(self):
        ceremony = NewsArticlePage.objects.get(locale=self.en, slug="founding-ceremony")
        self.assertEqual(ceremony.date.isoformat(), "2023-11-21")
        en_ceremony = self.client.get(ceremony.get_url()).content.decode()
        self.assertIn("光明云谷国际会议中心", en_ceremony)
        approval = NewsArticlePage.objects.get(locale=self.zh, slug="establishment-approved")
        self.assertIn("深编〔2023〕32号", self.client.get(approval.get_url()).content.decode())
        tags = set(NewsArticlePage.objects.get(locale=self.en, slug="fund-first-year-awards").tags.names())
        self.assertEqual(tags, {"Shenzhen Medical Research Fund"})

    def test_images_are_labelled_placeholders_with_alt_text_per_language(self):
        Image = get_image_model()
        titles = [artwork.title for artwork in [*ARTWORK, QR_ARTWORK]]
        self.assertEqual(Image.objects.filter(title__in=titles).count(), len(titles))
        for image in Image.objects.filter(title__in=titles):
            self.assertTrue(image.title.startswith(("示意图 Illustration", "示例二维码")), image.title)
            self.assertGreater(image.width, 0)
        zh = self.client.get("/zh-hans/research/").content.decode()
        en = self.client.get("/en/research/").content.decode()
        self.assertIn('alt="双螺旋形状的圆点抽象示意图"', zh)
        self.assertIn('alt="Abstract double helix of dots"', en)

    def test_sample_images_are_named_in_a_discreet_caption_not_on_the_picture(self):
        """The illustrations are stored without a label (the label's white box in the bottom-right corner, where
        the hero's "示意图 Illustration" badge was, is gone: that corner has the artwork's colours); they are
        tagged as samples and the pages name them in a small caption under the picture."""
        from PIL import Image as PILImage

        from content.templatetags.smart_images import SAMPLE_IMAGE_TAG

        white = (255, 255, 255)
        label_lift = {"hero": 0.2}  # the old label was raised by this share of the height (the hero is cropped)

        Image = get_image_model()
        for artwork in ARTWORK:
            image = Image.objects.get(title=artwork.title)
            self.assertIn(SAMPLE_IMAGE_TAG, image.tags.names())
            with image.file.open("rb") as handle:
                picture = PILImage.open(handle).convert("RGB")
            w, h = picture.size
            # The old label: a white box about 240 x 40 px (at 800 px wide) 24 px from the bottom-right corner,
            # raised by label_lift of the height.
            scale = min(w / 800, 1.25)
            bottom = h - int(24 * scale) - int(h * label_lift.get(artwork.key, 0.0))
            box = picture.crop((w - int(200 * scale), bottom - int(30 * scale), w - int(40 * scale), bottom - 6))
            whites = sum(count for count, colour in box.getcolors(1 << 20) if colour == white)
            self.assertLess(whites, box.width * box.height / 3, f"{artwork.title}: a label box is drawn on it")
        self.assertNotIn(SAMPLE_IMAGE_TAG, Image.objects.get(title=QR_ARTWORK.title).tags.names())
        for url, caption in (("/zh-hans/", "示意图（示例图片）"), ("/en/", "Illustration (sample image)")):
            content = self.client.get(url).content.decode()
            self.assertIn(f'<p class="sample-image-note">{caption}</p>', content)

    def test_report_page_links_a_generated_pdf_in_its_language(self):
        Document = get_document_model()
        for lang, prefix in (("zh", "/zh-hans/"), ("en", "/en/")):
            document = Document.objects.get(title=DOCUMENT_TITLES[lang])
            with document.file.open("rb") as handle:
                self.assertEqual(handle.read(5), b"%PDF-")
            html = self.client.get(f"{prefix}about/annual-reports/work-report-2023/").content.decode()
            self.assertIn(document.url, html)

    # -- navigation --------------------------------------------------------------------------------

    def test_menus_and_footers_exist_for_both_languages(self):
        for locale in (self.zh, self.en):
            menu = MainMenu.objects.get(locale=locale)
            footer = Footer.objects.get(locale=locale)
            pages = [block.value["page"] for block in menu.items]
            self.assertEqual(len(pages), len(SECTION_SLUGS))
            self.assertTrue(all(page.locale_id == locale.pk for page in pages))
            self.assertTrue(all(block.value["page"].locale_id == locale.pk for block in footer.links))
            self.assertEqual(footer.phone, "")
            self.assertTrue(footer.email.endswith("@example.org"))
            self.assertTrue(footer.icp_number.endswith(("（示例）", "(sample)")))
            self.assertIsNotNone(footer.social_accounts[0].value["qr_code"])
        zh_menu, en_menu = MainMenu.objects.get(locale=self.zh), MainMenu.objects.get(locale=self.en)
        self.assertEqual(zh_menu.translation_key, en_menu.translation_key)
        zh_home = self.client.get("/zh-hans/").content.decode()
        en_home = self.client.get("/en/").content.decode()
        self.assertIn("深圳医学科学院", zh_home)
        self.assertIn('href="/zh-hans/funding/"', zh_home)
        self.assertIn("WeChat official account", en_home)
        self.assertIn('href="/en/funding/"', en_home)

    # -- the fund's form pages -------------------------------------------------------------------
    def test_the_call_page_points_at_the_open_call_and_shows_its_form(self):
        pages = FundCallPage.objects.live().order_by("locale__language_code")
        self.assertEqual([page.locale.language_code for page in pages], ["en", "zh-hans"])
        for page, marker in zip(pages, ("Submit application", "提交申请"), strict=True):
            self.assertEqual(page.call, self.call)
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200)
            self.assertIsNotNone(response.context["form"])
            self.assertContains(response, marker)

    def test_registration_and_status_pages_sit_beside_it(self):
        for model in (InstitutionRegistrationPage, ApplicationStatusPage):
            pages = model.objects.live()
            self.assertEqual(sorted(p.locale.language_code for p in pages), ["en", "zh-hans"])
            for page in pages:
                self.assertEqual(page.get_parent().slug, "shenzhen-medical-research-fund")
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_the_fund_page_leads_to_the_call(self):
        for fund in StandardPage.objects.live().filter(slug="shenzhen-medical-research-fund"):
            call_page = FundCallPage.objects.get(locale=fund.locale)
            self.assertContains(self.client.get(fund.url), f'href="{call_page.url}"')
