from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from django.utils.formats import date_format
        from django.utils.timezone import localtime
        from django.utils.translation import gettext_lazy

        from core import outbox
        from partners.extensions import Holding, register_holding, register_organization_panel

        from . import notices
        from .panels import organization_meetings
        from .selectors import invitations_held
        from .services import invitations_transfer

        register_organization_panel(organization_meetings)
        outbox.register(notices.KIND, notices.build_meeting_notice)
        register_holding(
            Holding(
                key="invitations",
                label=gettext_lazy("Invitations to meetings to come"),
                held=invitations_held,
                transfer=invitations_transfer,
                describe=lambda seat: (
                    f"{seat.meeting.title} — {date_format(localtime(seat.meeting.starts_at))}"
                ),
            )
        )
