"""Forms of roadmaps and milestones, and of the follow-ups added from a meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.locking import VersionedFormMixin
from meetings.models import Outcome
from partners.forms import mandated_people_only
from partners.models import Person

from ..models import Milestone, Roadmap
from .widgets import DATE, check_default_owner


class RoadmapForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["market", "title", "starts_on", "ends_on", "owner", "objectives", "status"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "objectives": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, markets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if markets is not None:
            self.fields["market"].queryset = markets
        mandated_people_only(self.fields["owner"])


class DueDateReasonMixin:
    """An existing milestone's due date changes only with a reason, kept in its
    history (the roadmap page shows the slippage against the plan)."""

    def add_due_date_reason(self):
        self.fields["due_date_reason"] = forms.CharField(
            label=_("Why the due date changes"),
            max_length=100,  # django-simple-history keeps up to 100 characters
            required=False,
            help_text=_("Required when the due date changes; kept in the milestone's history."),
        )

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        due_date = cleaned.get("due_date")
        changed = instance.pk and due_date is not None and due_date != instance.due_date
        if changed and not (cleaned.get("due_date_reason") or "").strip():
            self.add_error(
                "due_date_reason",
                _("Say why the due date changes: the reason is kept in history."),
            )
        return cleaned


class MilestoneForm(DueDateReasonMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "owner", "status", "progress"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mandated_people_only(self.fields["owner"])
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100, "step": 5})
        if self.instance.pk:
            self.add_due_date_reason()
            self.order_fields(["title", "description", "due_date", "due_date_reason"])


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class FollowupMilestoneForm(forms.Form):
    roadmap = forms.ModelChoiceField(label=_("Roadmap"), queryset=Roadmap.objects.none())
    title = forms.CharField(label=_("Follow-up milestone"), max_length=250)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Empty: the roadmap's owner."),
    )
    outcome = forms.ModelChoiceField(
        label=_("Answers the outcome"),
        queryset=Outcome.objects.none(),
        required=False,
        help_text=_("The expectation, commitment or decision this milestone acts on."),
    )

    def __init__(self, *args, roadmaps, outcomes=None, **kwargs):
        """roadmaps: those the user may add a follow-up to (roadmaps/permissions.py);
        outcomes: the meeting's outcomes a follow-up may answer."""
        super().__init__(*args, **kwargs)
        self.fields["roadmap"].queryset = roadmaps
        if outcomes is not None:
            self.fields["outcome"].queryset = outcomes
        mandated_people_only(self.fields["owner"])

    def clean(self):
        cleaned = super().clean()
        check_default_owner(self, cleaned)
        return cleaned
