from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"
    verbose_name = _("Roadmaps")

    def ready(self):
        from meetings.extensions import register_meeting_panel
        from partners.extensions import register_organization_panel

        from . import panels

        register_meeting_panel("detail", panels.meeting_followups)
        register_meeting_panel("outcomes", panels.meeting_followup_form)
        register_organization_panel(panels.organization_recommendations)
