"""The production stack under load and faults, on loopback against a throw-away PostgreSQL cluster.

The machine's shared PostgreSQL server is never touched: the module starts its own cluster with the installed
binaries (``initdb``, ``pg_ctl``; as the ``postgres`` user when run as root) in a temporary folder on a free
port, runs ``manage.py serve_production`` (gunicorn workers, task worker, scheduler) against it, builds a
small bilingual site with job postings, and then:

- sends many job applications at once, some of them twice (a double submit): none is lost, none duplicated;
- stops and restarts the database while visitors keep coming: they get a clean 503 page in their language,
  never a 500, and every application that was accepted (redirected to its confirmation) is still there;
- kills a gunicorn worker while applications are being sent: every stored application is whole (its files and
  its audit entry), and the site keeps serving.

Bounded in time (every wait has a deadline) and everything started here is stopped here.
"""

import concurrent.futures
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from urllib3 import encode_multipart_formdata

from tests import migrated

ROOT = Path(__file__).resolve().parents[3]
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

pytestmark = pytest.mark.skipif(
    PG_BIN is None or not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")),
    reason="needs the PostgreSQL server binaries (initdb, pg_ctl) to start a throw-away cluster",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout, step=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


class Cluster:
    DATABASE = "smart_faults"

    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def run(self, *args, timeout=120):
        return subprocess.run([*AS_POSTGRES, *args], capture_output=True, text=True, timeout=timeout, check=True)

    def init(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if AS_POSTGRES:
            shutil.chown(self.folder, "postgres")
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "log")
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.DATABASE}"


