"""The headless API on a bilingual site with every page type: fields per type, locales and path lookup,
filters, privacy (drafts, private pages, private collections, records), refusals and HTTP caching (the OpenAPI
document against real responses, and schemathesis: test_openapi.py). The tree is built once for the module."""

import datetime
import json
import re

import pytest
from wagtail.models import Page

from content.pages.base import BasePage
from headless.page_types import exposed_fields, page_type_name, public_page_models

pytestmark = pytest.mark.django_db
FEB = datetime.date(2026, 2, 1)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def get(api, url, **params):
    response = api.get(url, params)
    assert response["Content-Type"] == "application/json", (url, response.status_code, response.content[:300])
    return response


def ok(api, url, **params):
    response = get(api, url, **params)
    assert response.status_code == 200, (url, params, response.content[:500])
    return response.json()


def detail(api, page, **params):
    return ok(api, f"/api/v2/pages/{page.pk}/", **params)


def listing_ids(api, **params):
    data = ok(api, "/api/v2/pages/", limit=50, **params)
    return [item["id"] for item in data["items"]]


# -- fields per page type ------------------------------------------------------------------------------------------


def test_every_page_type_is_declared():
    """A new page type must get its API declaration (at least its public text) before it ships."""
    concrete = {
        model
        for model in Page.__subclasses__() + [m for base in (BasePage,) for m in _all_subclasses(base)]
        if issubclass(model, BasePage) and not model._meta.abstract
    }
    assert concrete <= set(public_page_models())


def _all_subclasses(klass):
    for sub in klass.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_home_page_fields_with_renditions_and_links(api, tree):
    data = detail(api, tree["home"])
    assert data["meta"]["type"] == "content.HomePage" and data["meta"]["locale"] == "zh-hans"
    assert data["meta"]["html_url"] == "http://testserver/zh-hans/"
    assert data["hero_heading"] == "探索未来医学"
    hero = data["hero_image"]
    assert set(hero["renditions"]) == {"thumbnail", "medium", "large"}
    thumb = hero["renditions"]["thumbnail"]
    assert thumb["url"].startswith("http://testserver/media/images/") and (thumb["width"], thumb["height"]) == (
        400,
        225,
    )
    assert hero["download_url"].startswith("http://testserver/media/")
    assert data["hero_link"]["id"] == tree["about"].pk and data["hero_link"]["html_url"].endswith("/zh-hans/about/")
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["highlights"]["items"][0]["page"]["title"] == "关于我们"
    assert blocks["key_figures"]["figures"][0]["value"] == "2,711"
    assert [t["locale"] for t in data["meta"]["translations"]] == ["en"]


def test_section_and_standard_pages(api, tree):
    data = detail(api, tree["about"])
    assert data["intro"] == "深圳医学科学院简介"
    types = [block["type"] for block in data["body"]]
    assert types == ["heading", "paragraph", "table", "quote", "call_to_action"]
    paragraph = data["body"][1]["value"]
    assert "<b>市政府直属事业单位</b>" in paragraph and "<ul>" in paragraph
    assert data["body"][2]["value"]["data"][1][0] == "项目申请"
    en = detail(api, tree["about_en"])
    assert en["title"] == "About SMART" and en["meta"]["locale"] == "en"
    assert en["meta"]["parent"]["id"] == tree["home_en"].pk


def test_news_article_fields(api, tree):
    data = detail(api, tree["article"])
    assert data["date"] == "2023-11-21" and data["tags"] == []
    assert data["listing_image"]["renditions"]["medium"]["url"].startswith("http://testserver/")
    assert data["intro"].startswith("深圳医科院")


def test_digest_issue_items_rich_text_and_pdf(api, tree):
    issue = tree["issues"][FEB]
    data = detail(api, issue)
    assert (data["volume"], data["number"], data["issue_month"]) == (1, 3, "2026-02-01")
    assert data["issue_label"] == "第 1 卷第 3 期"
    assert data["guid"] == issue.guid
    assert data["editors_note"] == (
        '<p>编者按，见<a href="http://testserver/zh-hans/about/mission/" rel="noopener noreferrer">使命</a>。</p>'
    )
    first = data["items"][0]["value"]
    assert first["field"] == {"slug": "oncology", "name": "肿瘤学"}
    assert 'href="https://example.org/02"' in first["summary"]
    assert 'href="http://testserver/zh-hans/about/"' in first["summary"]  # internal link, absolute
    assert data["pdf_edition"]["download_url"].startswith("http://testserver/documents/")
    english = detail(api, tree["issue_en"])
    assert english["issue_label"] == "Vol. 1, No. 3"
    assert english["items"][0]["value"]["field"]["name"] == "Oncology"  # chosen in Chinese, shown in English
    assert 'href="http://testserver/en/about/mission/"' in english["editors_note"]  # the English translation
    index = detail(api, tree["digest_index"])
    assert index["feed_urls"]["rss"] == "http://testserver/zh-hans/digest/feed/rss/"
    assert index["years"] == [{"year": 2026, "count": 2}, {"year": 2025, "count": 1}]


