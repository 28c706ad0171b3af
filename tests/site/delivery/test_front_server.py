"""nginx in front of Django gives the same answers as Django: the real nginx, configured from the repository's
template by ``delivery.frontserver``, in front of the live server, serving the front server's copy of the pages.

Every change to public content shows through nginx as soon as the change is committed, before the background
task that brings the copy in line has run (the task queue here keeps tasks without running them; each test
then runs the task itself and checks the copy is served again, with the change).
"""

import threading
from pathlib import Path

import pytest
import requests
from django.core.signals import request_started
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from delivery.staticgen import front
from tests.factories.pages import add_navigation, build_site
from tests.factories.publications import build_jobs

from .frontserver import Nginx, free_port, link_coming_and_going

KEEP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
# The headers that say what may be done with a page: the same whether nginx or Django answers.
COMPARED = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cache-Control",
    "Expires",
    "Vary",
)


def from_file(response):
    return response.headers.get("X-Cache") == "file"


def comparable(header, response):
    """A header's value; Vary without Accept-Encoding, which nginx's compression adds to everything it sends."""
    value = response.headers.get(header)
    if header == "Vary" and value:
        value = ", ".join(token.strip() for token in value.split(",") if token.strip().lower() != "accept-encoding")
    return value


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server, settings, tmp_path):
    """A bilingual site with menus and job postings, its front copy built and served by nginx."""
    settings.STATIC_BUILD_DIR = str(tmp_path / "front-site")
    settings.STATIC_SITE_FRONT = True
    settings.STATIC_BUILD_WORKERS = 1
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as in production
    settings.TASKS = KEEP_TASKS
    settings.SITE_BASE_URL = live_server.url
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver", "localhost"]
    pages = build_jobs(build_site())
    pages.update(add_navigation(pages))
    done, served, _summary = front.refresh(full=True)
    assert (done, served) == ("full", True)
    nginx = Nginx(live_server.url.removeprefix("http://"), tmp_path / "run").start()
    try:
        yield pages, nginx, live_server.url
    finally:
        nginx.stop()


def run_the_task():
    """What the task worker does with the queued update: the copy in line with every change, served again."""
    done, served, _summary = front.refresh()
    assert served
    return done


def test_public_pages_are_files_with_the_headers_and_bytes_django_sends(site):
    pages, nginx, _django = site
    django = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=nginx.url.removeprefix("http://"))
    for name in ("home", "home_en", "about_en", "news", "article_en", "mission"):
        url = pages[name].url
        via_nginx = nginx.get(url, headers={"X-Forwarded-Proto": "https"})
        direct = django.get(url)
        assert via_nginx.status_code == direct.status_code == 200, url
        assert from_file(via_nginx), url
        assert direct.headers.get("X-Cache") != "file"
        for header in COMPARED:
            assert comparable(header, via_nginx) == comparable(header, direct), (url, header)
        assert via_nginx.content == direct.content, url
    # nginx compresses whatever it sends, Django's answers too, and says so in Vary.
    proxied = nginx.get(pages["home_en"].url + "?from=django")
    assert not from_file(proxied) and "Accept-Encoding" in proxied.headers["Vary"]
    assert "max-age=31536000" in via_nginx.headers["Strict-Transport-Security"]
    plain = nginx.get(pages["home_en"].url)  # no HTTPS, no HSTS: as Django
    assert "Strict-Transport-Security" not in plain.headers and from_file(plain)
    assert nginx.get(pages["home"].url).headers["Content-Language"] == "zh-hans"


