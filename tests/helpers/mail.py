"""Reading the e-mails worker processes wrote, and waiting for them."""

import email
import time
from email import policy
from pathlib import Path

import pytest


def read_mails(mail_dir: Path) -> list:
    """The messages Django's file backend wrote, parsed."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        # One file per connection; messages are separated by a line of 79 dashes.
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=policy.default))
    return messages


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {predicate}")