def test_event_sessions_and_speakers_in_the_pages_language(api, tree):
    data = detail(api, tree["event_en"])
    assert data["series"] == {"slug": "smart-symposia", "name": "SMART Symposia"}
    assert data["start"].endswith("+08:00") and data["status"] == "scheduled"
    assert [s["person"]["name"] for s in data["speakers"]] == ["Mingyuan Zhang", "Siyuan Li"]
    assert data["speakers"][0]["role"] == "主旨报告人"
    sessions = [block["value"] for block in data["agenda"]]
    assert sessions[0]["title"] == "主旨报告" and sessions[0]["start"] == "09:30:00"
    assert sessions[0]["speakers"][0]["name"] == "Mingyuan Zhang"
    assert data["registration"] == "open" and data["registration_state"] == "open"
    assert data["admission_fee"] == "0.00" and data["latitude"] == "22.758900"
    assert data["ics_url"] == "http://testserver/en/events/organoids-forum/ics/"
    assert data["map_url"].startswith("https://uri.amap.com/marker?")
    assert detail(api, tree["ev_index"])["calendar_url"] == "http://testserver/zh-hans/events/calendar/"


def test_job_posting_fields(api, tree):
    data = detail(api, tree["pi_en"])
    assert data["category"] == "pi" and data["employment_type"] == "FULL_TIME" and data["openings"] == 5
    assert (data["salary_min"], data["salary_max"], data["salary_period"]) == ("800000.00", "1500000.00", "YEAR")
    assert data["is_open"] is True and data["description"] == "<p>About the role.</p>"
    assert detail(api, tree["closed_job"])["is_open"] is False


def test_white_paper_metadata(api, tree):
    data = detail(api, tree["paper_en"])
    assert data["subtitle"] == "Where we stand and what to do"
    assert data["doi"] == "10.1234/smart.2024.001" and data["isbn"] == "9787030412348"
    assert data["publication_date"] == "2024-05-20" and data["page_count"] == 3
    assert [a["name"] for a in data["authors"]] == ["Mingyuan Zhang", "Siyuan Li", "Xiao Wang", "Yi Chen"]
    assert data["topics"] == [{"slug": "talent", "name": "Talent"}]
    assert data["pdf"]["title"] == "White paper PDF" and data["pdf"]["file_extension"] == "pdf"
    assert data["key_findings"][0]["value"] == {"title": "Finding one", "text": "Explanation one"}
    assert data["bibtex_url"].endswith("/en/white-papers/physician-scientists/cite/bibtex/")


def test_listings_default_and_requested_fields(api, tree):
    data = ok(api, "/api/v2/pages/", type="content.NewsArticlePage", locale="zh-hans", limit=3, order="-date")
    item = data["items"][0]
    assert set(item) == {"id", "meta", "title", "listing_summary", "listing_image"}
    assert set(item["meta"]) == {"type", "detail_url", "html_url", "slug", "first_published_at", "locale"}
    assert item["id"] == tree["article"].pk  # the newest
    chosen = ok(api, "/api/v2/pages/", type="content.JobPostingPage", fields="_,closes_on,is_open")["items"][0]
    assert set(chosen) == {"id", "meta", "closes_on", "is_open"} and set(chosen["meta"]) == {"type", "detail_url"}


# -- locales and path lookup ---------------------------------------------------------------------------------------


