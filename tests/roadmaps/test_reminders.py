"""Reminder rules, digests and the exactly-once guarantee (in-process parts)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from partners.models import Membership, Person
from partners.roles import Role
from roadmaps.models import Milestone, ReminderLog
from roadmaps.services import reminders

from ..helpers.factories import MandatedPersonFactory, MilestoneFactory, RoadmapFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2030, 6, 10)
OFFSETS = (14, 7, 1)


def kinds(due, today=TODAY):
    return reminders.reminder_kinds(due_date=due, today=today, offsets=OFFSETS)


def test_reminders_before_the_due_date_follow_the_offsets():
    assert kinds(TODAY + datetime.timedelta(days=15)) == []
    assert kinds(TODAY + datetime.timedelta(days=14)) == ["due_soon:14"]
    assert kinds(TODAY + datetime.timedelta(days=7)) == ["due_soon:7"]
    assert kinds(TODAY + datetime.timedelta(days=1)) == ["due_soon:1"]
    # A missed day is caught up with the nearest tier still ahead.
    assert kinds(TODAY + datetime.timedelta(days=10)) == ["due_soon:14"]
    assert kinds(TODAY + datetime.timedelta(days=5)) == ["due_soon:7"]
    assert kinds(TODAY) == ["due_soon:1"]


def test_overdue_the_day_after_then_weekly_and_escalated_from_seven_days():
    late = {days: kinds(TODAY - datetime.timedelta(days=days)) for days in (1, 6, 7, 8, 14, 15)}
    assert late[1] == ["overdue:0"]
    assert late[6] == ["overdue:0"]
    assert late[7] == ["overdue:0", "escalation:0"]
    assert late[8] == ["overdue:1", "escalation:0"]
    assert late[14] == ["overdue:1", "escalation:1"]
    assert late[15] == ["overdue:2", "escalation:1"]


def test_dates_are_casablanca_dates_whatever_the_clock_zone():
    # 23:30 UTC on the 25th is already the 26th in Casablanca (UTC+1).
    late_evening_utc = datetime.datetime(2026, 11, 25, 23, 30, tzinfo=datetime.UTC)
    assert reminders.casablanca_today(late_evening_utc) == D(2026, 11, 26)


@pytest.fixture
def staff_person():
    user = UserFactory(role=Role.ONMT_STAFF, username="onmt_staff_person")
    Person.objects.filter(user=user).update(email="staff@onmt.example")
    return Person.objects.get(user=user)


def planned(today=TODAY):
    return {(p.milestone_id, p.kind, p.recipient_id) for p in reminders.plan(today)}


def test_escalations_go_to_the_roadmap_owner_and_onmt_staff(staff_person):
    roadmap = RoadmapFactory(owner=MandatedPersonFactory(email="delegue@onmt.example"))
    owner = MandatedPersonFactory(email="owner@example.ma")
    milestone = MilestoneFactory(
        roadmap=roadmap, owner=owner, due_date=TODAY - datetime.timedelta(days=9)
    )

    assert planned() == {
        (milestone.pk, "overdue:1", owner.pk),
        (milestone.pk, "escalation:0", roadmap.owner.pk),
        (milestone.pk, "escalation:0", staff_person.pk),
    }


def test_done_cancelled_and_inactive_roadmaps_get_nothing():
    soon = TODAY + datetime.timedelta(days=7)
    roadmap = RoadmapFactory()
    MilestoneFactory(
        roadmap=roadmap, due_date=soon, status="done", progress=100, completed_on=TODAY
    )
    MilestoneFactory(roadmap=roadmap, due_date=soon, status="cancelled")
    MilestoneFactory(roadmap=RoadmapFactory(status="closed"), due_date=soon)
    assert planned() == set()


def test_people_who_turned_reminders_off_still_get_escalations(staff_person):
    owner = MandatedPersonFactory(receives_reminders=False)
    soon = MilestoneFactory(owner=owner, due_date=TODAY + datetime.timedelta(days=7))
    late = MilestoneFactory(owner=owner, due_date=TODAY - datetime.timedelta(days=10))
    late.roadmap.owner = owner
    late.roadmap.save()
    got = planned()
    assert not {item for item in got if item[0] == soon.pk}
    assert (late.pk, "escalation:0", staff_person.pk) in got
    assert not {item for item in got if item[2] == owner.pk}


def test_a_digest_goes_to_each_owner_once_with_all_their_milestones():
    owners = [MandatedPersonFactory(email=f"owner{i}@example.ma") for i in range(30)]
    roadmap = RoadmapFactory()
    expected = {owner.contact_email: set() for owner in owners}
    for index in range(200):
        owner = owners[index % 30]
        due = TODAY + datetime.timedelta(days=(7, 1, -3)[index % 3])
        milestone = MilestoneFactory(
            roadmap=roadmap, owner=owner, due_date=due, title=f"Jalon {index:03d}"
        )
        expected[owner.contact_email].add(milestone.title)

    reminders.scan(TODAY, dispatch=reminders.deliver_digest)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(expected)
    for message in mail.outbox:
        titles = {
            line.split(" — ")[1].split(" (")[0]
            for line in message.body.splitlines()
            if line.startswith("- ")
        }
        assert titles == expected[message.to[0]], message.to[0]
        assert "/accounts/profile/" in message.body


def test_a_second_scan_sends_nothing_again():
    MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.get().sent_at is not None


def test_moving_the_due_date_re_arms_and_completing_stops():
    milestone = MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)

    Milestone.objects.filter(pk=milestone.pk).update(due_date=TODAY + datetime.timedelta(days=6))
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    assert len(mail.outbox) == 2  # a new due date: its reminders start again

    Milestone.objects.filter(pk=milestone.pk).update(
        status="done", progress=100, completed_on=TODAY
    )
    reminders.scan(TODAY + datetime.timedelta(days=5), dispatch=reminders.deliver_digest)
    assert len(mail.outbox) == 2


def test_a_claim_that_became_stale_is_skipped_not_sent():
    milestone = MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    reminders.scan(TODAY, dispatch=lambda recipient_id: None)  # claimed, not sent yet
    Milestone.objects.filter(pk=milestone.pk).update(status="cancelled")

    assert reminders.deliver_digest(milestone.owner_id) == 0
    log = ReminderLog.objects.get()
    assert log.skipped and log.sent_at
    assert mail.outbox == []


def test_a_failed_send_is_retried_by_the_next_scan(settings, monkeypatch):
    settings.REMINDER_CLAIM_LEASE_SECONDS = 0
    MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2

    with pytest.raises(OSError):
        reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    log = ReminderLog.objects.get()
    assert log.sent_at is None and "Connection" in log.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders.scan(TODAY + datetime.timedelta(days=1), dispatch=reminders.deliver_digest)
    assert len(mail.outbox) == 1
    log.refresh_from_db()
    assert log.sent_at is not None and log.attempts == 2


def test_dry_run_prints_and_writes_nothing(capsys):
    MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
        title="Salon",
    )
    call_command("send_reminders", date=TODAY.isoformat(), dry_run=True)
    out = capsys.readouterr().out
    assert "o@example.ma\tdue_soon:7" in out and "Salon" in out
    assert ReminderLog.objects.count() == 0
    assert mail.outbox == []


def test_the_command_sends_and_says_so(capsys):
    MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    call_command("send_reminders", date=TODAY.isoformat())
    assert len(mail.outbox) == 1
    assert "for 1 people" in capsys.readouterr().out


@pytest.mark.parametrize("count", [10, 1000])
def test_the_scan_query_count_does_not_grow_with_milestones(django_assert_max_num_queries, count):
    roadmap = RoadmapFactory()
    owners = [MandatedPersonFactory(email=f"o{i}@example.ma") for i in range(5)]
    Milestone.objects.bulk_create(
        Milestone(
            roadmap=roadmap,
            title=f"J{i}",
            owner=owners[i % 5],
            due_date=TODAY + datetime.timedelta(days=(14, 7, 1, -2)[i % 4]),
        )
        for i in range(count)
    )
    with django_assert_max_num_queries(6):
        result = reminders.scan(TODAY, dispatch=lambda recipient_id: None)
    assert result.planned == count
    assert ReminderLog.objects.count() == count


def test_the_daily_scan_is_scheduled_at_8_in_casablanca_and_editable_in_the_admin(admin_client):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="roadmaps.scan_reminders")
    assert (task.crontab.hour, task.crontab.minute) == ("8", "0")
    assert str(task.crontab.timezone) == "Africa/Casablanca"
    assert task.enabled
    assert (
        admin_client.get(f"/admin/django_celery_beat/periodictask/{task.pk}/change/").status_code
        == 200
    )


def test_reminder_logs_are_read_only_in_the_admin(admin_client):
    MilestoneFactory(
        owner=MandatedPersonFactory(email="o@example.ma"),
        due_date=TODAY + datetime.timedelta(days=7),
    )
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    log = ReminderLog.objects.get()

    assert (
        admin_client.get("/admin/roadmaps/reminderlog/", {"kind": "due_soon:7"}).status_code == 200
    )
    assert admin_client.get(f"/admin/roadmaps/reminderlog/{log.pk}/change/").status_code == 200
    admin_client.post(f"/admin/roadmaps/reminderlog/{log.pk}/change/", {"kind": "changed"})
    assert admin_client.get("/admin/roadmaps/reminderlog/add/").status_code == 403
    log.refresh_from_db()
    assert log.kind == "due_soon:7"


def test_people_turn_ordinary_reminders_off_in_their_profile(client, council_fes):
    person = MandatedPersonFactory(user=council_fes, email="fes@example.ma")
    client.force_login(council_fes)
    assert client.get("/accounts/profile/").status_code == 200

    response = client.post("/accounts/profile/", {"language": "ar"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.receives_reminders, person.language) == (False, "ar")
    MilestoneFactory(owner=person, due_date=TODAY + datetime.timedelta(days=7))
    assert reminders.plan(TODAY) == []


def test_the_profile_of_an_account_without_directory_entry_explains_it(client, admin_user):
    client.force_login(admin_user)  # an administrator, not in the directory
    page = client.get("/accounts/profile/").content.decode()
    assert "n’est pas lié à une fiche" in page


def test_a_milestone_whose_owner_holds_no_mandate_goes_to_the_lead_and_staff_weekly(
    staff_person,
):
    lead = MandatedPersonFactory(email="delegue@onmt.example")
    roadmap = RoadmapFactory(owner=lead)
    gone = MandatedPersonFactory(email="parti@example.ma")
    Membership.objects.filter(person=gone).update(end_date=D(2025, 12, 31))
    # Due far beyond the reminder horizon: taken all the same, until reassigned.
    milestone = MilestoneFactory(roadmap=roadmap, owner=gone, due_date=roadmap.ends_on)
    this_week = reminders.unowned_kind(TODAY)

    assert planned() == {
        (milestone.pk, this_week, lead.pk),
        (milestone.pk, this_week, staff_person.pk),
    }
    reminders.scan(TODAY, dispatch=reminders.deliver_digest)
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "delegue@onmt.example",
        "staff@onmt.example",
    ]
    assert "Jalons à confier à quelqu’un" in mail.outbox[0].subject

    # Later in the same week: nothing new. The next week: told again.
    reminders.scan(TODAY + datetime.timedelta(days=3), dispatch=reminders.deliver_digest)
    assert len(mail.outbox) == 2
    next_week = TODAY + datetime.timedelta(days=7)
    reminders.scan(next_week, dispatch=lambda recipient_id: None)  # claimed, not sent yet
    assert ReminderLog.objects.filter(kind=reminders.unowned_kind(next_week)).count() == 2

    # Given to someone who holds a mandate: the claimed notices are dropped.
    Milestone.objects.filter(pk=milestone.pk).update(owner=MandatedPersonFactory())
    assert reminders.deliver_digest(lead.pk) == 0
    assert reminders.deliver_digest(staff_person.pk) == 0
    assert len(mail.outbox) == 2
    assert "parti@example.ma" not in {address for m in mail.outbox for address in m.to}
