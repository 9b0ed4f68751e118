"""The conversation on a recommendation: post a message (a question, an answer
or an internal note), edit one's own until someone replies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.history import history_entries
from core.locking import show_write_error
from partners.permissions import can_view_history, require

from .. import permissions, services
from ..forms import MessageForm
from ..models import RecommendationMessage


def _thread_url(recommendation_pk: int, anchor: str = "conversation") -> str:
    return f"{reverse('roadmaps:recommendation_detail', args=[recommendation_pk])}#{anchor}"


@require_POST
def recommendation_message(request, pk):
    user = request.user
    recommendation = permissions.get_visible_recommendation(user, pk)
    reviewer = permissions.can_review_recommendation(user, recommendation)
    require(reviewer or permissions.can_write_as_organization(user, recommendation))
    form = MessageForm(request.POST, reviewer=reviewer)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("body", [])) or _("Write your message."))
        return redirect(_thread_url(pk))
    try:
        message = services.message_post(
            recommendation=recommendation,
            author=user,
            body=form.cleaned_data["body"],
            from_reviewer=reviewer,
            internal=form.cleaned_data.get("internal", False),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_thread_url(pk))
    messages.success(
        request,
        _("Your internal note is saved.") if message.is_internal else _("Your message is sent."),
    )
    return redirect(_thread_url(pk, f"message-{message.pk}"))


@require_http_methods(["GET", "POST"])
def recommendation_message_edit(request, pk):
    user = request.user
    message = RecommendationMessage.objects.select_related("recommendation").filter(pk=pk).first()
    if message is None:
        raise Http404
    recommendation = permissions.get_visible_recommendation(user, message.recommendation_id)
    if not permissions.messages_visible_to(user, recommendation).filter(pk=pk).exists():
        raise Http404  # an internal note does not exist for the organization
    require(message.author_id == user.pk)
    form = MessageForm(request.POST or None, initial={"body": message.body}, reviewer=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(message=message, body=form.cleaned_data["body"], by=user)
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("Your message is saved."))
            return redirect(_thread_url(recommendation.pk, f"message-{message.pk}"))
    context = {
        "form": form,
        "message": message,
        "recommendation": recommendation,
        "history": history_entries(message) if can_view_history(user) else [],
    }
    return render(request, "roadmaps/message_form.html", context)
