"""An admin imports partners in the admin and finds them in the portal directory."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "name,short_name,kind,sector,region,province\n"
    "Conseil Provincial du Tourisme d'Errachidia,CPT Errachidia,provincial_council,"
    "public_private,08,Errachidia\n"
    "Conseil Provincial du Tourisme de Zagora,CPT Zagora,conseil provincial du tourisme,"
    "public-privé,Drâa-Tafilalet,Zagora\n"
)


def test_admin_imports_a_csv_previews_confirms_and_finds_it_in_the_directory(
    live_server, page_fr, tmp_path
):
    call_command("seed_demo", force=True)
    page = page_fr
    upload = tmp_path / "conseils.csv"
    upload.write_text(CSV, encoding="utf-8")

    page.goto(f"{live_server.url}/accounts/login/?next=/admin/partners/organization/import/")
    page.get_by_label("Nom d’utilisateur").fill("admin")
    page.get_by_label("Mot de passe").fill(DEFAULT_DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/partners/organization/import/")

    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Soumettre").click()

    preview = page.locator("table.import-preview")
    preview.wait_for()
    assert "CPT Errachidia" in preview.inner_text()
    assert "CPT Zagora" in preview.inner_text()
    page.get_by_role("button", name="Confirmer l’importation").click()
    page.wait_for_url("**/admin/partners/organization/")

    page.goto(f"{live_server.url}/partners/")
    results = page.locator("#directory-results")
    page.get_by_label("Rechercher").fill("zagora")
    # htmx swaps the results in place and keeps the URL shareable.
    page.wait_for_url("**/partners/?q=zagora*")
    expect(results).to_contain_text("CPT Zagora")
    assert "CPT Errachidia" not in results.inner_text()
    assert "Drâa-Tafilalet" in results.inner_text()

    page.get_by_label("Rechercher").fill("Siham Rida")
    page.wait_for_url(lambda url: "q=Siham" in url)
    expect(results).to_contain_text("CPT Ouarzazate")
    expect(results).not_to_contain_text("CPT Zagora")
    page.get_by_role("link", name="Conseil Provincial du Tourisme de Ouarzazate").click()
    expect(page.locator("main")).to_contain_text("Présidente du CPT de Ouarzazate")
