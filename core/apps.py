from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared kernel")

    def ready(self):
        from . import outbox, prepared_exports, search, third_party_labels

        outbox.register(prepared_exports.READY_NOTICE, prepared_exports.build_ready_notice)
        search.install()
        third_party_labels.install()
