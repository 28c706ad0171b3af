"""White papers: the index by year and topic, the page in both languages, citations, BibTeX and JSON-LD."""

import datetime
import re

import extruct
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from django.utils.translation import gettext, override

from content import citations
from content.models import Person, Topic, WhitePaperAuthor, WhitePaperPage
from content.pages.whitepapers import validate_doi, validate_isbn
from content.templatetags.smart_tags import phrases  # titles come as their phrases
from tests.factories.pages import build_site, publish_child, translate
from tests.factories.publications import build_white_papers
from tests.text import unwrap_words


def json_ld(html, type_name):
    items = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    found = [item for item in items if item.get("@type") == type_name]
    assert len(found) == 1, items
    return found[0]


def smart(language):
    with override(language):
        return gettext("Shenzhen Medical Academy of Research and Translation"), gettext("Shenzhen")


class WhitePaperTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_white_papers(build_site())

    def get(self, key, suffix=""):
        response = self.client.get(self.pages[key].url + suffix)
        self.assertEqual(response.status_code, 200, self.pages[key].url + suffix)
        return unwrap_words(response.content.decode())

    # -- index ----------------------------------------------------------------------------------------------------

    def test_index_lists_newest_first_in_both_languages(self):
        zh = self.get("wp_index")
        self.assertLess(zh.index("医师科学家培养白皮书"), zh.index("医学研究资助模式白皮书"))
        en = self.get("wp_index_en")
        self.assertLess(
            en.index("White paper on training physician-scientists"), en.index("White paper on research funding")
        )
        self.assertNotIn("医师科学家", en)
        self.assertIn('href="?year=2023"', en)
        self.assertIn("Research funding", en)  # the English topic names

    def test_index_filters_by_year_and_by_topic_in_both_languages(self):
        zh = self.get("wp_index", "?year=2023")
        self.assertIn("医学研究资助模式白皮书", zh)
        self.assertNotIn("医师科学家培养白皮书", zh)
        en = self.get("wp_index_en", "?topic=talent")  # the same slug filters the English index
        self.assertIn("White paper on training physician-scientists", en)
        self.assertNotIn("White paper on research funding", en)
        both = self.get("wp_index_en", "?topic=talent&year=2023")
        self.assertIn("No white papers match these filters.", both)
        unknown = self.get("wp_index_en", "?topic=%3Cscript%3E&year=1999")
        self.assertIn("Some of the filters you chose do not exist", unknown)
        self.assertIn("White paper on research funding", unknown)
        self.assertNotIn("<script>", unknown)

    def test_index_is_paginated(self):
        index = self.pages["wp_index"]
        for number in range(10):
            publish_child(
                index,
                WhitePaperPage(
                    title=f"示例白皮书{number}",
                    slug=f"sample-{number}",
                    abstract="摘要",
                    publication_date=datetime.date(2022, 1, number + 1),
                ),
            )
        first = self.get("wp_index")
        self.assertIn('rel="next"', first)
        self.assertIn("医师科学家培养白皮书", first)
        self.assertNotIn("示例白皮书0<", first)  # the oldest is on page 2
        second = self.get("wp_index", "?page=2")
        self.assertIn("示例白皮书0", second)
        self.assertIn('rel="prev"', second)
        self.assertIn("示例白皮书0", self.get("wp_index", "?page=99"))  # out of range: the last page

    # -- page -----------------------------------------------------------------------------------------------------

    def test_page_in_both_languages(self):
        zh = self.get("paper")
        self.assertIn(f"<h1>{unwrap_words(phrases('医师科学家培养白皮书'))}</h1>", zh)
        self.assertIn("张明远、李思源、王晓、陈一", zh)
        self.assertIn("发现一", zh)
        self.assertIn("/wp-zh.pdf", zh)
        self.assertRegex(zh, r"PDF, [\d.]+\xa0(KB|bytes), 3")
        self.assertIn('href="https://doi.org/10.1234/smart.2024.001"', zh)
        self.assertIn("9787030412348", zh)
        en = self.get("paper_en")
        self.assertIn("<h1>White paper on training physician-scientists</h1>", en)
        self.assertIn("Mingyuan Zhang, Siyuan Li, Xiao Wang, Yi Chen", en)
        self.assertIn("Professor (sample), Sample University", en)
        self.assertIn("/wp-en.pdf", en)
        self.assertIn("3 pages", en)
        self.assertIn("Finding one", en)
        # The other language's edition is offered too.
        self.assertIn('hreflang="zh-hans"', en)
        self.assertIn("/wp-zh.pdf", en)
        self.assertIn("Talent", en)

    def test_citations_in_both_languages(self):
        cited_on = timezone.localdate().isoformat()
        publisher_zh, place_zh = smart("zh-hans")
        zh = self.get("paper")
        gbt_zh = (
            f"张明远, 李思源, 王晓, 等. 医师科学家培养白皮书: 现状与建议[R/OL]. {place_zh}: {publisher_zh}, "
            f"2024[{cited_on}]. http://testserver/zh-hans/white-papers/physician-scientists/. "
            "DOI:10.1234/smart.2024.001."
        )
        self.assertIn(gbt_zh, zh)
        publisher_en, place_en = smart("en")
        en = self.get("paper_en")
        gbt_en = (
            "ZHANG M, LI S, WANG X, et al. White paper on training physician-scientists: Where we stand and what to "
            f"do[R/OL]. {place_en}: {publisher_en}, 2024[{cited_on}]. "
            "http://testserver/en/white-papers/physician-scientists/. DOI:10.1234/smart.2024.001."
        )
        self.assertIn(gbt_en, en)
        apa_en = (
            "Zhang, M., Li, S., Wang, X., &amp; Chen, Y. (2024). <i>White paper on training physician-scientists: "
            f"Where we stand and what to do</i>. {publisher_en}. https://doi.org/10.1234/smart.2024.001"
        )
        self.assertIn(apa_en, en)
        older = self.get("older_paper_en")
        self.assertIn(
            f"Li, S. (2023). <i>White paper on research funding</i>. {publisher_en}. http://testserver/en/", older
        )

    def test_bibtex_download(self):
        response = self.client.get(self.pages["paper_en"].url + "cite/bibtex/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/x-bibtex"))
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="smart2024physicianscientists.bib"')
        text = response.content.decode()
        self.assertTrue(text.startswith("@techreport{smart2024physicianscientists,"))
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", text, re.MULTILINE))
        self.assertEqual(fields["author"], "Zhang, Mingyuan and Li, Siyuan and Wang, Xiao and Chen, Yi")
        self.assertEqual(
            fields["title"], "{White paper on training physician-scientists: Where we stand and what to do}"
        )
        self.assertEqual(fields["year"], "2024")
        self.assertEqual(fields["doi"], "10.1234/smart.2024.001")
        self.assertEqual(fields["isbn"], "9787030412348")
        self.assertEqual(fields["url"], "http://testserver/en/white-papers/physician-scientists/")
        self.assertEqual(fields["language"], "english")
        zh = self.client.get(self.pages["paper"].url + "cite/bibtex/").content.decode()
        self.assertIn("author = {{张明远} and {李思源} and {王晓} and {陈一}},", zh)
        self.assertTrue(text.rstrip().endswith("}"))
        self.assertEqual(text.count("{"), text.count("}"))

    def test_json_ld_report_field_by_field(self):
        for key, language, title, first_author in (
            ("paper", "zh-Hans", "医师科学家培养白皮书", "张明远"),
            ("paper_en", "en", "White paper on training physician-scientists", "Mingyuan Zhang"),
        ):
            page = self.pages[key]
            data = json_ld(self.get(key), "Report")
            url = f"http://testserver{page.url}"
            self.assertEqual(data["@context"], "https://schema.org")
            self.assertEqual(data["url"], url)
            self.assertEqual(data["name"], title)
            self.assertEqual(data["inLanguage"], language)
            self.assertEqual(data["datePublished"], "2024-05-20")
            self.assertEqual(data["abstract"], page.abstract)
            self.assertEqual([author["@type"] for author in data["author"]], ["Person"] * 4)
            self.assertEqual(data["author"][0]["name"], first_author)
            self.assertEqual(data["publisher"]["@type"], "Organization")
            self.assertEqual(data["publisher"]["alternateName"], "SMART")
            self.assertEqual(data["publisher"]["name"], smart(page.locale.language_code)[0])
            # numberOfPages is Book's, not Report's: the pages run from 1 to 3 (Article's pageStart and pageEnd).
            self.assertNotIn("numberOfPages", data)
            self.assertEqual((data["pageStart"], data["pageEnd"]), (1, 3))
            self.assertEqual(data["sameAs"], "https://doi.org/10.1234/smart.2024.001")
            self.assertIn(
                {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/smart.2024.001"}, data["identifier"]
            )
            self.assertIn(
                {"@type": "PropertyValue", "propertyID": "ISBN", "value": "9787030412348"}, data["identifier"]
            )
            self.assertEqual(data["encoding"]["encodingFormat"], "application/pdf")
            self.assertEqual(data["encoding"]["contentUrl"], f"http://testserver{page.pdf.url}")
            self.assertEqual(data["encoding"]["contentSize"], f"{page.pdf.get_file_size()} B")
        en = json_ld(self.get("paper_en"), "Report")
        self.assertEqual(en["about"], [{"@type": "Thing", "name": "Talent"}])
        self.assertEqual(en["author"][0]["affiliation"], {"@type": "Organization", "name": "Sample University"})
        self.assertEqual(en["author"][0]["jobTitle"], "Professor (sample)")

    def test_hostile_text_cannot_escape_the_json_ld_element(self):
        paper = WhitePaperPage.objects.get(pk=self.pages["older_paper_en"].pk)
        hostile = "Evil </script><script>alert(1)</script> & <!-- {x}"
        paper.title = hostile
        paper.abstract = "</script><img src=x onerror=alert(2)>"
        paper.save_revision().publish()
        html = self.client.get(paper.url).content.decode()
        self.assertNotIn("<script>alert(1)", html)
        self.assertNotIn("<img src=x", html)
        data = json_ld(html, "Report")
        self.assertEqual(data["name"], hostile)
        self.assertEqual(data["abstract"], paper.abstract)
        bib = self.client.get(paper.url + "cite/bibtex/").content.decode()
        self.assertIn(r"title = {{Evil </script><script>alert(1)</script> \& <!-- \{x\}}},", bib)

    def test_a_paper_without_authors_is_cited_by_its_publisher(self):
        index = self.pages["wp_index_en"]
        paper = publish_child(
            index,
            WhitePaperPage(
                title="Annual outlook", slug="outlook", abstract="Outlook.", publication_date=datetime.date(2025, 1, 2)
            ),
        )
        html = self.get_url(paper.url)
        publisher, _place = smart("en")
        self.assertIn(f"{publisher}. (2025). <i>Annual outlook</i>. http://testserver/en/white-papers/outlook/", html)
        data = json_ld(html, "Report")
        self.assertEqual(data["author"]["@type"], "Organization")
        self.assertNotIn("encoding", data)  # no PDF, no media object

    def get_url(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class CitationFormatTests(TestCase):
    """The formatters on their own: name forms, author counts, escaping."""

    def work(self, authors, **extra):
        fields = {
            "title": "A title",
            "year": 2024,
            "date": datetime.date(2024, 3, 1),
            "publisher": "SMART",
            "place": "Shenzhen",
            "url": "https://example.org/wp/",
            "language": "en",
            "authors": authors,
        }
        fields.update(extra)
        return citations.Work(**fields)

    def test_name_forms(self):
        person = Person(name="Jean-Paul van Dyke", family_name="van Dyke", given_names="Jean-Paul Marie")
        self.assertEqual(person.gbt_name(), "VAN DYKE J-P M")
        self.assertEqual(person.apa_name(), "van Dyke, J.-P. M.")
        self.assertEqual(citations.bibtex_person(person), "van Dyke, Jean-Paul Marie")
        unsplit = Person(name="Ada Lovelace")
        self.assertEqual(unsplit.apa_name(), "Lovelace, A.")
        chinese = Person(name="欧阳明")
        self.assertEqual(chinese.gbt_name(), "欧阳明")
        self.assertEqual(citations.bibtex_person(chinese), "{欧阳明}")

    def test_author_lists(self):
        people = [
            Person(name=f"Given{n} Family{n}", family_name=f"Family{n}", given_names=f"Given{n}") for n in range(3)
        ]
        self.assertTrue(
            citations.gbt7714(self.work(people), datetime.date(2025, 1, 1)).startswith(
                "FAMILY0 G, FAMILY1 G, FAMILY2 G. A title[R/OL]. Shenzhen: SMART, 2024[2025-01-01]."
            )
        )
        self.assertEqual(
            citations.apa(self.work(people[:2])),
            "Family0, G., & Family1, G. (2024). A title. SMART. https://example.org/wp/",
        )
        many = [Person(name=f"A{n} B{n}", family_name=f"B{n}", given_names=f"A{n}") for n in range(22)]
        self.assertIn(", . . . B21, A. (2024)", citations.apa(self.work(many)))
        chinese = [Person(name="张三"), Person(name="李四")]
        self.assertTrue(citations.apa(self.work(chinese, language="zh-hans")).startswith("张三, 李四. (2024)."))

    def test_bibtex_escapes_special_characters(self):
        entry = citations.bibtex(self.work([], title="50% & $x_1$ #1 ~ ^ \\ {}", url="https://e.org/a_b%20c{}"))
        self.assertIn(
            r"title = {{50\% \& \$x\_1\$ \#1 \textasciitilde{} \textasciicircum{} \textbackslash{} \{\}}},", entry
        )
        self.assertIn("url = {https://e.org/a_b%20c},", entry)
        self.assertIn("author = {{SMART}},", entry)


class ValidatorTests(TestCase):
    def test_doi_and_isbn(self):
        validate_doi("10.1000/xyz123")
        validate_isbn("978-7-03-041234-8")
        validate_isbn("0-306-40615-2")
        for bad in ("https://doi.org/10.1/x", "11.1234/x", ""):
            with self.assertRaises(ValidationError):
                validate_doi(bad)
        for bad in ("978-7-03-041234-5", "12345", "0-306-40615-3"):
            with self.assertRaises(ValidationError):
                validate_isbn(bad)


class AuthorTranslationTests(TestCase):
    """A person without an English row is shown as entered rather than dropped."""

    def test_untranslated_author_falls_back(self):
        pages = build_site()
        from tests.factories.publications import locales

        zh, en = locales()
        from content.models import WhitePaperIndexPage

        index = publish_child(pages["home"], WhitePaperIndexPage(title="白皮书", slug="white-papers"))
        translate(index, en, title="White papers")
        paper = WhitePaperPage(
            title="一份白皮书", slug="one", abstract="摘要", publication_date=datetime.date(2024, 1, 1)
        )
        index.add_child(instance=paper)
        WhitePaperAuthor.objects.create(page=paper, person=Person.objects.create(locale=zh, name="赵六"), sort_order=0)
        paper.save_revision().publish()
        paper_en = translate(WhitePaperPage.objects.get(pk=paper.pk), en, title="One white paper")
        html = self.client.get(paper_en.url).content.decode()
        self.assertIn("赵六", html)


class EditorTopicsTests(TestCase):
    """The white paper editor offers the topics of the page's language, each once, and saving loses none."""

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_white_papers(build_site())
        cls.editor = get_user_model().objects.create_superuser("topics-editor", "topics-editor@example.org", "pw")

    def form(self, paper, data=None):
        form_class = WhitePaperPage.get_edit_handler().get_form_class()
        return form_class(data, instance=paper, parent_page=paper.get_parent(), for_user=self.editor)

    def offered(self, form):
        return [topic.name for topic in form.fields["topics"].queryset]

    def test_each_language_offers_its_own_topics_and_shows_a_copied_topic_in_its_language(self):
        talent, talent_en = self.pages["topics"]["talent"]
        form = self.form(WhitePaperPage.objects.get(pk=self.pages["paper"].pk))
        self.assertEqual(self.offered(form), ["人才培养", "科研资助"])
        self.assertEqual(form.initial["topics"], [talent.pk])
        # The English translation was created with its original's (Chinese) topic row.
        paper_en = WhitePaperPage.objects.get(pk=self.pages["paper_en"].pk)
        self.assertEqual(list(paper_en.topics.all()), [talent])
        form = self.form(paper_en)
        self.assertEqual(self.offered(form), ["Talent", "Research funding"])
        self.assertEqual(form.initial["topics"], [talent_en.pk])

    def test_a_topic_without_a_row_in_the_page_language_stays_offered_and_chosen(self):
        from tests.factories.publications import locales

        zh, _en = locales()
        only_zh = Topic.objects.create(locale=zh, slug="ethics", name="医学伦理", sort_order=30)
        paper_en = WhitePaperPage.objects.get(pk=self.pages["paper_en"].pk)
        paper_en.topics.add(only_zh)
        form = self.form(paper_en)
        self.assertEqual(self.offered(form), ["Talent", "Research funding", "医学伦理"])
        self.assertEqual(sorted(form.initial["topics"]), sorted([self.pages["topics"]["talent"][1].pk, only_zh.pk]))

    def test_a_topic_of_the_other_language_is_refused_with_a_translated_error(self):
        talent, talent_en = self.pages["topics"]["talent"]
        field = self.form(WhitePaperPage.objects.get(pk=self.pages["paper"].pk)).fields["topics"]
        self.assertEqual(list(field.clean([talent.pk])), [talent])
        for language, words in (("zh-hans", "选择一个有效的选项"), ("en", "Select a valid choice")):
            with override(language), self.assertRaises(ValidationError) as refused:
                field.clean([talent_en.pk])
            with override(language):
                self.assertIn(words, " ".join(refused.exception.messages))


class ImageBlockLabelTests(TestCase):
    def test_the_image_chooser_of_a_body_image_is_labelled_in_the_admin_language(self):
        from content.blocks import CaptionedImageBlock

        chooser = CaptionedImageBlock().child_blocks["image"].child_blocks["image"]
        for language, label in (("zh-hans", "图片"), ("en", "Image")):
            with override(language):
                self.assertEqual(str(chooser.label), label)


class EditorPeopleAndSeriesTests(TestCase):
    """The editor of a translation shows the people and the series its original chose in the page's language."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories.publications import build_events

        cls.pages = build_events(build_white_papers(build_site()))
        cls.editor = get_user_model().objects.create_superuser("people-editor", "people-editor@example.org", "pw")

    def form(self, page):
        form_class = type(page).get_edit_handler().get_form_class()
        return form_class(instance=page, parent_page=page.get_parent(), for_user=self.editor)

    def chosen_people(self, form, formset):
        return [Person.objects.get(pk=child.initial["person"]).name for child in form.formsets[formset].forms]

    def test_a_translated_white_paper_shows_its_authors_in_its_language(self):
        paper_en = WhitePaperPage.objects.get(pk=self.pages["paper_en"].pk)
        self.assertEqual([author.person.name for author in paper_en.authors.all()][:1], ["张明远"])  # the original's
        self.assertEqual(
            self.chosen_people(self.form(paper_en), "authors"), ["Mingyuan Zhang", "Siyuan Li", "Xiao Wang", "Yi Chen"]
        )
        paper = WhitePaperPage.objects.get(pk=self.pages["paper"].pk)
        self.assertEqual(self.chosen_people(self.form(paper), "authors"), ["张明远", "李思源", "王晓", "陈一"])

    def test_a_translated_event_shows_its_series_and_speakers_in_its_language(self):
        from content.models import EventPage

        symposia, symposia_en = self.pages["series"]
        event_en = EventPage.objects.get(pk=self.pages["event_en"].pk)
        self.assertEqual(event_en.series_id, symposia.pk)  # the original's row
        form = self.form(event_en)
        self.assertEqual(form.initial["series"], symposia_en.pk)
        self.assertEqual(self.chosen_people(form, "speakers"), ["Mingyuan Zhang", "Siyuan Li"])
        event = EventPage.objects.get(pk=self.pages["event"].pk)
        self.assertEqual(self.form(event).initial["series"], symposia.pk)

    def test_a_person_without_a_row_in_the_page_language_shows_as_entered(self):
        from tests.factories.publications import locales

        zh, _en = locales()
        paper_en = WhitePaperPage.objects.get(pk=self.pages["paper_en"].pk)
        only_zh = Person.objects.create(locale=zh, name="赵六")
        paper_en.authors.add(WhitePaperAuthor(person=only_zh, sort_order=9))
        paper_en.save()
        self.assertEqual(self.chosen_people(self.form(paper_en), "authors")[-1], "赵六")
