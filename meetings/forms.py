from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.locking import VersionedFormMixin
from core.pickers import Picker
from partners.models import Market, Organization, Person

from .models import Meeting, Outcome, Participant

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class RowFormSet(forms.BaseFormSet):
    """Every posted row is optional: a row left blank is dropped, not an error.
    (Unbound, the rows given as initial values are shown as usual.)"""

    def initial_form_count(self):
        return 0 if self.is_bound else super().initial_form_count()


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "organizer",
            "markets",
            "agenda",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_INPUT
            ),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
            "markets": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "agenda": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"starts_at": _("Casablanca time."), "ends_at": _("Casablanca time.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_INPUT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        current = self.instance.organizer_id if self.instance.pk else None
        self.fields["organizer"].queryset = Organization.objects.filter(
            Q(is_active=True) | Q(pk=current)
        )
        self.fields["markets"].queryset = Market.objects.all()


class KnownObjectField(forms.ModelChoiceField):
    """A ModelChoiceField whose value is looked up among objects the view has read
    already for every row at once (`known`), not with one query per row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = str(value)
        if key.isdecimal() and int(key) in self.known:
            return self.known[int(key)]
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ParticipantForm(forms.Form):
    person = KnownObjectField(queryset=Person.objects.none(), widget=forms.HiddenInput)
    organization = KnownObjectField(
        label=_("On behalf of"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, organization_choices=None, people=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people or {}
        person_id = self._raw("person")
        self.person_obj = people.get(int(person_id)) if str(person_id).isdecimal() else None
        self.fields["person"].known = people
        choices = (
            (organization_choices or {}).get(self.person_obj.pk, []) if self.person_obj else []
        )
        # The person's own organizations are offered; the current choice (read by
        # the view with every row's) is accepted too.
        known = {organization.pk: organization for organization in choices}
        selected = self._raw("organization")
        if str(selected).isdecimal() and int(selected) in (organizations or {}):
            known.setdefault(int(selected), organizations[int(selected)])
        self.fields["organization"].known = known
        self.fields["organization"].choices = [("", "—")] + [
            (organization.pk, str(organization)) for organization in choices
        ]

    def _raw(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)


class BaseParticipantFormSet(RowFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                raise forms.ValidationError(_("%(person)s is listed twice.") % {"person": person})
            seen.add(person.pk)


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=BaseParticipantFormSet, extra=0, max_num=500, validate_max=True
)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=250)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=RowFormSet, extra=0, max_num=100, validate_max=True
)


class AttendanceForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Participant.Attendance.choices)


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=0, max_num=500)


class OutcomeForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Outcome.Kind.choices])
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    # A searchable picker: the organizations are hundreds, on every row.
    organization = forms.ModelChoiceField(
        label=_("Voiced by"),
        queryset=Organization.objects.all(),
        required=False,
        empty_label="—",
        widget=Picker("organizations", search_label=_("Search the organizations")),
    )
    market = forms.ModelChoiceField(
        label=_("Market"), queryset=Market.objects.all(), required=False
    )

    def __init__(self, *args, organization_labels=None, markets=None, **kwargs):
        """organization_labels: {pk: label} of the organizations the rows name,
        read once for the whole formset. markets: the market choices, likewise."""
        super().__init__(*args, **kwargs)
        self.fields["organization"].widget.known = organization_labels or {}
        if markets is not None:
            self.fields["market"].choices = [("", "—")] + [(m.pk, str(m)) for m in markets]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Outcome.Kind.INSIGHT and not cleaned.get("market"):
            self.add_error("market", _("A market insight names its market."))
        return cleaned


OutcomeFormSet = forms.formset_factory(
    OutcomeForm, formset=RowFormSet, extra=0, max_num=500, validate_max=True
)


class MinutesForm(VersionedFormMixin, forms.Form):
    version_required = True
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Formatting: **bold**, *italic*, a line starting with - for a list, ## for a heading."
        ),
    )


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    when = forms.ChoiceField(
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Meeting.Status.choices]
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        required=False,
        queryset=Organization.objects.all(),
        empty_label=_("All"),
        widget=Picker("organizations"),
    )
    market = forms.ModelChoiceField(
        label=_("Market"), required=False, queryset=Market.objects.all(), empty_label=_("All")
    )


class PeopleSearchForm(forms.Form):
    # A form, not request.GET as is: it strips, bounds and refuses NUL characters.
    people_q = forms.CharField(required=False, max_length=100)


class ResponseForm(forms.Form):
    """An invitee's answer: attend, not attend, or send a substitute."""

    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[choice for choice in Participant.Response.choices if choice[0] != "pending"],
        widget=forms.RadioSelect,
    )
    substitute = forms.ModelChoiceField(
        label=_("Who goes in your place"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Someone with a current mandate in your organization."),
    )

    def __init__(self, *args, substitutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = substitutes
        if not substitutes.exists():
            del self.fields["substitute"]
            self.fields["response"].choices = self.fields["response"].choices[:2]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("response") == "substituted" and not cleaned.get("substitute"):
            self.add_error("substitute", _("Choose who goes in your place."))
        return cleaned
