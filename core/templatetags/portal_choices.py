"""{{ recommendation|label:"theme" }}: a choice's label, as `get_theme_display`
gives it, without rebuilding the field's choices for every row (core/choices.py)."""

from django import template

from core import choices

register = template.Library()


@register.filter
def label(instance, field="status"):
    return choices.label(instance, field)
