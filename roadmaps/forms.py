from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Market, Organization, Person

from .models import Milestone, Recommendation, Roadmap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, for the stale-edit check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class RecommendationForm(VersionedModelForm):
    class Meta:
        model = Recommendation
        fields = ["organization", "markets", "theme", "priority", "title", "body"]
        widgets = {
            "markets": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["markets"].queryset = Market.objects.all()
        self.fields["markets"].required = True
        if self.instance.pk:
            # The organization of a recommendation never changes.
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=organizations or []
            )
            if organizations and len(organizations) == 1:
                self.initial.setdefault("organization", next(iter(organizations)))

    def content(self) -> dict:
        """What the partner wrote, as the create and update services take it."""
        names = ("markets", "theme", "title", "body", "priority")
        return {name: self.cleaned_data[name] for name in names}


class ReviewForm(forms.Form):
    DECISIONS = [
        ("accept_existing", _("Accept into an existing milestone")),
        ("accept_new", _("Accept into a new milestone")),
        ("decline", _("Decline")),
    ]
    version = forms.IntegerField(widget=forms.HiddenInput)
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
        queryset=Person.objects.active(),
        required=False,
        help_text=_("Empty: the roadmap's owner."),
    )

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        market_ids = [market.pk for market in recommendation.markets.all()]
        roadmaps = Roadmap.objects.filter(market__in=market_ids).exclude(
            status=Roadmap.Status.CLOSED
        )
        self.fields["roadmap"].queryset = roadmaps.select_related("market")
        self.fields["milestone"].queryset = (
            Milestone.objects.filter(roadmap__in=roadmaps)
            .exclude(status__in=[Milestone.Status.DONE, Milestone.Status.CANCELLED])
            .select_related("roadmap")
        )
        self.fields["milestone"].label_from_instance = lambda m: f"{m.roadmap} — {m.title}"

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
        return cleaned


class RoadmapForm(VersionedModelForm):
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
        current = self.instance.owner_id if self.instance.pk else None
        self.fields["owner"].queryset = Person.objects.filter(Q(is_active=True) | Q(pk=current))


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "owner", "status", "progress"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.owner_id if self.instance.owner_id else None
        self.fields["owner"].queryset = Person.objects.filter(Q(is_active=True) | Q(pk=current))
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100, "step": 5})


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class FollowupMilestoneForm(forms.Form):
    roadmap = forms.ModelChoiceField(label=_("Roadmap"), queryset=Roadmap.objects.none())
    title = forms.CharField(label=_("Follow-up milestone"), max_length=250)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Person.objects.active(),
        required=False,
        help_text=_("Empty: the roadmap's owner."),
    )

    def __init__(self, *args, roadmaps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roadmap"].queryset = roadmaps


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
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All")), *Recommendation.Theme.choices]
    )