def test_locale_filter_and_translations(api, tree):
    english = ok(api, "/api/v2/pages/", locale="en", limit=50)
    assert english["items"] and {item["meta"]["locale"] for item in english["items"]} == {"en"}
    chinese = ok(api, "/api/v2/pages/", locale="zh-hans", type="content.StandardPage")
    assert tree["only_zh"].pk in [item["id"] for item in chinese["items"]]
    translations = detail(api, tree["mission"])["meta"]["translations"]
    assert translations == [
        {
            "id": tree["mission_en"].pk,
            "title": "Mission",
            "locale": "en",
            "html_url": "http://testserver/en/about/mission/",
            "detail_url": f"http://testserver/api/v2/pages/{tree['mission_en'].pk}/",
        }
    ]
    assert detail(api, tree["only_zh"])["meta"]["translations"] == []
    assert listing_ids(api, translation_of=tree["about"].pk) == [tree["about_en"].pk]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/en/about/", "about_en"),
        ("/zh-hans/about/", "about"),
        ("/en/about/mission/", "mission_en"),
        ("/zh-hans/", "home"),
        ("/en", "home_en"),
        ("/en/white-papers/physician-scientists/", "paper_en"),
    ],
)
def test_find_by_public_path_with_language_prefix(api, tree, path, key):
    response = api.get("/api/v2/pages/find/", {"html_path": path, "fields": "title"})
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver/api/v2/pages/{tree[key].pk}/?fields=title"
    assert api.get(response["Location"]).json()["id"] == tree[key].pk


