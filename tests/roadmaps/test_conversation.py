"""The conversation on a recommendation: a question puts it in « needs
information », the organization's answer puts it back under review, each side is
e-mailed in its language through the outbox; an internal note never reaches the
organization — page, e-mail, export or search; a message changes only until
someone replies."""

import pytest
from django.core import mail

from core import outbox
from roadmaps.models import Recommendation, RecommendationMessage

from ..helpers.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SECRET = "Budget serré : ne pas promettre de co-financement"


def post(client, user, recommendation, body, **extra):
    client.force_login(user)
    return client.post(f"/recommendations/{recommendation.pk}/messages/", {"body": body, **extra})


def test_a_question_waits_for_the_answer_then_returns_to_review(client, thread):
    rec = thread["recommendation"]

    post(client, thread["reviewer"], rec, "Quelles dates pour l'eductour ?")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.NEEDS_INFORMATION
    assert rec.review_started_by == thread["reviewer"]
    outbox.dispatch()
    [question] = mail.outbox
    assert question.to == ["aziz@crt-fes.ma"]
    assert question.extra_headers["Content-Language"] == "ar"
    assert "Quelles dates pour l'eductour ?" in question.body

    post(client, thread["member"], rec, "Du 10 au 14 avril.")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.UNDER_REVIEW
    outbox.dispatch()
    answer = mail.outbox[-1]
    assert answer.to == ["revue@onmt.ma"] and "Du 10 au 14 avril." in answer.body


def test_an_internal_note_never_reaches_the_organization(client, thread):
    rec = thread["recommendation"]
    post(client, thread["reviewer"], rec, SECRET, internal="on")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.SUBMITTED  # a note asks nothing
    outbox.dispatch()
    assert mail.outbox == []
    reviewer_page = client.get(f"/recommendations/{rec.pk}/").content.decode()
    assert SECRET in reviewer_page

    client.force_login(thread["member"])
    page = client.get(f"/recommendations/{rec.pk}/").content.decode()
    export = client.get("/recommendations/export.csv").getvalue().decode()
    search = client.get("/search/", {"q": "co-financement"}).content.decode()
    note = RecommendationMessage.objects.get(is_internal=True)
    edit = client.get(f"/recommendations/messages/{note.pk}/edit/")

    assert SECRET not in page and "Note interne" not in page
    assert SECRET not in export
    assert SECRET not in search and "Fès, destination" not in search
    assert edit.status_code == 404


def test_only_reviewers_write_internal_notes(client, thread):
    rec = thread["recommendation"]

    post(client, thread["member"], rec, "Une note qui se veut interne", internal="on")

    message = RecommendationMessage.objects.get()
    assert not message.is_internal  # the field is not offered, nor taken


def test_another_organization_may_neither_read_nor_write(client, thread):
    other = UserFactory(username="crt.rabat")
    MembershipFactory(organization=OrganizationFactory(), role="president", person__user=other)

    response = post(client, other, thread["recommendation"], "Intrusion")

    assert response.status_code == 404
    assert not RecommendationMessage.objects.exists()


def test_a_message_changes_until_someone_replies(client, thread):
    rec = thread["recommendation"]
    post(client, thread["reviewer"], rec, "Premier jet")
    question = RecommendationMessage.objects.get()
    url = f"/recommendations/messages/{question.pk}/edit/"

    client.post(url, {"body": "Quelles dates ?"})
    question.refresh_from_db()
    assert question.body == "Quelles dates ?"
    assert question.history.count() == 2

    post(client, thread["member"], rec, "Avril.")
    client.force_login(thread["reviewer"])
    refused = client.post(url, {"body": "Tout autre chose"})
    question.refresh_from_db()
    assert refused.status_code == 200 and question.body == "Quelles dates ?"
    assert "ne peut plus changer" in refused.content.decode()
    client.force_login(thread["member"])
    assert client.post(url, {"body": "Pas le mien"}).status_code == 403


def test_the_message_is_markdown_made_safe(client, thread):
    rec = thread["recommendation"]
    post(client, thread["reviewer"], rec, "**Important** <script>alert(1)</script>")

    client.force_login(thread["member"])
    page = client.get(f"/recommendations/{rec.pk}/").content.decode()

    assert "<strong>Important</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_a_draft_has_no_conversation(client, thread):
    rec = thread["recommendation"]
    Recommendation.objects.filter(pk=rec.pk).update(status="draft")

    post(client, thread["member"], rec, "Bonjour")

    assert not RecommendationMessage.objects.exists()


def test_a_reviewer_may_still_decide_while_waiting(thread):
    from roadmaps import services

    rec = thread["recommendation"]
    services.message_post(
        recommendation=rec, author=thread["reviewer"], body="Précisez.", from_reviewer=True
    )
    rec.refresh_from_db()

    services.recommendation_decline(
        recommendation=rec,
        by=thread["reviewer"],
        response="Hors périmètre.",
        review_notes="",
        version=rec.version,
    )

    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.DECLINED
