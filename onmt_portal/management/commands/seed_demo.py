import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS, seed_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (the demo accounts share a known password)",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off: this looks like a real deployment. The demo accounts "
                    "share a known password; use --force if you really want them here."
                )
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        seed_demo(password=password)
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        self.stdout.write(
            _("Demo log-ins (password: DEMO_PASSWORD, default %(default)s): %(names)s")
            % {
                "default": DEFAULT_DEMO_PASSWORD,
                "names": ", ".join(account.username for account in DEMO_ACCOUNTS),
            }
        )
