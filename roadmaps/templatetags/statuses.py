"""Badges and bars the lists repeat on every row: a recommendation's status, a
milestone's slippage, a progress bar.

Tags rather than included templates: a roadmap shows 100 milestones and a list
25 rows, and an include cost about 0.1–0.2 ms each.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.choices import label
from core.templatetags.portal_markup import percent_value_filter

from ..models import Recommendation

register = template.Library()

Status = Recommendation.Status
BADGES = {
    Status.ACCEPTED: "text-bg-success",
    Status.IMPLEMENTED: "text-bg-success",
    Status.DECLINED: "text-bg-danger",
    Status.UNDER_REVIEW: "text-bg-info",
    Status.NEEDS_INFORMATION: "text-bg-warning border border-dark",
    Status.DRAFT: "text-bg-light",
}


@register.simple_tag
def recommendation_status(recommendation: Recommendation):
    return format_html(
        '<span class="badge {}">{}</span>',
        BADGES.get(recommendation.status, "text-bg-warning"),
        label(recommendation),
    )


@register.simple_tag
def progress_bar(value):
    """A progress bar at `value` per cent (0–100, a number or its text)."""
    return format_html(
        '<div class="progress" role="progressbar" aria-label="{}" aria-valuenow="{}" '
        'aria-valuemin="0" aria-valuemax="100">'
        '<div class="progress-bar progress-w-{}">{}</div></div>',
        _("Progress"),
        value,
        value,
        percent_value_filter(value),
    )


@register.simple_tag
def slippage(milestone):
    """How many days later (or earlier) than planned a milestone is due, with the
    planned date as its title; « on plan » when it has not moved."""
    days = milestone.slippage_days
    if days is None:
        return ""
    if days == 0:
        return format_html('<span class="badge text-bg-light slippage">{}</span>', _("on plan"))
    planned = _("Planned for %(date)s") % {
        "date": date_format(milestone.baseline_due_date, "SHORT_DATE_FORMAT")
    }
    return format_html(
        '<span class="badge {} slippage" title="{}"><bdi dir="ltr">{}{}</bdi> {}</span>',
        "text-bg-warning" if days > 0 else "text-bg-success",
        planned,
        "+" if days > 0 else "",
        days,
        ngettext("day", "days", days),
    )
