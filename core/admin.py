"""The outbox in the admin: read-only, with a resend action for dead messages."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import OutboxMessage


@admin.action(description=_("Send the selected messages again"))
def resend(modeladmin, request, queryset):
    count = outbox.resend(list(queryset.values_list("pk", flat=True)))
    for message_id in queryset.filter(state=OutboxMessage.State.PENDING).values_list(
        "pk", flat=True
    ):
        outbox.queue(message_id)
    text = ngettext(
        "%(count)d message will be sent again.", "%(count)d messages will be sent again.", count
    )
    modeladmin.message_user(request, text % {"count": count}, messages.SUCCESS)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is the proof of what was sent, and of what failed."""

    list_display = ("created_at", "kind", "recipient", "state", "attempts", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("recipient", "key")
    date_hierarchy = "created_at"
    actions = [resend]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