@pytest.fixture(scope="module")
def cluster(django_db_setup):
    """A PostgreSQL server of the test's own, its database a copy of the migrated test database (tests/migrated.py:
    the stack's ``migrate`` finds nothing to do)."""
    folder = Path(f"/tmp/smart-faults-{secrets.token_hex(4)}")
    cluster = Cluster(folder)
    cluster.init()
    cluster.start()
    migrated.restore_into(PG_BIN, "127.0.0.1", cluster.port, Cluster.DATABASE)
    try:
        yield cluster
    finally:
        subprocess.run(
            [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


BUILD_SITE = """
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs
pages = build_jobs(build_site())
print("POSTING", pages["pi"].url, pages["pi_en"].url)
"""


@pytest.fixture(scope="module")
def stack(cluster, tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": cluster.url,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SITE_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PAGE_CACHE_ENABLED": "false",  # every visit reaches the database
        "RECORDS_RATE_LIMIT": "100000",  # every test client comes from 127.0.0.1
        "EMAIL_URL": "consolemail://",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "WEB_CONCURRENCY": "3",
        "GUNICORN_THREADS": "2",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.update(REDIS_URL="redis://127.0.0.1:6379/7", CACHE_KEY_PREFIX=f"faults-{port}")  # a shared cache of its own
    manage = [sys.executable, str(ROOT / "manage.py")]
    # --no-front: gunicorn itself faces the requests, so that a worker killed mid-request really had one under way
    # (nginx in front reads a whole request before gunicorn sees it: tests/site/delivery/test_front_server.py).
    proc = subprocess.Popen(
        [*manage, "serve_production", "--no-front", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: _answers(base + "/robots.txt"), timeout=600), "the production stack did not start"
        built = subprocess.run(
            [*manage, "shell", "-c", BUILD_SITE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        assert built.returncode == 0, built.stderr[-3000:]
        zh_url, en_url = re.search(r"POSTING (\S+) (\S+)", built.stdout).groups()
        yield {"base": base, "zh": base + zh_url, "en": base + en_url, "env": env, "proc": proc}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _answers(url):
    try:
        return requests.get(url, timeout=3).status_code == 200
    except requests.RequestException:
        return False


def pdf(text):
    from tests.factories.publications import pdf_bytes

    return pdf_bytes(text)


def fill_in(url, name, email):
    """Fetch the form and fill it in: ``(session, url, data)``, or the status that came instead of the form (None:
    the connection broke)."""
    session = requests.Session()
    try:
        page = session.get(url, timeout=30)
    except requests.RequestException:
        return None
    if page.status_code != 200:
        return page.status_code
    token = re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    data = {
        "csrfmiddlewaretoken": csrf,
        "form_token": token,
        "name": name,
        "email": email,
        "phone": "+86 139 0000 0000",
        "consent": "on",
        "website": "",
    }
    return session, url, data


def send(filled):
    """Post a filled-in form (with its one-time token) once: the status, or None when the connection broke."""
    session, url, data = filled
    files = {
        "cv": ("cv.pdf", pdf(f"CV of {data['name']}"), "application/pdf"),
        "cover_letter": ("letter.pdf", pdf("Letter"), "application/pdf"),
        "research_statement": ("statement.pdf", pdf("Statement"), "application/pdf"),
    }
    try:
        return session.post(url, data=data, files=files, allow_redirects=False, timeout=60).status_code
    except requests.RequestException:
        return None  # nothing was acknowledged


def send_slowly(filled, halfway):
    """Post a filled-in form a little at a time (as over a slow line), setting ``halfway`` once half of it is sent:
    the status, or None when the connection broke."""
    session, url, data = filled
    fields = {
        **data,
        "cv": ("cv.pdf", pdf(f"CV of {data['name']}"), "application/pdf"),
        "cover_letter": ("letter.pdf", pdf("Letter"), "application/pdf"),
        "research_statement": ("statement.pdf", pdf("Statement"), "application/pdf"),
    }
    body, content_type = encode_multipart_formdata(fields)
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    try:
        connection.putrequest("POST", address.path)
        connection.putheader("Content-Type", content_type)
        connection.putheader("Content-Length", str(len(body)))
        connection.putheader("Cookie", "; ".join(f"{c.name}={c.value}" for c in session.cookies))
        connection.endheaders()
        middle = len(body) // 2
        connection.send(body[:middle])
        # Half of it sent is not yet half of it taken: while every worker is busy, the connection waits in the
        # listening socket's queue, and a worker started after the kill would take it whole. Halfway is when a
        # worker has read all that was sent.
        client_port = connection.sock.getsockname()[1]
        assert wait_for(lambda: read_by_server(address.port, client_port), timeout=120), "no worker took the post"
        halfway.set()
        for start in range(middle, len(body), 64):
            time.sleep(0.2)
            connection.send(body[start : start + 64])
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def read_by_server(server_port, client_port):
    """Whether the server's end of the connection from ``client_port`` holds nothing unread (a worker has taken the
    request and read all the client sent): its receive queue (``tx_queue:rx_queue``) is empty."""
    for fields in server_sockets(server_port):
        if _port(fields[2]) == client_port:
            return int(fields[4].split(":")[1], 16) == 0
    return False


def server_sockets(port):
    """The fields of /proc/net/tcp and /proc/net/tcp6 for each socket whose local port is ``port``."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            fields = line.split()
            if _port(fields[1]) == port:
                yield fields


def _port(address):
    return int(address.rsplit(":", 1)[1], 16)


def apply(url, name, email, repeat=1):
    """Fetch the form, then post the application ``repeat`` times with the same one-time token."""
    filled = fill_in(url, name, email)
    if not isinstance(filled, tuple):
        return [filled]
    return [send(filled) for _ in range(repeat)]


def requests_under_way(base):
    """The server's connections on ``base``'s port that are still open at its end (a request being read, worked on
    or answered, or one a client gave up on that a worker still holds), read from /proc/net/tcp: a request ends when
    the server closes its connection. A connection the server has closed is over, whatever the client does with its
    end: FIN_WAIT1, FIN_WAIT2 (up to a minute while a client keeps an idle socket open), TIME_WAIT, CLOSE, LAST_ACK
    and CLOSING; those still open at the server's end are ESTABLISHED, SYN_RECV and CLOSE_WAIT (the client gave up,
    a worker still holds the request)."""
    port = urlsplit(base).port
    not_under_way = {"0A", "04", "05", "06", "07", "09", "0B"}  # LISTEN, and the states above after the server's close
    return [fields[2] for fields in server_sockets(port) if fields[3] not in not_under_way]


def stored_applications(env):
    """{email: (reference, files, audit entries)} read from the cluster through Django's ORM in a subprocess."""
    script = (
        "from django.contrib.contenttypes.models import ContentType\n"
        "from records.audit import AuditEntry\n"
        "from records.files import StoredFile\n"
        "from records.recruitment.models import JobApplication\n"
        "ct = ContentType.objects.get_for_model(JobApplication)\n"
        "for a in JobApplication.objects.all():\n"
        "    files = StoredFile.objects.filter(owner_type=ct, owner_id=str(a.pk)).count()\n"
        "    audit = AuditEntry.objects.filter(content_type=ct, object_id=str(a.pk)).count()\n"
        "    print('APP', a.email, a.reference, files, audit)\n"
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("APP ")]
    result = {}
    for email, reference, files, audit in rows:
        assert email not in result, f"{email} stored twice"
        result[email] = (reference, int(files), int(audit))
    return result


def test_concurrent_submissions_lose_none_and_duplicate_none(stack):
    applicants = [(f"Applicant {n}", f"concurrent{n}@example.org", 2 if n % 4 == 0 else 1) for n in range(24)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = {
            email: pool.submit(apply, stack["en"] if n % 2 else stack["zh"], name, email, repeat)
            for n, (name, email, repeat) in enumerate(applicants)
        }
        statuses = {email: future.result(timeout=300) for email, future in futures.items()}
    for email, codes in statuses.items():
        assert codes[0] == 302, (email, codes)  # accepted, redirected to the confirmation
        assert all(code in (200, 302, 400) for code in codes[1:]), (email, codes)  # a double submit is not a 500
    stored = stored_applications(stack["env"])
    concurrent_rows = {email: row for email, row in stored.items() if email.startswith("concurrent")}
    assert sorted(concurrent_rows) == sorted(email for _name, email, _repeat in applicants)
    references = [reference for reference, _files, _audit in concurrent_rows.values()]
    assert len(set(references)) == len(references)
    assert all(files == 3 and audit >= 1 for _reference, files, audit in concurrent_rows.values())


def test_database_restart_under_load_gives_a_translated_503_and_loses_nothing(stack, cluster):
    accepted_before = [f"before{n}@example.org" for n in range(3)]
    for n, email in enumerate(accepted_before):
        assert apply(stack["zh"], f"Before {n}", email) == [302]

    seen = []
    stop = []
    # Forms filled in while the database is up, sent one after another across the outage and the restart.
    filled = {
        f"across{n}@example.org": fill_in(stack["en"], f"Across {n}", f"across{n}@example.org") for n in range(10)
    }
    assert all(isinstance(form, tuple) for form in filled.values())
    sent = {}

    def applicant():
        for email, form in filled.items():
            sent[email] = send(form)
            time.sleep(0.4)

    def visitor(url):
        deadline = time.monotonic() + 300  # stops by itself whatever happens to the test
        while not stop and time.monotonic() < deadline:
            try:
                seen.append(requests.get(url, timeout=10).status_code)
            except requests.RequestException:
                seen.append(None)
            time.sleep(0.05)

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        visits = [pool.submit(visitor, stack["zh"]), pool.submit(visitor, stack["en"])]
        sending = pool.submit(applicant)
        try:
            time.sleep(1)
            cluster.stop()
            try:
                zh = requests.get(stack["zh"], timeout=10)
                en = requests.get(stack["en"], timeout=10)
                # A visitor with a session (signed in, or after a form's confirmation step): its session cannot
                # be read either, and the page is the same 503, kept by no cache.
                with_session = requests.get(stack["en"], cookies={"sessionid": "a" * 32}, timeout=10)
                refused = apply(stack["en"], "During", "during@example.org")
                time.sleep(1)
            finally:
                cluster.start()
            assert wait_for(lambda: _answers(stack["zh"]), timeout=90), "the site did not recover"
            time.sleep(1)
        finally:
            stop.append(True)
        for visit in visits:
            visit.result(timeout=60)
        sending.result(timeout=300)

    assert zh.status_code == 503 and en.status_code == 503
    assert "服务暂时不可用" in zh.text and 'lang="zh-Hans"' in zh.text
    assert "Service temporarily unavailable" in en.text and 'lang="en"' in en.text
    assert zh.headers["Retry-After"] and "no-cache" in zh.headers["Cache-Control"]
    assert refused and refused[0] == 503  # not accepted, and the visitor is told so
    assert with_session.status_code == 503 and "Service temporarily unavailable" in with_session.text
    assert "private" in with_session.headers["Cache-Control"] and "no-store" in with_session.headers["Cache-Control"]

    assert 503 in seen and 200 in seen
    assert not [status for status in seen if status is not None and status >= 500 and status != 503]
    assert apply(stack["en"], "After", "after@example.org") == [302]
    stored = stored_applications(stack["env"])
    for email in [*accepted_before, "after@example.org"]:
        assert email in stored, email
        assert stored[email][1] == 3
    assert "during@example.org" not in stored

    # The forms sent across the outage: each one acknowledged (302) is stored, once, with its files; each one
    # refused (503) or cut off is sent again as its visitor is told to, with the same token, and then stored once.
    assert set(sent.values()) <= {302, 503, None}, sent
    assert 503 in sent.values() or None in sent.values(), f"no form met the outage: {sent}"
    for email, status in sent.items():
        if status == 302:
            assert stored.get(email, ("", 0))[1] == 3, email
    again = {email: send(filled[email]) for email, status in sent.items() if status != 302}
    assert set(again.values()) <= {302, 400}, again  # 400: it had been stored after all, and is not taken twice
    stored = stored_applications(stack["env"])  # (raises if any address is stored twice)
    assert all(stored[email][1] == 3 for email in filled), {email: stored.get(email) for email in filled}


def test_a_worker_killed_mid_request_corrupts_nothing(stack):
    def children(pid):
        found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        return [int(child) for child in found]

    def command(pid):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()

    master = next(pid for pid in children(stack["proc"].pid) if "gunicorn" in command(pid))

    def workers():
        return children(master)

    before = workers()
    assert before
    emails = [f"killed{n}@example.org" for n in range(18)]
    slow = fill_in(stack["en"], "Slow line", "slowline@example.org")
    assert isinstance(slow, tuple), slow
    halfway = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(max_workers=7) as pool:
        slow_status = pool.submit(send_slowly, slow, halfway)  # a request surely under way when the workers die
        futures = {email: pool.submit(apply, stack["zh"], f"Killed {n}", email) for n, email in enumerate(emails)}
        assert wait_for(lambda: halfway.is_set() or slow_status.done(), timeout=120)
        assert halfway.is_set(), slow_status.result()  # (its error, if it ended before half of it was sent)
        for worker in before:  # every worker at once: whatever they were doing is cut off
            os.kill(worker, signal.SIGKILL)
        statuses = {email: future.result(timeout=300) for email, future in futures.items()}
        assert slow_status.result(timeout=300) is None  # cut off, not acknowledged
    assert wait_for(lambda: len(workers()) == len(before), timeout=60), "gunicorn did not replace the workers"
    # A post whose client gave up waiting (under load, behind the workers that were starting again) may still be
    # under way in a new worker: it is finished (stored whole or not at all) before anything is counted or swept.
    assert wait_for(lambda: not requests_under_way(stack["base"]), timeout=180), "a request never finished"
    stored = stored_applications(stack["env"])
    assert "slowline@example.org" not in stored
    for email, codes in statuses.items():
        if codes == [302]:
            assert email in stored, f"{email} was acknowledged but not stored"
        if email in stored:
            _reference, files, audit = stored[email]
            assert files == 3 and audit >= 1, (email, stored[email])  # whole, never half stored
    # Uploads written by a killed worker before its record was committed belong to no record: the daily sweep
    # deletes them (here at once), and only them.
    swept = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "sweep_private_files", "--older-than-hours", "0"],
        env=stack["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert swept.returncode == 0, swept.stderr[-3000:]
    on_disk = {path for path in Path(stack["env"]["PRIVATE_MEDIA_ROOT"]).rglob("*") if path.is_file()}
    assert len(on_disk) == sum(files for _reference, files, _audit in stored_applications(stack["env"]).values())
    assert requests.get(stack["en"], timeout=10).status_code == 200
    assert apply(stack["en"], "After kill", "afterkill@example.org") == [302]
