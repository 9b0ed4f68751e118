"""Onboarding: an admin invites a directory person; a one-time link, no password by mail."""

import datetime

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core import outbox

from ..helpers.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def invite(admin_client, *people):
    return admin_client.post(
        "/admin/partners/person/",
        {"action": "invite", "_selected_action": [person.pk for person in people]},
        follow=True,
    )


def test_an_invited_council_president_gets_a_one_time_link_and_the_council_role(
    admin_client, django_capture_on_commit_callbacks
):
    siham = MembershipFactory(
        person=PersonFactory(
            first_name="Siham", last_name="Rida", email="siham@example.ma", language="ar"
        ),
        organization=OrganizationFactory(kind="provincial_council"),
        role="president",
    ).person

    with django_capture_on_commit_callbacks() as callbacks:
        response = invite(admin_client, siham)
    assert "1 invitation est en route" in response.content.decode()
    # Queued on commit, not sent inside the transaction (the other callbacks
    # bump the kept pages' version: roadmaps/kept_pages.py).
    assert [callback.__module__ for callback in callbacks].count("core.outbox") == 1
    assert mail.outbox == []

    siham.refresh_from_db()
    user = siham.user
    assert user.username == "siham@example.ma"
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["council"]

    assert outbox.dispatch() == {"sent": 1}
    message = mail.outbox[0]
    assert message.to == ["siham@example.ma"]
    assert message.subject == "الدخول إلى بوابة شركاء المكتب الوطني المغربي للسياحة"
    link = next(word for word in message.body.split() if "/accounts/reset/" in word)

    client = admin_client.__class__()
    path = link.split("8000", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    chosen = "les dattes de zagora sont sucrees"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(chosen)

    again = client.get(path, follow=True)
    assert again.context["validlink"] is False  # the link worked once


def test_the_link_expires_after_three_days(client):
    person = MembershipFactory(
        person=PersonFactory(email="late@example.ma"),
        organization=OrganizationFactory(kind="regional_council"),
    ).person
    from partners import services

    user = services.person_invite(person=person)

    class FourDaysAgo(PasswordResetTokenGenerator):
        def _now(self):
            return datetime.datetime.now() - datetime.timedelta(days=4)

    token = FourDaysAgo().make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    assert page.context["validlink"] is False


def test_delegates_and_staff_get_their_roles_and_bad_invitations_are_refused(admin_client):
    delegation = OrganizationFactory(kind="delegation")
    delegate = MembershipFactory(
        person__email="fr@onmt.example", organization=delegation, role="delegate"
    ).person
    staff = MembershipFactory(
        person__email="staff@onmt.example",
        organization=OrganizationFactory(kind="office"),
        role="staff",
    ).person
    no_email = MembershipFactory(person__email="", organization=delegation).person
    no_mandate = PersonFactory(email="nobody@example.ma")

    response = invite(admin_client, delegate, staff, no_email, no_mandate)

    page = response.content.decode()
    assert "2 invitations sont en route" in page
    assert "aucune adresse électronique" in page
    assert "aucun mandat en cours" in page
    delegate.refresh_from_db()
    staff.refresh_from_db()
    assert list(delegate.user.groups.values_list("name", flat=True)) == ["delegate"]
    assert list(staff.user.groups.values_list("name", flat=True)) == ["onmt_staff"]
    no_mandate.refresh_from_db()
    assert no_mandate.user is None

    second = invite(admin_client, delegate)
    assert "a déjà un compte" in second.content.decode()
