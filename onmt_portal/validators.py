from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MaximumLengthValidator:
    """OWASP ASVS: passwords up to 128 characters are accepted, longer ones refused
    (hashing unbounded input is a denial-of-service lever)."""

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: at most %(max)d characters.")
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self):
        return _("At most %(max)d characters.") % {"max": self.max_length}
