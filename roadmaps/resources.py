"""Admin import/export of market indicators (CSV/XLSX): preview, row errors, nothing
written from a file with a bad row, re-import updates the same month."""

from import_export import fields, resources, widgets

from partners.models import Market
from partners.resources import EXPORT_FORMATS, IMPORT_FORMATS, ChoiceWidget, LookupWidget

from .models import MarketIndicator

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "MarketIndicatorResource"]


class MarketIndicatorResource(resources.ModelResource):
    market = fields.Field("market", "market", widget=LookupWidget(Market, "code", also=("name",)))
    metric = fields.Field("metric", "metric", widget=ChoiceWidget(MarketIndicator.Metric.choices))
    year = fields.Field("year", "year", widget=widgets.IntegerWidget())
    month = fields.Field("month", "month", widget=widgets.IntegerWidget())
    value = fields.Field("value", "value", widget=widgets.DecimalWidget())

    class Meta:
        model = MarketIndicator
        fields = ("market", "metric", "year", "month", "value", "source")
        import_id_fields = ("market", "metric", "year", "month")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_instance(self, instance_loader, row):
        try:
            lookup = {name: self.fields[name].clean(row) for name in self._meta.import_id_fields}
        except (ValueError, KeyError):
            return None  # the row's own validation says what is wrong
        return MarketIndicator.objects.filter(**lookup).first()
