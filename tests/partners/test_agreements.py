"""Signed agreements: PDFs checked by content, kept private, served to those allowed."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import PartnershipAgreement

from ..helpers.factories import MembershipFactory, OrganizationFactory, onmt_office

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def add_agreement(client, parties, document):
    return client.post(
        "/admin/partners/partnershipagreement/add/",
        {
            "title": "Convention ONMT – CNT",
            "parties": [party.pk for party in parties],
            "signed_on": "01/04/2022",
            "starts_on": "",
            "ends_on": "",
            "summary": "",
            "document": document,
        },
    )


def test_a_pdf_is_accepted_and_stored_outside_the_public_media(admin_client, settings):
    cnt = OrganizationFactory(short_name="CNT")

    response = add_agreement(admin_client, [cnt], SimpleUploadedFile("convention.pdf", PDF))

    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement = PartnershipAgreement.objects.get()
    assert agreement.signed_on == datetime.date(2022, 4, 1)
    stored = Path(agreement.document.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError):
        agreement.document.url  # no public URL exists  # noqa: B018


def test_a_renamed_executable_is_refused(admin_client):
    cnt = OrganizationFactory(short_name="CNT")

    response = add_agreement(admin_client, [cnt], SimpleUploadedFile("convention.pdf", EXE))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["document"]
    assert "n’est pas un document PDF" in errors[0]
    assert PartnershipAgreement.objects.count() == 0


def test_a_document_over_10_mb_is_refused(admin_client):
    cnt = OrganizationFactory(short_name="CNT")
    big = PDF + b"0" * (10 * 1024 * 1024)

    response = add_agreement(admin_client, [cnt], SimpleUploadedFile("big.pdf", big))

    assert response.status_code == 200
    assert "la limite est de 10,0" in response.context["adminform"].form.errors["document"][0]
    assert PartnershipAgreement.objects.count() == 0


@pytest.fixture
def agreement(db):
    onmt = onmt_office()
    cnt = OrganizationFactory(short_name="CNT", kind="confederation")
    agreement = PartnershipAgreement.objects.create(
        title="Convention ONMT – CNT", signed_on=datetime.date(2022, 4, 1)
    )
    agreement.parties.add(onmt, cnt)
    agreement.document.save("convention.pdf", SimpleUploadedFile("convention.pdf", PDF))
    return agreement


def url(agreement):
    return reverse("partners:agreement_document", args=[agreement.pk])


def test_anonymous_users_get_no_document(client, agreement):
    response = client.get(url(agreement))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_council_member_of_another_organization_gets_no_document(
    client, council_rabat, agreement
):
    MembershipFactory(person__user=council_rabat, organization=OrganizationFactory())
    client.force_login(council_rabat)
    assert client.get(url(agreement)).status_code == 403


def test_a_council_member_of_a_party_reads_the_document(client, council_fes, agreement):
    cnt = agreement.parties.get(short_name="CNT")
    MembershipFactory(person__user=council_fes, organization=cnt, role="president")
    client.force_login(council_fes)

    response = client.get(url(agreement))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_onmt_staff_read_every_document(client, staff, agreement):
    client.force_login(staff)
    assert client.get(url(agreement)).status_code == 200


def test_an_agreement_without_document_is_404(client, staff):
    agreement = PartnershipAgreement.objects.create(
        title="Sans PDF", signed_on=datetime.date(2022, 4, 1)
    )
    client.force_login(staff)
    assert client.get(url(agreement)).status_code == 404
