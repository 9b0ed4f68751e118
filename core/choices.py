"""A choice field's labels, translated once per language.

`get_FOO_display()` rebuilds the field's choices at every call (some 20 µs a
row); a list, an export or an inbox that shows one label a row reads them from
here instead.
"""

import functools

from django.utils.translation import get_language


@functools.lru_cache(maxsize=256)
def _labels_in(model, field: str, language: str | None) -> dict:
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def labels(model, field: str = "status") -> dict:
    """{value: label} of a model's choice field (a model or an instance of it),
    in the current language. Shared by every caller: read it, never change it."""
    return _labels_in(model._meta.model, field, get_language())


def label(instance, field: str = "status") -> str:
    """The label of an instance's choice, as get_FOO_display() gives it."""
    value = getattr(instance, field)
    return labels(instance, field).get(value, value)