def test_what_must_stay_with_django_is_never_a_file(site):
    pages, nginx, _django = site
    folder = Path(front.live_link()).resolve()
    # The language choice, a query string, a signed-in visitor's session, a URL without its final slash.
    assert nginx.get("/").status_code == 302 and not from_file(nginx.get("/"))
    assert not from_file(nginx.get(pages["news_en"].url + "?page=1"))
    assert not from_file(nginx.get(pages["about_en"].url, cookies={"sessionid": "x" * 32}))
    assert nginx.get(pages["about_en"].url.rstrip("/")).status_code == 301
    # A page with a form: Django's, with its CSRF cookie and token, and it accepts the form through nginx.
    posting = pages["pi_en"].url
    assert not (folder / posting.strip("/") / "index.html").exists()
    form = requests.Session()
    answer = form.get(nginx.url + posting, timeout=30)
    assert answer.status_code == 200 and not from_file(answer)
    assert "csrftoken" in answer.cookies and 'name="csrfmiddlewaretoken"' in answer.text
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8")
            assert "csrfmiddlewaretoken" not in text and "form_token" not in text, path


def test_a_publication_shows_through_nginx_at_once_and_the_copy_follows(site):
    pages, nginx, _django = site
    article = pages["article_en"]
    article.title = "SMART opens its doors"
    article.save_revision().publish()
    answer = nginx.get(article.url)  # the task has not run: Django answers, with the new title
    assert answer.status_code == 200 and "SMART opens its doors" in answer.text and not from_file(answer)
    listing = nginx.get(pages["news_en"].url)
    assert "SMART opens its doors" in listing.text and not from_file(listing)
    assert run_the_task() == "pages"
    for url in (article.url, pages["news_en"].url):
        answer = nginx.get(url)
        assert from_file(answer) and "SMART opens its doors" in answer.text, url


def test_unpublish_move_and_delete_show_at_once(site):
    pages, nginx, _django = site
    about_en, only_zh = pages["about_en"], pages["only_zh"]
    pages["article_en"].unpublish()
    assert nginx.get(pages["article_en"].url).status_code == 404
    mission = Page.objects.get(pk=pages["mission_en"].pk)
    old_url = mission.url
    mission.move(Page.objects.get(pk=pages["news_en"].pk), pos="last-child")
    mission = Page.objects.get(pk=mission.pk)
    moved = nginx.get(old_url)  # Wagtail's redirect from the old address, made as the page moved: Django's
    assert moved.status_code == 301 and moved.headers["Location"].endswith(mission.url) and not from_file(moved)
    assert nginx.get(mission.url).status_code == 200
    only_zh_url = only_zh.url
    Page.objects.get(pk=only_zh.pk).delete()
    assert nginx.get(only_zh_url).status_code == 404
    run_the_task()
    assert nginx.get(pages["article_en"].url).status_code == 404
    assert nginx.get(old_url).status_code == 301 and nginx.get(only_zh_url).status_code == 404
    assert from_file(nginx.get(mission.url)) and from_file(nginx.get(about_en.url))


def test_a_private_page_is_never_a_file(site):
    pages, nginx, _django = site
    about = pages["about_en"]
    folder = Path(front.live_link()).resolve()
    assert (folder / "en/about/index.html").exists()
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    answer = nginx.get(about.url)
    assert answer.status_code == 302 and "/login/" in answer.headers["Location"]  # at once: Django asks to sign in
    assert nginx.get(pages["mission_en"].url).status_code == 302  # and below it
    run_the_task()
    folder = Path(front.live_link()).resolve()
    assert not (folder / "en/about/index.html").exists()
    assert not (folder / "en/about/mission/index.html").exists()
    assert nginx.get(about.url).status_code == 302
    assert from_file(nginx.get(pages["news_en"].url))


def test_menu_image_and_document_edits_show_at_once(site):
    from tests.factories.images import make_image
    from tests.factories.publications import document

    pages, nginx, _django = site
    menu = pages["menu_en"]
    menu.name = "Main menu"
    menu.items = [{"type": "item", "value": {"page": pages["news_en"].pk, "label": "Latest from SMART"}}]
    menu.save()
    answer = nginx.get(pages["about_en"].url)
    assert "Latest from SMART" in answer.text and not from_file(answer)
    assert run_the_task() == "full"
    answer = nginx.get(pages["about_en"].url)
    assert "Latest from SMART" in answer.text and from_file(answer)
    # An image or a document edited: any page may show it, so the copy is withdrawn until it is built again.
    image = make_image("Campus")
    assert not from_file(nginx.get(pages["about_en"].url))
    run_the_task()
    image.title = "Campus at dawn"
    image.save()
    assert not from_file(nginx.get(pages["about_en"].url))
    run_the_task()
    document("Annual report").delete()
    assert not from_file(nginx.get(pages["about_en"].url))
    run_the_task()
    assert from_file(nginx.get(pages["about_en"].url))


