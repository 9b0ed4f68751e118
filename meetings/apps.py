from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from partners.extensions import register_organization_panel

        from .panels import organization_meetings

        register_organization_panel(organization_meetings)
