"""The fr, ar and en catalogs are complete, current, and compiled."""

import shutil
import subprocess
import sys
import textwrap

import polib
import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LOCALE = settings.BASE_DIR / "locale"


def _catalog(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entry(language):
    catalog = _catalog(language)
    assert len(catalog) > 0
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    for entry in catalog:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_english_says_what_the_code_says():
    # The msgids are English: the en catalog repeats them. A msgstr that differs
    # is a stale guess left by makemessages' fuzzy matching, not a translation.
    for entry in _catalog("en"):
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}, entry.msgid
        else:
            assert entry.msgstr == entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    """`make run` uses the committed .mo files: they must say what the .po says."""
    catalog = _catalog(language)
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def entries(source):
        return {
            (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            for entry in source
            if not entry.obsolete and "fuzzy" not in entry.flags
        }

    assert entries(compiled) == entries(catalog), f"run `make messages` ({language})"


def test_catalogs_hold_every_string_the_code_marks(tmp_path):
    """Run makemessages over a copy of the code: it must find no string the catalogs lack.

    A copy, because makemessages writes into any `locale/` folder it walks past.
    """
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing (apt-get install gettext): cannot check the catalogs")
    source = tmp_path / "source"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(
            ".*", "var", "locale", "tests", "bench", "__pycache__", "node_modules"
        ),
    )
    locale_copy = tmp_path / "locale"
    shutil.copytree(LOCALE, locale_copy)
    (tmp_path / "catalog_settings.py").write_text(
        textwrap.dedent(
            f"""
            from onmt_portal.settings.local import *
            LOCALE_PATHS = [{str(locale_copy)!r}]
            """
        )
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale=fr",
            "--extension=html,txt,py",
            "--verbosity=0",
        ],
        cwd=source,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": f"{tmp_path}:{source}",
            "DJANGO_SETTINGS_MODULE": "catalog_settings",
        },
        check=True,
        timeout=300,
    )
    found = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(locale_copy / "fr/LC_MESSAGES/django.po"))
    }
    committed = {(entry.msgctxt, entry.msgid) for entry in _catalog("fr") if not entry.obsolete}
    assert len(found) > 10
    assert sorted(found - committed, key=str) == [], "run `make messages` and translate"


@pytest.mark.parametrize(
    "msgid, language, reads",
    [
        # An expectation a partner voices, not a wait (« انتظار »).
        ("Expectation", "ar", "تطلع"),
        ("Expectation", "fr", "Attente"),
        # The colon after a label: French typography in French only.
        (":", "fr", "\u00a0:"),
        (":", "ar", ":"),
    ],
)
def test_wording_read_in_context(msgid, language, reads):
    entries = [entry for entry in _catalog(language) if entry.msgid == msgid]
    assert [entry.msgstr for entry in entries] == [reads]
