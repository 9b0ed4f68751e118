"""Settings of accounts: authentication, lock-outs and throttles, the second
factor, passwords and sessions. Part of base.py (which imports them all)."""

from datetime import timedelta

import environ

env = environ.FileAwareEnv()

AUTHENTICATION_BACKENDS = [
    # Counts failed log-ins and refuses a locked-out username + address first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# OWASP ASVS: 5 failures lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many proxies in front of the portal append to X-Forwarded-For (compose: the
# TLS proxy, 1). The client's address is read that many hops from the right
# (core/client_ip.py); 0 means REMOTE_ADDR. Every throttle keys on it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
LOGIN_URL = "login"
# A second factor for the superuser and ONMT staff (on in production); offered to
# everyone from their profile in any case.
PORTAL_REQUIRE_2FA = env.bool("PORTAL_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "ONMT"
TWO_FACTOR_LOGIN_TIMEOUT = 600
# Beyond the per-account lock-out, log-in failures from one address across every
# username (password spraying): refused for AXES_COOLOFF_TIME past this many.
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
# Password-reset requests (django-ratelimit): per client address and per address asked.
PASSWORD_RESET_RATE_PER_CLIENT = env.str("PASSWORD_RESET_RATE_PER_CLIENT", default="5/h")
PASSWORD_RESET_RATE_PER_EMAIL = env.str("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
# The limits live in the cache; if it is down, requests go through rather than fail.
RATELIMIT_FAIL_OPEN = True
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "onmt_portal.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# Sessions end after 8 hours without activity: onmt_portal.middleware.IdleSessionMiddleware
# pushes the expiry back at most every 5 minutes (not on every request, which
# would write the session on each page).
SESSION_COOKIE_AGE = 8 * 3600
SESSION_REFRESH_INTERVAL = 5 * 60
