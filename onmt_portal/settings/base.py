"""Settings shared by every environment, read from the environment.

Secrets may be given as files: ``SECRET_KEY_FILE=/run/secrets/key`` is read in
place of ``SECRET_KEY`` (django-environ's FileAwareEnv), for any variable.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.FileAwareEnv()

# The embedded default (no environment at all) must work on a bare laptop:
# SQLite, mail to files, Celery on the filesystem. Production overrides all.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, on the portal's site: its log-in is the portal's (two factors).
    "onmt_portal.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # Third party
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "import_export",
    "axes",
    "csp",
    "simple_history",
    # A second factor (TOTP, with backup codes): django-otp + django-two-factor-auth.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    # The portal; dependency direction: core <- partners <- meetings <- roadmaps.
    "onmt_portal",
    "core",
    "partners",
    "meetings",
    "roadmaps",
]

MIDDLEWARE = [
    # A reference for every request, in the logs and on error pages.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "onmt_portal.middleware.AdminInlineStylesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "onmt_portal.middleware.IdleSessionMiddleware",  # 8 idle hours, refreshed every 5 min
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): did this session pass a second factor?
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a log-in unless its view says otherwise (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # With PORTAL_REQUIRE_2FA, ONMT staff and admins set up and pass a second factor.
    "onmt_portal.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers locked-out log-in attempts.
    "axes.middleware.AxesMiddleware",
]

# Limits that agree with the largest form the portal offers: the outcomes screen,
# up to 500 participants (2 fields each) and 500 outcomes (5 fields each), with
# its management forms and the minutes — about 3,520 fields
# (tests/portal/test_limits.py posts it). Its text, minutes included, stays
# far below 10 MB; uploads (a PDF of at most 10 MB) are counted apart.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

ROOT_URLCONF = "onmt_portal.urls"
WSGI_APPLICATION = "onmt_portal.wsgi.application"

# The cache holds the dashboard's recommendation figures (roadmaps/selectors/figures.py).
# Per process by default; production shares one in Redis (CACHE_URL=redis://…/1).
# The cache is an optimisation, never a dependency: a cache that is down answers
# within a second, and the portal computes without it (healthz says "degraded").
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )

# Django's renderer, with <select> built in Python (fast on long lists).
FORM_RENDERER = "onmt_portal.renderers.PortalFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onmt_portal.context_processors.navigation",
            ],
        },
    },
    {  # A roadmap's milestone rows and timeline only (onmt_portal/jinja2.py says why).
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2_templates"],
        "OPTIONS": {"environment": "onmt_portal.jinja2.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication, lock-outs and throttles, the second factor, passwords, sessions.
from .accounts import *  # noqa: E402, F403

# Languages (French first, Arabic right to left, English), formats, time zone.
from .languages import *  # noqa: E402, F403

# Static files: the portal's own in static/, third-party ones from pip packages.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Confidential files (signed agreements): no URL of their own, served by views
# that check who asks.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Admin imports: a file with any bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Content-Security-Policy (django-csp): everything from the portal itself, no
# inline script (a nonce where one must be inline), no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # Bootstrap draws its icons (select arrows, toggler) as data: SVG.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: files in var/mail/ unless EMAIL_URL names a real server
# (smtp://user:password@host:587, smtp+tls://…, consolemail://).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Portail ONMT <no-reply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
if "EMAIL_URL" in env.ENVIRON or "EMAIL_URL_FILE" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_TIMEOUT = 20
# Links in e-mails and calendar files point here.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_CALENDAR_EMAIL = env.str("PORTAL_CALENDAR_EMAIL", default="no-reply@localhost")
# Whom people write to about their access (shown on the access-refused page).
PORTAL_SUPPORT_EMAIL = env.str("PORTAL_SUPPORT_EMAIL", default="")

# Celery. Without CELERY_BROKER_URL the broker is kombu's filesystem transport in
# var/celery/ (reminders work with no service at all; healthz: "not configured").
# The longest time limit of any task (the daily reminder scan's); the broker follows.
REMINDER_SCAN_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
# Exports above this many rows are built by a worker, not while the viewer waits
# (core/prepared_exports.py); a worker gives up on one after EXPORT_TIME_LIMIT.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=20_000)
EXPORT_TIME_LIMIT = env.int("EXPORT_TIME_LIMIT", default=600)
# The admin's exports (django-import-export) stop here, with a message.
ADMIN_EXPORT_MAX_ROWS = env.int("ADMIN_EXPORT_MAX_ROWS", default=20_000)
TASK_VISIBILITY_TIMEOUT = (
    max(CELERY_TASK_TIME_LIMIT, REMINDER_SCAN_TIME_LIMIT, EXPORT_TIME_LIMIT) + 60
)
TASK_RETRY_BACKOFF_MAX = 300
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_BROKER_CONFIGURED = bool(CELERY_BROKER_URL)
if CELERY_BROKER_CONFIGURED:
    # Redis re-delivers an unacknowledged task after this long: just above the
    # longest task time limit, so a task whose worker died runs again within
    # minutes, never while it could still be running. No task is scheduled
    # further ahead (ETA/countdown) than this: retries back off up to
    # TASK_RETRY_BACKOFF_MAX, below it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": TASK_VISIBILITY_TIMEOUT}
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
else:
    _celery_dir = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        # kombu keeps its exchange tables here; by default it would be ./control.
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = env.str(
        "CELERY_RESULT_BACKEND", default=f"file://{_celery_dir / 'results'}"
    )
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE  # noqa: F405 - from languages.py
# A task is acknowledged only once it has finished, and given back to the queue
# when its worker dies, so a crash never loses work; tasks must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Milestone reminders (roadmaps/services/reminders.py): days before the due date, and how
# long a digest's claim holds before another scan may take it over.
REMINDER_OFFSETS_DAYS = env.list("REMINDER_OFFSETS_DAYS", cast=int, default=[14, 7, 1])
REMINDER_CLAIM_LEASE_SECONDS = env.int("REMINDER_CLAIM_LEASE_SECONDS", default=900)
# The outbox (core/outbox.py): how long a sender's claim on a message holds before
# the dispatcher takes it over, how many attempts before a message is dead.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_BATCH = 500
# Schedules live in the database so admins can see and edit them.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Calendar feed secrets travel in URLs: never in a log (core/redaction.py).
        "redact_secrets": {"()": "core.redaction.RedactSecretsFilter"},
        "request_id": {"()": "core.request_id.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets", "request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers would print request errors unredacted.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # runserver's request lines, through the redacting handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        # WeasyPrint's font subsetting logs every table it touches at INFO.
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}
