"""`manage.py send_outbox`: the outbox dispatcher, run by hand (beat runs it every minute)."""

from django.core.management.base import BaseCommand

from core import outbox


class Command(BaseCommand):
    help = (
        "Send the outbox's due messages: never queued, lost with a queue, or whose "
        "sender died (the beat task runs the same every minute)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="at most this many")

    def handle(self, *args, limit=None, **options):
        counts = outbox.dispatch(limit)
        summary = ", ".join(f"{state}: {count}" for state, count in sorted(counts.items()))
        self.stdout.write(summary or "nothing due")
