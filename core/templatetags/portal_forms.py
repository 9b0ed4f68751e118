"""{{ form.field|portal_field }}: one field of a form every visit shows — a
list's filter row, the conversation's message form under a recommendation.

The markup of crispy-bootstrap5's field template (a labelled Bootstrap
control, the required mark, its help text and errors below), written here: the
template took about 1.7 ms a field, a third of a list page's own work, for
fields that are the same on every request. The editing forms keep crispy.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _control_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def portal_field(field: forms.BoundField):
    widget = field.field.widget
    classes = [widget.__class__.__name__.lower(), _control_class(widget)]
    if widget.attrs.get("class"):
        classes.append(widget.attrs["class"])
    attrs = {"class": " ".join(classes)}
    errors = [
        (f"error_{index}_{field.auto_id}", error) for index, error in enumerate(field.errors, 1)
    ]
    if errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = " ".join(error_id for error_id, _error in errors)
    help_id = f"{field.auto_id}_helptext"
    if field.help_text:
        attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), help_id]))
    control = field.as_widget(attrs=attrs)
    feedback = format_html_join(
        "",
        '<span id="{}" class="invalid-feedback d-block"><strong>{}</strong></span>',
        errors,
    )
    if field.help_text:
        feedback += format_html('<div id="{}" class="form-text">{}</div>', help_id, field.help_text)
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div id="div_{}" class="mb-3"><div class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}</div></div>',
            field.auto_id,
            control,
            field.id_for_label,
            field.label,
            feedback,
        )
    required = (
        format_html('<span class="asteriskField">{}</span>', "*") if field.field.required else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        " requiredField" if field.field.required else "",
        field.label,
        required,
        control,
        feedback,
    )
