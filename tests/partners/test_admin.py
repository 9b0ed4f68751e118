"""The admin an admin can live in: pickers, archive, hand-over, pages that render."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Membership, Organization, PartnershipAgreement

from ..helpers.adminforms import posted_values
from ..helpers.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_organization_list_shows_presidents_in_a_constant_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    for organization in OrganizationFactory.create_batch(30):
        MembershipFactory(organization=organization, role="president")
    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/partners/organization/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


def test_admin_search_finds_people_by_email(admin_client):
    PersonFactory(first_name="Siham", last_name="Rida", email="siham@example.ma")
    response = admin_client.get("/admin/partners/person/", {"q": "siham@example"})
    assert response.context["cl"].result_count == 1


def test_archive_action_keeps_the_record_and_its_history(admin_client):
    mandate = MembershipFactory()
    organization = mandate.organization

    response = admin_client.post(
        "/admin/partners/organization/",
        {"action": "archive", "_selected_action": [organization.pk]},
        follow=True,
    )

    assert "1 fiche archivée." in response.content.decode()
    organization.refresh_from_db()
    assert organization.is_active is False
    assert Membership.objects.filter(pk=mandate.pk).exists()


def test_archived_records_leave_the_autocomplete_pickers(admin_client):
    OrganizationFactory(name="Conseil actif", short_name="ACTIF")
    OrganizationFactory(name="Conseil archivé", short_name="ARCH", is_active=False)

    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Conseil",
            "app_label": "partners",
            "model_name": "membership",
            "field_name": "organization",
        },
    )

    texts = [item["text"] for item in response.json()["results"]]
    assert any("ACTIF" in text for text in texts)
    assert not any("ARCH" in text for text in texts)


def test_deleting_a_referenced_organization_is_refused_in_the_admin(admin_client):
    organization = MembershipFactory().organization
    response = admin_client.post(
        f"/admin/partners/organization/{organization.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403  # refused before any page offers it: archive instead
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_hand_over_ends_the_previous_presidency(admin_client):
    outgoing = MembershipFactory(role="president", start_date=datetime.date(2020, 1, 1))
    newcomer = PersonFactory(first_name="Nouvelle", last_name="Présidente")
    presidency = reverse("admin:partners_organization_hand_over", args=[outgoing.organization.pk])
    url = reverse("admin:partners_membership_hand_over", args=[outgoing.pk])

    assert admin_client.get(presidency)["Location"] == url  # the president's mandate
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, {"person": newcomer.pk, "start_date": "01/03/2023", "title": "Présidente"}
    )

    assert response.status_code == 302
    outgoing.refresh_from_db()
    assert outgoing.end_date == datetime.date(2023, 2, 28)
    assert outgoing.organization.memberships.get(end_date=None).person == newcomer


def test_hand_over_with_a_bad_date_shows_the_error_and_changes_nothing(admin_client):
    outgoing = MembershipFactory(role="president", start_date=datetime.date(2022, 6, 1))
    url = reverse("admin:partners_membership_hand_over", args=[outgoing.pk])

    response = admin_client.post(url, {"person": PersonFactory().pk, "start_date": "01/01/2022"})

    assert response.status_code == 200
    assert "doit commencer après" in response.content.decode()
    outgoing.refresh_from_db()
    assert outgoing.end_date is None


def test_change_pages_render_with_inlines_and_documents(admin_client):
    mandate = MembershipFactory()
    agreement = PartnershipAgreement.objects.create(
        title="Convention", signed_on=datetime.date(2022, 4, 1)
    )
    agreement.parties.add(mandate.organization)
    agreement.document.save("c.pdf", SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%%EOF\n"))

    for url in [
        f"/admin/partners/organization/{mandate.organization.pk}/change/",
        f"/admin/partners/person/{mandate.person.pk}/change/",
        f"/admin/partners/membership/{mandate.pk}/change/",
        f"/admin/partners/partnershipagreement/{agreement.pk}/change/",
        "/admin/partners/membership/",
        "/admin/partners/partnershipagreement/",
        "/admin/partners/market/",
        "/admin/partners/region/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    page = admin_client.get(
        f"/admin/partners/partnershipagreement/{agreement.pk}/change/"
    ).content.decode()
    assert reverse("partners:agreement_document", args=[agreement.pk]) in page


def test_a_stale_admin_save_is_refused_with_the_typed_values_shown_back(admin_client):
    import re

    organization = OrganizationFactory(name="Nom d'origine", short_name="ORIG")
    url = f"/admin/partners/organization/{organization.pk}/change/"
    page = admin_client.get(url).content.decode()
    loaded_state = re.search(r'name="loaded_state" value="([^"]+)"', page).group(1)

    # Another admin saves in the meantime.
    organization.name = "Nom de la collègue"
    organization.save()

    response = admin_client.post(
        url,
        {
            "name": "Mon nom à moi",
            "short_name": "ORIG",
            "kind": organization.kind,
            "sector": organization.sector,
            "is_active": "on",
            "loaded_state": loaded_state,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Quelqu’un d’autre a modifié cette fiche" in html
    assert 'value="Mon nom à moi"' in html
    organization.refresh_from_db()
    assert organization.name == "Nom de la collègue"


def test_a_website_typed_without_scheme_is_taken_as_https(admin_client):
    organization = OrganizationFactory()
    form = admin_client.get(f"/admin/partners/organization/{organization.pk}/change/")
    field = form.context["adminform"].form.fields["website"]
    assert field.clean("www.onmt.ma") == "https://www.onmt.ma"


def test_a_stale_inline_row_is_refused_and_untouched_rows_never_overwrite(admin_client):
    organization = OrganizationFactory()
    changed_meanwhile = MembershipFactory(organization=organization, title="Président")
    untouched = MembershipFactory(organization=organization, title="Membre")
    url = f"/admin/partners/organization/{organization.pk}/change/"
    data = posted_values(admin_client.get(url).content.decode())
    rows = {data[f"memberships-{i}-id"]: i for i in range(int(data["memberships-TOTAL_FORMS"]))}

    # The portal's hand-over renames one mandate while the admin page is open.
    Membership.objects.filter(pk=changed_meanwhile.pk).update(title="Président sortant")
    Membership.objects.filter(pk=untouched.pk).update(title="Trésorier")

    # The admin changes the first row only: refused, their text shown back.
    row = rows[str(changed_meanwhile.pk)]
    response = admin_client.post(url, {**data, f"memberships-{row}-title": "Président élu"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quelqu’un d’autre a modifié cette ligne" in html
    assert 'value="Président élu"' in html
    assert Membership.objects.get(pk=changed_meanwhile.pk).title == "Président sortant"

    # Saving without touching the rows keeps everybody's changes.
    response = admin_client.post(url, {**data, "name": "Nouveau nom"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=untouched.pk).title == "Trésorier"
    assert Membership.objects.get(pk=changed_meanwhile.pk).title == "Président sortant"


def test_pages_with_guarded_rows_save_as_shown_without_a_false_alarm(admin_client):
    """Every admin page whose inline rows are guarded posts back as it was shown:
    no row may look stale when nobody changed it (dates, choices, pickers)."""
    from ..helpers.factories import (
        MeetingFactory,
        MilestoneFactory,
        OutcomeFactory,
        ParticipantFactory,
    )

    mandate = MembershipFactory()
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting)
    OutcomeFactory(meeting=meeting, text="Décision à suivre")
    meeting.agenda_items.create(title="Point 1", notes="Notes")
    milestone = MilestoneFactory(progress=40, status="in_progress")
    for url in (
        f"/admin/partners/organization/{mandate.organization.pk}/change/",
        f"/admin/partners/person/{mandate.person.pk}/change/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        f"/admin/roadmaps/roadmap/{milestone.roadmap.pk}/change/",
    ):
        data = posted_values(admin_client.get(url).content.decode())
        response = admin_client.post(url, data)
        assert response.status_code == 302, (
            url,
            response.context
            and [
                form.errors
                for formset in response.context["inline_admin_formsets"]
                for form in formset.formset.forms
            ],
        )
    # A row changed by this admin alone is saved.
    url = f"/admin/roadmaps/roadmap/{milestone.roadmap.pk}/change/"
    data = posted_values(admin_client.get(url).content.decode())
    assert admin_client.post(url, {**data, "milestones-0-title": "Jalon revu"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Jalon revu"
