"""The submitter hears of each decision once, after commit, in their language."""

import pytest
from django.db import transaction

from roadmaps import services

from ..helpers.factories import (
    MarketFactory,
    PersonFactory,
    RecommendationFactory,
    RoadmapFactory,
    UserFactory,
)
from ..helpers.mail import read_mails, wait_for
from ..helpers.workers import purge_default_queue, queued, start_worker, stop_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_decision_sends_one_email_after_commit(tmp_path, mail_dir):
    purge_default_queue()
    staff = UserFactory(username="reviewer")
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    arabic = PersonFactory(email="ar@example.ma", language="ar")
    french = PersonFactory(email="fr@example.ma", language="fr")
    accepted = RecommendationFactory(status="under_review", author=arabic, markets=[roadmap.market])
    declined = RecommendationFactory(status="under_review", author=french, markets=[roadmap.market])

    with pytest.raises(RuntimeError), transaction.atomic():
        services.recommendation_decline(recommendation=declined, by=staff, response="Non.")
        raise RuntimeError("rolled back")
    assert queued() == 0

    services.recommendation_accept(
        recommendation=accepted,
        by=staff,
        response="Retenue.",
        new_milestone=services.NewMilestone(
            roadmap=roadmap, title="Campagne", due_date=roadmap.starts_on, owner=roadmap.owner
        ),
    )
    services.recommendation_decline(recommendation=declined, by=staff, response="Hors périmètre.")
    assert queued() == 2

    worker = start_worker(tmp_path, extra_env={"EMAIL_FILE_PATH": str(mail_dir)})
    try:
        mails = wait_for(lambda: len(read_mails(mail_dir)) >= 2 and read_mails(mail_dir))
    finally:
        stop_worker(worker)

    by_recipient = {mail["To"]: mail for mail in mails}
    assert len(mails) == 2
    # A long non-ASCII subject is folded onto its own line: unfolding leaves a space.
    assert by_recipient["ar@example.ma"]["Subject"].strip().startswith("قبول التوصية")
    assert by_recipient["fr@example.ma"]["Subject"].startswith("Recommandation refusée")
    body = by_recipient["fr@example.ma"].get_body(("plain",)).get_content()
    assert "Hors périmètre." in body
    assert f"/recommendations/{declined.pk}/" in body
