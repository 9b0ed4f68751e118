from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared kernel")

    def ready(self):
        from . import search, third_party_labels

        search.install()
        third_party_labels.install()
