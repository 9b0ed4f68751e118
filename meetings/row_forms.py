"""The forms of the two editing screens, rebuilt from posted rows (see rows.py).

- PlanningForms: the meeting, its participants (picked by search, with the
  organization of their current mandate) and its agenda;
- OutcomesForms: attendance, minutes and outcomes.

Each is built from the record (first display) or from a POST. A POST is either
a row action (add, remove, move, invite: the forms come back unbound, nothing
validated, everything typed kept) or a save (bound forms, validated, turned into
the service's arguments). The views stay a few lines: permission, forms,
service, answer.
"""

import re

from django.http import QueryDict

from partners.models import Market, Organization, Person
from partners.selectors import mandate_organizations

from . import rows
from .forms import (
    AgendaFormSet,
    AttendanceFormSet,
    MeetingForm,
    MinutesForm,
    OutcomeFormSet,
    ParticipantFormSet,
)
from .models import Meeting, Participant
from .services import AgendaRow, OutcomeRow, ParticipantRow

PARTICIPANT_FIELDS = ["person", "organization"]
AGENDA_FIELDS = ["title", "notes"]
OUTCOME_FIELDS = ["id", "kind", "text", "organization", "market"]


def _posted_ids(rows_read: list[dict], field: str) -> set[int]:
    """The ids the rows name in `field`, leaving out anything that is not a number."""
    return {int(row[field][0]) for row in rows_read if row.get(field) and row[field][0].isdecimal()}


def _first(row: dict, field: str) -> str:
    return (row.get(field) or [""])[0]


def participant_formset(data: QueryDict | None = None, initial: list | None = None):
    """Participant rows, with every row's people and organizations read at once."""
    source = (
        rows.read_rows(data, "participants", PARTICIPANT_FIELDS)
        if data is not None
        else [{"person": [str(row["person"])]} for row in (initial or [])]
    )
    person_ids = _posted_ids(source, "person")
    kwargs = {
        "organization_choices": mandate_organizations(person_ids),
        "people": Person.objects.in_bulk(person_ids),
        "organizations": Organization.objects.in_bulk(_posted_ids(source, "organization")),
    }
    if data is not None:
        return ParticipantFormSet(data, prefix="participants", form_kwargs=kwargs)
    return ParticipantFormSet(initial=initial, prefix="participants", form_kwargs=kwargs)


def invite(data: QueryDict, person_id: str) -> None:
    """Add a person picked in the search to the participants, with their current organization."""
    if not person_id.isdecimal():
        return
    person = Person.objects.active().filter(pk=int(person_id)).first()
    if person is None:
        return
    listed = [row["person"][:1] for row in rows.read_rows(data, "participants", PARTICIPANT_FIELDS)]
    if [str(person.pk)] in listed:
        return
    organizations = mandate_organizations([person.pk])[person.pk]
    rows.append_row(
        data,
        "participants",
        PARTICIPANT_FIELDS,
        {
            "person": [str(person.pk)],
            "organization": [str(organizations[0].pk)] if organizations else [],
        },
    )


class PlanningForms:
    """The planning screen: the meeting's fields, participants and agenda."""

    def __init__(self, form, participants, agenda):
        self.form, self.participants, self.agenda = form, participants, agenda

    @classmethod
    def for_meeting(cls, meeting: Meeting | None) -> "PlanningForms":
        participants, agenda = [], []
        if meeting is not None:
            participants = [
                {"person": p.person_id, "organization": p.organization_id}
                for p in meeting.participants.all()
            ]
            agenda = [{"title": i.title, "notes": i.notes} for i in meeting.agenda_items.all()]
        return cls(
            MeetingForm(instance=meeting),
            participant_formset(initial=participants),
            AgendaFormSet(initial=agenda, prefix="agenda"),
        )

    @classmethod
    def from_post(cls, post: QueryDict, meeting: Meeting | None) -> tuple["PlanningForms", bool]:
        """The forms, and whether the POST was a row action (nothing to save)."""
        data = post.copy()
        action = data.get("action", "save")
        if action.startswith("invite:"):
            invite(data, action.split(":", 1)[1])
        elif not rows.apply_action(
            data, action, {"participants": PARTICIPANT_FIELDS, "agenda": AGENDA_FIELDS}
        ):
            return cls(
                MeetingForm(data, instance=meeting),
                participant_formset(data=data),
                AgendaFormSet(data, prefix="agenda"),
            ), False
        # A row action: shown again with everything typed, not validated yet.
        form_initial = {
            name: data.getlist(name) if name == "markets" else data.get(name)
            for name in [*MeetingForm._meta.fields, "version"]
        }
        participants = [
            {"person": row["person"][0], "organization": _first(row, "organization")}
            for row in rows.read_rows(data, "participants", PARTICIPANT_FIELDS)
            if row["person"]
        ]
        agenda = [
            {"title": _first(row, "title"), "notes": _first(row, "notes")}
            for row in rows.read_rows(data, "agenda", AGENDA_FIELDS)
        ]
        return cls(
            MeetingForm(initial=form_initial, instance=meeting),
            participant_formset(initial=participants),
            AgendaFormSet(initial=agenda, prefix="agenda"),
        ), True

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.participants.is_valid(), self.agenda.is_valid()])

    def service_arguments(self) -> dict:
        return {
            "fields": self.form.cleaned_data,
            "markets": self.form.cleaned_data["markets"],
            "participants": [
                ParticipantRow(f.cleaned_data["person"], f.cleaned_data["organization"])
                for f in self.participants.forms
                if f.cleaned_data.get("person")
            ],
            "agenda": [
                AgendaRow(f.cleaned_data["title"], f.cleaned_data["notes"])
                for f in self.agenda.forms
                if f.cleaned_data.get("title")
            ],
        }

    def context(self) -> dict:
        return {"form": self.form, "participants": self.participants, "agenda": self.agenda}


