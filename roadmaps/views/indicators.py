"""A market: its page (figures, recovery, targets, work), its targets' forms, and
its dossier as a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.history import history_entries
from core.locking import show_write_error
from partners.models import Market
from partners.permissions import can_view_history, require

from .. import permissions, services
from ..forms import TargetForm
from ..kept_pages import kept
from ..models import Target
from ..selectors.markets import market_page


@require_GET
def market_detail(request, code):
    market = permissions.get_visible_market(request.user, code)
    can_set_targets = permissions.can_set_targets(request.user, market)

    def content() -> str:
        context = {
            "market": market,
            "can_set_targets": can_set_targets,
            **market_page(market, request.user),
        }
        return render_to_string("roadmaps/_market_content.html", context)

    html = kept(request, "market-page", content, market.pk, int(can_set_targets))
    return render(request, "roadmaps/market_detail.html", {"market": market, "content": html})


def _target_form_page(request, market: Market, target: Target | None = None):
    form = TargetForm(request.POST or None, instance=target, market=market)
    if request.method == "POST" and form.is_valid():
        try:
            if target is None:
                services.target_create(market=market, fields=form.cleaned_data, by=request.user)
            else:
                services.target_update(
                    target=Target.objects.get(pk=target.pk),
                    version=form.cleaned_data["version"] or 0,
                    fields=form.cleaned_data,
                    by=request.user,
                )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("roadmaps:market_detail", market.code)
    context = {
        "form": form,
        "market": market,
        "target": target,
        "history": history_entries(target) if target and can_view_history(request.user) else [],
    }
    return render(request, "roadmaps/target_form.html", context)


@require_http_methods(["GET", "POST"])
def target_create(request, code):
    market = permissions.get_visible_market(request.user, code)
    require(permissions.can_set_targets(request.user, market))
    return _target_form_page(request, market)


@require_http_methods(["GET", "POST"])
def target_edit(request, code, pk):
    market = permissions.get_visible_market(request.user, code)
    target = get_object_or_404(Target, pk=pk, market=market)
    require(permissions.can_set_targets(request.user, market))
    return _target_form_page(request, market, target)
