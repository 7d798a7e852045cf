"""What the learner chose to put in an export: units, drafts, feedback, attachments, employer,
and the optional progress charts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices for one export; the defaults give the whole portfolio as a learner submits it.

    ``units`` is None for every enrolled unit, or the ids (or references such as "BWRC") of
    the units to include. With units chosen, only entries tagged to those units are exported.
    """

    units: tuple[str, ...] | None = None
    include_drafts: bool = True
    include_feedback: bool = True
    include_attachments: bool = True
    show_employer: bool = False
    include_charts: bool = False  # the progress charts section (issue 21), off by default
