from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from core import outbox

        from . import notices

        outbox.register(notices.INVITATION, notices.build_invitation)
