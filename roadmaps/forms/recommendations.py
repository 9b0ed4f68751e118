"""Forms of the recommendation loop: the partner's form, ONMT's review, the list's filters."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.locking import VersionedFormMixin
from core.pickers import Picker
from partners.forms import mandated_people_only
from partners.models import Market, Organization, Person

from ..models import Milestone, Recommendation, Roadmap
from ..selectors.recommendations import decision_milestone_label
from .widgets import DATE, check_default_owner


class RecommendationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["organization", "markets", "theme", "priority", "title", "body"]
        widgets = {
            "markets": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, organizations=None, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["markets"].queryset = Market.objects.all()
        # Needed to submit, not to save a draft: marked required on the page
        # (and checked so when submitting), let through empty for a draft.
        for name in Recommendation.REQUIRED_TO_SUBMIT:
            self.fields[name].required = True
        if self.instance.pk:
            # The organization of a recommendation never changes.
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=organizations or []
            )
            if organizations and len(organizations) == 1:
                self.initial.setdefault("organization", next(iter(organizations)))

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            for name in Recommendation.REQUIRED_TO_SUBMIT:
                errors = self._errors.get(name)
                if errors and all(error.code == "required" for error in errors.as_data()):
                    del self._errors[name]
                    cleaned[name] = [] if name == "markets" else ""
        return cleaned

    def content(self) -> dict:
        """What the partner wrote, as the create and update services take it."""
        names = ("markets", "theme", "title", "body", "priority")
        return {name: self.cleaned_data[name] for name in names}


class ReviewForm(VersionedFormMixin, forms.Form):
    DECISIONS = [
        ("accept_existing", _("Accept into an existing milestone")),
        ("accept_new", _("Accept into a new milestone")),
        ("decline", _("Decline")),
    ]
    version_required = True
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("Answer to the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The partner reads this answer. Required to decline."),
    )
    review_notes = forms.CharField(
        label=_("Internal review notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For ONMT only: never shown to the partner."),
    )
    milestone = forms.ModelChoiceField(
        label=_("Existing milestone"), queryset=Milestone.objects.none(), required=False
    )
    roadmap = forms.ModelChoiceField(
        label=_("Roadmap of the new milestone"), queryset=Roadmap.objects.none(), required=False
    )
    milestone_title = forms.CharField(label=_("New milestone"), max_length=250, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Empty: the roadmap's owner."),
    )

    def __init__(
        self, *args, recommendation: Recommendation, roadmaps: QuerySet[Roadmap], **kwargs
    ):
        """roadmaps: those the reviewer may accept into (roadmaps/permissions.py).
        Both are searchable pickers, scoped by the recommendation: a market may
        hold hundreds of open milestones."""
        super().__init__(*args, **kwargs)
        mandated_people_only(self.fields["owner"])
        scope = {"recommendation": recommendation.pk}
        # The widgets first: setting a queryset hands its choices to the widget.
        self.fields["roadmap"].widget = Picker(
            "decision-roadmaps", params=scope, search_label=_("Search the roadmaps")
        )
        self.fields["roadmap"].queryset = roadmaps.select_related("market")
        self.fields["milestone"].widget = Picker(
            "decision-milestones", params=scope, search_label=_("Search the open milestones")
        )
        self.fields["milestone"].queryset = (
            Milestone.objects.open().filter(roadmap__in=roadmaps).select_related("roadmap")
        )
        self.fields["milestone"].label_from_instance = decision_milestone_label

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "decline" and not (cleaned.get("response") or "").strip():
            self.add_error("response", _("Declining needs an answer to the partner: say why."))
        if decision == "accept_existing" and not cleaned.get("milestone"):
            self.add_error("milestone", _("Choose the milestone."))
        if decision == "accept_new":
            for name in ("roadmap", "milestone_title", "due_date"):
                if not cleaned.get(name):
                    self.add_error(name, _("This field is required to create the milestone."))
            check_default_owner(self, cleaned)
        return cleaned


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Recommendation.Status.choices],
    )
    market = forms.ModelChoiceField(
        label=_("Market"), required=False, queryset=Market.objects.all(), empty_label=_("All")
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        required=False,
        queryset=Organization.objects.all(),
        empty_label=_("All"),
        widget=Picker("organizations"),
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All")), *Recommendation.Theme.choices]
    )


class MessageForm(forms.Form):
    """A message of the conversation; reviewers may make it an internal note."""

    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Formatting: **bold**, *italic*, a line starting with - for a list; links are kept."
        ),
    )
    internal = forms.BooleanField(
        label=_("Internal note (ONMT staff and the market's delegates only)"), required=False
    )

    def __init__(self, *args, reviewer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not reviewer:
            del self.fields["internal"]
