"""Admin import/export of market indicators (CSV/XLSX): preview, row errors,
nothing written from a file with a bad row, a re-import updates what it matches.
seed_demo loads the published figures (roadmaps/data/published/) through the same
resource (roadmaps/services/indicators.py).

Columns: market, metric, year, month (empty: the whole year), value, definition,
source, confidence, is_demo. A definition may be given by its code, its label in
French, Arabic or English, or the wording of the published files. Within a
market and metric, every figure shares one definition (MarketIndicator.clean):
a row that would mix two in one ratio is refused, and named.
"""

from import_export import fields, widgets

from core.admin_imports import ChoiceWidget, InertExportResource, LookupWidget
from partners.models import Market

from .models import Definition, MarketIndicator, Metric

# How the published files (roadmaps/data/published/) word each definition.
DEFINITION_WORDINGS = {
    "Arrivals at border posts: foreign tourists (TES) by nationality": Definition.ARRIVALS_TES,
    "Arrivals at border posts: Moroccans resident abroad (MRE)": Definition.ARRIVALS_MRE,
    "Arrivals at border posts: TES + MRE": Definition.ARRIVALS_ALL,
    "Nights in classified tourist accommodation (EHTC), by nationality": (
        Definition.NIGHTS_CLASSIFIED
    ),
    "Nights in classified tourist accommodation (EHTC), by nationality, all": (
        Definition.NIGHTS_CLASSIFIED
    ),
    "Nights in classified accommodation by residents of Morocco": Definition.NIGHTS_CLASSIFIED,
    "Nights in classified accommodation by residents of Morocco (domestic market)": (
        Definition.NIGHTS_CLASSIFIED
    ),
    "Travel receipts (recettes voyages), Office des Changes, MAD": Definition.TRAVEL_RECEIPTS,
    "Travel receipts (recettes voyages), MAD, rounded": Definition.TRAVEL_RECEIPTS,
    "Travel receipts (recettes voyages), MAD (source in million MAD)": (Definition.TRAVEL_RECEIPTS),
}


class DefinitionWidget(ChoiceWidget):
    """A definition's code or label in any of the portal's languages, or its wording
    in the published files."""

    def _lookup(self):
        table = super()._lookup()
        table.update({wording.lower(): value for wording, value in DEFINITION_WORDINGS.items()})
        return table


class OptionalMonthWidget(widgets.IntegerWidget):
    """Empty: the figure is for the whole year."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row=row, **kwargs) if str(value or "").strip() else None


class DemoWidget(widgets.BooleanWidget):
    """Empty means published; yes/oui/1/true marks a demonstration value."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        return text in {"1", "true", "yes", "oui", "vrai", "x", "نعم"}


class MarketIndicatorResource(InertExportResource):
    market = fields.Field("market", "market", widget=LookupWidget(Market, "code", also=("name",)))
    metric = fields.Field("metric", "metric", widget=ChoiceWidget(Metric.choices))
    definition = fields.Field(
        "definition", "definition", widget=DefinitionWidget(Definition.choices)
    )
    year = fields.Field("year", "year", widget=widgets.IntegerWidget())
    month = fields.Field("month", "month", widget=OptionalMonthWidget())
    value = fields.Field("value", "value", widget=widgets.DecimalWidget())
    is_demo = fields.Field("is_demo", "is_demo", widget=DemoWidget())

    class Meta:
        model = MarketIndicator
        fields = (
            "market",
            "metric",
            "year",
            "month",
            "value",
            "definition",
            "source",
            "confidence",
            "is_demo",
        )
        import_id_fields = ("market", "metric", "definition", "year", "month", "is_demo")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        for optional in ("month", "confidence", "is_demo"):
            if optional not in dataset.headers:
                dataset.append_col([""] * len(dataset), header=optional)
        return super().before_import(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            lookup = {name: self.fields[name].clean(row) for name in self._meta.import_id_fields}
        except (ValueError, KeyError):
            return None  # the row's own validation says what is wrong
        return MarketIndicator.objects.filter(**lookup).first()
