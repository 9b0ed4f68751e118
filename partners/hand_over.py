"""The admin's hand-over screen: a mandate passes to someone else, with the work it
carried — open milestones, roadmaps, invitations, undecided recommendations —
moved in the same transaction (partners.services.mandate_hand_over).

« Transmettre la présidence » on an organization's page opens it for the current
president's mandate; « Transmettre ce mandat » on any mandate's page, for
delegates and members.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import services
from .models import Membership, Person
from .selectors import mandate_holdings


class SuccessorSelect(AutocompleteSelect):
    """The admin's person autocomplete, asked to leave out the outgoing holder
    (ActivePickerMixin reads `exclude`); the form refuses them all the same."""

    def __init__(self, *args, outgoing: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.outgoing = outgoing

    def get_url(self):
        return f"{super().get_url()}?{urlencode({'exclude': self.outgoing})}"


def picker_exclusions(request) -> list[int]:
    """What an autocomplete picker asked to leave out (SuccessorSelect's `exclude`)."""
    excluded = request.GET.get("exclude", "")
    return [int(excluded)] if excluded.isdigit() else []


class HandOverForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=Person.objects.none(),
        help_text=_("Their mandate starts on the date below; the current one ends the day before."),
    )
    start_date = forms.DateField(
        label=_("Start date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(
        label=pgettext_lazy("mandate", "Title"),
        max_length=200,
        required=False,
        help_text=_("Empty: the outgoing holder's title."),
    )

    def __init__(self, *args, mandate: Membership, held: list, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.active().exclude(pk=mandate.person_id)
        person = self.fields["person"]
        person.queryset = people
        person.widget = SuccessorSelect(
            Membership._meta.get_field("person"), admin_site, outgoing=mandate.person_id
        )
        person.widget.choices = person.choices
        person.error_messages["invalid_choice"] = _(
            "Choose an active person other than the outgoing holder."
        )
        self.held = []
        for holding, items in held:
            if not items:
                continue
            field = forms.ModelChoiceField(
                label=_("Give to"),
                queryset=Person.objects.mandated(),
                required=False,
                empty_label=_("the successor"),
                widget=AutocompleteSelect(Membership._meta.get_field("person"), admin_site),
            )
            field.error_messages["invalid_choice"] = _(
                "Choose someone who holds a current mandate: this person holds none."
            )
            self.fields[f"give_{holding.key}"] = field
            described = [holding.describe(item) for item in items]
            self.held.append((holding, described, self[f"give_{holding.key}"]))

    def recipients(self) -> dict:
        return {
            holding.key: self.cleaned_data.get(f"give_{holding.key}")
            for holding, _items, _field in self.held
        }


def hand_over_view(model_admin, request, pk):
    mandate = get_object_or_404(Membership.objects.select_related("person", "organization"), pk=pk)
    if not model_admin.has_change_permission(request, mandate):
        raise PermissionDenied
    organization_url = reverse("admin:partners_organization_change", args=[mandate.organization_id])
    if not mandate.is_current:
        messages.error(request, _("This mandate is not current: there is nothing to hand over."))
        return redirect(organization_url)
    form = HandOverForm(
        request.POST or None,
        mandate=mandate,
        held=mandate_holdings(mandate),
        admin_site=model_admin.admin_site,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_hand_over(
                mandate=mandate,
                successor=form.cleaned_data["person"],
                start_date=form.cleaned_data["start_date"],
                title=form.cleaned_data["title"],
                recipients=form.recipients(),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            model_admin.message_user(
                request,
                _("The mandate was handed over, with the work it carried."),
                messages.SUCCESS,
            )
            return redirect(organization_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Membership._meta,
        "organization_opts": mandate.organization._meta,
        "mandate": mandate,
        "title": _("Hand over a mandate"),
        "form": form,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/partners/membership/hand_over.html", context)
