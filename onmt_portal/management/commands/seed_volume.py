import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from onmt_portal.volume import seed_volume


class Command(BaseCommand):
    help = "Deterministic volume data for benchmarks (scale 1 = a national office's years)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args, scale, seed, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10")
        started = time.monotonic()
        if not connection.in_atomic_block:
            # A backend of its own. The foreign keys are checked at COMMIT with
            # plans PostgreSQL keeps per connection: made earlier on this one
            # (seed_demo, on near-empty tables) they scan whole tables for each
            # of the 100,000s of rows, and COMMIT took minutes instead of seconds.
            connection.close()
        result = seed_volume(scale=scale, seed=seed)
        if not result.pop("created"):
            self.stdout.write("Volume data already present: nothing added.")
            return
        if connection.vendor == "postgresql":
            # The tables as autovacuum leaves them in time (and as a live database
            # has them): fresh planner statistics — without them PostgreSQL plans
            # the new tables as if they were empty —, and, outside a transaction,
            # the visibility map (index-only scans) and the trigram indexes'
            # pending entries merged (every search reads them one by one until then).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        figures = ", ".join(f"{name} {count}" for name, count in result.items())
        self.stdout.write(
            f"Volume data (scale {scale}): {figures} in {time.monotonic() - started:.0f} s"
        )
