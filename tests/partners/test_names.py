"""Organizations, markets and regions in the reader's language: Arabic and English
names shown where given, found in either script, imported like the French ones."""

import pytest
from django.conf import settings
from django.utils import translation

from partners.models import Organization, Region

from ..helpers.factories import MarketFactory, OrganizationFactory
from ..helpers.imports import confirm, upload

pytestmark = pytest.mark.django_db

FES = "المجلس الجهوي للسياحة فاس مكناس"


@pytest.fixture
def fes():
    return OrganizationFactory(
        name="Conseil Régional du Tourisme de Fès-Meknès",
        name_ar=FES,
        name_en="Fez-Meknes Regional Tourism Council",
        short_name="CRT Fès-Meknès",
    )


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def test_an_arabic_search_finds_the_council_by_its_arabic_name(client, staff, fes):
    OrganizationFactory(name="Conseil Provincial du Tourisme de Ouarzazate")
    client.force_login(staff)
    in_language(client, "ar")

    page = client.get("/partners/", {"q": "فاس"}).content.decode()

    assert f"<bdi>{FES}</bdi>" in page
    assert "Ouarzazate" not in page


def test_the_portal_search_finds_it_in_both_scripts(client, staff, fes):
    client.force_login(staff)
    for query in ("فاس", "fes meknes", "Fez"):
        hits = client.get("/search/", {"q": query}).context["groups"]
        found = [hit.url for group in hits for hit in group.hits]
        assert f"/partners/{fes.pk}/" in found, query


@pytest.mark.parametrize(
    "language, shown, hidden",
    [
        ("ar", FES, "Conseil Régional du Tourisme de Fès-Meknès</bdi>"),
        ("en", "Fez-Meknes Regional Tourism Council", "Conseil Régional"),
        ("fr", "Conseil Régional du Tourisme de Fès-Meknès", "Fez-Meknes Regional"),
    ],
)
def test_the_organization_page_shows_the_name_of_the_readers_language(
    client, staff, fes, language, shown, hidden
):
    client.force_login(staff)
    in_language(client, language)

    page = client.get(f"/partners/{fes.pk}/").content.decode()

    assert f"<bdi>{shown}</bdi>" in page
    assert hidden not in page


def test_a_name_not_given_in_a_language_falls_back_to_french(client, staff):
    organization = OrganizationFactory(name="Association des guides (démo)", name_en="")
    client.force_login(staff)
    in_language(client, "en")

    page = client.get(f"/partners/{organization.pk}/").content.decode()

    assert "<bdi>Association des guides (démo)</bdi>" in page


def test_markets_and_regions_in_english(client, staff):
    spain = MarketFactory(code="ES", name="Espagne", name_ar="إسبانيا", name_en="Spain")
    client.force_login(staff)
    in_language(client, "en")

    form = client.get("/recommendations/").content.decode()

    assert "Spain (ES)" in form and "Espagne" not in form
    with translation.override("fr"):
        assert str(spain) == "Espagne (ES)"
    assert Region.objects.get(code="03").name_en == "Fez-Meknes"


def test_the_names_are_imported_with_the_french_one(admin_client):
    content = (
        "name,name_ar,name_en,short_name,kind,sector\n"
        f"Conseil Régional du Tourisme de Fès-Meknès,{FES},Fez-Meknes Regional Tourism Council,"
        "CRT Fès-Meknès,regional_council,public_private\n"
    ).encode()

    confirm(admin_client, "organization", upload(admin_client, "organization", content))

    organization = Organization.objects.get(short_name="CRT Fès-Meknès")
    assert (organization.name_ar, organization.name_en) == (
        FES,
        "Fez-Meknes Regional Tourism Council",
    )
