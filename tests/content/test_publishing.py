"""Drafts, unpublished and scheduled pages are not served; the scheduler publishes what is due."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from background.management.commands.run_scheduler import tick
from content.models import StandardPage


def test_unpublished_page_is_not_served(client, site_tree):
    assert client.get("/zh-hans/about/mission/").status_code == 200
    site_tree["mission"].unpublish()
    assert client.get("/zh-hans/about/mission/").status_code == 404
    assert client.get("/en/about/mission/").status_code == 200


def test_draft_changes_are_not_served(client, site_tree):
    mission = site_tree["mission"]
    mission.title = "草稿标题"
    mission.save_revision()
    body = client.get("/zh-hans/about/mission/").content.decode()
    assert "草稿标题" not in body
    assert "使命" in body


def _schedule_new_page(parent, when):
    page = StandardPage(title="定时发布的页面", slug="scheduled", live=False)
    parent.add_child(instance=page)
    page.go_live_at = when
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_page_scheduled_for_the_future_is_not_served_until_due(client, site_tree):
    page = _schedule_new_page(site_tree["about"], timezone.now() + datetime.timedelta(hours=2))
    assert not page.live
    assert client.get("/zh-hans/about/scheduled/").status_code == 404

    tick()  # not due yet: nothing changes
    assert client.get("/zh-hans/about/scheduled/").status_code == 404

    # Three hours later the revision is due, and the scheduler process publishes it.
    with freeze_time(timezone.now() + datetime.timedelta(hours=3)):
        tick()
    page.refresh_from_db()
    assert page.live
    assert client.get("/zh-hans/about/scheduled/").status_code == 200


def test_scheduler_command_runs_once(site_tree, capsys):
    page = _schedule_new_page(site_tree["about"], timezone.now() + datetime.timedelta(minutes=5))
    with freeze_time(timezone.now() + datetime.timedelta(minutes=6)):
        call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live
    assert "Scheduler stopped after 1 run(s)." in capsys.readouterr().out


def test_scheduled_expiry_unpublishes(client, site_tree):
    mission = site_tree["mission"]
    mission.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    mission.save(update_fields=["expire_at"])
    tick()
    mission.refresh_from_db()
    assert not mission.live and mission.expired
    assert client.get("/zh-hans/about/mission/").status_code == 404
