"""A recommendation's page — what was asked, what ONMT decided and did, the
conversation — kept rendered per viewer until a record changes
(roadmaps/kept_pages.py), and its History."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.history import history_answer
from partners.permissions import can_view_history, require

from .. import permissions, selectors
from ..forms import MessageForm
from ..kept_pages import CSRF_TOKEN_MARK, kept


@require_GET
def recommendation_detail(request, pk):
    user = request.user
    recommendation = permissions.get_visible_recommendation(
        user,
        pk,
        permissions.recommendations_visible_to(user).select_related("organization", "author"),
    )
    reviewer = permissions.can_review_recommendation(user, recommendation)
    may_write = reviewer or permissions.can_write_as_organization(user, recommendation)
    can_edit = permissions.can_edit_recommendation(user, recommendation)
    show_notes = permissions.can_read_review_notes(user)
    history = (
        reverse("roadmaps:recommendation_history", args=[pk]) if can_view_history(user) else ""
    )

    def content() -> str:
        context = {
            "recommendation": recommendation,
            "can_edit": can_edit,
            "can_review": reviewer,
            "message_form": MessageForm(reviewer=reviewer) if may_write else None,
            "show_notes": show_notes,
            "history_url": history,
            "csrf_token": CSRF_TOKEN_MARK,  # each request's own field replaces it
            **selectors.recommendation_page(recommendation, user),
        }
        return render_to_string("roadmaps/_recommendation_content.html", context)

    rights = "".join(str(int(right)) for right in (reviewer, may_write, can_edit, show_notes))
    html = kept(request, "recommendation-page", content, pk, rights)
    context = {"recommendation": recommendation, "content": html}
    return render(request, "roadmaps/recommendation_detail.html", context)


@require_GET
def recommendation_history(request, pk):
    recommendation = permissions.get_visible_recommendation(request.user, pk)
    require(can_view_history(request.user))
    back_url = reverse("roadmaps:recommendation_detail", args=[pk])
    return history_answer(request, recommendation, back_url=back_url)
