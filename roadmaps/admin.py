from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from partners.admin_guard import StaleEditGuard, StaleInlineGuard

from .models import MarketIndicator, Milestone, Recommendation, ReminderLog, Roadmap
from .resources import EXPORT_FORMATS, IMPORT_FORMATS, MarketIndicatorResource


class MilestoneInline(StaleInlineGuard, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("title", "due_date", "owner", "status", "progress", "completed_on")
    autocomplete_fields = ("owner",)
    show_change_link = True


@admin.register(Roadmap)
class RoadmapAdmin(StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "market", "starts_on", "ends_on", "owner", "status")
    list_filter = ("status", "market")
    search_fields = ("title", "market__code", "market__name", "owner__last_name")
    autocomplete_fields = ("market", "owner")
    date_hierarchy = "starts_on"
    list_select_related = ("market", "owner")
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "roadmap", "due_date", "owner", "status", "progress")
    list_filter = ("status", "roadmap__market")
    search_fields = ("title", "roadmap__title", "owner__last_name")
    autocomplete_fields = ("roadmap", "owner", "source_meeting", "recommendations")
    date_hierarchy = "due_date"
    list_select_related = ("roadmap", "owner")


@admin.register(Recommendation)
class RecommendationAdmin(StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "organization", "theme", "status", "submitted_at", "decided_at")
    list_filter = ("status", "theme", "markets")
    search_fields = ("title", "body", "organization__short_name", "organization__name")
    autocomplete_fields = ("organization", "author", "markets", "meeting")
    date_hierarchy = "submitted_at"
    list_select_related = ("organization",)
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
class MarketIndicatorAdmin(StaleEditGuard, ImportExportModelAdmin):
    resource_classes = [MarketIndicatorResource]
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    list_display = ("market", "metric", "year", "month", "value", "source")
    list_filter = ("metric", "year", "market")
    search_fields = ("market__code", "market__name", "source")
    autocomplete_fields = ("market",)
    list_select_related = ("market",)
