from django.contrib import admin

from partners.admin_guard import StaleEditGuard, StaleInlineGuard

from .models import AgendaItem, Meeting, Outcome, Participant


class ParticipantInline(StaleInlineGuard, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("person", "organization")


class AgendaItemInline(StaleInlineGuard, admin.TabularInline):
    model = AgendaItem
    extra = 0


class OutcomeInline(StaleInlineGuard, admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Meeting)
class MeetingAdmin(StaleEditGuard, admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "organizer", "status")
    list_filter = ("status", "kind", "markets")
    search_fields = ("title", "location", "organizer__name", "organizer__short_name")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("organizer", "markets")
    readonly_fields = ("status", "published_at", "created_by", "uid")
    list_select_related = ("organizer",)
    inlines = [ParticipantInline, AgendaItemInline, OutcomeInline]