def _organization_labels(data: QueryDict | None, initial: list | None) -> dict[int, str]:
    """The organizations the outcome rows name, read in one query for their pickers."""
    if data is not None:
        named = [data.get(key) for key in data if re.fullmatch(r"outcomes-\d+-organization", key)]
    else:
        named = [row.get("organization") for row in initial or []]
    ids = {int(value) for value in named if str(value).isdecimal()}
    return {o.pk: str(o) for o in Organization.objects.filter(pk__in=ids)} if ids else {}


def outcome_formset(data: QueryDict | None = None, initial: list | None = None):
    kwargs = {
        "organization_labels": _organization_labels(data, initial),
        "markets": list(Market.objects.all()),
    }
    if data is not None:
        return OutcomeFormSet(data, prefix="outcomes", form_kwargs=kwargs)
    return OutcomeFormSet(initial=initial, prefix="outcomes", form_kwargs=kwargs)


class OutcomesForms:
    """The outcomes screen: attendance, minutes and outcomes."""

    def __init__(self, minutes, attendance, outcomes, participants: list[Participant]):
        self.minutes, self.attendance, self.outcomes = minutes, attendance, outcomes
        self.participants = participants

    @classmethod
    def for_meeting(cls, meeting: Meeting, participants: list[Participant]) -> "OutcomesForms":
        return cls(
            MinutesForm(initial={"version": meeting.version, "minutes": meeting.minutes}),
            AttendanceFormSet(
                initial=[
                    {"participant": p.pk, "attendance": p.expected_attendance} for p in participants
                ],
                prefix="attendance",
            ),
            outcome_formset(
                initial=[
                    {
                        "id": o.pk,
                        "kind": o.kind,
                        "text": o.text,
                        "organization": o.organization_id,
                        "market": o.market_id,
                    }
                    for o in meeting.outcomes.all()
                ]
            ),
            participants,
        )

    @classmethod
    def from_post(
        cls, post: QueryDict, participants: list[Participant]
    ) -> tuple["OutcomesForms", bool]:
        """The forms, and whether the POST was a row action (nothing to save)."""
        data = post.copy()
        attendance = AttendanceFormSet(data, prefix="attendance")
        if not rows.apply_action(data, data.get("action", "save"), {"outcomes": OUTCOME_FIELDS}):
            return cls(
                MinutesForm(data), attendance, outcome_formset(data=data), participants
            ), False
        minutes = MinutesForm(
            initial={"version": data.get("version"), "minutes": data.get("minutes")}
        )
        outcomes = outcome_formset(
            initial=[
                {field: _first(row, field) for field in OUTCOME_FIELDS}
                for row in rows.read_rows(data, "outcomes", OUTCOME_FIELDS)
            ]
        )
        return cls(minutes, attendance, outcomes, participants), True

    def is_valid(self) -> bool:
        return all([self.minutes.is_valid(), self.attendance.is_valid(), self.outcomes.is_valid()])

    def service_arguments(self) -> dict:
        return {
            "version": self.minutes.cleaned_data["version"],
            "attendance": {
                f.cleaned_data["participant"]: f.cleaned_data["attendance"]
                for f in self.attendance.forms
            },
            "minutes": self.minutes.cleaned_data["minutes"],
            "outcomes": [
                OutcomeRow(
                    kind=f.cleaned_data["kind"],
                    text=f.cleaned_data["text"],
                    organization=f.cleaned_data["organization"],
                    market=f.cleaned_data["market"],
                    id=f.cleaned_data["id"],
                )
                for f in self.outcomes.forms
                if f.cleaned_data.get("kind")
            ],
        }

    def context(self) -> dict:
        by_id = {participant.pk: participant for participant in self.participants}
        attendance_rows = []
        for form in self.attendance.forms:
            value = form["participant"].value()
            participant = by_id.get(int(value)) if str(value).isdecimal() else None
            if participant is not None:
                attendance_rows.append((participant, form))
        return {
            "minutes_form": self.minutes,
            "attendance": self.attendance,
            "attendance_rows": attendance_rows,
            "outcomes": self.outcomes,
        }
