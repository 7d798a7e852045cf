"""How many of each thing one portfolio file may hold, in one place (issue 20).

Every count a file can carry has a ceiling far above real use (a learner writes tens to a few
hundred entries over a qualification; the benchmarks go to 5,000) and far below what would make
a save hold the write lock for minutes or a merge exhaust memory. The services refuse a change
that would pass one, with a sentence naming the limit; a file from elsewhere (a reviewed copy, a
group folder) that already holds more is refused before anything is read from it. The README's
"Limits" table states the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.errors import InvalidInputError

MAX_ENTRIES = 20_000
MAX_TAGS_PER_ENTRY = 200
MAX_ATTACHMENTS_PER_ENTRY = 50
MAX_ATTACHMENTS = 20_000
MAX_COMMENTS_PER_ENTRY = 1_000
MAX_COMMENTS = 200_000
MAX_JUDGEMENTS = 200_000
MAX_SIGNOFFS = 20_000
MAX_FRAMEWORKS = 50
MAX_CRITERIA = 50_000
MAX_TERMS = 2_000
MAX_AUDIT_EVENTS = 2_000_000


@dataclass(frozen=True, slots=True)
class TableLimit:
    table: str
    limit: int
    what: str  # plural noun for messages


# The rows a file may hold per table (checked on files from elsewhere before reading them).
TABLE_LIMITS: tuple[TableLimit, ...] = (
    TableLimit("entry", MAX_ENTRIES, "entries"),
    TableLimit("evidence_link", MAX_ENTRIES * MAX_TAGS_PER_ENTRY // 20, "criterion tags"),
    TableLimit("attachment", MAX_ATTACHMENTS, "attachments"),
    TableLimit("blob", MAX_ATTACHMENTS, "attached documents"),
    TableLimit("feedback", MAX_COMMENTS, "comments"),
    TableLimit("criterion_judgement", MAX_JUDGEMENTS, "judgements"),
    TableLimit("signoff", MAX_SIGNOFFS, "sign-offs"),
    TableLimit("framework", MAX_FRAMEWORKS, "qualifications"),
    TableLimit("criterion", MAX_CRITERIA, "criteria"),
    TableLimit("anonymisation_term", MAX_TERMS, "anonymisation terms"),
    TableLimit("kept_text", MAX_TERMS, "kept words"),
    TableLimit("audit_event", MAX_AUDIT_EVENTS, "history events"),
    TableLimit("learner", 1, "learners"),
    # The off-the-job log's own limits live in services/otj.py (20,000 activities, 50 criteria
    # each, 40 categories); files from elsewhere are held to the same.
    TableLimit("otj_activity", 20_000, "off-the-job activities"),
    TableLimit("otj_activity_criterion", 20_000 * 50, "off-the-job criterion links"),
    TableLimit("otj_category", 40, "off-the-job categories"),
    TableLimit("otj_plan", 10, "off-the-job plans"),
)


def check_count(count: int, limit: int, what: str, where: str = "a portfolio") -> None:
    """Raise InvalidInputError if ``count`` things would pass ``limit``."""
    if count > limit:
        raise InvalidInputError(
            f"That would make {count:,} {what} in {where}; the limit is {limit:,}. "
            "Nothing was changed."
        )
