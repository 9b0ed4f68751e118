from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_guard import NeverDeleted, StaleEditGuard, StaleInlineGuard
from core.admin_imports import PortalImportExportAdmin
from core.admin_labels import LabelledRowsMixin

from .forms.roadmaps import DueDateReasonMixin
from .models import (
    MarketIndicator,
    Milestone,
    Recommendation,
    RecommendationMessage,
    ReminderLog,
    Roadmap,
    Target,
)
from .resources import MarketIndicatorResource
from .services.roadmaps import REASON_MAX_LENGTH, milestone_keep_baseline, roadmap_keep_baselines


class MilestoneAdminForm(DueDateReasonMixin, forms.ModelForm):
    """As on the portal: a new due date needs a reason, kept in history."""

    due_date_reason = forms.CharField(
        label=_("Why the due date changes"), max_length=REASON_MAX_LENGTH, required=False
    )

    class Meta:
        model = Milestone
        fields = (
            "roadmap",
            "title",
            "description",
            "due_date",
            "owner",
            "status",
            "progress",
            "completed_on",
            "source_meeting",
            "recommendations",
        )


def _keep_plan(form, milestone: Milestone) -> None:
    """The reason of a new due date goes to history; a milestone added to an
    active roadmap keeps its first due date as its baseline."""
    reason = (form.cleaned_data.get("due_date_reason") or "").strip()
    if reason:
        milestone._change_reason = reason
    milestone_keep_baseline(milestone)


class MilestoneInline(LabelledRowsMixin, StaleInlineGuard, admin.TabularInline):
    model = Milestone
    form = MilestoneAdminForm
    extra = 0
    can_delete = False  # cancelled, never deleted: reminders were sent about it
    fields = (
        "title",
        "due_date",
        "due_date_reason",
        "owner",
        "status",
        "progress",
        "completed_on",
    )
    autocomplete_fields = ("owner",)
    show_change_link = True


@admin.register(Roadmap)
class RoadmapAdmin(NeverDeleted, StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "market", "starts_on", "ends_on", "owner", "status")
    list_filter = ("status", "market")
    search_fields = ("title", "market__code", "market__name", "owner__last_name")
    autocomplete_fields = ("market", "owner")
    date_hierarchy = "starts_on"
    list_select_related = ("market", "owner")
    inlines = [MilestoneInline]

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form.instance.roadmap_id:
                _keep_plan(inline_form, inline_form.instance)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        roadmap_keep_baselines(form.instance)


@admin.register(Milestone)
class MilestoneAdmin(NeverDeleted, StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "roadmap", "due_date", "owner", "status", "progress")
    list_filter = ("status", "roadmap__market")
    search_fields = ("title", "roadmap__title", "owner__last_name")
    autocomplete_fields = ("roadmap", "owner", "source_meeting", "recommendations")
    date_hierarchy = "due_date"
    list_select_related = ("roadmap", "owner")
    form = MilestoneAdminForm
    readonly_fields = ("baseline_due_date",)

    def save_model(self, request, obj, form, change):
        _keep_plan(form, obj)
        super().save_model(request, obj, form, change)


class MessageInline(LabelledRowsMixin, admin.TabularInline):
    """The conversation, read-only: it is written on the portal, by its sides."""

    model = RecommendationMessage
    extra = 0
    can_delete = False
    fields = ("created_at", "author", "from_reviewer", "is_internal", "body")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(NeverDeleted, StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "organization", "theme", "status", "submitted_at", "decided_at")
    list_filter = ("status", "theme", "markets")
    search_fields = ("title", "body", "organization__short_name", "organization__name")
    autocomplete_fields = ("organization", "author", "markets", "meeting")
    date_hierarchy = "submitted_at"
    list_select_related = ("organization",)
    inlines = [MessageInline]
    # The status moves only through the portal's review screens (services).
    readonly_fields = (
        "status",
        "submitted_at",
        "review_started_at",
        "review_started_by",
        "decided_at",
        "decided_by",
        "implemented_at",
    )


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """Read-only: the log is the proof of what was sent."""

    list_display = ("milestone", "kind", "due_date", "recipient", "sent_at", "skipped", "attempts")
    list_filter = (
        ("recipient", admin.RelatedOnlyFieldListFilter),
        "kind",
        "skipped",
        ("sent_at", admin.EmptyFieldListFilter),
        "due_date",
    )
    search_fields = ("recipient__last_name", "recipient__email", "milestone__title")
    date_hierarchy = "created_at"
    list_select_related = ("milestone", "recipient")
    autocomplete_fields = ("recipient",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MarketIndicator)
class MarketIndicatorAdmin(StaleEditGuard, PortalImportExportAdmin):
    resource_classes = [MarketIndicatorResource]
    list_display = ("market", "metric", "definition", "year", "month", "value", "is_demo", "source")
    list_filter = ("metric", "definition", "is_demo", "year", "market")
    search_fields = ("market__code", "market__name", "source")
    autocomplete_fields = ("market",)
    list_select_related = ("market",)


@admin.register(Target)
class TargetAdmin(NeverDeleted, StaleEditGuard, admin.ModelAdmin):
    """Targets are set on the market's page; here too, with the same history."""

    list_display = ("market", "metric", "year", "share_of_2019", "value", "is_demo", "set_by")
    list_filter = ("metric", "year", "is_demo", "market")
    search_fields = ("market__code", "market__name", "note")
    autocomplete_fields = ("market",)
    list_select_related = ("market", "set_by")
    readonly_fields = ("set_by", "is_demo")

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        obj.is_demo = False
        super().save_model(request, obj, form, change)
