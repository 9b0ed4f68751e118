from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.admin_guard import DeletedOnlyWhenUnreferenced, StaleEditGuard, StaleInlineGuard
from core.admin_imports import PortalImportExportAdmin
from core.admin_labels import LabelledRowsMixin

from . import services
from .hand_over import hand_over_view, picker_exclusions
from .models import Market, Membership, Organization, PartnershipAgreement, Person, Region
from .models.names import name_fields
from .resources import MembershipResource, OrganizationResource, PersonResource


class ActivePickerMixin:
    """Archived records vanish from autocomplete pickers, not from the records
    that already point to them (their saved values stay valid)."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            queryset = queryset.filter(is_active=True).exclude(pk__in=picker_exclusions(request))
        return queryset, may_have_duplicates


def _set_active(modeladmin, queryset, *, active: bool) -> int:
    # One by one through the service, so every change is a recorded save.
    objects = list(queryset)
    for obj in objects:
        modeladmin.set_active(obj, active=active)
    return len(objects)


@admin.action(description=_("Archive the selected records"))
def archive(modeladmin, request, queryset):
    count = _set_active(modeladmin, queryset, active=False)
    message = ngettext("%(count)d record archived.", "%(count)d records archived.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Restore the selected records"))
def restore(modeladmin, request, queryset):
    count = _set_active(modeladmin, queryset, active=True)
    message = ngettext("%(count)d record restored.", "%(count)d records restored.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


class MembershipInline(LabelledRowsMixin, StaleInlineGuard, admin.TabularInline):
    model = Membership
    extra = 0
    fields = (
        "person",
        "organization",
        "role",
        "title",
        "start_date",
        "start_date_known",
        "end_date",
    )
    autocomplete_fields = ("person", "organization")
    ordering = ("-start_date",)
    show_change_link = True


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_ar", "name_en")
    search_fields = ("code", "name", "name_ar", "name_en")


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_ar", "name_en", "is_strategic")
    list_filter = ("is_strategic",)
    search_fields = ("code", "name", "name_ar", "name_en")


class StartPresidencyForm(forms.Form):
    person = forms.ModelChoiceField(label=_("New president"), queryset=Person.objects.active())
    start_date = forms.DateField(
        label=_("Start date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(label=pgettext_lazy("mandate", "Title"), max_length=200, required=False)


@admin.register(Organization)
class OrganizationAdmin(
    DeletedOnlyWhenUnreferenced, StaleEditGuard, ActivePickerMixin, PortalImportExportAdmin
):
    resource_classes = [OrganizationResource]
    list_display = ("name", "short_name", "kind", "sector", "region", "president", "is_active")
    list_filter = ("kind", "sector", "region", "is_active")
    search_fields = (*name_fields(), "short_name", "province", "email")
    autocomplete_fields = ("region", "parent", "markets")
    inlines = [MembershipInline]
    actions = [archive, restore]
    change_form_template = "admin/partners/organization/change_form.html"
    # A website typed without its scheme is taken as https:// (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": (*name_fields(), "short_name", "kind", "sector", "is_active")}),
        (_("Place"), {"fields": ("region", "province", "parent", "markets")}),
        (_("Contact"), {"fields": ("email", "phone", "website", "address")}),
    )

    def get_queryset(self, request):
        # The president column in the page's one query, not one query per row.
        president = (
            Membership.objects.current()
            .filter(organization=OuterRef("pk"), role=Membership.Role.PRESIDENT)
            .annotate(name=Concat("person__first_name", Value(" "), "person__last_name"))
            .values("name")[:1]
        )
        return (
            super()
            .get_queryset(request)
            .select_related("region")
            .annotate(president_name=Subquery(president))
        )

    @admin.display(description=_("President"), ordering="president_name")
    def president(self, obj):
        return obj.president_name or "—"

    def set_active(self, obj, *, active):
        services.organization_set_active(organization=obj, active=active)

    def get_urls(self):
        return [
            path(
                "<int:pk>/hand-over/",
                self.admin_site.admin_view(self.hand_over_view),
                name="partners_organization_hand_over",
            ),
            *super().get_urls(),
        ]

    def hand_over_view(self, request, pk):
        """« Transmettre la présidence »: the current president's mandate is handed
        over, with its work (partners/hand_over.py); with no current president,
        a new presidency simply starts."""
        organization = get_object_or_404(Organization, pk=pk)
        if not self.has_change_permission(request, organization):
            raise PermissionDenied
        current = organization.memberships.current().filter(role=Membership.Role.PRESIDENT).first()
        if current is not None:
            return redirect(reverse("admin:partners_membership_hand_over", args=[current.pk]))
        form = StartPresidencyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.membership_start(
                    person=form.cleaned_data["person"],
                    organization=organization,
                    role=Membership.Role.PRESIDENT,
                    start_date=form.cleaned_data["start_date"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(request, _("The presidency was handed over."), messages.SUCCESS)
                return redirect(reverse("admin:partners_organization_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": organization,
            "title": _("Hand over the presidency"),
            "form": form,
        }
        return TemplateResponse(
            request, "admin/partners/organization/start_presidency.html", context
        )


@admin.action(description=_("Invite to the portal (e-mail a link to choose a password)"))
def invite(modeladmin, request, queryset):
    invited = 0
    for person in queryset:
        try:
            services.person_invite(person=person, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, " ".join(exc.messages), messages.WARNING)
        else:
            invited += 1
    if invited:
        message = ngettext(
            "%(count)d invitation is on its way.",
            "%(count)d invitations are on their way.",
            invited,
        )
        modeladmin.message_user(request, message % {"count": invited}, messages.SUCCESS)


@admin.register(Person)
class PersonAdmin(
    DeletedOnlyWhenUnreferenced, StaleEditGuard, ActivePickerMixin, PortalImportExportAdmin
):
    resource_classes = [PersonResource]
    list_display = ("last_name", "first_name", "email", "phone", "language", "user", "is_active")
    list_filter = ("is_active", "language")
    search_fields = ("first_name", "last_name", "email", "phone")
    autocomplete_fields = ("user",)
    inlines = [MembershipInline]
    actions = [invite, archive, restore]

    def set_active(self, obj, *, active):
        services.person_set_active(person=obj, active=active)


@admin.register(Membership)
class MembershipAdmin(PortalImportExportAdmin):
    change_form_template = "admin/partners/membership/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/hand-over/",
                self.admin_site.admin_view(partial(hand_over_view, self)),
                name="partners_membership_hand_over",
            ),
            *super().get_urls(),
        ]

    resource_classes = [MembershipResource]
    list_display = ("person", "organization", "role", "title", "start_date", "end_date")
    list_filter = ("role", "organization__kind", ("end_date", admin.EmptyFieldListFilter))
    search_fields = (
        "person__first_name",
        "person__last_name",
        "person__email",
        "organization__name",
        "organization__short_name",
        "title",
    )
    autocomplete_fields = ("person", "organization")
    date_hierarchy = "start_date"
    list_select_related = ("person", "organization")


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "signed_on", "starts_on", "ends_on", "parties_list")
    search_fields = ("title", "summary", "parties__name", "parties__short_name")
    autocomplete_fields = ("parties",)
    date_hierarchy = "signed_on"
    fields = (
        "title",
        "parties",
        "signed_on",
        "signed_in_month_only",
        "starts_on",
        "ends_on",
        "summary",
        "current_document",
        "document",
    )
    readonly_fields = ("current_document",)
    # The stored document has no public URL: a plain file input, and a link to
    # the portal view that checks who asks.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    @admin.display(description=_("current document"))
    def current_document(self, obj):
        if not obj.pk or not obj.document:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("partners:agreement_document", args=[obj.pk]),
            _("Open the signed PDF"),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    @admin.display(description=_("parties"))
    def parties_list(self, obj):
        return ", ".join(party.short_name for party in obj.parties.all())
