"""One search across the portal (/search/?q=): organizations, people, meetings
(titles, agendas, minutes), outcomes, recommendations and milestones.

- Every kind is read through the viewer's visible querysets: nobody finds what
  they could not open (a minutes text of an unpublished meeting, another
  organization's draft, an internal note — the conversation is not searched).
- Accents and case are ignored (core/search.py: `portal_unaccent`, through a
  trigram index on every searched text); every word must be found, in any field.
- Ranked: a word in the title counts more than in the text, the whole phrase
  more than its words; grouped by kind; the matched words highlighted, the text
  escaped first (safe).
- One query per kind, RESULTS_PER_KIND at most each.
"""

import functools
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core import choices
from core.search import unaccent
from meetings.models import Meeting
from meetings.permissions import outcomes_visible_to, reads_all_meetings, visible_meetings
from partners.models import Organization, Person, name_fields
from partners.roles import has_portal_role
from roadmaps.models import Milestone
from roadmaps.permissions import recommendations_visible_to, roadmaps_visible_to

RESULTS_PER_KIND = 20
# Accents and case ignored, through the trigram indexes of every searched text.
LOOKUP = "indexed_unaccent__icontains"
MIN_LENGTH, MAX_LENGTH = 2, 200


@dataclass
class Hit:
    title: SafeString
    url: str
    excerpt: SafeString
    score: int


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)


def terms_of(query: str) -> list[str]:
    return [term for term in (query or "").split() if len(term) >= MIN_LENGTH][:8]


@functools.lru_cache(maxsize=4096)
def _folded_char(char: str) -> str:
    return unaccent(char).lower()


def _folded(text: str) -> tuple[str, list[int]]:
    """The text without accents, lower case, and where each of its characters
    came from in the original (so that highlights land on the original)."""
    if text.isascii():  # most of it: one character for one
        return text.lower(), list(range(len(text)))
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in _folded_char(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def highlight(text: str, terms: list[str], *, limit: int | None = None) -> SafeString:
    """Escape, then mark each occurrence of the terms (accent- and case-blind).
    With a limit: the passage around the first occurrence."""
    text = text or ""
    whole = len(text)
    folded, origin = _folded(text)
    spans = []
    for term in terms:
        needle = unaccent(term).lower()
        for found in re.finditer(re.escape(needle), folded):
            start = origin[found.start()]
            end = origin[found.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    offset = 0
    if limit is not None and len(text) > limit:
        offset = max(0, (merged[0][0] if merged else 0) - limit // 3)
        text = text[offset : offset + limit]
    pieces, cursor = [], 0
    for start, end in merged:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    prefix = "… " if offset else ""
    suffix = " …" if offset + len(text) < whole else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - each piece escaped


def _score(terms: list[str], title: str, text: str, phrase: str) -> int:
    folded_title, _o = _folded(title or "")
    folded_text, _o = _folded(text or "")
    score = 0
    for term in terms:
        needle = unaccent(term).lower()
        score += 3 * folded_title.count(needle) + min(folded_text.count(needle), 5)
    needle = unaccent(phrase).lower()
    if len(terms) > 1 and (needle in folded_title or needle in folded_text):
        score += 10
    return score


def _any_field(term: str, fields, lookup=LOOKUP) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__{lookup}": term})
    return condition


def _matching(queryset, terms, fields, lookup=LOOKUP, also=None):
    """Every term in one of the fields (or in what also(term) allows)."""
    for term in terms:
        condition = _any_field(term, fields, lookup)
        if also is not None:
            condition |= also(term)
        queryset = queryset.filter(condition)
    return queryset


def _group(kind, label, rows, terms, phrase, describe) -> Group:
    group = Group(kind, label)
    for row in rows:
        title, url, text = describe(row)
        group.hits.append(
            Hit(
                title=highlight(title, terms),
                url=url,
                excerpt=highlight(text, terms, limit=220),
                score=_score(terms, title, text, phrase),
            )
        )
    group.hits.sort(key=lambda hit: -hit.score)
    return group


def search(user, query: str) -> list[Group]:
    """The groups with at least one hit, in a fixed order."""
    terms = terms_of(query)
    if not terms or not has_portal_role(user):
        return []
    phrase = " ".join(terms)
    limit = RESULTS_PER_KIND
    everything = reads_all_meetings(user)

    def in_minutes(term):  # the minutes once readable: ONMT always, others once published
        found = Q(**{f"minutes__{LOOKUP}": term})
        return found if everything else found & Q(status=Meeting.Status.PUBLISHED)

    def meeting_text(meeting):
        readable = everything or meeting.status == Meeting.Status.PUBLISHED
        return meeting.minutes if readable and meeting.minutes else meeting.agenda

    groups = [
        _group(
            "organization",
            _("Organizations"),
            _matching(
                Organization.objects.active(), terms, [*name_fields(), "short_name", "province"]
            )[:limit],
            terms,
            phrase,
            lambda o: (
                f"{o.short_name} — {o.display_name}",
                reverse("partners:organization", args=[o.pk]),
                o.province,
            ),
        ),
        _group(
            "person",
            _("People"),
            _matching(Person.objects.active(), terms, ["first_name", "last_name"])[:limit],
            terms,
            phrase,
            lambda p: (p.full_name, reverse("partners:person", args=[p.pk]), ""),
        ),
        _group(
            "meeting",
            _("Meetings"),
            _matching(
                visible_meetings(user), terms, ["title", "agenda", "location"], also=in_minutes
            ).order_by("-starts_at")[:limit],
            terms,
            phrase,
            lambda m: (m.title, reverse("meetings:detail", args=[m.pk]), meeting_text(m)),
        ),
        _group(
            "outcome",
            _("Outcomes"),
            _matching(outcomes_visible_to(user), terms, ["text"]).select_related("meeting")[:limit],
            terms,
            phrase,
            lambda o: (
                f"{choices.label(o, 'kind')} — {o.meeting.title}",
                reverse("meetings:detail", args=[o.meeting_id]),
                o.text,
            ),
        ),
        _group(
            "recommendation",
            _("Recommendations"),
            _matching(
                recommendations_visible_to(user),
                terms,
                ["title", "body"],
            ).select_related("organization")[:limit],
            terms,
            phrase,
            lambda r: (
                r.title,
                reverse("roadmaps:recommendation_detail", args=[r.pk]),
                f"{r.organization.short_name} · {choices.label(r)} — {r.body}",
            ),
        ),
        _group(
            "milestone",
            _("Milestones"),
            _matching(
                Milestone.objects.filter(roadmap__in=roadmaps_visible_to(user)),
                terms,
                ["title", "description"],
            ).select_related("roadmap")[:limit],
            terms,
            phrase,
            lambda m: (
                m.title,
                m.get_absolute_url(),
                f"{m.roadmap.title} — {Truncator(m.description).chars(300)}",
            ),
        ),
    ]
    return [group for group in groups if group.hits]
