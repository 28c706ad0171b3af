"""A candidate applies for a job, in each language, at the moment the task queue cannot be reached (its database gone
away just after the application's commit): the candidate gets the confirmation with the reference, the application
keeps all three documents, and the acknowledgement goes out once the queue is back (the scheduler's retry), in the
candidate's language. Before the fix the queue's refusal, raised after the commit, deleted the stored application's
files and showed the candidate an error for a form that had been received. Screenshots in
test-artifacts/browser/queue-away-<language>.png."""

import pytest
from django.core import mail
from django.test import override_settings

from records.files import StoredFile, get_private_storage
from records.notifications import Notification, retry_failed
from records.recruitment.models import JobApplication
from tests import queues
from tests.browser.staff import BROWSER_LOCALE, t
from tests.browser.test_upload_safety import fill_application
from tests.factories.publications import build_jobs, pdf_bytes

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_application_sent_as_the_queue_goes_away_is_confirmed_and_keeps_its_documents(
    served_site, live_server, new_page, screenshot, language
):
    posting = build_jobs(served_site)["pi" if language == "zh-hans" else "pi_en"]
    page = new_page(locale=BROWSER_LOCALE[language])
    page.goto(live_server.url + posting.url)
    with override_settings(TASKS=queues.AWAY):
        fill_application(
            page,
            language,
            {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Curriculum vitae")},
            {"name": "statement.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Research statement")},
        )
    shot = screenshot(page, f"queue-away-{language}")
    assert page.problems == [], (page.problems, shot)
    application = JobApplication.objects.get(email=f"candidate.{language}@example.org")
    assert application.reference in page.locator("main").inner_text(), shot

    stored = StoredFile.objects.filter(owner_id=str(application.pk))
    assert sorted(stored.values_list("role", flat=True)) == ["cover_letter", "cv", "research_statement"]
    assert all(get_private_storage().exists(file.file.name) for file in stored)
    [notification] = Notification.objects.filter(recipient=application.email)
    assert notification.status == Notification.Status.PENDING and mail.outbox == []

    assert retry_failed() == 1  # the queue back (the test settings' in-process tasks): sent once, in their language
    [message] = mail.outbox
    assert message.to == [application.email] and application.reference in message.subject
    received = t("Application received: %(posting_title)s (%(reference)s)", language, posting_title="", reference="")
    assert message.subject.startswith(received.split("：")[0].split(":")[0]), message.subject  # 申请已收到: ...
