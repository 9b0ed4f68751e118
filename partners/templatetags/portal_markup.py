from django import template

from partners.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ meeting.minutes|markdown }}: Markdown to sanitized HTML."""
    return render_markdown(text)
