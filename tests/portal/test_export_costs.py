"""What an export costs does not grow with its rows: the same number of queries
for 1 row as for 50 (rows read in chunks through a server-side cursor, markets
read once per chunk); the admin's exports, built whole in memory, stop at a cap
with a message."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.roles import Role

from ..helpers.factories import (
    MarketFactory,
    OrganizationFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _export_queries(client, path) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        lines = len(response.getvalue().decode("utf-8-sig").splitlines())
    return len(queries), lines


def test_the_csv_export_costs_the_same_queries_for_1_row_as_for_50(client):
    client.force_login(UserFactory(role=Role.ONMT_STAFF))
    markets = [MarketFactory(code="FR"), MarketFactory(code="DE")]
    organization = OrganizationFactory()
    RecommendationFactory(organization=organization, markets=markets)
    # force_login bypasses the middleware: the first page pushes the session's
    # expiry back (onmt_portal.middleware.IdleSessionMiddleware), later ones not.
    client.get("/recommendations/export.csv")
    one, lines = _export_queries(client, "/recommendations/export.csv")
    assert lines == 2
    for _number in range(49):
        RecommendationFactory(organization=organization, markets=markets)

    fifty, lines = _export_queries(client, "/recommendations/export.csv")

    assert lines == 51
    assert fifty == one


def test_each_row_names_its_markets_and_labels(client):
    client.force_login(UserFactory(role=Role.ONMT_STAFF))
    RecommendationFactory(
        title="Salon", markets=[MarketFactory(code="FR"), MarketFactory(code="DE")],
        status="submitted", priority="high",
    )  # fmt: skip
    text = client.get("/recommendations/export.csv").getvalue().decode("utf-8-sig")
    [row] = [line for line in text.splitlines() if line.startswith("Salon")]
    assert '"DE, FR"' in row and "Soumise" in row and "Haute" in row


def test_the_admins_export_stops_at_its_cap_with_a_message(admin_client, settings):
    settings.ADMIN_EXPORT_MAX_ROWS = 2
    for _number in range(3):
        OrganizationFactory()
    fields = admin_client.get("/admin/partners/organization/export/").context["form"].fields
    ticked = {name: "on" for name in fields if name.startswith("organizationresource_")}

    response = admin_client.post(
        "/admin/partners/organization/export/", {"format": "0", "resource": "0", **ticked}
    )

    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "plus de 2 lignes" in response.content.decode()
