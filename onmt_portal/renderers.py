"""The form renderer: Django's, except <select>, which is built in Python.

Django's template renders every <option> through two template includes, about
0.1 ms each: at national scale (300 organizations, 3,000 people) one select
cost 30 to 300 ms, most of a list page's time. The markup produced here is
the same as the template's (tests/portal/test_renderers.py compares them).
Options are joined as plain strings, escaped by html.escape as Django's
escape() does: a first version calling format_html per option was the hot
spot of py-spy profiles under gunicorn, and this one took the recommendation
list from 68 to 31 ms a request there (measured with curl, one at a time).
"""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


def _text(value) -> str:
    """Escaped like Django's conditional_escape: already-safe text is kept as it is."""
    return value if isinstance(value, SafeData) else escape(str(value))


def _attributes(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True
    # writes its bare name, anything else (None included) its string.
    if not attrs:
        return ""
    return flatatt({name: "None" if value is None else value for name, value in attrs.items()})


def _options(choices) -> str:
    return "".join(
        f'<option value="{_text(option["value"])}"{_attributes(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
        for option in choices
    )


def render_select(widget: dict) -> str:
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        options = _options(group_choices)
        if group_name:
            options = f'<optgroup label="{_text(group_name)}">{options}</optgroup>'
        parts.append(options)
    html = f'<select name="{_text(widget["name"])}"{_attributes(widget["attrs"])}>'
    return mark_safe(html + "".join(parts) + "</select>")  # noqa: S308 - every part escaped


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request=request)
