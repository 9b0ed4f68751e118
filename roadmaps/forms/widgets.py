"""What the roadmaps' forms share: the date input, the default owner's check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_default_owner(form: forms.Form, cleaned: dict) -> None:
    """A new milestone left without an owner goes to its roadmap's owner — who must
    hold a current mandate, or the milestone would belong to nobody."""
    roadmap = cleaned.get("roadmap")
    if roadmap is None or cleaned.get("owner"):
        return
    if not Person.objects.mandated().filter(pk=roadmap.owner_id).exists():
        form.add_error(
            "owner",
            _("The roadmap's owner holds no current mandate: choose who will own this milestone."),
        )
