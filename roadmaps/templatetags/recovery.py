from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(ratio):
    """0.873 -> "87 %" in the current locale; None -> "no baseline"."""
    if ratio is None:
        return _("no baseline")
    return f"{number_format(ratio * 100, 0)} %"


@register.filter
def recovery_class(ratio):
    if ratio is None:
        return "text-body-secondary"
    if ratio >= 1:
        return "text-success"
    return "text-warning-emphasis" if ratio >= 0.8 else "text-danger"
