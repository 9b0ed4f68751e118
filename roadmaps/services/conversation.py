"""The conversation on a recommendation.

- A reviewer's message to the organization is a question: a recommendation
  submitted or under review waits in « needs information » until the
  organization answers; its answer puts it back under review.
- An internal note (reviewers only) is seen by ONMT staff and the market's
  delegates, never by the organization, and e-mails nobody.
- Every other message tells the other side by e-mail, in the reader's language,
  through the outbox (never lost): the organization's author and presidents for a
  question; the reviewers who asked for an answer.
- A message may be edited by its author until a reply follows it (a later
  message they can read); history keeps every version.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox
from core.history import record_author
from partners.models import Membership, Person

from ..models import Recommendation, RecommendationMessage

Status = Recommendation.Status
MESSAGE = "roadmaps.message"
ASKING = (Status.SUBMITTED, Status.UNDER_REVIEW)


def _organization_side(recommendation: Recommendation) -> list[Person]:
    presidents = Person.objects.active().filter(
        memberships__in=Membership.objects.current().filter(
            organization_id=recommendation.organization_id, role=Membership.Role.PRESIDENT
        )
    )
    people = {person.pk: person for person in presidents}
    author = recommendation.author
    if author.is_active:
        people.setdefault(author.pk, author)
    return list(people.values())


def _reviewer_side(recommendation: Recommendation) -> list[Person]:
    """The reviewers who asked (or, failing that, who took up the review)."""
    user_ids = set(
        recommendation.messages.filter(from_reviewer=True, is_internal=False).values_list(
            "author_id", flat=True
        )
    ) or {recommendation.review_started_by_id} - {None}
    return list(Person.objects.active().filter(user_id__in=user_ids))


def _notify(message: RecommendationMessage, people: list[Person]) -> None:
    for person in people:
        if person.contact_email and person.user_id != message.author_id:
            outbox.enqueue(
                kind=MESSAGE,
                context={"message": message.pk, "person": person.pk},
                key=f"recommendation-message:{message.pk}:{person.pk}",
                recipient=person.contact_email,
                language=person.language,
            )


@transaction.atomic
def message_post(
    *,
    recommendation: Recommendation,
    author,
    body: str,
    from_reviewer: bool,
    internal: bool = False,
) -> RecommendationMessage:
    """from_reviewer: the author writes as a reviewer (the view has checked they
    may); otherwise as a member of the submitting organization."""
    locked = (
        Recommendation.objects.select_for_update()
        .select_related("author")
        .get(pk=recommendation.pk)
    )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your message.")})
    if locked.status == Status.DRAFT:
        raise ValidationError(_("A draft has no conversation yet: submit it first."))
    if internal and not from_reviewer:
        raise ValidationError(_("Only reviewers write internal notes."))
    message = RecommendationMessage(
        recommendation=locked,
        author=author,
        body=body,
        is_internal=internal,
        from_reviewer=from_reviewer,
    )
    record_author(author, message)
    message.save()
    if internal:
        return message
    now = timezone.now()
    if from_reviewer and locked.status in ASKING:
        if locked.review_started_at is None:
            locked.review_started_at, locked.review_started_by = now, author
        locked.status = Status.NEEDS_INFORMATION
    elif not from_reviewer and locked.status == Status.NEEDS_INFORMATION:
        locked.status = Status.UNDER_REVIEW
    locked.version += 1
    record_author(author, locked)
    locked.save(
        update_fields=["status", "review_started_at", "review_started_by", "version", "updated_at"]
    )
    _notify(message, _organization_side(locked) if from_reviewer else _reviewer_side(locked))
    return message


@transaction.atomic
def message_edit(*, message: RecommendationMessage, body: str, by) -> RecommendationMessage:
    locked = RecommendationMessage.objects.select_for_update().get(pk=message.pk)
    if locked.author_id != by.pk:
        raise ValidationError(_("Only its author edits a message."))
    # A reply is a later message its author's side can read: an internal note
    # is no reply to the organization.
    later = locked.recommendation.messages.filter(pk__gt=locked.pk)
    if not locked.from_reviewer:
        later = later.filter(is_internal=False)
    if later.exists():
        raise ValidationError(_("Someone has replied since: this message can no longer change."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your message.")})
    locked.body = body
    record_author(by, locked)
    locked.save(update_fields=["body", "updated_at"])
    return locked
