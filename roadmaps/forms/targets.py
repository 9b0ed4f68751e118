"""The form of a market's target: a value, or a share of 2019."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.locking import VersionedFormMixin

from ..models import Target


class TargetForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["metric", "year", "share_of_2019", "value", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "value": _("Or give the target as a figure (arrivals, nights, MAD)."),
        }

    def __init__(self, *args, market, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.market = market
        self.fields["year"].widget.attrs.update({"min": 2020, "max": 2100})
        self.fields["share_of_2019"].widget.attrs.update({"min": 0, "step": "0.1"})
        if self.instance.pk:
            # What a target measures stays; a different one is a new target.
            for name in ("metric", "year"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        value, share = cleaned.get("value"), cleaned.get("share_of_2019")
        if (value is None) == (share is None) and "value" not in self.errors:
            self.add_error(
                "share_of_2019",
                _("Give the target as a share of 2019 or as a value, not both.")
                if value is not None
                else _("Give the target as a share of 2019 or as a value."),
            )
        return cleaned