def test_a_change_that_lands_while_the_copy_is_updated_keeps_it_withdrawn(site, monkeypatch):
    """The task took the first change; a second one is committed while it works: the copy it made misses the
    second change, so it is not served; the next run serves a copy with both."""
    from delivery.staticgen import incremental

    pages, nginx, _django = site
    article = pages["article_en"]
    article.title = "First change"
    article.save_revision().publish()
    original = incremental.update_pages

    def update_while_another_change_lands(*args, **kwargs):
        summary = original(*args, **kwargs)
        other = Page.objects.get(pk=pages["about_en"].pk).specific
        other.title = "Second change"
        other.save_revision().publish()
        return summary

    monkeypatch.setattr(incremental, "update_pages", update_while_another_change_lands)
    done, served, _summary = front.refresh()
    assert (done, served) == ("pages", False)
    monkeypatch.setattr(incremental, "update_pages", original)
    for url, title in ((article.url, "First change"), (pages["about_en"].url, "Second change")):
        answer = nginx.get(url)
        assert title in answer.text and not from_file(answer), url
    assert run_the_task() == "pages"
    for url, title in ((article.url, "First change"), (pages["about_en"].url, "Second change")):
        answer = nginx.get(url)
        assert title in answer.text and from_file(answer), url


def test_static_files_and_public_media_come_from_nginx_documents_never(site, settings, tmp_path):
    """With gunicorn not answering, nginx still serves static files and images from disk, and never a document
    (it hands those to Django, which checks the privacy of their collection)."""
    from django.core.management import call_command

    from tests.factories.images import make_image
    from tests.factories.publications import document

    pages, _nginx, _django = site
    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = Path(settings.STATIC_ROOT, "smart/css/site.0123456789ab.css")
    hashed.write_bytes(b"body{}")
    image = make_image("Lab")
    rendition = image.get_rendition("fill-200x100")
    report = document("Internal memo")
    assert Path(settings.MEDIA_ROOT, report.file.name).exists()
    nobody = Nginx(f"127.0.0.1:{free_port()}", tmp_path / "down").start()  # nothing behind it
    try:
        css = nobody.get("/static/smart/css/site.css")
        assert css.status_code == 200 and css.content == Path(settings.STATIC_ROOT, "smart/css/site.css").read_bytes()
        assert css.headers["Cache-Control"] == "public, max-age=60"
        year = nobody.get("/static/smart/css/site.0123456789ab.css")
        assert year.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        for url in (image.file.url, rendition.url):
            answer = nobody.get(url)
            assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("image/"), url
            assert (
                "max-age" in answer.headers["Cache-Control"] and answer.headers["X-Content-Type-Options"] == "nosniff"
            )
        assert nobody.get(report.file.url).status_code == 503  # handed to Django (down here), never read from disk
        assert nobody.get(settings.MEDIA_URL + report.file.name).status_code == 503
    finally:
        nobody.stop()


def test_an_oversized_body_is_refused_before_django_reads_it(site, tmp_path, live_server, settings):
    pages, _nginx, _django = site
    settings.FRONT_MAX_BODY_BYTES = 64 * 1024
    small = Nginx(live_server.url.removeprefix("http://"), tmp_path / "small").start()
    seen = []

    def count(**kwargs):
        seen.append(True)

    request_started.connect(count)
    try:
        answer = requests.post(
            small.url + pages["pi_en"].url, files={"cv": ("cv.pdf", b"%PDF-" + b"0" * 200_000)}, timeout=30
        )
        assert answer.status_code == 413
        assert "The files are too large" in answer.text and 'lang="en"' in answer.text
        assert answer.headers["Content-Language"] == "en"
        chinese = requests.post(small.url + pages["pi"].url, data=b"x" * 100_000, timeout=30)
        assert chinese.status_code == 413 and "文件太大" in chinese.text
        assert seen == []  # Django never saw either request
    finally:
        request_started.disconnect(count)
        small.stop()


