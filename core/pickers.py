"""Searchable pickers: a choice among hundreds or thousands (organizations,
people) without sending them all.

The page holds a <select> with the empty choice and the chosen one alone, and a
search field beside it. Typing asks GET /pick/<kind>/?term=… (htmx), which
answers the first LIMIT matches as an <optgroup> swapped into the <select>. The
matches come from the kind's search, registered by the app that owns the data
and read through its permissions: nobody lists what they could not open. The
form field validates against its own queryset, as before, so a value typed by
hand is still checked.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode

LIMIT = 50


@dataclass(frozen=True)
class Kind:
    """allowed(user) -> may this user list them; search(user, term) -> the matches
    in the order to show; label(obj) -> the option's text.

    A scoped kind lists choices that depend on what the form is about (the
    milestones a recommendation may be accepted into): its allowed and search
    also receive the picker's parameters (the query string, `term` left out),
    and check them — they come from the browser."""

    allowed: Callable[..., bool]
    search: Callable[..., QuerySet]
    label: Callable[..., str] = str
    scoped: bool = False


_kinds: dict[str, Kind] = {}


def register(name: str, **kwargs) -> None:
    _kinds[name] = Kind(**kwargs)


def kind(name: str) -> Kind | None:
    return _kinds.get(name)


class Picker(forms.Select):
    """A Select rendering the chosen option alone, with a search field listing more."""

    template_name = "core/widgets/picker.html"

    def __init__(
        self, kind: str, attrs=None, *, params: dict | None = None, known=None, search_label=""
    ):
        """params: the scope of a scoped kind, sent with each search. known: labels
        of choices already read ({pk: label}), so that a formset's rows do not
        each read their chosen option. search_label: the search field's name for
        assistive technologies, when a form holds several pickers."""
        super().__init__(attrs)
        self.kind = kind
        self.params = params or {}
        self.known = known or {}
        self.search_label = search_label

    def _chosen(self, value) -> list:
        iterator = self.choices
        field = getattr(iterator, "field", None)
        if field is None:  # plain choices: nothing to spare
            return list(iterator)
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        ids = [int(v) for v in value if str(v).isdecimal()]
        choices += [(pk, self.known[pk]) for pk in ids if pk in self.known]
        missing = [pk for pk in ids if pk not in self.known]
        if missing:
            chosen = iterator.queryset.filter(pk__in=missing)
            choices += [(obj.pk, field.label_from_instance(obj)) for obj in chosen]
        return choices

    def optgroups(self, name, value, attrs=None):
        original = self.choices
        self.choices = self._chosen(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("pick", args=[self.kind])
        context["picker_url"] = f"{url}?{urlencode(self.params)}" if self.params else url
        context["search_label"] = self.search_label
        return context