@pytest.mark.parametrize(
    "path",
    [
        "/en/nowhere/",
        "/fr/about/",
        "/about/",
        "/",
        "/zh-hans/draft/",
        "/zh-hans/internal/",
        "/zh-hans/internal/below/",
        "/en/internal/",
    ],
)
def test_find_refuses_unknown_draft_and_private_paths(api, tree, path):
    response = api.get("/api/v2/pages/find/", {"html_path": path}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and response.json() == {"message": "not found"}


# -- filters ---------------------------------------------------------------------------------------------------------


def test_upcoming_and_past_events(api, tree):
    upcoming = listing_ids(api, type="content.EventPage", upcoming="true", order="start")
    assert set(upcoming) == {tree["event"].pk, tree["event_en"].pk}
    past = listing_ids(api, type="content.EventPage", upcoming="false")
    assert set(past) == {tree["past_event"].pk, tree["past_event_en"].pk}
    assert set(listing_ids(api, type="content.EventPage", year=2023, locale="en")) == {tree["past_event_en"].pk}
    assert len(listing_ids(api, type="content.EventPage", series="smart-symposia")) == 4


def test_open_jobs_and_categories(api, tree):
    open_jobs = set(listing_ids(api, type="content.JobPostingPage", open="true"))
    assert open_jobs == {tree[k].pk for k in ("pi", "pi_en", "postdoc", "postdoc_en")}
    closed = set(listing_ids(api, type="content.JobPostingPage", open="false"))
    assert closed == {tree["closed_job"].pk, tree["closed_job_en"].pk}
    assert listing_ids(api, type="content.JobPostingPage", category="pi", locale="en") == [tree["pi_en"].pk]


def test_digest_issues_by_year_and_dates(api, tree):
    ids_2026 = listing_ids(api, type="content.DigestIssuePage", year=2026, locale="zh-hans", order="-issue_month")
    assert ids_2026 == [tree["issues"][FEB].pk, tree["issues"][datetime.date(2026, 1, 1)].pk]
    assert listing_ids(api, type="content.DigestIssuePage", year=2025) == [
        tree["issues"][datetime.date(2025, 12, 1)].pk
    ]
    window = listing_ids(api, type="content.DigestIssuePage", date_from="2026-01-15", date_to="2026-12-31")
    assert set(window) == {tree["issues"][FEB].pk, tree["issue_en"].pk}


def test_white_papers_by_year_and_topic(api, tree):
    assert set(listing_ids(api, type="content.WhitePaperPage", year=2023)) == {
        tree["older_paper"].pk,
        tree["older_paper_en"].pk,
    }
    assert listing_ids(api, type="content.WhitePaperPage", topic="talent", locale="en") == [tree["paper_en"].pk]


def test_tree_filters(api, tree):
    children = listing_ids(api, child_of=tree["about"].pk)
    assert children == [tree["mission"].pk]
    assert tree["below_private"].pk not in listing_ids(api, descendant_of=tree["home"].pk)


# -- what never reaches the API ----------------------------------------------------------------------------------------


def test_drafts_and_private_pages_are_never_reachable(api, admin_client, tree):
    hidden = [tree[key].pk for key in ("draft", "private", "below_private", "private_en")]
    for pk in hidden:
        assert get(api, f"/api/v2/pages/{pk}/").status_code == 404
        # A signed-in superuser sees exactly what the public sees.
        assert admin_client.get(f"/api/v2/pages/{pk}/").status_code == 404
    everything = ok(api, "/api/v2/pages/", limit=50)
    ids = [item["id"] for item in everything["items"]]
    assert not set(hidden) & set(ids)
    assert everything["meta"]["total_count"] == len(ids) < 50
    assert get(api, "/api/v2/pages/", child_of=tree["private"].pk).status_code == 400


def test_unpublished_changes_of_a_live_page_stay_out(api, tree):
    page = type(tree["about_en"]).objects.get(pk=tree["about_en"].pk)
    page.title = "Draft title, not yet published"
    page.intro = "draft intro"
    page.save_revision()
    data = detail(api, page)
    assert data["title"] == "About SMART" and data["intro"] == "An introduction to SMART"
    assert "Draft title" not in json.dumps(ok(api, "/api/v2/pages/", locale="en", fields="*", limit=50))


def test_private_collections_are_never_reachable(api, tree):
    image, doc = tree["private_image"], tree["private_doc"]
    assert get(api, f"/api/v2/images/{image.pk}/").status_code == 404
    assert get(api, f"/api/v2/documents/{doc.pk}/").status_code == 404
    assert image.pk not in [item["id"] for item in ok(api, "/api/v2/images/", limit=50)["items"]]
    assert doc.pk not in [item["id"] for item in ok(api, "/api/v2/documents/", limit=50)["items"]]
    assert get(api, "/api/v2/images/find/", id=image.pk).status_code == 404
    mission = detail(api, tree["mission"])
    assert mission["listing_image"] is None  # the private image is its listing image
    blocks = {block["type"]: block["value"] for block in mission["body"]}
    assert blocks["document"]["document"] is None
    assert blocks["call_to_action"]["link"]["page"] is None  # links to the private section


def test_public_images_and_documents(api, tree):
    images = ok(api, "/api/v2/images/", fields="*")["items"]
    hero = next(item for item in images if item["id"] == tree["hero_image"].pk)
    assert hero["meta"]["download_url"].startswith("http://testserver/media/original_images/")
    assert hero["renditions"]["large"]["width"] == 1440
    documents = ok(api, "/api/v2/documents/", order="title")["items"]
    assert [d["title"] for d in documents] == sorted(d["title"] for d in documents)
    assert all(d["meta"]["download_url"].startswith("http://testserver/documents/") for d in documents)


def test_records_and_personal_data_never_appear(api, tree):
    assert get(api, "/api/v2/records/").status_code == 404
    for type_name in ("grants.Call", "records.AuditEntry", "accounts.User", "events.Registration"):
        assert get(api, "/api/v2/pages/", type=type_name).status_code == 400
    fund_fields = {f.name for f in exposed_fields(__import__("content.models", fromlist=["x"]).FundCallPage)}
    assert "call" not in fund_fields
    dump = []
    for model in public_page_models():
        data = ok(api, "/api/v2/pages/", type=page_type_name(model), fields="*", limit=50)
        dump.append(json.dumps(data, ensure_ascii=False))
        for item in data["items"]:
            dump.append(json.dumps(detail(api, Page.objects.get(pk=item["id"])), ensure_ascii=False))
    for endpoint in ("images", "documents"):
        dump.append(json.dumps(ok(api, f"/api/v2/{endpoint}/", fields="*", limit=50), ensure_ascii=False))
    text = "\n".join(dump)
    assert not EMAIL.search(text), EMAIL.search(text)
    for secret in ("contact@example.org", "内部资料", "内部子页面", "草稿页面", "私密图片", "私密文件", "Internal"):
        assert secret not in text, (secret, text[max(0, text.find(secret) - 300) : text.find(secret) + 100])


# -- refusals ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "fragment"),
    [
        ("/api/v2/pages/", {"colour": "red"}, "unknown query parameter: colour"),
        ("/api/v2/pages/", {"search": "医学"}, "/api/search/"),
        ("/api/v2/pages/", {"fields": "nonsense"}, "unknown field: nonsense"),
        ("/api/v2/pages/", {"fields": "title(id)"}, "nested"),
        ("/api/v2/pages/", {"fields": "-id"}, "always included"),
        ("/api/v2/pages/", {"fields": "title,,"}, "fields error"),
        ("/api/v2/pages/", {"type": "content.Nope"}, "unknown page type"),
        ("/api/v2/pages/", {"type": "grants.Call"}, "unknown page type"),
        ("/api/v2/pages/", {"order": "colour"}, "cannot order by 'colour'"),
        ("/api/v2/pages/", {"order": "start"}, "cannot order by 'start'"),
        ("/api/v2/pages/", {"limit": "500"}, "limit must be between 0 and 50"),
        ("/api/v2/pages/", {"limit": "x"}, "limit must be an integer"),
        ("/api/v2/pages/", {"offset": "-1"}, "offset must be between"),
        ("/api/v2/pages/", {"offset": "99999999999999999999999"}, "offset must be between"),
        ("/api/v2/pages/", {"child_of": "abc"}, "child_of must be an integer"),
        ("/api/v2/pages/", {"child_of": "99999999999999999999"}, "child_of must be between"),
        ("/api/v2/pages/", {"descendant_of": "999999"}, "no public page has the id 999999"),
        ("/api/v2/pages/", {"locale": "fr"}, "unknown locale 'fr'"),
        ("/api/v2/pages/", {"upcoming": "true"}, "needs type= one of: content.EventPage"),
        ("/api/v2/pages/", {"type": "content.EventPage", "upcoming": "soon"}, "upcoming must be true or false"),
        ("/api/v2/pages/", {"type": "content.DigestIssuePage", "year": "twenty"}, "year must be an integer"),
        ("/api/v2/pages/", {"type": "content.DigestIssuePage", "date_from": "2026-13-01"}, "date_from must be a date"),
        ("/api/v2/pages/", {"type": "content.JobPostingPage", "category": "chef"}, "unknown category 'chef'"),
        ("/api/v2/pages/", {"slug": "a\x00b"}, "null characters"),
        ("/api/v2/pages/find/", {}, "find needs the html_path or id parameter"),
        ("/api/v2/pages/find/", {"id": "x"}, "id must be an integer"),
        ("/api/v2/pages/1/", {"limit": "3"}, "unknown query parameter: limit"),
        ("/api/v2/images/", {"order": "width"}, "cannot order by 'width'"),
        ("/api/v2/documents/", {"tags": "x"}, "unknown query parameter: tags"),
    ],
)
def test_bad_parameters_get_a_400_with_a_clear_message(api, tree, url, params, fragment):
    response = api.get(url, params, HTTP_ACCEPT_LANGUAGE="en")  # Chinese ones: test_messages.py
    assert response["Content-Type"] == "application/json"
    assert response.status_code == 400, response.content
    assert fragment in response.json()["message"]
    assert "no-store" in response["Cache-Control"]


