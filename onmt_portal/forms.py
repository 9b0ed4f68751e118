from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class BoundedUsernameMixin:
    """Django's log-in form sets the username's maxlength on the widget only; an
    over-long name then reached authenticate() and django-axes' 255-character
    column (a 500). Refuse it in the form, where it belongs."""

    def __init__(self, request=None, *args, **kwargs):
        # `request` by name: django-two-factor-auth passes it only to forms whose
        # signature asks for it, and django-axes needs it.
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150))
        self.fields["password"].validators.append(MaxLengthValidator(4096))


class PortalAuthenticationForm(BoundedUsernameMixin, AuthenticationForm):
    pass
