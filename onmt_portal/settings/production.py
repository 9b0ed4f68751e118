"""Production: everything comes from the environment, and nothing is guessed.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (each may
also be given as a file through SECRET_KEY_FILE, ALLOWED_HOSTS_FILE, …).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def _required(name: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL "
            f"in the environment (or {name}_FILE naming a file that holds it)."
        )
    return value


DEBUG = False
# ONMT staff and admins log in with a second factor (TOTP); PORTAL_REQUIRE_2FA=false
# turns it off only for a test deployment.
PORTAL_REQUIRE_2FA = env.bool("PORTAL_REQUIRE_2FA", default=True)
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only. The portal sits behind a TLS-terminating proxy that sets
# X-Forwarded-Proto; SECURE_SSL_REDIRECT can be switched off when the proxy
# already redirects.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# /healthz/ is probed over plain HTTP by the orchestrator, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
