import datetime

from django.core.management.base import BaseCommand, CommandError

from partners.models import Person
from roadmaps.models import Milestone
from roadmaps.services import reminders


class Command(BaseCommand):
    help = (
        "Send today's milestone reminders: the same scan as the daily Celery beat task, "
        "run here synchronously (or handed to the workers with --via-celery)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to scan for, YYYY-MM-DD (default: today in Casablanca)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print who would get what; write nothing"
        )
        parser.add_argument(
            "--via-celery",
            action="store_true",
            help="queue one digest task per recipient instead of sending here",
        )

    def handle(self, *args, date=None, dry_run=False, via_celery=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else reminders.casablanca_today()
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc

        if dry_run:
            planned = reminders.plan(today)
            people = Person.objects.in_bulk({item.recipient_id for item in planned})
            milestones = Milestone.objects.in_bulk({item.milestone_id for item in planned})
            for item in sorted(planned, key=lambda item: (item.recipient_id, item.kind)):
                person = people[item.recipient_id]
                self.stdout.write(
                    f"{person.contact_email}\t{item.kind}\t{item.due_date}\t"
                    f"{milestones[item.milestone_id].title}"
                )
            self.stdout.write(
                f"{len(planned)} reminders for {len(people)} people on {today} (dry run)"
            )
            return

        if via_celery:
            from roadmaps.tasks import send_reminder_digest

            def dispatch(recipient_id):
                send_reminder_digest.delay(recipient_id)
        else:

            def dispatch(recipient_id):
                reminders.deliver_digest(recipient_id)

        try:
            result = reminders.scan(today, dispatch=dispatch)
        except Exception as exc:
            raise CommandError(
                f"The reminder scan failed ({type(exc).__name__}: {exc}). Nothing unsent is "
                "lost: the next run sends it."
            ) from exc
        self.stdout.write(
            f"{result.planned} reminders due on {today}, {result.claimed} new; "
            f"digests {'queued' if via_celery else 'sent'} for {len(result.recipients)} people"
        )
