"""Several machines: two app servers share PostgreSQL, Redis and the object storage, and behave as one site.

Each "machine" is a production stack of its own (``manage.py serve_production``: nginx, gunicorn; only the second
one runs a task worker and the scheduler), with folders of its own (static files, mail), started together against
a throw-away PostgreSQL cluster, one Redis database and moto's S3 server on loopback. Then:

- an application sent through the first machine is downloaded by staff through the second;
- a page published through the first machine is live through the second at once;
- a rendition made by the first machine is served to the second, not made again;
- the acknowledgement email queued by the first machine is sent by the second machine's task worker.

Bounded in time (every wait has a deadline); everything started here is stopped here.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys

import pytest
import requests

from tests.objectstorage import storage_environment

from .test_production_faults import AS_POSTGRES, PG_BIN, ROOT, cluster, free_port, wait_for  # noqa: F401

pytestmark = pytest.mark.skipif(
    PG_BIN is None or not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")),
    reason="needs the PostgreSQL server binaries (initdb, pg_ctl) to start a throw-away cluster",
)
REDIS_URL = "redis://127.0.0.1:6379/9"
ADMIN = ("operator", "several-machines-" + secrets.token_hex(8))

BUILD_SITE = """
from wagtail.images import get_image_model
from tests.factories.images import make_image
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs
pages = build_jobs(build_site())
image = make_image("Shared campus")
print("PAGES", pages["pi_en"].url, pages["about_en"].pk, pages["about_en"].url, image.pk)
"""
DRAFT = """
from wagtail.models import Page
page = Page.objects.get(pk={pk}).specific
page.title = "About SMART, published through the first machine"
page.save_revision()
"""
APPLICATION = """
from records.recruitment.models import JobApplication
application = JobApplication.objects.get(email="{email}")
print("APPLICATION", application.cv.pk, application.reference)
"""
RENDITIONS = """
from wagtail.images import get_image_model
print("RENDITIONS", get_image_model().get_rendition_model().objects.count())
"""


class Machine:
    def __init__(self, name, folder, common, extra):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self.mail = folder / "mail"
        self.env = {
            **common,
            "VAR_DIR": str(folder / "var"),
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "EMAIL_URL": f"filemail://{self.mail}",
        }
        self.extra = extra
        self.proc = None

    def start(self):
        manage = [sys.executable, str(ROOT / "manage.py")]
        log = open(self.folder / "stack.log", "w")  # noqa: SIM115 (kept open for the life of the stack)
        self.proc = subprocess.Popen(
            [*manage, "serve_production", "--bind", f"127.0.0.1:{self.port}", *self.extra],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def ready(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} stopped: {(self.folder / 'stack.log').read_text()[-3000:]}")
        try:
            return requests.get(self.url + "/robots.txt", timeout=3).status_code == 200
        except requests.RequestException:
            return False

    def shell(self, script):
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def ask_to_stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)

    def stopped(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def sign_in(self):
        session = requests.Session()
        form = session.get(self.url + "/admin/login/", timeout=30).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        answer = session.post(
            self.url + "/admin/login/",
            data={"csrfmiddlewaretoken": token, "username": ADMIN[0], "password": ADMIN[1], "next": "/admin/"},
            timeout=30,
        )
        assert answer.status_code == 200 and "/admin/login/" not in answer.url, answer.url
        return session

    def mails(self):
        return [path.read_text("utf-8", "replace") for path in self.mail.glob("*")] if self.mail.exists() else []


@pytest.fixture(scope="module")
def machines(cluster, s3_server, tmp_path_factory):  # noqa: F811 (the cluster fixture)
    media, private = s3_server.new_buckets()
    folder = tmp_path_factory.mktemp("machines")
    first_port = free_port()
    common = {
        **os.environ,
        **storage_environment(s3_server.url, media, private),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": cluster.url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"machines-{secrets.token_hex(4)}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_BASE_URL": f"http://127.0.0.1:{first_port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_BUILD_DIR": "",  # several machines: no copy of the pages on any of them
        "RECORDS_RATE_LIMIT": "100000",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_LOG_LEVEL": "warning",
        "ADMIN_USERNAME": ADMIN[0],
        "ADMIN_PASSWORD": ADMIN[1],
    }
    first = Machine("first", folder / "first", common, ["--task-workers", "0", "--no-scheduler"])
    first.port, first.url = first_port, f"http://127.0.0.1:{first_port}"
    second = Machine("second", folder / "second", common, [])
    for machine in (first, second):
        machine.folder.mkdir()
    try:
        first.start()
        second.start()  # together: they migrate one after the other (an advisory lock), not over each other
        assert wait_for(first.ready, timeout=900) and wait_for(second.ready, timeout=900), "the machines did not start"
        first.shell("from django.core.management import call_command; call_command('ensure_admin')")
        found = re.search(r"PAGES (\S+) (\d+) (\S+) (\d+)", first.shell(BUILD_SITE)).groups()
        yield {
            "first": first,
            "second": second,
            "posting": found[0],
            "about_pk": int(found[1]),
            "about": found[2],
            "image": int(found[3]),
            "buckets": (media, private),
        }
    finally:  # both asked at once: each waits out its open connections' keep-alive, side by side
        first.ask_to_stop()
        second.ask_to_stop()
        first.stopped()
        second.stopped()


def send_application(machine, posting, email):
    from tests.factories.publications import pdf_bytes

    session = requests.Session()
    page = session.get(machine.url + posting, timeout=30).text
    data = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
        "form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1),
        "name": "Candidate on two machines",
        "email": email,
        "phone": "+86 139 0000 0000",
        "consent": "on",
        "website": "",
    }
    files = {
        "cv": ("cv.pdf", pdf_bytes("CV sent through the first machine"), "application/pdf"),
        "cover_letter": ("letter.pdf", pdf_bytes("Letter"), "application/pdf"),
        "research_statement": ("statement.pdf", pdf_bytes("Statement"), "application/pdf"),
    }
    return session.post(machine.url + posting, data=data, files=files, allow_redirects=False, timeout=60)


def test_an_application_sent_through_one_is_downloaded_through_the_other_and_acknowledged_by_its_worker(machines):
    from tests.factories.publications import pdf_bytes

    first, second = machines["first"], machines["second"]
    assert send_application(first, machines["posting"], "two.machines@example.org").status_code == 302
    found = re.search(r"APPLICATION (\S+) (\S+)", first.shell(APPLICATION.format(email="two.machines@example.org")))
    file_pk, reference = found.groups()
    staff = second.sign_in()
    download = staff.get(f"{second.url}/admin/records/files/{file_pk}/", timeout=30)
    assert download.status_code == 200 and download.content == pdf_bytes("CV sent through the first machine")
    # The acknowledgement was queued by the first machine (it runs no task worker) and sent by the second's.
    assert wait_for(lambda: any(reference in mail for mail in second.mails()), timeout=180), "no acknowledgement"
    assert not any(reference in mail for mail in first.mails())


def test_a_page_published_through_one_is_live_through_the_other_at_once(machines):
    first, second = machines["first"], machines["second"]
    before = requests.get(second.url + machines["about"], timeout=30)
    again = requests.get(second.url + machines["about"], timeout=30)
    assert again.headers.get("X-Cache") == "hit" and "published through the first machine" not in again.text
    assert before.status_code == 200
    first.shell(DRAFT.format(pk=machines["about_pk"]))  # a draft: nothing shows yet
    assert "published through the first machine" not in requests.get(second.url + machines["about"], timeout=30).text
    staff = first.sign_in()
    publish = f"{first.url}/admin/bulk/wagtailcore/page/publish/?id={machines['about_pk']}"
    form = staff.get(publish, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    done = staff.post(publish, data={"csrfmiddlewaretoken": token}, allow_redirects=False, timeout=60)
    assert done.status_code == 302, done.status_code  # published, back to the page list
    live = requests.get(second.url + machines["about"], timeout=30)
    assert live.status_code == 200 and "published through the first machine" in live.text


def test_a_rendition_made_by_one_is_served_by_the_other(machines):
    first, second = machines["first"], machines["second"]
    media, _private = machines["buckets"]
    made = requests.get(f"{first.url}/api/v2/images/{machines['image']}/", timeout=60).json()["renditions"]
    assert set(made) == {"thumbnail", "medium", "large"}
    count = int(re.search(r"RENDITIONS (\d+)", first.shell(RENDITIONS)).group(1))
    served = requests.get(f"{second.url}/api/v2/images/{machines['image']}/", timeout=60).json()["renditions"]
    assert served == made  # the same files, found by the second machine, not made again
    again = int(re.search(r"RENDITIONS (\d+)", second.shell(RENDITIONS)).group(1))
    assert again == count
    for rendition in served.values():
        assert f"/{media}/" in rendition["url"]
        image = requests.get(rendition["url"], timeout=30)
        assert image.status_code == 200 and image.headers["Content-Type"].startswith("image/")
