"""User Markdown becomes safe HTML: scripts, handlers and javascript: links are removed."""

from partners.markup import render_markdown


def test_scripts_event_handlers_and_javascript_links_are_removed():
    html = render_markdown(
        '<script>alert("x")</script>\n\n'
        '<img src="x" onerror="alert(1)">\n\n'
        '<a href="javascript:alert(1)" onclick="alert(2)">clic</a>\n\n'
        "[lien](javascript:alert(3)) et [site](https://www.visitmorocco.com)"
    )
    assert "<script" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html
    assert (
        '<a href="https://www.visitmorocco.com" rel="noopener noreferrer nofollow">site</a>' in html
    )


def test_markdown_and_arabic_text_come_through_intact():
    html = render_markdown(
        "## ملخص\n\n**الهدف**: استعادة مؤشرات 2019 — *Fès* et Ouarzazate\n\n- أ\n- ب"
    )
    assert "<h2>ملخص</h2>" in html
    assert "<strong>الهدف</strong>: استعادة مؤشرات 2019 — <em>Fès</em> et Ouarzazate" in html
    assert "<li>أ</li>" in html
