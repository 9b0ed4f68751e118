"""User Markdown becomes safe HTML: scripts, handlers and javascript: links are removed."""

import pytest

from core.markup import render_markdown, text_direction


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


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Connectivité aérienne.", "ltr"),
        ("قرر المجلس إطلاق حملة", "rtl"),
        ("2023 : حملة رقمية", "rtl"),  # digits and punctuation are weak: the first letter decides
        ("« 2019 » Objectif", "ltr"),
        ("", "ltr"),
        ("12 / 34", "ltr"),
    ],
)
def test_text_direction_follows_the_first_letter_like_dir_auto(text, direction):
    assert text_direction(text) == direction
