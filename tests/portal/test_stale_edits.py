"""The portal and the admin guard each other against stale edits, in both directions."""

import pytest

from roadmaps import services
from roadmaps.models import Milestone, Roadmap

from ..helpers.adminforms import posted_values
from ..helpers.factories import MilestoneFactory, RoadmapFactory

pytestmark = pytest.mark.django_db

STALE_PORTAL = "Quelqu’un d’autre a enregistré"
STALE_ADMIN = "Quelqu’un d’autre a modifié cette fiche"
STALE_ROW = "Quelqu’un d’autre a modifié cette ligne"


def _portal_form(client, url) -> dict:
    """The roadmap edit page's values, as the browser would post them back."""
    return posted_values(client.get(url).content.decode())


def test_a_portal_form_opened_before_an_admin_save_is_refused(client, admin_client, staff):
    roadmap = RoadmapFactory(title="Titre d'origine")
    client.force_login(staff)
    portal_url = f"/roadmaps/{roadmap.pk}/edit/"
    portal_data = _portal_form(client, portal_url)

    admin_url = f"/admin/roadmaps/roadmap/{roadmap.pk}/change/"
    admin_data = posted_values(admin_client.get(admin_url).content.decode())
    saved = admin_client.post(admin_url, {**admin_data, "title": "Titre de l'admin"})
    assert saved.status_code == 302
    assert Roadmap.objects.get(pk=roadmap.pk).version == roadmap.version + 1

    response = client.post(portal_url, {**portal_data, "title": "Titre du portail"})

    assert response.status_code == 200
    html = response.content.decode()
    assert STALE_PORTAL in html
    assert 'value="Titre du portail"' in html  # the typed text is kept
    assert Roadmap.objects.get(pk=roadmap.pk).title == "Titre de l'admin"


def test_an_admin_form_opened_before_a_portal_save_is_refused(admin_client, staff):
    roadmap = RoadmapFactory(title="Titre d'origine")
    admin_url = f"/admin/roadmaps/roadmap/{roadmap.pk}/change/"
    admin_data = posted_values(admin_client.get(admin_url).content.decode())

    services.roadmap_update(roadmap=roadmap, version=roadmap.version, fields={"title": "Portail"})

    response = admin_client.post(admin_url, {**admin_data, "title": "Admin"})
    assert response.status_code == 200
    html = response.content.decode()
    assert STALE_ADMIN in html
    assert 'value="Admin"' in html
    assert Roadmap.objects.get(pk=roadmap.pk).title == "Portail"


def test_a_milestone_saved_as_an_admin_inline_row_refuses_the_portal_form(
    client, admin_client, staff
):
    milestone = MilestoneFactory(title="Jalon d'origine")
    client.force_login(staff)
    portal_url = f"/roadmaps/milestones/{milestone.pk}/edit/"
    portal_data = posted_values(client.get(portal_url).content.decode())

    admin_url = f"/admin/roadmaps/roadmap/{milestone.roadmap_id}/change/"
    admin_data = posted_values(admin_client.get(admin_url).content.decode())
    saved = admin_client.post(admin_url, {**admin_data, "milestones-0-title": "Jalon de l'admin"})
    assert saved.status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).version == milestone.version + 1

    response = client.post(portal_url, {**portal_data, "title": "Jalon du portail"})
    assert STALE_PORTAL in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).title == "Jalon de l'admin"


def test_an_admin_inline_row_changed_by_the_portal_meanwhile_is_refused(admin_client):
    milestone = MilestoneFactory(title="Jalon d'origine", progress=10, status="in_progress")
    admin_url = f"/admin/roadmaps/roadmap/{milestone.roadmap_id}/change/"
    admin_data = posted_values(admin_client.get(admin_url).content.decode())

    services.milestone_set_progress(milestone=milestone, progress=60)

    response = admin_client.post(admin_url, {**admin_data, "milestones-0-progress": "20"})
    assert response.status_code == 200
    assert STALE_ROW in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).progress == 60


def test_an_admin_save_of_an_unchanged_page_is_not_a_false_alarm(admin_client):
    roadmap = RoadmapFactory()
    admin_url = f"/admin/roadmaps/roadmap/{roadmap.pk}/change/"
    for _attempt in range(2):  # twice: the second save starts from the bumped version
        data = posted_values(admin_client.get(admin_url).content.decode())
        assert admin_client.post(admin_url, data).status_code == 302
    assert Roadmap.objects.get(pk=roadmap.pk).version == roadmap.version + 2
