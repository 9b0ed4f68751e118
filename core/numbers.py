"""Percentages as every page shows them: the number in the reader's locale, a
non-breaking space, the sign — held together left to right inside Unicode
isolates, so that an Arabic (right-to-left) line reads « 36 % », never « % 36 »,
in HTML, in SVG text, in attributes and in plain-text e-mails alike."""

from django.utils.formats import number_format

LRI, PDI = "\u2066", "\u2069"


def percent_text(value, decimal_pos: int | None = 0) -> str:
    return f"{LRI}{number_format(value, decimal_pos)}\u00a0%{PDI}"


def count_text(value: int) -> str:
    """A count in the reader's locale, its thousands grouped: « 20 000 », « 20,000 »."""
    return number_format(value, force_grouping=True)
