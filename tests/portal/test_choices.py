"""A choice's label read once per language (core/choices.py) says what
get_FOO_display() says, in each language, and never another language's."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from core.choices import label, labels
from meetings.models import Outcome
from roadmaps.models import Recommendation


@pytest.mark.parametrize("language", ["fr", "ar", "en", "fr"])
def test_each_label_is_the_display_of_its_choice_in_the_current_language(language):
    for model, field in [(Recommendation, "status"), (Recommendation, "theme"), (Outcome, "kind")]:
        with translation.override(language):
            for value, _label in model._meta.get_field(field).flatchoices:
                instance = model(**{field: value})
                shown = getattr(instance, f"get_{field}_display")()
                assert labels(model, field)[value] == shown
                assert label(instance, field) == shown
                assert Template("{% load portal_choices %}{{ r|label:f }}").render(
                    Context({"r": instance, "f": field})
                ) == escape(shown)


def test_a_label_follows_the_language_asked_for_after_another_was_read():
    accepted = Recommendation(status=Recommendation.Status.ACCEPTED)
    shown = {}
    for language in ("fr", "ar", "en", "fr", "ar"):
        with translation.override(language):
            shown.setdefault(language, label(accepted))
            assert label(accepted) == shown[language] == accepted.get_status_display()
    assert len(set(shown.values())) == 3


def test_an_unknown_value_is_shown_as_it_is():
    assert label(Recommendation(status="retired")) == "retired"
