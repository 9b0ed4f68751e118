from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"
    verbose_name = _("Roadmaps")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import outbox, pickers, prepared_exports
        from meetings.extensions import register_meeting_panel
        from partners.extensions import register_holding, register_organization_panel

        from . import exports, holdings, kept_pages, notices, panels, permissions, selectors
        from .models import Recommendation
        from .selectors.figures import invalidate_recommendation_figures

        outbox.register(notices.DECISION, notices.build_decision)
        outbox.register(notices.ACTION_DONE, notices.build_action_done)
        outbox.register(notices.MESSAGE, notices.build_message)
        prepared_exports.register(
            exports.RECOMMENDATIONS,
            build=exports.recommendation_sheets,
            allowed=exports.may_export_recommendations,
        )
        prepared_exports.register(
            exports.DOSSIER, build=exports.dossier_sheets, allowed=exports.may_export_dossier
        )
        # The review form's choices: scoped by the recommendation (?recommendation=<pk>).
        pickers.register(
            "decision-roadmaps",
            allowed=permissions.can_pick_for_decision,
            search=selectors.recommendations.picker_decision_roadmaps,
            scoped=True,
        )
        pickers.register(
            "decision-milestones",
            allowed=permissions.can_pick_for_decision,
            search=selectors.recommendations.picker_decision_milestones,
            label=selectors.recommendations.decision_milestone_label,
            scoped=True,
        )
        for holding in holdings.HOLDINGS:
            register_holding(holding)
        register_meeting_panel("detail", panels.meeting_followups)
        register_meeting_panel("outcomes", panels.meeting_followup_form)
        register_organization_panel(panels.organization_recommendations)
        register_organization_panel(panels.organization_open_work)
        register_organization_panel(panels.organization_expectations)

        uid = "roadmaps.figures"
        post_save.connect(invalidate_recommendation_figures, Recommendation, dispatch_uid=uid)
        post_delete.connect(invalidate_recommendation_figures, Recommendation, dispatch_uid=uid)
        m2m_changed.connect(
            invalidate_recommendation_figures, Recommendation.markets.through, dispatch_uid=uid
        )
        # Every model: the receiver picks the apps the kept pages read.
        uid = "roadmaps.kept_pages"
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(kept_pages.invalidate_kept_pages, dispatch_uid=uid)
