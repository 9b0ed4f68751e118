"""The admin's labels for the packages' own apps and models, in the portal's three
languages. django-axes, django-otp and django-celery-beat ship no Arabic (and
some no French): their apps read « AXES », « OTP_TOTP », « Crontabs » on an
Arabic admin. Relabelled here, once, at start-up (core.apps), so the index, the
sidebar, titles and breadcrumbs all read in the admin's language. Migrations
read a model's declared Meta (original_attrs), not these labels: nothing for
makemigrations to see."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# app label -> (app name, {model name: (singular, plural)})
LABELS = {
    # django-axes translates its models into Arabic, not its app's name.
    "axes": (_("Sign-in protection"), {}),
    "otp_static": (
        _("Backup codes"),
        {"staticdevice": (_("backup code list"), _("backup code lists"))},
    ),
    "otp_totp": (
        _("Authenticator apps"),
        {"totpdevice": (_("authenticator app"), _("authenticator apps"))},
    ),
    "django_celery_beat": (
        _("Scheduled tasks"),
        {
            "periodictask": (_("scheduled task"), _("scheduled tasks")),
            "crontabschedule": (_("calendar schedule"), _("calendar schedules")),
            "intervalschedule": (_("interval"), _("intervals")),
            "clockedschedule": (_("one-off time"), _("one-off times")),
            "solarschedule": (_("solar event"), _("solar events")),
        },
    ),
}


def install() -> None:
    for app_label, (app_name, models) in LABELS.items():
        try:
            config = apps.get_app_config(app_label)
        except LookupError:  # a package not installed in this configuration
            continue
        config.verbose_name = app_name
        for model_name, (singular, plural) in models.items():
            meta = config.get_model(model_name)._meta
            meta.verbose_name, meta.verbose_name_plural = singular, plural


# Strings of django-import-export's pages that its Arabic catalog lacks, kept
# here so that the portal's catalogs carry them (makemessages finds them here).
IMPORT_EXPORT_STRINGS = (
    _("This exporter will export the following fields: "),
    _("This importer will import the following fields: "),
    _("Select all"),
)
