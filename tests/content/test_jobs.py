"""Job postings: index (open first, by category), pages in both languages, JobPosting JSON-LD, closing date,
and the application form with valid, invalid and hostile uploads."""

import datetime
import os
import re

import extruct
from django.conf import settings
from django.core import mail
from django.test import Client, TestCase, override_settings
from django.utils import timezone
from freezegun import freeze_time

from content.models import JobPostingPage
from content.templatetags.smart_tags import phrases  # titles come as their phrases
from records.files import StoredFile
from records.kept_uploads import KEPT_FOLDER
from records.recruitment.models import JobApplication
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs, docx_bytes, pdf_bytes, upload

REFERENCE = re.compile(r"SMJA-\d{4}-\d{6}")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def json_ld_items(html):
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


def open_section(html):
    return html.split('id="open-heading"')[1].split('id="closed-heading"')[0]


def private_files():
    """The files of records in private storage (not the uploads kept for a retry: tests/records/test_kept_uploads)."""
    found = set()
    for folder, _dirs, names in os.walk(settings.PRIVATE_MEDIA_ROOT):
        if os.path.relpath(folder, settings.PRIVATE_MEDIA_ROOT).split(os.sep)[0] != KEPT_FOLDER:
            found.update(os.path.join(folder, name) for name in names)
    return found


def kept_contents():
    """The bytes of every upload kept for a retry."""
    root = os.path.join(settings.PRIVATE_MEDIA_ROOT, KEPT_FOLDER)
    contents = set()
    for folder, _dirs, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                contents.add(handle.read())
    return contents


class JobPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_jobs(build_site())

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def test_index_lists_open_positions_first_in_both_languages(self):
        zh = self.get(self.pages["job_index"].url)
        open_at, closed_at = zh.index('id="open-positions"'), zh.index('id="closed-positions"')
        self.assertTrue(open_at < zh.index(phrases("首席研究员（PI）")) < closed_at)
        self.assertTrue(open_at < zh.index(">博士后<") < closed_at)
        self.assertGreater(zh.index("行政助理"), closed_at)
        # Closing soonest first among the open ones: the postdoc closes today.
        self.assertLess(zh.index(">博士后<"), zh.index(phrases("首席研究员（PI）")))
        en = self.get(self.pages["job_index_en"].url)
        self.assertTrue(
            en.index('id="open-positions"') < en.index("Principal investigator<") < en.index('id="closed-positions"')
        )
        self.assertGreater(en.index("Administrative assistant"), en.index('id="closed-positions"'))
        self.assertIn('Principal investigators <span class="count">(1)</span>', en)

    def test_index_filters_by_category(self):
        en = self.get(self.pages["job_index_en"].url + "?category=postdoc")
        self.assertIn("Postdoctoral fellow", en)
        self.assertNotIn(">Principal investigator<", en)
        support = self.get(self.pages["job_index_en"].url + "?category=research-support")
        self.assertIn("No open positions in this category", support)
        self.assertIn("Administrative assistant", support)  # closed, listed below
        unknown = self.get(self.pages["job_index_en"].url + "?category=%3Cb%3E")
        self.assertIn("There is no such category", unknown)
        self.assertIn("Principal investigator", unknown)

    def test_open_posting_in_both_languages_with_job_posting_markup(self):
        pi, pi_en = self.pages["pi"], self.pages["pi_en"]
        zh = self.get(pi.url)
        self.assertIn(f"<h1>{phrases('首席研究员（PI）')}</h1>", zh)
        self.assertIn("职位描述。", zh)
        self.assertIn('name="research_statement"', zh)
        en = self.get(pi_en.url)
        self.assertIn("<h1>Principal investigator</h1>", en)
        self.assertIn("About the role.", en)
        (data,) = [item for item in json_ld_items(en) if item.get("@type") == "JobPosting"]
        self.assertEqual(data["title"], "Principal investigator")
        self.assertIn("<p>About the role.</p>", data["description"])
        self.assertIn("<p>A PhD.</p>", data["description"])
        self.assertEqual(data["datePosted"], pi.posted_on.isoformat())
        self.assertEqual(data["validThrough"], f"{pi.closes_on.isoformat()}T23:59:59+08:00")
        self.assertEqual(data["employmentType"], "FULL_TIME")
        self.assertEqual(data["hiringOrganization"]["@type"], "Organization")
        self.assertEqual(data["hiringOrganization"]["alternateName"], "SMART")
        self.assertEqual(data["hiringOrganization"]["logo"]["url"], "http://testserver/static/smart/img/logo.png")
        # One vacancy in two languages: the same identifier on both pages; no inLanguage (not a JobPosting
        # property in schema.org's vocabulary).
        self.assertEqual(
            data["identifier"], {"@type": "PropertyValue", "name": "SMART", "value": str(pi.translation_key)}
        )
        self.assertNotIn("inLanguage", data)
        (zh_data,) = [item for item in json_ld_items(zh) if item.get("@type") == "JobPosting"]
        self.assertEqual(zh_data["identifier"], data["identifier"])
        self.assertEqual(data["jobLocation"]["@type"], "Place")
        self.assertEqual(data["jobLocation"]["address"]["streetAddress"], "Guangming District, Shenzhen")
        self.assertEqual(data["jobLocation"]["address"]["addressCountry"], "CN")
        self.assertEqual(data["jobLocation"]["address"]["postalCode"], "518107")
        self.assertEqual(
            data["baseSalary"],
            {
                "@type": "MonetaryAmount",
                "currency": "CNY",
                "value": {
                    "@type": "QuantitativeValue",
                    "unitText": "YEAR",
                    "minValue": "800000",
                    "maxValue": "1500000",
                },
            },
        )
        self.assertEqual(data["totalJobOpenings"], 5)
        self.assertEqual(data["occupationalCategory"], "Principal investigators")
        self.assertEqual(data["url"], f"http://testserver{pi_en.url}")
        postdoc = [
            item for item in json_ld_items(self.get(self.pages["postdoc_en"].url)) if item.get("@type") == "JobPosting"
        ]
        self.assertEqual(postdoc[0]["employmentType"], "CONTRACTOR")
        self.assertNotIn("baseSalary", postdoc[0])  # no figures given, only the salary text
        self.assertNotIn('name="research_statement"', self.get(self.pages["postdoc"].url))

    def test_closed_posting_stays_readable_without_form_or_markup(self):
        for key in ("closed_job", "closed_job_en"):
            html = self.get(self.pages[key].url)
            self.assertIn('class="call-status is-closed job-closed"', html)
            self.assertNotIn('<form class="intake-form"', html)
            self.assertNotIn('name="form_token"', html)
            self.assertEqual([item for item in json_ld_items(html) if item.get("@type") == "JobPosting"], [])
        self.assertIn("行政助理", self.get(self.pages["closed_job"].url))
        self.assertIn("Administrative assistant", self.get(self.pages["closed_job_en"].url))

    def test_a_posting_closes_at_the_end_of_its_closing_day_beijing_time(self):
        postdoc = self.pages["postdoc_en"]  # closes today
        closes = postdoc.closes_on
        last_minute = datetime.datetime.combine(closes, datetime.time(23, 59), tzinfo=timezone.get_default_timezone())
        with freeze_time(last_minute):
            html = self.get(postdoc.url)
            self.assertIn('name="form_token"', html)
            self.assertIn(postdoc.url, open_section(self.get(self.pages["job_index_en"].url)))
        with freeze_time(last_minute + datetime.timedelta(minutes=2)):
            html = self.get(postdoc.url)
            self.assertNotIn('name="form_token"', html)
            self.assertIn("This position is closed.", html)
            self.assertFalse([item for item in json_ld_items(html) if item.get("@type") == "JobPosting"])
            index = self.get(self.pages["job_index_en"].url)
            self.assertNotIn(postdoc.url, open_section(index))
            self.assertIn(postdoc.url, index.split('id="closed-heading"')[1])


class ApplicationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_jobs(build_site())

    def form(self, key, client=None):
        client = client or self.client
        html = client.get(self.pages[key].url).content.decode()
        return html, re.search(r'name="form_token" value="([^"]+)"', html).group(1)

    def data(self, token, **extra):
        values = {
            "form_token": token,
            "name": "Ada Applicant",
            "email": "ada@example.org",
            "phone": "+86 139 0000 0000",
            "current_position": "Assistant professor",
            "institution": "Sample University",
            "highest_degree": "PhD",
            "consent": "on",
            "website": "",
            "cv": upload("cv.pdf", pdf_bytes("CV")),
            "cover_letter": upload("letter.docx", docx_bytes("Dear SMART"), DOCX_TYPE),
            "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
        }
        values.update(extra)
        return {name: value for name, value in values.items() if value is not None}

    def apply(self, key="pi_en", client=None, **extra):
        client = client or self.client
        _html, token = self.form(key, client)
        return client.post(self.pages[key].url, self.data(token, **extra))

    def test_valid_application_is_stored_privately_with_a_reference_and_an_email(self):
        before = private_files()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.apply("pi_en")
        self.assertEqual(response.status_code, 302)
        confirmation = self.client.get(response["Location"]).content.decode()
        application = JobApplication.objects.get()
        self.assertRegex(application.reference, REFERENCE)
        self.assertIn(application.reference, confirmation)
        self.assertIn("We received your application for Principal investigator.", confirmation)
        self.assertEqual(application.posting_page_id, self.pages["pi_en"].pk)
        self.assertEqual(application.posting_key, str(self.pages["pi"].translation_key))
        self.assertEqual(application.posting_title, "Principal investigator")
        self.assertEqual(application.posting_category, "pi")
        self.assertEqual(application.language, "en")
        self.assertEqual((application.cv.kind, application.cover_letter.kind), ("pdf", "docx"))
        self.assertEqual(application.research_statement.role, "research_statement")
        stored = StoredFile.objects.filter(owner_id=str(application.pk))
        self.assertEqual(sorted(stored.values_list("role", flat=True)), ["cover_letter", "cv", "research_statement"])
        new_files = private_files() - before
        self.assertEqual(len(new_files), 3)
        media_root = os.path.realpath(settings.MEDIA_ROOT)
        self.assertTrue(all(not os.path.realpath(path).startswith(media_root) for path in new_files))
        with self.assertRaises(ValueError):
            _url = application.cv.file.url  # private files have no public URL
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(application.reference, mail.outbox[0].subject)
        self.assertIn("Dear Ada Applicant", mail.outbox[0].body)

    def test_postdoc_application_in_chinese_needs_no_research_statement(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.apply("postdoc", research_statement=None, name="李明")
        self.assertEqual(response.status_code, 302)
        application = JobApplication.objects.get()
        self.assertIsNone(application.research_statement)
        self.assertEqual(application.language, "zh-hans")
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])

    def test_pi_application_needs_a_research_statement(self):
        response = self.apply("pi_en", research_statement=None)
        self.assertEqual(response.status_code, 400)
        self.assertIn("This field is required.", response.content.decode())
        self.assertFalse(JobApplication.objects.exists())

    def test_hostile_uploads_are_refused_and_nothing_is_kept(self):
        before_files, before_rows = private_files(), StoredFile.objects.count()
        cases = {
            "an executable renamed .pdf": {"cv": upload("cv.pdf", b"MZ\x90\x00" + b"\x00" * 2000)},
            "HTML with a script renamed .pdf": {
                "cv": upload("cv.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
            },
            "a PDF renamed .docx": {"cover_letter": upload("letter.docx", pdf_bytes(), DOCX_TYPE)},
            "a text file": {"cv": upload("cv.txt", b"plain text", "text/plain")},
            "an empty file": {"cv": upload("cv.pdf", b"")},
            "a macro-enabled document": {"cover_letter": upload("letter.docx", _macro_docx(), DOCX_TYPE)},
        }
        for label, files in cases.items():
            response = self.apply("pi_en", **files)
            self.assertEqual(response.status_code, 400, label)
            html = response.content.decode()
            self.assertIn('class="form-error"', html, label)
            self.assertNotIn("<script>alert(1)", html, label)
        self.assertFalse(JobApplication.objects.exists())
        self.assertEqual(StoredFile.objects.count(), before_rows)
        self.assertEqual(private_files(), before_files)
        # The other file of each form passed its checks and is kept for the retry; no refused upload is.
        refused = set()
        for files in cases.values():
            for uploaded in files.values():
                uploaded.seek(0)
                refused.add(uploaded.read())
        self.assertTrue(kept_contents())
        self.assertFalse(refused & kept_contents())

    @override_settings(RECORDS_UPLOAD_MAX_BYTES=50_000)
    def test_oversized_upload_is_refused(self):
        html, _token = self.form("pi_en")
        self.assertIn("up to 48.8\xa0KB", html)
        response = self.apply("pi_en", cv=upload("cv.pdf", pdf_bytes("x") + b"%" * 60_000 + b"\n%%EOF\n"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("The file is too large", response.content.decode())
        self.assertFalse(JobApplication.objects.exists())

    def test_hostile_text_is_refused_or_escaped(self):
        response = self.apply("pi_en", name="<script>alert(1)</script>", current_position="<b onmouseover=x>")
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertNotIn("<script>alert(1)</script>", html)
        self.assertNotIn("<b onmouseover", html)
        self.assertIn("&lt;b onmouseover=x&gt;", html)
        self.assertFalse(JobApplication.objects.exists())

    def test_double_submit_creates_one_application(self):
        _html, token = self.form("postdoc_en")
        url = self.pages["postdoc_en"].url
        first = self.client.post(url, self.data(token, research_statement=None))
        second = self.client.post(url, self.data(token, research_statement=None))
        self.assertEqual((first.status_code, second.status_code), (302, 302))
        self.assertEqual(JobApplication.objects.count(), 1)
        application = JobApplication.objects.get()
        self.assertEqual(StoredFile.objects.filter(owner_id=str(application.pk)).count(), 2)
        self.assertIn(application.reference, self.client.get(second["Location"]).content.decode())

    def test_csrf_is_enforced(self):
        client = Client(enforce_csrf_checks=True)
        html, token = self.form("postdoc_en", client)
        response = client.post(self.pages["postdoc_en"].url, self.data(token, research_statement=None))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(JobApplication.objects.exists())
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        accepted = client.post(
            self.pages["postdoc_en"].url, {**self.data(token, research_statement=None), "csrfmiddlewaretoken": csrf}
        )
        self.assertEqual(accepted.status_code, 302)

    def test_closed_posting_refuses_posts(self):
        _html, token = self.form("pi_en")  # a token from an open form
        response = self.client.post(self.pages["closed_job_en"].url, self.data(token))
        self.assertEqual(response.status_code, 403)
        self.assertNotIn('name="form_token"', response.content.decode())
        self.assertFalse(JobApplication.objects.exists())

    def test_a_form_opened_before_closing_and_sent_after_is_refused(self):
        posting = JobPostingPage.objects.get(pk=self.pages["postdoc_en"].pk)
        _html, token = self.form("postdoc_en")
        last_day = posting.closes_on
        with freeze_time(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(0, 1))):
            response = self.client.post(posting.url, self.data(token, research_statement=None))
        self.assertEqual(response.status_code, 403)
        self.assertIn("This position is closed.", response.content.decode())
        self.assertFalse(JobApplication.objects.exists())


def _macro_docx():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 100)
    return buffer.getvalue()
