"""A mail server that is down delays the acknowledgement email, never the submission; the failure is shown to
staff (Reports → Background problems) and the scheduler's next tick sends the email once the server is back."""

import re
import socket
import socketserver
import threading

import pytest
from django.core import mail
from django.test import override_settings

from accounts.models import User
from background.management.commands.run_scheduler import tick
from records.notifications import Notification
from records.recruitment.models import JobApplication
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs, docx_bytes, pdf_bytes, upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/background-problems/"


def closed_port():
    """A loopback port where no mail server listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def application_data(token):
    return {
        "form_token": token,
        "name": "Grace Sample",
        "email": "grace.sample@example.org",
        "phone": "+86 139 0000 0000",
        "consent": "on",
        "website": "",
        "cv": upload("cv.pdf", pdf_bytes("CV")),
        "cover_letter": upload("letter.docx", docx_bytes("Dear SMART"), DOCX_TYPE),
        "research_statement": upload("statement.pdf", pdf_bytes("Statement")),
    }


def smtp_at(port):
    """Django's SMTP backend pointed at a loopback mail server (or at a port where none listens)."""
    backend = "django.core.mail.backends.smtp.EmailBackend"
    return {"EMAIL_BACKEND": backend, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": port, "EMAIL_TIMEOUT": 5}


def send_application(client, url, capture_on_commit):
    """Fetch the job application form at ``url`` and send it filled in (the acknowledgement goes out on commit)."""
    html = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    with capture_on_commit(execute=True):
        return client.post(url, application_data(token))


def test_mail_server_down_delays_the_email_and_staff_see_it(client, django_capture_on_commit_callbacks):
    pages = build_jobs(build_site())
    url = pages["pi_en"].url
    with override_settings(**smtp_at(closed_port())):
        response = send_application(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # accepted although no email could be sent
    application = JobApplication.objects.get()
    notification = Notification.objects.get(recipient="grace.sample@example.org")
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.last_error
    assert mail.outbox == []

    staff = User.objects.create_superuser("ops", "ops@example.org", "x")
    client.force_login(staff)
    report = client.get(REPORT)
    assert report.status_code == 200
    page = report.content.decode()
    assert "ConnectionRefusedError" in page
    assert f"#{notification.pk}" in page
    assert "grace.sample@example.org" not in page  # no recipient address on the screen

    # The mail server is back (the test settings' in-memory backend): the scheduler's next tick sends it.
    tick()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert [message.to for message in mail.outbox] == [["grace.sample@example.org"]]
    assert application.reference in mail.outbox[0].body
    assert "所有通知邮件均已发出。" in client.get(REPORT).content.decode()  # the admin speaks Chinese by default


class RefusingSMTPHandler(socketserver.StreamRequestHandler):
    """A mail server that takes the connection and the sender, then refuses every recipient by name (as real ones
    do: ``550 5.1.1 <address>: Recipient address rejected``)."""

    def handle(self):
        self.wfile.write(b"220 mail.example.org ESMTP\r\n")
        for line in self.rfile:
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 mail.example.org\r\n")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip()
                self.wfile.write(f"550 5.1.1 {address}: Recipient address rejected\r\n".encode())
            elif verb == "QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:  # MAIL FROM, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def refusing_mail_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTPHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_refused_recipient_is_not_named_on_the_staff_screen(
    client, refusing_mail_server, django_capture_on_commit_callbacks
):
    pages = build_jobs(build_site())
    url = pages["pi_en"].url
    with override_settings(**smtp_at(refusing_mail_server)):
        response = send_application(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    notification = Notification.objects.get(recipient="grace.sample@example.org")
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error.startswith("SMTPRecipientsRefused: {'[email]': (550, ")
    assert "grace.sample" not in notification.last_error and "Recipient address rejected" in notification.last_error

    client.force_login(User.objects.create_superuser("ops", "ops@example.org", "x"))
    page = client.get(REPORT).content.decode()
    assert "SMTPRecipientsRefused" in page and "grace.sample" not in page


def test_the_report_needs_the_permission(client):
    build_site()
    client.force_login(User.objects.create_user("visitor", password="x", is_staff=True))
    assert client.get(REPORT).status_code in (302, 403)
