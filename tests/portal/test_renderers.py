"""The Python-built <select> is the same markup as Django's template, on every kind of select."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from onmt_portal.renderers import PortalFormRenderer
from partners.models import Organization

from ..helpers.factories import OrganizationFactory


class Everything(forms.Form):
    plain = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("a", 'A & <b>"quoted"</b> l\'autre'),
            ("b", gettext_lazy("Market")),
            ("c", mark_safe("<em>already safe</em>")),
        ]
    )
    grouped = forms.ChoiceField(
        choices=[("Europe", [("fr", "France"), ("es", "Espagne")]), ("ma", "Maroc")]
    )
    several = forms.MultipleChoiceField(choices=[(1, "un"), (2, "deux"), (3, "trois")])
    answer = forms.NullBooleanField()
    disabled = forms.ChoiceField(choices=[("x", "x")], disabled=True, required=False)


def render_both(form_class, data=None, **kwargs):
    ours = form_class(data, renderer=PortalFormRenderer(), **kwargs)
    django = form_class(data, renderer=DjangoTemplates(), **kwargs)
    return [(str(ours[name]), str(django[name])) for name in ours.fields]


def test_every_select_renders_as_djangos_template_does():
    data = {"plain": "a", "grouped": "es", "several": ["1", "3"], "answer": "false"}
    for ours, django in render_both(Everything, data, auto_id="id_%s"):
        assert parse_html(ours) == parse_html(django), (ours, django)
        assert "<select" in ours


def test_unbound_and_extra_attributes_render_the_same():
    class WithAttrs(forms.Form):
        choice = forms.ChoiceField(
            choices=[("1", "un")],
            widget=forms.Select(attrs={"class": "form-select", "data-x": "<y>", "hidden": True}),
        )

    for ours, django in render_both(WithAttrs):
        assert parse_html(ours) == parse_html(django), (ours, django)


@pytest.mark.django_db
def test_model_choices_render_the_same_and_escape_names():
    OrganizationFactory(short_name="<script>CRT</script>")
    selected = OrganizationFactory(short_name="CRT Fès & Meknès")

    class Filter(forms.Form):
        organization = forms.ModelChoiceField(queryset=Organization.objects.order_by("pk"))

    for ours, django in render_both(Filter, {"organization": str(selected.pk)}):
        assert parse_html(ours) == parse_html(django)
        assert "<script>" not in ours
        assert "selected" in ours


def test_the_portal_uses_this_renderer():
    assert isinstance(get_default_renderer(), PortalFormRenderer)
