"""Existing figures get the definition their metric had (the demonstration series
of the first version is marked as such), and milestones of active roadmaps keep
their current due date as their baseline."""

from django.db import migrations, models
from django.db.models import F

BY_METRIC = {
    "arrivals": "arrivals_tes",
    "overnight_stays": "nights_classified",
    "receipts_mad": "travel_receipts",
}
DEMO_SOURCE = "Données de démonstration (non officielles)"


def forwards(apps, schema_editor):
    MarketIndicator = apps.get_model("roadmaps", "MarketIndicator")
    for metric, definition in BY_METRIC.items():
        MarketIndicator.objects.filter(metric=metric).update(definition=definition)
    MarketIndicator.objects.filter(metric="arrivals", market__code="MRE").update(
        definition="arrivals_mre"
    )
    MarketIndicator.objects.filter(source=DEMO_SOURCE).update(is_demo=True)
    Milestone = apps.get_model("roadmaps", "Milestone")
    Milestone.objects.filter(roadmap__status="active", baseline_due_date__isnull=True).update(
        baseline_due_date=F("due_date")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('roadmaps', '0010_published_figures_targets_baselines'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalmarketindicator',
            name='definition',
            field=models.CharField(choices=[('arrivals_tes', 'Arrivals of foreign tourists (TES) at border posts'), ('arrivals_mre', 'Arrivals of Moroccans resident abroad (MRE)'), ('arrivals_all', 'All arrivals at border posts (TES and MRE)'), ('nights_classified', 'Nights in classified accommodation'), ('travel_receipts', 'Travel receipts (Office des Changes)')], max_length=32, verbose_name='definition'),
        ),
        migrations.AlterField(
            model_name='marketindicator',
            name='definition',
            field=models.CharField(choices=[('arrivals_tes', 'Arrivals of foreign tourists (TES) at border posts'), ('arrivals_mre', 'Arrivals of Moroccans resident abroad (MRE)'), ('arrivals_all', 'All arrivals at border posts (TES and MRE)'), ('nights_classified', 'Nights in classified accommodation'), ('travel_receipts', 'Travel receipts (Office des Changes)')], max_length=32, verbose_name='definition'),
        ),
    ]
