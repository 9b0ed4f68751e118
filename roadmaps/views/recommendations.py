"""Recommendations: the partner writes and submits; ONMT reviews and decides."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.locking import show_write_error
from core.pagination import CappedCountPaginator
from partners.models import Person
from partners.permissions import require
from partners.roles import council_organization_ids

from .. import permissions, selectors, services
from ..forms import RecommendationFilterForm, RecommendationForm, ReviewForm
from ..models import Recommendation

PAGE_SIZE = 25


def _filters(request) -> tuple[RecommendationFilterForm, dict]:
    form = RecommendationFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@require_GET
def recommendation_list(request):
    user = request.user
    require(permissions.can_triage(user) or permissions.can_submit_recommendations(user))
    form, filters = _filters(request)
    recommendations = selectors.recommendations_for_list(user, filters=filters)
    page = CappedCountPaginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_market_codes(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_submit": permissions.can_submit_recommendations(user),
        "triage": permissions.can_triage(user),
    }
    template = (
        "roadmaps/_recommendation_results.html"
        if request.htmx
        else "roadmaps/recommendation_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
def recommendation_create(request):
    user = request.user
    require(permissions.can_submit_recommendations(user))
    form = RecommendationForm(
        request.POST or None,
        organizations=council_organization_ids(user),
        submitting=_submitting(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_create(
                organization=form.cleaned_data["organization"],
                author=Person.objects.get(user=user),
                submit=_submitting(request),
                **form.content(),
            )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            _saved_message(request, recommendation, was_draft=True)
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    return render(request, "roadmaps/recommendation_form.html", {"form": form})


def _submitting(request) -> bool:
    """Anything but « Save as draft » (Enter in a field presses the first button,
    « Submit to ONMT »); a form only shown marks what submitting needs."""
    return "draft" not in request.POST


def _saved_message(request, recommendation: Recommendation, *, was_draft: bool) -> None:
    if was_draft and recommendation.status == Recommendation.Status.SUBMITTED:
        messages.success(
            request,
            _(
                "ONMT has received your recommendation. Its team will review it and "
                "answer on this page; you will receive an e-mail if ONMT asks you a "
                "question and when it decides. You can still edit it until the "
                "review starts."
            ),
        )
    elif recommendation.status == Recommendation.Status.DRAFT:
        messages.success(
            request,
            _(
                "Your draft is saved. ONMT does not see it until you press “Submit to "
                "ONMT” on this page."
            ),
        )
    else:
        messages.success(request, _("The recommendation is saved."))


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    recommendation = permissions.get_visible_recommendation(request.user, pk)
    require(permissions.can_edit_recommendation(request.user, recommendation))
    was_draft = recommendation.status == Recommendation.Status.DRAFT
    form = RecommendationForm(
        request.POST or None,
        instance=recommendation,
        # A submitted recommendation stays complete, whichever button.
        submitting=_submitting(request) or not was_draft,
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_update(
                recommendation=Recommendation.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                submit=_submitting(request),
                **form.content(),
            )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            _saved_message(request, recommendation, was_draft=was_draft)
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    context = {"form": form, "recommendation": recommendation}
    return render(request, "roadmaps/recommendation_form.html", context)


@require_POST
def recommendation_submit(request, pk):
    """« Submit to ONMT » on the draft's own page. A draft that lacks what
    submitting needs opens in its form, each missing field named."""
    recommendation = permissions.get_visible_recommendation(request.user, pk)
    require(permissions.can_edit_recommendation(request.user, recommendation))
    try:
        recommendation = services.recommendation_submit(
            recommendation=recommendation, version=_posted_version(request)
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):  # stale page, or no longer a draft
            messages.error(request, exc.messages[0])
            return redirect("roadmaps:recommendation_detail", pk)
        form = RecommendationForm(_as_data(recommendation), instance=recommendation)
        form.is_valid()
        messages.error(request, _("Complete the fields below, then submit again."))
        context = {"form": form, "recommendation": recommendation}
        return render(request, "roadmaps/recommendation_form.html", context)
    _saved_message(request, recommendation, was_draft=True)
    return redirect("roadmaps:recommendation_detail", recommendation.pk)


def _posted_version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _as_data(recommendation: Recommendation) -> dict:
    """The draft as its form would post it, to show what submitting lacks."""
    return {
        "version": recommendation.version,
        "theme": recommendation.theme,
        "priority": recommendation.priority,
        "title": recommendation.title,
        "body": recommendation.body,
        "markets": [market.pk for market in recommendation.markets.all()],
    }


def _decide(recommendation: Recommendation, data: dict, by) -> None:
    """Record the review form's decision through the matching service. The target
    roadmap was offered from decision_roadmaps(); it is asked again here."""
    if data["decision"] == "accept_existing":
        require(permissions.can_edit_roadmap(by, data["milestone"].roadmap))
    elif data["decision"] == "accept_new":
        require(permissions.can_edit_roadmap(by, data["roadmap"]))
    common = {
        "recommendation": recommendation,
        "by": by,
        "response": data["response"],
        "review_notes": data["review_notes"],
        "version": data["version"],
    }
    if data["decision"] == "decline":
        services.recommendation_decline(**common)
        return
    new_milestone = None
    if data["decision"] == "accept_new":
        new_milestone = services.NewMilestone(
            roadmap=data["roadmap"],
            title=data["milestone_title"],
            due_date=data["due_date"],
            owner=data["owner"] or data["roadmap"].owner,
        )
    services.recommendation_accept(
        **common,
        milestone=data["milestone"] if data["decision"] == "accept_existing" else None,
        new_milestone=new_milestone,
    )


STEPS = {
    "start_review": services.recommendation_start_review,
    "implemented": services.recommendation_mark_implemented,
}


@require_http_methods(["GET", "POST"])
def recommendation_review(request, pk):
    user = request.user
    recommendation = permissions.get_visible_recommendation(user, pk)
    require(permissions.can_review_recommendation(user, recommendation))
    action = request.POST.get("action")
    if request.method == "POST" and action in STEPS:
        try:
            STEPS[action](recommendation=recommendation, by=user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The recommendation's status is updated."))
        return redirect("roadmaps:recommendation_review", recommendation.pk)

    form = ReviewForm(
        request.POST if action == "decide" else None,
        recommendation=recommendation,
        roadmaps=permissions.decision_roadmaps(user, recommendation),
        initial={
            "version": recommendation.version,
            "response": recommendation.response,
            "review_notes": recommendation.review_notes,
        },
    )
    if action == "decide" and form.is_valid():
        try:
            _decide(recommendation, form.cleaned_data, user)
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("The decision is recorded; the partner is told."))
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    context = {
        "recommendation": recommendation,
        "form": form,
        **selectors.recommendation_page(recommendation, user),
    }
    return render(request, "roadmaps/recommendation_review.html", context)
