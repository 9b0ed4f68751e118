"""Template filters for what people type: {{ text|markdown }}, dir="{{ text|text_dir }}"."""

from decimal import Decimal

from django import template

from core.admin_imports import column_label
from core.markup import render_markdown, text_direction
from core.numbers import percent_text

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ meeting.minutes|markdown }}: Markdown to sanitized HTML."""
    return render_markdown(text)


@register.filter(name="text_dir")
def text_dir_filter(text):
    """dir="{{ outcome.text|text_dir }}": the direction of the text's first letter."""
    return text_direction(str(text))


@register.filter(name="percent_value")
def percent_value_filter(value):
    """40 -> « 40 % », 99.5 -> « 99,5 % » (French), isolated left to right (core/numbers.py)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    return percent_text(value, 0 if value == value.to_integral_value() else 1)


@register.filter(name="column_label")
def column_label_filter(column, opts):
    """An import file's column as the admin reads it (core/admin_imports.py)."""
    return column_label(opts, column)
