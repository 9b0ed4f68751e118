from django import template

from partners.markup import render_markdown, text_direction

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ meeting.minutes|markdown }}: Markdown to sanitized HTML."""
    return render_markdown(text)


@register.filter(name="text_dir")
def text_dir_filter(text):
    """dir="{{ outcome.text|text_dir }}": the direction of the text's first letter."""
    return text_direction(str(text))