def test_our_503_page_when_gunicorn_does_not_answer(site, tmp_path):
    pages, _nginx, _django = site
    nobody = Nginx(f"127.0.0.1:{free_port()}", tmp_path / "down").start()
    try:
        english = nobody.get(pages["pi_en"].url)
        assert english.status_code == 503 and english.headers["Retry-After"]
        assert "Service temporarily unavailable" in english.text and 'lang="en"' in english.text
        assert "no-store" in english.headers["Cache-Control"]
        assert "default-src 'self'" in english.headers["Content-Security-Policy"]
        chinese = nobody.get(pages["pi"].url)
        assert chinese.status_code == 503 and "服务暂时不可用" in chinese.text
        admin = nobody.get("/admin/", headers={"Accept-Language": "en-GB,en;q=0.9"})
        assert admin.status_code == 503 and "Service temporarily unavailable" in admin.text
        # Pages of the copy are still served: the public site stays up while gunicorn restarts.
        assert nobody.get(pages["about_en"].url).status_code == 200
    finally:
        nobody.stop()


def test_a_page_is_never_half_written_while_the_copy_is_rebuilt(site):
    """Visitors keep reading while the copy is built again and updated: every answer is a whole page."""
    pages, nginx, _django = site
    urls = [pages[name].url for name in ("home_en", "about_en", "news_en", "article_en", "mission")]
    answers, stop = [], threading.Event()

    def visitor():
        session = requests.Session()
        while not stop.is_set() and len(answers) < 5000:
            for url in urls:
                answer = session.get(nginx.url + url, timeout=30)
                answers.append((url, answer.status_code, answer.text.rstrip().endswith("</html>")))

    reader = threading.Thread(target=visitor)
    reader.start()
    try:
        for number in range(3):
            front.refresh(full=True)
            article = Page.objects.get(pk=pages["article_en"].pk).specific
            article.title = f"Edition {number}"
            article.save_revision().publish()
            front.refresh()
    finally:
        stop.set()
        reader.join(timeout=60)
    assert answers
    assert all(status == 200 and whole for _url, status, whole in answers), [a for a in answers if a[1] != 200][:5]


def test_a_page_withdrawn_as_nginx_opens_its_file_is_djangos(site):
    """The copy withdrawn (its link removed, as a change suspends it) between nginx finding a page's file and
    opening it: the visitor gets the page from Django, never nginx's 404. The link is removed and put back in a
    tight loop while the pages are asked for, so that some requests fall in between."""
    pages, nginx, _django = site
    urls = [pages[name].url for name in ("home_en", "about_en", "news_en", "article_en", "mission")]
    with link_coming_and_going(front.live_link()):
        session = requests.Session()
        answers = [(url, session.get(nginx.url + url, timeout=30)) for _ in range(20) for url in urls]
    assert [(url, answer.status_code) for url, answer in answers if answer.status_code != 200] == []
    assert any(from_file(answer) for _url, answer in answers) and not all(from_file(a) for _u, a in answers)


def test_configuration_is_checked_by_nginx(tmp_path, settings, db):
    """A configuration nginx refuses is never used: the stack does not start, saying why."""
    from delivery import frontserver

    nginx = frontserver.find_nginx() or pytest.skip("nginx is missing")
    headers = frontserver.Headers([("X-Frame-Options", "DENY")])
    text = frontserver.render_config("127.0.0.1:1", "127.0.0.1:2", tmp_path, headers)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    good = tmp_path / "good.conf"
    good.write_text(text)
    frontserver.check(good, nginx)
    broken = tmp_path / "nginx.conf"
    broken.write_text(text.replace("server_tokens off;", "server_tokens maybe;"))
    with pytest.raises(frontserver.FrontServerError, match='invalid value "maybe"'):
        frontserver.check(broken, nginx)
    assert not broken.exists()
