from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import gettext as _

from core.numbers import percent_text

register = template.Library()


@register.filter
def percent(ratio):
    """0.873 -> "87 %" in the current locale; None -> "no baseline"."""
    if ratio is None:
        return _("no baseline")
    # Rounded half up (number_format would cut the decimals: 75.6 is 76 %, not 75).
    whole = (Decimal(ratio) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return percent_text(whole)


@register.filter
def recovery_class(ratio):
    if ratio is None:
        return "text-body-secondary"
    if ratio >= 1:
        return "text-success"
    return "text-warning-emphasis" if ratio >= 0.8 else "text-danger"
