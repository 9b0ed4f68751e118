"""The Celery application: settings come from Django's, in the CELERY_ namespace."""

import os
import smtplib

from celery import Celery, Task


class PortalTask(Task):
    """Every task retries transient failures a bounded number of times, with back-off.

    Tasks take ids, re-fetch what they need and are safe to run twice
    (acks_late re-delivers a task whose worker died).
    """

    autoretry_for = (ConnectionError, TimeoutError, smtplib.SMTPException)
    max_retries = 5
    retry_backoff = 30
    # Below the broker's visibility timeout: a task never waits so long that Redis
    # would hand it out twice (settings: TASK_RETRY_BACKOFF_MAX).
    retry_backoff_max = 300
    retry_jitter = True


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onmt_portal.settings.local")

app = Celery("onmt_portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
