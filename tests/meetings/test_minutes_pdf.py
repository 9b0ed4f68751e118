"""The minutes as a PDF: made on this machine, readable, for those who may see the meeting."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import AgendaItem

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    OrganizationFactory,
    OutcomeFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def held_meeting():
    meeting = MeetingFactory(
        title="Task force France",
        status="published",
        minutes="## Synthèse\n\nLe marché français **reprend** : objectif 2019 confirmé.",
        location="Casablanca",
    )
    meeting.markets.add(MarketFactory(code="FR", name="France"))
    AgendaItem.objects.create(meeting=meeting, title="Bilan de la saison estivale")
    ParticipantFactory(
        meeting=meeting,
        person=PersonFactory(first_name="Aziz", last_name="Lebbar"),
        organization=OrganizationFactory(short_name="CRT Fès"),
        attendance="attended",
    )
    OutcomeFactory(meeting=meeting, kind="decision", text="Campagne digitale en octobre")
    return meeting


def test_staff_download_the_minutes_as_a_pdf_with_everything_the_page_shows(
    client, staff, held_meeting
):
    client.force_login(staff)
    response = client.get(reverse("meetings:minutes_pdf", args=[held_meeting.pk]))
    assert (
        response["Content-Disposition"] == f'attachment; filename="minutes-{held_meeting.pk}.pdf"'
    )
    text = pdf_text(response)
    for expected in (
        "Task force France",
        "Bilan de la saison estivale",
        "Lebbar",
        "CRT Fès",
        "objectif 2019 confirmé",
        "Campagne digitale en octobre",
        "Casablanca",
    ):
        assert expected in text
    assert "Page 1 / 1" in text


def test_the_pdf_speaks_the_readers_language_and_sets_arabic_right_to_left(
    client, staff, held_meeting
):
    held_meeting.minutes = "قرر المجلس إطلاق حملة رقمية"
    held_meeting.save()
    client.force_login(staff)
    response = client.get(
        reverse("meetings:minutes_pdf", args=[held_meeting.pk]), HTTP_ACCEPT_LANGUAGE="ar"
    )
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert any("DejaVu" in name for name in fonts), fonts
    text = pdf_text(response)
    assert "المشاركون" in text or "محضر" in text  # Arabic headings, extracted as text
    assert "Task force France" in text


def test_french_reader_gets_french_labels(client, staff, held_meeting):
    client.force_login(staff)
    response = client.get(
        reverse("meetings:minutes_pdf", args=[held_meeting.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    text = pdf_text(response)
    assert "Participants" in text
    assert "Ordre du jour" in text


def test_a_council_outside_the_meeting_gets_404_and_no_pdf(client, council_rabat, held_meeting):
    client.force_login(council_rabat)
    response = client.get(reverse("meetings:minutes_pdf", args=[held_meeting.pk]))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_anonymous_is_sent_to_login(client, held_meeting):
    response = client.get(reverse("meetings:minutes_pdf", args=[held_meeting.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_unknown_meeting_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("meetings:minutes_pdf", args=[999999])).status_code == 404


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_pdf_fetches_nothing_a_minutes_author_points_at(client, staff, held_meeting):
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}"
    try:
        held_meeting.minutes = (
            f"[interne]({address}/link) ![image]({address}/image.png)\n\n"
            f'<img src="{address}/raw.png"><link rel="stylesheet" href="{address}/style.css">'
        )
        held_meeting.save()
        client.force_login(staff)
        pdf_text(client.get(reverse("meetings:minutes_pdf", args=[held_meeting.pk])))
    finally:
        server.shutdown()
    assert _Recorder.hits == []


@pytest.mark.parametrize("rows", [1, 50])
def test_pdf_queries_do_not_grow_with_participants(
    client, staff, django_assert_max_num_queries, rows
):
    meeting = MeetingFactory(status="published")
    ParticipantFactory.create_batch(rows, meeting=meeting)
    OutcomeFactory.create_batch(rows, meeting=meeting)
    client.force_login(staff)
    with django_assert_max_num_queries(11):
        pdf_text(client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])))


def test_without_weasyprint_the_reader_is_sent_back_to_the_print_layout(
    client, staff, held_meeting, monkeypatch
):
    # The outside world: a server whose system lacks Pango (WeasyPrint cannot import).
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)
    client.force_login(staff)
    response = client.get(
        reverse("meetings:minutes_pdf", args=[held_meeting.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.redirect_chain[-1][0] == reverse("meetings:detail", args=[held_meeting.pk])
    assert "Imprimer le compte rendu" in response.content.decode()
    assert "ne peut pas être produit" in response.content.decode()


def test_the_same_minutes_are_laid_out_once_and_a_change_makes_a_new_pdf(
    client, staff, held_meeting
):
    from django.core.cache import cache

    client.force_login(staff)
    url = reverse("meetings:minutes_pdf", args=[held_meeting.pk])
    first = client.get(url).content
    # The test settings' cache is Django's local-memory one: its keys are ":1:<key>".
    [key] = [key.split(":", 2)[-1] for key in cache._cache if "minutes-pdf:" in key]
    cache.set(key, b"%PDF-from-the-cache")
    assert client.get(url).content == b"%PDF-from-the-cache"  # not laid out again
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.startswith(b"%PDF-1")  # its own

    held_meeting.minutes += "\n\nAjout : la campagne démarre en septembre."
    held_meeting.save()
    changed = client.get(url)
    assert changed.content not in (first, b"%PDF-from-the-cache")
    assert "septembre" in pdf_text(changed)
