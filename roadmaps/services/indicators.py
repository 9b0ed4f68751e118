"""Figures and targets. The published figures of roadmaps/data/published/ (with
their provenance, in its README) are loaded through the admin's own import
(roadmaps/resources.py), so that a file ONMT loads later follows the same rules;
targets are set by staff and the market's delegates, with history."""

from pathlib import Path

from django.db import transaction

from core.admin_imports import TolerantCSV
from core.history import record_author
from core.locking import claim_version, save_validated
from core.typing import Actor
from partners.models import Market

from ..models import Target
from ..resources import MarketIndicatorResource

TARGET_FIELDS = ("metric", "year", "value", "share_of_2019", "note")

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "published"
PUBLISHED_FILES = (
    "morocco-tourism-public-figures.csv",
    "morocco-tourism-public-figures-monthly.csv",
)


@transaction.atomic
def indicators_import(*, content: bytes) -> dict[str, int]:
    """Import one CSV file of figures, as the admin does: all of it or none of it
    (a bad row raises, naming it). A figure already there is updated."""
    dataset = TolerantCSV().create_dataset(content)
    result = MarketIndicatorResource().import_data(
        dataset, dry_run=False, raise_errors=True, use_transactions=True
    )
    return {key: result.totals[key] for key in ("new", "update", "skip")}


def published_figures_load() -> dict[str, int]:
    """Load (or bring up to date) the published figures shipped with the portal."""
    totals = {"new": 0, "update": 0, "skip": 0}
    for name in PUBLISHED_FILES:
        for key, count in indicators_import(content=(PUBLISHED / name).read_bytes()).items():
            totals[key] += count
    return totals


@transaction.atomic
def target_create(*, market: Market, fields: dict, by: Actor, is_demo: bool = False) -> Target:
    target = Target(market=market, set_by=by, is_demo=is_demo)
    for name in TARGET_FIELDS:
        setattr(target, name, fields.get(name, getattr(target, name)))
    record_author(by, target)
    return save_validated(target)


@transaction.atomic
def target_update(*, target: Target, version: int, fields: dict, by: Actor) -> Target:
    """What a target measures (metric, year) stays; its level and note change.
    Whoever sets it last is its author; a demonstration target so edited is no
    longer one."""
    claim_version(target, version)
    for name in ("value", "share_of_2019", "note"):
        if name in fields:
            setattr(target, name, fields[name])
    target.set_by = by
    target.is_demo = False
    record_author(by, target)
    return save_validated(target)
