from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import permissions as meeting_permissions
from partners.history import history_entries
from partners.models import Market, Person
from partners.pagination import CappedCountPaginator
from partners.permissions import can_view_history, require

from . import exports, permissions, selectors, services
from .forms import (
    FollowupMilestoneForm,
    MilestoneForm,
    ProgressForm,
    RecommendationFilterForm,
    RecommendationForm,
    ReviewForm,
    RoadmapForm,
)
from .models import Milestone, Recommendation, Roadmap

PAGE_SIZE = 25


def _history(request, obj):
    return history_entries(obj) if can_view_history(request.user) else []


def _stale_or_error(request, form, exc):
    form.add_error(None, exc)
    if getattr(exc, "code", None) == "stale":
        messages.error(request, exc.messages[0])


# --- recommendations -------------------------------------------------------------------


@require_GET
def recommendation_list(request):
    user = request.user
    require(permissions.can_triage(user) or permissions.can_submit_recommendations(user))
    form = RecommendationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    recommendations = selectors.recommendations_for_list(user, filters=filters)
    page = CappedCountPaginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
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
    organizations = permissions.council_organization_ids(user)
    form = RecommendationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        author = Person.objects.get(user=user)
        try:
            recommendation = services.recommendation_create(
                organization=form.cleaned_data["organization"],
                author=author,
                submit="submit" in request.POST,
                **form.content(),
            )
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(
                request,
                _("Your recommendation is submitted to ONMT.")
                if recommendation.status == Recommendation.Status.SUBMITTED
                else _("Your draft is saved; submit it when it is ready."),
            )
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    return render(request, "roadmaps/recommendation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    recommendation = permissions.get_visible_recommendation(request.user, pk)
    require(permissions.can_edit_recommendation(request.user, recommendation))
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_update(
                recommendation=Recommendation.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                submit="submit" in request.POST,
                **form.content(),
            )
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(request, _("The recommendation is saved."))
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    context = {"form": form, "recommendation": recommendation}
    return render(request, "roadmaps/recommendation_form.html", context)


@require_GET
def recommendation_detail(request, pk):
    user = request.user
    recommendation = permissions.get_visible_recommendation(
        user,
        pk,
        permissions.recommendations_visible_to(user).select_related(
            "organization", "author", "meeting"
        ),
    )
    context = {
        "recommendation": recommendation,
        "can_edit": permissions.can_edit_recommendation(user, recommendation),
        "can_review": permissions.can_review_recommendation(user, recommendation),
        "show_notes": permissions.can_read_review_notes(user),
        "history": _history(request, recommendation),
        **selectors.recommendation_page(recommendation),
    }
    return render(request, "roadmaps/recommendation_detail.html", context)


@require_http_methods(["GET", "POST"])
def recommendation_review(request, pk):
    user = request.user
    recommendation = permissions.get_visible_recommendation(user, pk)
    require(permissions.can_review_recommendation(user, recommendation))
    action = request.POST.get("action")
    if request.method == "POST" and action in ("start_review", "implemented"):
        service = {
            "start_review": services.recommendation_start_review,
            "implemented": services.recommendation_mark_implemented,
        }[action]
        try:
            service(recommendation=recommendation, by=user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The recommendation's status is updated."))
        return redirect("roadmaps:recommendation_review", recommendation.pk)

    form = ReviewForm(
        request.POST if action == "decide" else None,
        recommendation=recommendation,
        initial={
            "version": recommendation.version,
            "response": recommendation.response,
            "review_notes": recommendation.review_notes,
        },
    )
    if action == "decide" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "decline":
                services.recommendation_decline(
                    recommendation=recommendation,
                    by=user,
                    response=data["response"],
                    review_notes=data["review_notes"],
                    version=data["version"],
                )
            else:
                new_milestone = None
                if data["decision"] == "accept_new":
                    new_milestone = services.NewMilestone(
                        roadmap=data["roadmap"],
                        title=data["milestone_title"],
                        due_date=data["due_date"],
                        owner=data["owner"] or data["roadmap"].owner,
                    )
                services.recommendation_accept(
                    recommendation=recommendation,
                    by=user,
                    response=data["response"],
                    review_notes=data["review_notes"],
                    milestone=data["milestone"] if data["decision"] == "accept_existing" else None,
                    new_milestone=new_milestone,
                    version=data["version"],
                )
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(request, _("The decision is recorded; the partner is told."))
            return redirect("roadmaps:recommendation_detail", recommendation.pk)
    context = {
        "recommendation": recommendation,
        "form": form,
        **selectors.recommendation_page(recommendation),
    }
    return render(request, "roadmaps/recommendation_review.html", context)


@require_GET
def recommendation_export(request, fmt):
    """The list as a spreadsheet: the same filters and the same rights as the page."""
    user = request.user
    require(permissions.can_triage(user) or permissions.can_submit_recommendations(user))
    form = RecommendationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = exports.recommendation_rows(
        user, selectors.recommendations_for_list(user, filters=filters)
    )
    if fmt == "csv":
        return _download(exports.to_csv(rows), "text/csv; charset=utf-8", "recommendations.csv")
    content = exports.to_xlsx({str(Recommendation._meta.verbose_name_plural): rows})
    return _download(content, exports.XLSX, "recommendations.xlsx")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- roadmaps --------------------------------------------------------------------------


@require_GET
def roadmap_export(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    milestones = roadmap.milestones.select_related("roadmap", "owner").order_by("due_date", "pk")
    content = exports.to_xlsx({str(roadmap.market.code): exports.milestone_rows(milestones)})
    return _download(content, exports.XLSX, f"roadmap-{roadmap.pk}.xlsx")


@require_GET
def market_dossier(request, code):
    require(permissions.can_list_roadmaps(request.user))
    market = get_object_or_404(Market, code=code)
    content = exports.market_dossier(request.user, market)
    return _download(content, exports.XLSX, f"dossier-{market.code}.xlsx")


@require_GET
def roadmap_list(request):
    require(permissions.can_list_roadmaps(request.user))
    context = {
        "roadmaps": selectors.roadmaps_for_list(request.user),
        "can_create": permissions.can_create_roadmaps(request.user),
    }
    return render(request, "roadmaps/roadmap_list.html", context)


@require_GET
def roadmap_detail(request, pk):
    roadmap = permissions.get_visible_roadmap(
        request.user,
        pk,
        permissions.roadmaps_visible_to(request.user).select_related("market", "owner"),
    )
    context = {
        "roadmap": roadmap,
        "can_edit": permissions.can_edit_roadmap(request.user, roadmap),
        "history": _history(request, roadmap),
        **selectors.roadmap_page(roadmap, request.user),
    }
    return render(request, "roadmaps/roadmap_detail.html", context)


def _roadmap_form_page(request, roadmap=None):
    markets = permissions.editable_markets(request.user)
    form = RoadmapForm(request.POST or None, instance=roadmap, markets=markets)
    if request.method == "POST" and form.is_valid():
        try:
            if roadmap is None:
                saved = services.roadmap_create(fields=form.cleaned_data)
            else:
                saved = services.roadmap_update(
                    roadmap=Roadmap.objects.get(pk=roadmap.pk),
                    version=form.cleaned_data["version"] or 0,
                    fields=form.cleaned_data,
                )
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(request, _("The roadmap is saved."))
            return redirect("roadmaps:detail", saved.pk)
    return render(request, "roadmaps/roadmap_form.html", {"form": form, "roadmap": roadmap})


@require_http_methods(["GET", "POST"])
def roadmap_create(request):
    require(permissions.can_create_roadmaps(request.user))
    return _roadmap_form_page(request)


@require_http_methods(["GET", "POST"])
def roadmap_edit(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    require(permissions.can_edit_roadmap(request.user, roadmap))
    return _roadmap_form_page(request, roadmap)


@require_http_methods(["GET", "POST"])
def milestone_create(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    require(permissions.can_edit_roadmap(request.user, roadmap))
    milestone = Milestone(roadmap=roadmap, owner=roadmap.owner)
    form = MilestoneForm(request.POST or None, instance=milestone, initial={"owner": roadmap.owner})
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_create(roadmap=roadmap, fields=form.cleaned_data)
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect("roadmaps:detail", roadmap.pk)
    return render(request, "roadmaps/milestone_form.html", {"form": form, "roadmap": roadmap})


@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    milestone = permissions.get_editable_milestone(request.user, pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                milestone=Milestone.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                fields=form.cleaned_data,
            )
        except ValidationError as exc:
            _stale_or_error(request, form, exc)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect("roadmaps:detail", milestone.roadmap_id)
    context = {
        "form": form,
        "roadmap": milestone.roadmap,
        "milestone": milestone,
        "history": _history(request, milestone),
    }
    return render(request, "roadmaps/milestone_form.html", context)


@require_POST
def milestone_progress(request, pk):
    """htmx: update a milestone's progress from the roadmap page; answers its row."""
    milestone = permissions.get_editable_milestone(request.user, pk)
    form = ProgressForm(request.POST)
    error = None
    if form.is_valid():
        try:
            milestone = services.milestone_set_progress(
                milestone=milestone, progress=form.cleaned_data["progress"]
            )
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = form.errors["progress"][0]
    milestone = (
        Milestone.objects.select_related("owner", "source_meeting", "roadmap")
        .prefetch_related("recommendations")
        .get(pk=milestone.pk)
    )
    milestone.visible_recommendations = list(
        permissions.recommendations_visible_to(request.user)
        .filter(milestones=milestone)
        .select_related("organization")
    )
    context = {"milestone": milestone, "can_edit": True, "error": error}
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("roadmaps:detail", milestone.roadmap_id)
    return render(request, "roadmaps/_milestone_row.html", context)


@require_POST
def followup_create(request, meeting_pk):
    """A follow-up milestone added from a meeting's outcomes screen."""
    meeting = meeting_permissions.get_manageable_meeting(request.user, meeting_pk)
    roadmaps = followup_roadmaps(request.user, meeting)
    form = FollowupMilestoneForm(request.POST, roadmaps=roadmaps)
    if form.is_valid():
        roadmap = form.cleaned_data["roadmap"]
        require(permissions.can_edit_roadmap(request.user, roadmap))
        try:
            services.milestone_create(
                roadmap=roadmap,
                fields={
                    "title": form.cleaned_data["title"],
                    "due_date": form.cleaned_data["due_date"],
                    "owner": form.cleaned_data["owner"] or roadmap.owner,
                },
                source_meeting=meeting,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The follow-up milestone is added to the roadmap."))
    else:
        messages.error(
            request,
            _("The follow-up milestone was not added: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("meetings:outcomes", meeting.pk)


def followup_roadmaps(user, meeting):
    """Roadmaps a follow-up may go to: open ones the user may edit, the meeting's markets first."""
    roadmaps = Roadmap.objects.exclude(status=Roadmap.Status.CLOSED).select_related("market")
    if not permissions.is_staff(user):
        roadmaps = roadmaps.filter(market__in=permissions.delegate_market_ids(user))
    market_ids = list(meeting.markets.values_list("pk", flat=True))
    if market_ids:
        roadmaps = roadmaps.filter(market__in=market_ids)
    return roadmaps
