from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from core.history import history_entries
from core.pagination import CappedCountPaginator

from . import permissions, selectors
from .extensions import organization_panels
from .forms import DirectoryFilterForm
from .models import Organization, PartnershipAgreement, Person

PAGE_SIZE = 25


def _history(request, obj):
    return history_entries(obj) if permissions.can_view_history(request.user) else []


@require_GET
def directory(request):
    permissions.require(permissions.can_view_directory(request.user))
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    q = filters.get("q", "")
    include_archived = filters.get("archived", False)
    by_email = permissions.can_search_by_email(request.user)
    organizations = selectors.directory_organizations(
        q=q,
        kind=filters.get("kind", ""),
        region=filters.get("region"),
        include_archived=include_archived,
        by_email=by_email,
    )
    page = CappedCountPaginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    people = (
        list(
            selectors.directory_people(q=q, include_archived=include_archived, by_email=by_email)[
                :10
            ]
        )
        if q
        else []
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "people": people, "query": query.urlencode()}
    # The same URL answers the htmx request (the results only) and the full page.
    template = "partners/_directory_results.html" if request.htmx else "partners/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
def organization_detail(request, pk):
    permissions.require(permissions.can_view_directory(request.user))
    organization = get_object_or_404(Organization.objects.select_related("region", "parent"), pk=pk)
    page = selectors.organization_page(organization)
    # An agreement is listed to those who may open it: ONMT and its signatories.
    page["agreements"] = [
        agreement
        for agreement in page["agreements"]
        if permissions.can_download_agreement(request.user, agreement)
    ]
    context = {
        "organization": organization,
        "show_personal_contacts": permissions.can_view_personal_contacts(request.user),
        "panels": organization_panels(request, organization),
        "history": _history(request, organization),
        **page,
    }
    return render(request, "partners/organization_detail.html", context)


@require_GET
def person_detail(request, pk):
    permissions.require(permissions.can_view_directory(request.user))
    person = get_object_or_404(Person, pk=pk)
    context = {
        "person": person,
        "history": _history(request, person),
        "show_personal_contacts": permissions.can_view_personal_contacts(request.user),
        **selectors.person_page(person),
    }
    return render(request, "partners/person_detail.html", context)


@require_GET
def agreement_document(request, pk):
    """The signed PDF, to those allowed, from private storage — never a public URL."""
    agreement = get_object_or_404(PartnershipAgreement.objects.prefetch_related("parties"), pk=pk)
    permissions.require(permissions.can_download_agreement(request.user, agreement))
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=False,
        filename=f"agreement-{agreement.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
