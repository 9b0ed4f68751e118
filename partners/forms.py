from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.pickers import Picker

from .models import Organization, Person, Region


def mandated_people_only(field: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """Work is given only to people who hold a current mandate (partners/roles.py):
    someone whose mandate ended, or who is archived, cannot be picked. Chosen
    with a searchable picker (core/pickers.py): they are thousands."""
    picker = Picker("people", search_label=_("Search the people with a current mandate"))
    picker.is_required = field.required
    picker.attrs.update(field.widget_attrs(picker))
    field.widget = picker
    field.queryset = Person.objects.mandated().order_by("last_name", "first_name")
    field.error_messages["invalid_choice"] = _(
        "Choose someone who holds a current mandate: this person holds none."
    )
    return field


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, short name, province, person…")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Organization.Kind.choices],
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
    )
    archived = forms.BooleanField(label=_("Include archived"), required=False)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of my e-mails"), choices=settings.LANGUAGES)
    receives_reminders = forms.BooleanField(
        label=_("Send me reminders about my milestones"),
        required=False,
        help_text=_("Escalations of milestones late by more than a week are sent in any case."),
    )