def test_unknown_urls_and_huge_ids_are_json_404s(api, tree):
    for url in ("/api/v2/", "/api/v2/pages/99999999999999999999999/", "/api/v2/pages/abc/", "/api/v2/nothing"):
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url


def test_only_json_and_only_reading(api, tree):
    response = api.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    response = api.post("/api/v2/pages/", {"title": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405 and "not allowed" in response.json()["message"]


# -- HTTP caching ------------------------------------------------------------------------------------------


def test_etag_cache_control_and_304(api, tree):
    url = f"/api/v2/pages/{tree['about_en'].pk}/"
    first = api.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    listing = api.get("/api/v2/pages/", {"locale": "en"})
    assert api.get("/api/v2/pages/", {"locale": "en"}, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304
    assert api.get("/api/v2/pages/", {"locale": "zh-hans"}, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 200


# -- OpenAPI and fuzzing -----------------------------------------------------------------------------------


def test_openapi_document_describes_every_page_type(api, tree):
    document = ok(api, "/api/v2/openapi.json")
    assert document["openapi"] == "3.0.3"
    schemas = document["components"]["schemas"]
    type_enum = next(p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"] if p["name"] == "type")
    assert set(type_enum["schema"]["enum"]) == {page_type_name(m) for m in public_page_models()}
    event = schemas["Page_content_EventPage"]["properties"]
    assert event["speakers"]["items"]["properties"]["person"] == {"$ref": "#/components/schemas/Person"}
    assert event["status"]["enum"] == ["scheduled", "postponed", "rescheduled", "moved_online", "cancelled"]
    # Every page the API serves validates against its own type's schema (strict: no undeclared field).
    import jsonschema_rs

    for key in ("event", "paper_en", "issue_en", "home", "pi"):
        resolved = _as_json_schema({"components": document["components"], **schemas[_name(tree[key])]})
        errors = [error.message for error in jsonschema_rs.validator_for(resolved).iter_errors(detail(api, tree[key]))]
        assert errors == [], (key, errors[:3])


def _name(page):
    return f"Page_content_{type(page).__name__}"


def _as_json_schema(schema):
    """OpenAPI 3.0 ``nullable`` as JSON Schema, for a direct check with jsonschema_rs."""
    if isinstance(schema, dict):
        converted = {key: _as_json_schema(value) for key, value in schema.items() if key != "nullable"}
        if schema.get("nullable"):
            return {"anyOf": [converted, {"type": "null"}]}
        return converted
    if isinstance(schema, list):
        return [_as_json_schema(value) for value in schema]
    return schema
