"""The Jinja2 environment, for the few templates whose rows the profile showed
to be the page's cost (a roadmap's 100 milestones and its timeline: about
0.4 ms a milestone with Django's template language, most of the page).

Everything else is Django templates. These give Jinja2 what the rows need, the
same way Django's tags do: the current language's translations (`_`,
`pgettext`), `url()` and `url_for_pk()` (one reverse for many rows), dates in
the locale's formats, line breaks, and the portal's own badges
(roadmaps/templatetags/statuses.py). Autoescaping is on. Strings are written
`_("…")`, alone in their tag, so that makemessages finds them.
"""

import functools

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import formats, translation
from jinja2 import Environment
from markupsafe import Markup

from core.choices import labels
from core.links import pk_reverser
from roadmaps.templatetags.statuses import progress_bar, slippage


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _date(value, format_name: str = "DATE_FORMAT") -> str:
    if not value:
        return ""
    return _formatted_date(value, format_name, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _formatted_date(value, format_name: str, language: str) -> str:
    """Dates repeat on a page (due dates, months): each formatted once per
    language (`language` is the cache's key; the format follows the active one)."""
    return formats.date_format(value, format_name)


def _progress_bar(value) -> str:
    return _progress_bar_in(value, translation.get_language())


@functools.lru_cache(maxsize=512)
def _progress_bar_in(value, language: str) -> str:
    """A bar per value (0–100) and language, built once: rows repeat them."""
    return progress_bar(value)


def _linebreaksbr(value) -> Markup:
    return Markup(linebreaksbr(value, autoescape=True))  # noqa: S704 - escaped by Django


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=False)
    env.globals.update(
        url=_url,
        url_for_pk=pk_reverser,
        pgettext=translation.pgettext,
        progress_bar=_progress_bar,
        status_labels=labels,
        slippage=slippage,
    )
    env.filters.update(date=_date, linebreaksbr=_linebreaksbr)
    return env
