from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "onmt_portal"
    verbose_name = _("ONMT Partner Portal")

    def ready(self):
        from core import outbox

        from . import notices

        outbox.register(notices.PASSWORD_RESET, notices.build_password_reset)
