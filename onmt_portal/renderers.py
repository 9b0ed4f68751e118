"""The form renderer: Django's, except <select>, which is built in Python.

Django's template renders every <option> through two template includes, about
0.1 ms each: at national scale (300 organizations, 3,000 people) one select
cost 30 to 300 ms, most of a list page's time. The markup produced here is
the same as the template's (tests/portal/test_renderers.py compares them).
"""

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


def _attributes(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True
    # writes its bare name, anything else (None included) its string.
    return flatatt({name: "None" if value is None else value for name, value in attrs.items()})


def render_select(widget: dict) -> str:
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(option["value"]), _attributes(option["attrs"]), option["label"])
             for option in group_choices),
        )  # fmt: skip
        if group_name:
            options = format_html('<optgroup label="{}">{}</optgroup>', group_name, options)
        parts.append(options)
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        _attributes(widget["attrs"]),
        mark_safe("".join(parts)),  # noqa: S308 - every part was built by format_html
    )


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request=request)
