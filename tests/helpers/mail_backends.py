"""E-mail backends for tests that start worker processes (the outside world, faked)."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Django's file backend, taking SLOW_MAIL_SECONDS per message, like a slow SMTP
    server: it gives a test the time to kill a worker in the middle of a batch."""

    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.3")))
        return super().send_messages(email_messages)
