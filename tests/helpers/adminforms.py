"""The values a browser would post back from a Django admin page, read from its HTML."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.values.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def posted_values(html: str) -> dict:
    """name -> value (or list of values), as the page's form would send them."""
    parser = _FormValues()
    parser.feed(html)
    values: dict = {}
    for name, value in parser.values:
        if name in ("csrfmiddlewaretoken", "action", "index", "select_across"):
            continue
        values.setdefault(name, []).append(value)
    return {name: found[0] if len(found) == 1 else found for name, found in values.items()}
