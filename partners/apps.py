from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from core import outbox, pickers

        from . import notices, permissions, selectors

        outbox.register(notices.INVITATION, notices.build_invitation)
        pickers.register(
            "organizations",
            allowed=permissions.can_view_directory,
            search=selectors.picker_organizations,
        )
        pickers.register(
            "people", allowed=permissions.can_view_directory, search=selectors.picker_people
        )
