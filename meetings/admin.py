from django.contrib import admin

from core.admin_guard import NeverDeleted, StaleEditGuard, StaleInlineGuard
from core.admin_labels import LabelledRowsMixin

from .models import AgendaItem, Meeting, Outcome, Participant


class ParticipantInline(LabelledRowsMixin, StaleInlineGuard, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("person", "organization", "substitute")
    readonly_fields = ("responded_at",)


class AgendaItemInline(LabelledRowsMixin, StaleInlineGuard, admin.TabularInline):
    model = AgendaItem
    extra = 0


class OutcomeInline(StaleInlineGuard, admin.StackedInline):
    model = Outcome
    extra = 0
    can_delete = False  # milestones and partners' follow-up refer to outcomes
    autocomplete_fields = ("organization",)
    readonly_fields = ("closed_at", "closed_by")


@admin.register(Meeting)
class MeetingAdmin(NeverDeleted, StaleEditGuard, admin.ModelAdmin):
    """A meeting is cancelled, never deleted: its participants, agenda and
    outcomes are the record of what was said."""

    list_display = ("title", "kind", "starts_at", "organizer", "status")
    list_filter = ("status", "kind", "markets")
    search_fields = ("title", "location", "organizer__name", "organizer__short_name")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("organizer", "markets")
    readonly_fields = ("status", "published_at", "created_by", "uid")
    list_select_related = ("organizer",)
    inlines = [ParticipantInline, AgendaItemInline, OutcomeInline]
