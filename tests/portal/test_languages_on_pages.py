"""Every page speaks one language: no French catalog wording on English or
Arabic pages, no English on French or Arabic ones — the admin in Arabic
included, with Django's own admin wording; exports, the minutes PDF and the
calendar file likewise.

A page's interface text (text nodes, and the labels a reader or a screen reader
meets: placeholder, title, aria-label, alt, button values) is compared, node by
node, with the catalogs' strings of the other languages. What partners typed —
titles, names, minutes — is theirs and is not compared: a whole node must
equal a catalog string to count.
"""

import csv
import io
import itertools
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import openpyxl
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar
from pypdf import PdfReader

from meetings.models import Meeting
from roadmaps.models import Roadmap

from ..helpers.demo_pages import main_pages

pytestmark = pytest.mark.django_db

LOCALE = settings.BASE_DIR / "locale"
LANGUAGES = ["fr", "en", "ar"]
DJANGO = Path(django.__file__).parent
SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
# Same word in both languages or a symbol: not evidence of the wrong language.
NEUTRAL = {"—", "…", "%", "PDF", "CSV", "XLSX", "ICS", "ONMT", "Total", "Source", "Date"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Text(HTMLParser):
    """Text in the page's language: what an element marked with another `lang`
    holds (the language switcher's « English », « العربيّة ») is left out."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.nodes: list[str] = []
        self._hidden = 0
        self._elsewhere: list[str] = []  # open elements in another language

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        values = dict(attrs)
        if tag == "code":  # a file's column header, a field's name: not prose
            values["lang"] = "zxx"
        nested = bool(self._elsewhere) and tag == self._elsewhere[-1]
        other = values.get("lang", self.language) != self.language
        if tag not in VOID and (nested or other):
            self._elsewhere.append(tag)
        if self._elsewhere:
            return
        for name in SHOWN_ATTRIBUTES & values.keys():
            if values.get("src", "").endswith("admin/img/search.svg"):
                continue  # Django's English alt, relabelled by admin.js (browser-tested)
            self.nodes.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self.nodes.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1
        if self._elsewhere and tag == self._elsewhere[-1]:
            self._elsewhere.pop()

    def handle_data(self, data):
        if not self._hidden and not self._elsewhere:
            self.nodes.append(data)


def _normal(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def _nodes(html: str, language: str) -> set[str]:
    parser = _Text(language)
    parser.feed(html)
    return {_normal(node) for node in parser.nodes} - {""}


def _strings(path: Path, *, translated: bool) -> set[str]:
    """A catalog's msgstrs (translated) or msgids, whole plain strings only."""
    found = set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        texts = (
            ([entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values()))
            if translated
            else [entry.msgid, entry.msgid_plural]
        )
        for text in texts:
            text = _normal(text or "")
            if text and not re.search(r"%|\{|<|\n", text) and text not in NEUTRAL:
                found.add(text)
    return found


@cache
def _catalogs() -> dict[str, set[str]]:
    ours = {lang: LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in ("fr", "ar", "en")}
    admin = DJANGO / "contrib" / "admin" / "locale" / "{}" / "LC_MESSAGES" / "django.po"
    return {
        "fr": _strings(ours["fr"], translated=True),
        "ar": _strings(ours["ar"], translated=True),
        "en": _strings(ours["en"], translated=True),
        "django-en": _strings(Path(str(admin).format("ar")), translated=False),
        "django-ar": _strings(Path(str(admin).format("ar")), translated=True),
    }


def _foreign(language: str) -> set[str]:
    """Catalog wording that must not appear on a page in `language`."""
    catalogs = _catalogs()
    own = catalogs[language] | (catalogs["django-ar"] if language == "ar" else set())
    others = {
        "fr": catalogs["en"],
        "en": catalogs["fr"],
        "ar": catalogs["fr"] | catalogs["en"] | catalogs["django-en"],
    }[language]
    # A string both languages spell alike (« Action », « Notes ») proves nothing.
    return others - own - catalogs["fr"].intersection(catalogs["en"])


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True)


@pytest.mark.parametrize("role", ["crt.fes", "onmt.staff", "admin"])
def test_no_page_speaks_another_language(demo, role):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=role))
    found = []
    for language, url in itertools.product(LANGUAGES, main_pages(role)):
        client.cookies["portal_language"] = language
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert f'lang="{language}"' in page[:500], url
        shown = _nodes(page, language)
        found += [f"{url} [{language}]: « {node} »" for node in sorted(shown & _foreign(language))]
    assert found == [], "\n".join(found)


def _file_texts(response) -> set[str]:
    """The wording a downloaded file carries, piece by piece: header cells of a
    spreadsheet, lines of a PDF or of a calendar event's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response["Content-Type"]
    if kind.startswith("text/csv"):
        text = content.decode("utf-8-sig")
        pieces = next(csv.reader(io.StringIO(text), delimiter=";" if ";" in text[:500] else ","))
    elif "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        pieces = [sheet.title for sheet in book]
        for sheet in book:
            for row in sheet.iter_rows(max_row=2, values_only=True):
                pieces += [str(cell) for cell in row if cell is not None]
    elif kind.startswith("application/pdf"):
        pages = PdfReader(io.BytesIO(content)).pages
        pieces = [line for page in pages for line in page.extract_text().splitlines()]
    else:
        calendar = Calendar.from_ical(content)
        pieces = [
            line
            for event in calendar.walk("VEVENT")
            for name in ("SUMMARY", "DESCRIPTION", "LOCATION")
            for line in str(event.get(name, "")).splitlines()
        ]
    found = set()
    for piece in pieces:
        piece = _normal(piece)
        found.add(piece)
        found.add(_normal(piece.split(":")[0]))  # « Lieu : … » — the label alone
    return found - {""}


def test_exports_pdf_and_calendar_files_speak_the_readers_language(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="onmt.staff"))
    meeting = Meeting.objects.get(starts_at__day=8, starts_at__month=7).pk
    roadmap = Roadmap.objects.filter(market__code="FR").order_by("-starts_on").first().pk
    files = [
        "/recommendations/export.csv",
        "/recommendations/export.xlsx",
        f"/roadmaps/{roadmap}/export.xlsx",
        f"/meetings/{meeting}/minutes.pdf",
        f"/meetings/{meeting}/calendar.ics",
    ]
    found = []
    for language, url in itertools.product(LANGUAGES, files):
        client.cookies["portal_language"] = language
        response = client.get(url)
        assert response.status_code == 200, url
        texts = _file_texts(response)
        assert texts, url
        found += [f"{url} [{language}]: « {text} »" for text in sorted(texts & _foreign(language))]
    assert found == [], "\n".join(found)
