"""One portfolio holding every assessment state, built through the services as people would:

- unit BWRC (icq-bwrc-l2): signed off, then the learner rewrote one piece of evidence, so its
  judgements on that entry are stale and the sign-off is void; an IQA referred the judgement of
  another criterion; the rest stay met;
- unit DSPRC (sustaining-customer-relationships): signed off (with a signature) and valid, an
  IQA agreed;
- unit EMPRC (professional-customer-relationships): one criterion with a draft only, one with
  a ready entry (claimed), one judged not yet met, the rest with no evidence;
- unit RCS (tests.helpers.sufficiency, a framework with evidence rules): 1.1 insufficient (one
  piece, the rule wants two), 2.1 insufficient (no observation), 2.2 claimed on an entry and
  the assessor's signed observation record, 1.2 with no evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.frameworks.loader import parse_framework
from portfolio.services import identity
from portfolio.services.portfolio import Portfolio
from tests.helpers import sufficiency
from tests.helpers.assessment import (
    ASSESSOR,
    IQA,
    PASSPHRASE,
    TEXT,
    add_ready_entry,
    make_signed_off,
)

BWRC = "icq-bwrc-l2.u1"
DSPRC = "sustaining-customer-relationships.u1"
EMPRC = "professional-customer-relationships.u1"
EMPRC_DRAFT = f"{EMPRC}.lo1.ac1"
EMPRC_CLAIMED = f"{EMPRC}.lo1.ac2"
EMPRC_NOT_YET = f"{EMPRC}.lo2.ac1"
RCS = sufficiency.UNIT
OBSERVED_SEEN = "Dealt calmly with a customer's complaint at the returns desk."


@dataclass(frozen=True)
class EveryState:
    path: Path
    stale: tuple[str, ...]  # criterion ids whose judgement is stale
    referred: str  # the criterion whose judgement the IQA referred


def build_every_state(path: Path) -> EveryState:
    with Portfolio.open(path) as pf:
        pf.enrolment.enrol("sustaining-customer-relationships")
        pf.enrolment.enrol("professional-customer-relationships")
        pf.frameworks_admin.import_framework(
            parse_framework(sufficiency.ruled_document(), "ruled.json")
        )
    sufficiency.add_entry(path, [sufficiency.C11, sufficiency.C21, sufficiency.C22])
    with Portfolio.open(path, actor=ASSESSOR) as pf:
        pf.reviewing.sign_with(identity.unlock(ASSESSOR.name, PASSPHRASE))
        pf.reviewing.observe(
            observed_on=date(2026, 11, 20),
            place="Returns desk, Brightmart",
            seen=OBSERVED_SEEN,
            criteria=[sufficiency.C22],
        )
    make_signed_off(path, DSPRC, signed=True)
    make_signed_off(path, BWRC)
    with Portfolio.open(path, actor=IQA) as pf:
        pf.reviewing.sample(target=DSPRC, decision="agree", reason="Sound decisions")
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
        bwrc = [c for c in report.criteria if c.unit_id == BWRC]
        # The learner rewrites the evidence of the first criterion after sign-off.
        edited = bwrc[0].evidence[0]
        pf.entries.update(entry_id=edited, sections={"result": "Rewritten after sign-off."})
        report = pf.coverage.report()
        stale = tuple(
            c.id for c in report.criteria if c.judgement is not None and c.judgement.stale
        )
        referred = next(
            c.id for c in report.criteria if c.unit_id == BWRC and c.status.value == "met"
        )
        draft = pf.entries.add(entry_input_from_json({"title": "Half written", "tags": []})).value
        pf.tagging.tag(entry_id=draft.id, criterion=EMPRC_DRAFT, justification="Will show")
    add_ready_entry(path, [EMPRC_CLAIMED, EMPRC_NOT_YET], title="Ready, awaiting a decision")
    with Portfolio.open(path, actor=IQA) as pf:
        pf.reviewing.sample(target=referred, decision="refer", reason="Evidence is thin")
    with Portfolio.open(path, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion=EMPRC_NOT_YET, judgement="not-yet", reason="Needs a witness")
    assert TEXT  # the ready entries carry real text (tests.helpers.assessment)
    return EveryState(path=path, stale=stale, referred=referred)
