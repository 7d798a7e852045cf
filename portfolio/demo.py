"""A realistic demo portfolio: well-written STAR entries on a bundled framework, with gaps.

The entries come from ``resources/demo/scenarios.json`` (customer-service situations drawn from
the seeds' themes). Asking for more entries than there are scenarios cycles through them with
later dates, which is what the benchmarks use to build large portfolios quickly. The scenarios
leave deliberate gaps (a criterion with no evidence, one evidenced only by drafts, a tag without
a justification, an untagged entry) so every part of the coverage view has something to show.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from portfolio.domain.actor import Actor
from portfolio.domain.dto import LearnerDetails
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.domain.star import SECTION_KEYS
from portfolio.errors import InvalidInputError
from portfolio.frameworks import catalog
from portfolio.progress import CancelToken, ProgressFn, check, report
from portfolio.resources import resource_path
from portfolio.services import audit
from portfolio.services.entries import next_ref_no
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Entry, EvidenceLink

DEMO_LEARNER = LearnerDetails(
    name="Jordan Ellis",
    learner_number="ULN 4821 0093 17",
    centre="Northgate College",
    employer="Fairway Foods Ltd",
)
MAX_DEMO_ENTRIES = 20_000
_START = date(2026, 1, 12)


def load_scenarios() -> tuple[str, list[dict[str, Any]]]:
    """The bundled scenarios and the framework they are tagged against."""
    data = json.loads(resource_path("demo", "scenarios.json").read_text(encoding="utf-8"))
    return data["framework"], data["scenarios"]


def create_demo(
    path: Path | str,
    *,
    entries: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> Portfolio:
    """Create a demo portfolio at ``path`` with ``entries`` entries (default: one per scenario).

    Returns the open Portfolio; the caller closes it.
    """
    framework_id, scenarios = load_scenarios()
    count = len(scenarios) if entries is None else entries
    if count < 0 or count > MAX_DEMO_ENTRIES:
        raise InvalidInputError(f"--entries must be between 0 and {MAX_DEMO_ENTRIES:,}.")
    parsed = [entry_input_from_json(s) for s in scenarios]
    known = {c.id for c in catalog.get_bundled(framework_id).criteria()}
    unknown = {t.criterion for p in parsed for t in p.tags or ()} - known
    if unknown:  # a broken bundled file is a bug, but it must not produce a silently wrong demo
        raise InvalidInputError(f"The demo scenarios name unknown criteria: {sorted(unknown)}.")
    pf = Portfolio.create(path, learner=DEMO_LEARNER, frameworks=[framework_id])
    try:
        actor = Actor(DEMO_LEARNER.name)
        batch = 500
        for start in range(0, count, batch):
            check(cancel)
            with pf.storage.write() as s:
                for number in range(start + 1, min(count, start + batch) + 1):
                    index = (number - 1) % len(scenarios)
                    data = parsed[index]
                    cycle = (number - 1) // len(scenarios)
                    title = data.title if cycle == 0 else f"{data.title} ({cycle + 1})"
                    entry = Entry(
                        ref_no=next_ref_no(s),
                        title=title,
                        event_date=_START + timedelta(days=(number - 1) * 4 % 700),
                        method=data.method,
                        hours=data.hours,
                        status=data.status,
                        witness_name=data.witness.name if data.witness else "",
                        witness_job_title=data.witness.job_title if data.witness else "",
                        witness_relationship=data.witness.relationship if data.witness else "",
                        **{key: data.sections.get(key, "") for key in SECTION_KEYS},
                    )
                    s.add(entry)
                    s.flush()
                    s.add_all(
                        EvidenceLink(
                            entry_id=entry.id,
                            criterion_id=tag.criterion,
                            justification=tag.justification,
                        )
                        for tag in data.tags or ()
                    )
                audit.record(s, actor, "demo.entries", count=min(count, start + batch) - start)
            report(progress, min(count, start + batch), count, "Writing demo entries")
    except BaseException:
        pf.close()
        raise
    return pf
