"""Every write to meetings goes through here, by concern: planning (create,
edit, participants, agenda), outcomes (attendance, minutes, outcomes), the
lifecycle (held, published, cancelled), invitations (notices, hand-overs) and
the invitees' answers.

`by` is the user acting: recorded as the author of each change (history) and,
on creation, as the meeting's creator.
"""

from .invitations import invitations_transfer
from .lifecycle import meeting_cancel, meeting_check_changeable, meeting_mark_held, meeting_publish
from .outcomes import meeting_log_outcomes, outcome_close, outcome_reopen
from .planning import (
    SCHEDULE_FIELDS,
    AgendaRow,
    OutcomeRow,
    ParticipantRow,
    meeting_create,
    meeting_update,
)
from .responses import answers_open, participant_respond, responses_reset, substitutes_for

__all__ = [
    "SCHEDULE_FIELDS",
    "AgendaRow",
    "OutcomeRow",
    "ParticipantRow",
    "answers_open",
    "invitations_transfer",
    "meeting_cancel",
    "meeting_check_changeable",
    "meeting_create",
    "meeting_log_outcomes",
    "meeting_mark_held",
    "meeting_publish",
    "meeting_update",
    "outcome_close",
    "outcome_reopen",
    "participant_respond",
    "responses_reset",
    "substitutes_for",
]
