"""A realistic demo portfolio: well-written STAR entries on a bundled framework, with gaps.

The entries come from ``resources/demo/scenarios.json`` (customer-service situations drawn from
the seeds' themes). Asking for more entries than there are scenarios cycles through them with
later dates, which is what the benchmarks use to build large portfolios quickly. The scenarios
leave deliberate gaps (a criterion with no evidence, one evidenced only by drafts, a tag without
a justification, an untagged entry) so every part of the coverage view has something to show.

With ``attachments=True`` a share of the entries also carry workplace documents
(portfolio.demo_documents: a greeting script, a complaint flowchart, a Challenge 25 notice and a
few shift handover notes). Each distinct document goes through the attachment service once, so
it is anonymised exactly as a learner's would be; later uses of the same document share its
stored blob, as the service itself does, in batched writes that keep 5,000 entries quick.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from portfolio import demo_documents
from portfolio.domain.dto import LearnerDetails
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError
from portfolio.frameworks import catalog
from portfolio.progress import CancelToken, ProgressFn, check, report
from portfolio.resources import resource_path
from portfolio.services.attachments import AttachResult
from portfolio.services.portfolio import Portfolio

DEMO_LEARNER = LearnerDetails(
    name="Jordan Ellis",
    learner_number="ULN 4821 0093 17",
    centre="Northgate College",
    employer="Fairway Foods Ltd",
    registration_number="ICQ-26-0417823",
    centre_number="61203",
    qualification="iCQ Level 2 Certificate in WorkSkills",
    assessor="Sam Patel",
    iqa="Ruth Evans",
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
    attachments: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> Portfolio:
    """Create a demo portfolio at ``path`` with ``entries`` entries (default: one per scenario),
    with workplace documents attached to a share of them when ``attachments`` is true.

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
        batch = 500
        created: list[tuple[str, int, int]] = []  # (entry id, scenario index, cycle)
        for start in range(0, count, batch):
            check(cancel)
            last = min(count, start + batch)
            plan = [
                ((n - 1) % len(scenarios), (n - 1) // len(scenarios))
                for n in range(start + 1, last + 1)
            ]
            items = [
                replace(
                    parsed[index],
                    title=parsed[index].title
                    if cycle == 0
                    else f"{parsed[index].title} ({cycle + 1})",
                    event_date=_START + timedelta(days=(start + offset) * 4 % 700),
                )
                for offset, (index, cycle) in enumerate(plan)
            ]
            ids = pf.entries.add_batch(items, action="demo.entries").value
            created.extend(
                (entry_id, index, cycle) for entry_id, (index, cycle) in zip(ids, plan, strict=True)
            )
            report(progress, last, count, "Writing demo entries")
        if attachments:
            titles = [p.title for p in parsed]
            _attach_documents(pf, created, titles, progress=progress, cancel=cancel)
    except BaseException:
        pf.close()
        raise
    return pf


def _document_key(title: str, cycle: int) -> tuple[str, int] | None:
    """Which document (if any) an entry on this scenario carries; None for most entries."""
    title = title.lower()
    if "greeting" in title:
        return ("greeting", 0)
    if "complaint" in title or "late" in title or "wrong order" in title:
        return ("flowchart", 0)
    if "challenge 25" in title:
        return ("notice", 0)
    if "click and collect" in title:  # the first five cycles each carry a different note
        return ("handover", cycle % 5 + 1)
    return None


def _make_document(key: tuple[str, int]) -> demo_documents.DemoDocument:
    kind, number = key
    if kind == "greeting":
        return demo_documents.greeting_script()
    if kind == "flowchart":
        return demo_documents.complaint_flowchart()
    if kind == "notice":
        return demo_documents.challenge_25_notice()
    return demo_documents.handover_note(number)


def _attach_documents(
    pf: Portfolio,
    created: list[tuple[str, int, int]],
    titles: list[str],
    *,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> None:
    """Attach the demo documents: each distinct one through the service (anonymised, audited),
    then every further use as one more attachment sharing its blob, in batched writes."""
    stored: dict[tuple[str, int], tuple[AttachResult, str]] = {}
    reuses: list[tuple[str, AttachResult, str]] = []
    for entry_id, index, cycle in created:
        key = _document_key(titles[index], cycle)
        if key is None:
            continue
        if key in stored:
            result, note = stored[key]
            reuses.append((entry_id, result, note))
            continue
        check(cancel)
        document = _make_document(key)
        result = pf.attachments.attach(
            entry_id=entry_id, data=document.data, filename=document.filename, note=document.note
        )
        stored[key] = (result, document.note)
    batch = 500
    for start in range(0, len(reuses), batch):
        check(cancel)
        chunk = reuses[start : start + batch]
        pf.attachments.share(chunk, action="demo.attachments")
        report(progress, start + len(chunk), len(reuses), "Attaching demo documents")
