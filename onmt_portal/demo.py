"""Demo data for `manage.py seed_demo`: idempotent, run in one transaction.

The accounts are those DESIGN.md lists. Each later app adds its own part
(directory, meetings, roadmaps) and this module calls them in dependency order.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.demo import seed_follow_up, seed_meetings
from partners.demo import seed_directory
from partners.roles import Role, role_group
from roadmaps.demo import seed_roadmaps
from roadmaps.kept_pages import forget_kept_pages

DEFAULT_DEMO_PASSWORD = "portal-demo-2022"  # noqa: S105 - documented demo credential


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role | None
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Admin", "(démo)", None, superuser=True),
    DemoAccount("onmt.staff", "Équipe ONMT", "(démo)", Role.ONMT_STAFF),
    DemoAccount("delegate.fr", "Délégué ONMT France", "(démo)", Role.DELEGATE),
    DemoAccount("crt.fes", "Aziz", "Lebbar", Role.COUNCIL),
    DemoAccount("crt.rabat", "Hassan", "Bargach", Role.COUNCIL),
    DemoAccount("cpt.ouarzazate", "Siham", "Rida", Role.COUNCIL),
]


def seed_accounts(*, password: str) -> list:
    """Create or bring back the demo accounts; an unchanged account is not written."""
    User = get_user_model()
    users = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=account.username)
        wanted = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": f"{account.username}@demo.invalid",
            "is_active": True,
            "is_staff": account.superuser,
            "is_superuser": account.superuser,
        }
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        # Re-hashing an unchanged password would rewrite the row on every run.
        if created or not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save()
        if account.role is not None:
            user.groups.add(role_group(account.role))
        users.append(user)
    return users


@transaction.atomic
def seed_demo(*, password: str = DEFAULT_DEMO_PASSWORD) -> None:
    users = {user.username: user for user in seed_accounts(password=password)}
    seed_directory(users=users)
    seed_meetings()
    seed_follow_up()
    seed_roadmaps(reviewer=users["onmt.staff"])
    forget_kept_pages()  # some demo rows are written by update(), without a signal
