"""Admin imports of the directory: preview first, nothing written from a bad file,
re-import updates, and the encodings offices really use."""

import io
import re

import openpyxl
import pytest

from partners.models import Membership, Organization, Person

from ..helpers.factories import MarketFactory, OrganizationFactory, PersonFactory
from ..helpers.imports import XLSX, confirm, upload

pytestmark = pytest.mark.django_db


ORGANIZATIONS_CSV = (
    "name,short_name,kind,sector,region,province,markets,email\n"
    "Conseil Régional du Tourisme de Fès-Meknès,CRT Fès-Meknès,regional_council,"
    "public_private,03,,,contact@crt-fes.example.ma\n"
    "Conseil Provincial du Tourisme de Ouarzazate,CPT Ouarzazate,provincial_council,"
    "public_private,Drâa-Tafilalet,Ouarzazate,,\n"
    "Délégation ONMT France,ONMT-FR,delegation,public,,,FR,\n"
)


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_organizations_csv_is_previewed_then_imported(admin_client):
    MarketFactory(code="FR", name="France")

    preview = upload(admin_client, "organization", ORGANIZATIONS_CSV.encode("utf-8"))

    assert preview.status_code == 200
    assert "Aperçu" in preview.content.decode()
    assert Organization.objects.count() == 0, "the preview wrote something"

    done = confirm(admin_client, "organization", preview)
    assert done.status_code == 200
    fes = Organization.objects.get(short_name="CRT Fès-Meknès")
    assert fes.region.code == "03"
    assert fes.email == "contact@crt-fes.example.ma"
    ouarzazate = Organization.objects.get(short_name="CPT Ouarzazate")
    assert ouarzazate.region.name == "Drâa-Tafilalet"  # matched by name, accents intact
    assert ouarzazate.province == "Ouarzazate"
    assert [m.code for m in Organization.objects.get(short_name="ONMT-FR").markets.all()] == ["FR"]


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(admin_client):
    bad = ORGANIZATIONS_CSV + "Conseil inconnu,CX,not_a_kind,public,99,,,\n"

    preview = upload(admin_client, "organization", bad.encode("utf-8"))

    html = preview.content.decode()
    assert 'name="import_file_name"' not in html, "a bad file must not be confirmable"
    assert "not_a_kind" in html
    assert "99" in html
    # The errors table names the row (the 4th data row) in its "Ligne" column.
    assert "<th>Ligne</th>" in html
    assert re.search(r"<td>4\s*</td>\s*<td class=\"errors\">", html)
    assert "n’est pas l’une des valeurs" in html
    assert Organization.objects.count() == 0


def test_reimporting_the_same_file_updates_rather_than_duplicates(admin_client):
    MarketFactory(code="FR", name="France")
    confirm(
        admin_client,
        "organization",
        upload(admin_client, "organization", ORGANIZATIONS_CSV.encode()),
    )
    changed = ORGANIZATIONS_CSV.replace("contact@crt-fes.example.ma", "accueil@crt-fes.example.ma")
    # Short names match whatever their case.
    changed = changed.replace("CPT Ouarzazate,", "cpt ouarzazate,")

    confirm(admin_client, "organization", upload(admin_client, "organization", changed.encode()))

    assert Organization.objects.count() == 3
    assert (
        Organization.objects.get(short_name="CRT Fès-Meknès").email == "accueil@crt-fes.example.ma"
    )


def test_windows_1252_csv_with_semicolons_keeps_french_accents(admin_client):
    content = (
        "name;short_name;kind;sector;region\n"
        "Fédération Nationale de l'Industrie Hôtelière;FNIH;fédération;privé;\n"
    ).encode("cp1252")

    confirm(admin_client, "organization", upload(admin_client, "organization", content))

    fnih = Organization.objects.get(short_name="FNIH")
    assert fnih.name == "Fédération Nationale de l'Industrie Hôtelière"
    assert fnih.kind == "federation"  # the French label is understood
    assert fnih.sector == "private"


def test_utf8_csv_with_bom_and_arabic_names(admin_client):
    content = (
        "first_name,last_name,email,language\n"
        "سهام,رضى,siham.rida@example.ma,ar\n"
        "Aziz,Lebbar,Aziz.Lebbar@Example.ma,\n"
    ).encode("utf-8-sig")

    confirm(admin_client, "person", upload(admin_client, "person", content))

    siham = Person.objects.get(email="siham.rida@example.ma")
    assert (siham.first_name, siham.last_name, siham.language) == ("سهام", "رضى", "ar")
    assert Person.objects.get(email="aziz.lebbar@example.ma").language == "fr"


def test_people_are_matched_by_email_whatever_its_case(admin_client):
    PersonFactory(first_name="Hassan", last_name="Bargach", email="hassan.bargach@example.ma")
    content = (
        "first_name,last_name,email,phone\nHassan,Bargach,HASSAN.BARGACH@example.ma,+212 600\n"
    )

    confirm(admin_client, "person", upload(admin_client, "person", content.encode()))

    assert Person.objects.count() == 1
    assert Person.objects.get().phone == "+212 600"


def test_mandates_import_from_xlsx_and_refuse_a_second_president(admin_client):
    crt = OrganizationFactory(short_name="CRT Fès-Meknès")
    aziz = PersonFactory(email="aziz@example.ma")
    other = PersonFactory(email="other@example.ma")
    header = ["person_email", "organization", "role", "title", "start_date", "end_date"]
    good = xlsx(
        [
            header,
            [
                "aziz@example.ma",
                "crt fès-meknès",
                "président",
                "Président du CRT",
                "01/01/2022",
                None,
            ],
        ]
    )

    confirm(
        admin_client,
        "membership",
        upload(admin_client, "membership", good, name="m.xlsx", fmt=XLSX),
    )

    mandate = Membership.objects.get()
    assert (mandate.person, mandate.organization, mandate.role) == (aziz, crt, "president")
    assert str(mandate.start_date) == "2022-01-01"

    second = xlsx(
        [header, ["other@example.ma", "CRT Fès-Meknès", "president", "", "2023-01-01", None]]
    )
    preview = upload(admin_client, "membership", second, name="m2.xlsx", fmt=XLSX)
    assert 'name="import_file_name"' not in preview.content.decode()
    assert "président actuel" in preview.content.decode()
    assert not Membership.objects.filter(person=other).exists()


def test_an_unknown_market_code_is_a_row_error(admin_client):
    content = 'name,short_name,kind,sector,markets\nDélégation,ONMT-XX,delegation,public,"FR,XX"\n'

    preview = upload(admin_client, "organization", content.encode())

    html = preview.content.decode()
    assert 'name="import_file_name"' not in html
    assert "XX" in html
    assert Organization.objects.count() == 0


def test_only_admins_with_the_right_can_import(client, staff):
    client.force_login(staff)
    before = Organization.objects.count()
    response = upload(client, "organization", ORGANIZATIONS_CSV.encode())
    assert response.status_code == 302  # not admin staff: sent to the admin log-in
    assert Organization.objects.count() == before
