"""The assessment rules, written once: what counts as evidence, which judgement is in force, when a
judgement is stale, and whether a unit sign-off still stands.

Coverage, the CLI, the group overview, the PDF and the app all ask these functions; none of them
decides for itself (issue 13: the record must never say more than it holds). Plain Python over
the frozen records of ``portfolio.domain.records``, so every rule is tested without a database.

The rules, in the words a centre's quality manager would use:

- Only an entry marked ready for review that has text counts as evidence. A criterion whose only
  evidence is in drafts is "draft evidence only", never "evidence claimed".
- The judgement in force for a criterion is the latest one by an assessor. Tutors and IQAs do not
  judge; an IQA's sample is recorded against the assessor's decision and never replaces it.
- A judgement records each entry it was made on with a fingerprint of that entry (text, method,
  date, witness, status, tags, attachments). If any of them changes or is deleted, the judgement
  is stale: "met" falls back to "claimed", "evidence changed since judged on DATE". A judgement
  recorded before judgements kept their evidence (files made before migration 0004) is stale:
  nobody can show what it was made on.
- "Met" needs at least one piece of evidence; a sign-off needs every criterion of the unit judged
  met on current evidence. A sign-off is void when anything it recorded changes (an entry, or the
  judgement in force for one of its criteria), when an IQA refers it or a judgement it rests on,
  or when it was recorded before sign-offs kept their evidence.
- An IQA referral reopens the decision it names: a referred judgement no longer makes its
  criterion met, and a referred sign-off is void, until the assessor decides again.
- A decision is "verified" when it carries its reviewer's signature and the signature matches
  it; a decision whose signature does not match was changed after signing: a judgement is then
  stale and a sign-off void, saying so.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from portfolio.domain.enums import (
    CriterionState,
    EntryStatus,
    EvidenceMethod,
    Judgement,
    ReviewerRole,
)
from portfolio.domain.records import (
    EntryFacts,
    EvidenceStamp,
    JudgementRec,
    ObservationRec,
    SampleRec,
    SignOffRec,
)
from portfolio.domain.sufficiency import SufficiencyRule, method_label, pieces_words

# Version of the entry fingerprint below; stored beside each stamp so a later change to what is
# hashed can tell old stamps apart instead of voiding them all silently.
ENTRY_FINGERPRINT_VERSION = 2
# What strip() removes in Python and trim(x, TEXT_WHITESPACE) removes in SQLite: the loader asks
# SQLite whether an entry has text without reading the text into Python.
TEXT_WHITESPACE = " \t\r\n"

AGREE, REFER = "agree", "refer"
# A decision's signature state (the strings of portfolio.review.signing, which the loader sets).
SIGNATURE_VERIFIED, SIGNATURE_TAMPERED = "verified", "tampered"
UNVERIFIED_SIGNER = "unverified-signer"  # portfolio.review.roster's word for a key not listed
TAMPERED_WORDS = "its signature does not match: the record was changed after it was signed"
VALID, VOID = "valid", "void"
JUDGEMENT_TARGET, SIGNOFF_TARGET = "judgement", "signoff"

# Who may do what (issue 13 item 4): the learner writes, a tutor comments, an assessor judges and
# signs off, an IQA samples. Everyone named may reply to feedback.
PERMISSIONS: Mapping[str, frozenset[str]] = {
    ReviewerRole.TUTOR.value: frozenset({"comment"}),
    ReviewerRole.ASSESSOR.value: frozenset({"comment", "judge", "signoff", "observe"}),
    ReviewerRole.IQA.value: frozenset({"comment", "sample"}),
}
ACTION_WORDS = {
    "comment": "comment on entries",
    "judge": "judge criteria",
    "signoff": "sign off units",
    "sample": "sample decisions",
    "observe": "record observations",
}
ALLOWED_ROLES = {
    "comment": "a tutor, assessor or internal quality assurer",
    "judge": "an assessor",
    "signoff": "an assessor",
    "sample": "an internal quality assurer",
    "observe": "an assessor",
}


def is_verified(signature_state: str, signer: str) -> bool:
    """A decision is verified when its signature matches it and its signer is not unknown to
    the imported centre roster ("unverified signer")."""
    return signature_state == SIGNATURE_VERIFIED and signer != UNVERIFIED_SIGNER


def day(value: date | datetime | None) -> str:
    """A date as people write it in a record: 3 December 2026."""
    return f"{value.day} {value:%B %Y}" if value else ""


# -- what counts as evidence --------------------------------------------------------------------


def counts_as_evidence(status: str, has_text: bool) -> bool:
    """Only an entry marked ready for review that has text is evidence."""
    return status == EntryStatus.READY.value and has_text


def has_text(sections: Iterable[str]) -> bool:
    """True when any STAR section holds more than whitespace (the title alone is not evidence)."""
    return any(section.strip(TEXT_WHITESPACE) for section in sections)


def entry_fingerprint(entry: EntryFacts) -> str:
    """SHA-256 (hex) of everything about an entry a decision rests on.

    Text (title and every section), method, date, witness, status, tags (criterion and
    justification) and attachments (content hash, name, note). Never row order, timestamps or the
    machine, so a stamp made on a reviewer's copy matches in the learner's file after a merge.
    """
    return combine_fingerprint(entry_core_digest(entry), entry.tags, entry.attachments)


def entry_core_digest(entry: EntryFacts) -> str:
    """The part of the fingerprint held in the entry's own row (text, method, date, witness,
    status): a reader may keep it while the row's ``updated_at`` is unchanged."""
    canonical = [
        ENTRY_FINGERPRINT_VERSION,
        entry.id,
        entry.title,
        list(entry.sections),
        entry.method,
        entry.event_date.isoformat() if entry.event_date else None,
        list(entry.witness),
        entry.status,
    ]
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def combine_fingerprint(
    core: str, tags: Iterable[tuple[str, str]], attachments: Iterable[str]
) -> str:
    """The entry fingerprint from its row's digest, its tags and its attachments."""
    canonical = [core, sorted([list(tag) for tag in tags]), sorted(attachments)]
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def stamps_for(entries: Iterable[EntryFacts]) -> tuple[EvidenceStamp, ...]:
    """The evidence stamps a decision records for ``entries`` (by reference order)."""
    return tuple(
        EvidenceStamp(entry_id=e.id, ref=f"E{e.ref_no}", fingerprint=entry_fingerprint(e))
        for e in sorted(entries, key=lambda e: e.ref_no)
    )


def stamps_to_json(stamps: Sequence[EvidenceStamp]) -> str:
    return json.dumps(
        [{"entry": s.entry_id, "ref": s.ref, "fp": s.fingerprint} for s in stamps],
        separators=(",", ":"),
    )


def stamps_from_json(text: str | None) -> tuple[EvidenceStamp, ...] | None:
    """Stamps stored with a decision; None for a decision recorded before they were kept (or a
    value that is not a list of stamps, which is treated the same: nothing can be shown)."""
    if text is None:
        return None
    return _parse_stamps(text)


@lru_cache(maxsize=4096)
def _parse_stamps(text: str) -> tuple[EvidenceStamp, ...] | None:
    # Decisions are never edited, so the same text always means the same stamps: every report
    # re-reads them, and parsing a judgement made on hundreds of entries is not free.
    try:
        data = json.loads(text)
        return tuple(
            EvidenceStamp(entry_id=str(d["entry"]), ref=str(d["ref"]), fingerprint=str(d["fp"]))
            for d in data
        )
    except (ValueError, TypeError, KeyError):
        return None


# -- judgements ---------------------------------------------------------------------------------


def judgements_in_force(judgements: Iterable[JudgementRec]) -> dict[str, JudgementRec]:
    """Criterion id -> the latest judgement by an assessor (ties broken by id, so every reader
    agrees). Judgements by other roles (made by older versions) stay in the history only."""
    latest: dict[str, JudgementRec] = {}
    for j in sorted(judgements, key=lambda j: (j.created_at, j.id)):
        if j.reviewer_role == ReviewerRole.ASSESSOR.value:
            latest[j.criterion_id] = j
    return latest


def latest_samples(samples: Iterable[SampleRec]) -> dict[str, SampleRec]:
    """Target id (a judgement or sign-off) -> the latest IQA sample of it."""
    latest: dict[str, SampleRec] = {}
    for sample in sorted(samples, key=lambda s: (s.created_at, s.id)):
        latest[sample.target_id] = sample
    return latest


def changed_evidence(
    stamps: Sequence[EvidenceStamp] | None, current: Mapping[str, str]
) -> tuple[str, ...] | None:
    """References of stamped entries that changed or were deleted (``current``: entry id ->
    fingerprint of each live entry); None when there are no stamps to compare."""
    if stamps is None:
        return None
    return tuple(s.ref for s in stamps if current.get(s.entry_id) != s.fingerprint)


@dataclass(frozen=True, slots=True)
class JudgementView:
    """The judgement in force for a criterion, compared with the evidence as it is now."""

    record: JudgementRec
    stale: bool
    stale_reason: str
    referral: SampleRec | None = None  # the IQA's latest "refer" of this judgement
    sample: SampleRec | None = None  # the IQA's latest sample of it (agree or refer)

    @property
    def verified(self) -> bool:
        """Signed, the signature matches the record (review.signing), and the signer is on the
        centre roster when one has been imported (review.roster)."""
        return is_verified(self.record.signature_state, self.record.signer)

    @property
    def state(self) -> str:
        return "met" if self.record.judgement == Judgement.MET.value else "not-yet"

    @property
    def in_force_as_met(self) -> bool:
        return self.state == "met" and not self.stale and self.referral is None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.record.id,
            "state": self.state,
            "stale": self.stale,
            "by": self.record.reviewer_name,
            "role": self.record.reviewer_role,
            "date": self.record.created_at.isoformat(),
            "verified": self.verified,
            "signer_key": self.record.signer_key or None,
            "signer": self.record.signer or None,
            "reason": self.record.reason,
            "stale_reason": self.stale_reason or None,
            "iqa": None if self.sample is None else sample_json(self.sample),
        }


def judgement_view(
    judgement: JudgementRec,
    current: Mapping[str, str],
    samples: Mapping[str, SampleRec],
    *,
    changed: Sequence[str] | None = None,
) -> JudgementView:
    """The judgement compared with the evidence as it is now: ``current`` (entry id -> the
    fingerprint of each live entry), or ``changed`` when the caller keeps the answer of
    ``changed_evidence`` for this judgement's stamps up to date (services/coverage_stamps.py)."""
    if changed is None or judgement.evidence is None:
        changed = changed_evidence(judgement.evidence, current)
    if judgement.signature_state == SIGNATURE_TAMPERED:
        reason = TAMPERED_WORDS
    elif changed is None:
        reason = (
            f"judged on {day(judgement.created_at)} by an older version of Portfolio that did "
            "not record the evidence; judge it again"
        )
    elif changed:
        when = day(judgement.created_at)
        reason = f"evidence changed since judged on {when} ({', '.join(changed)})"
    else:
        reason = ""
    sample = samples.get(judgement.id)
    return JudgementView(
        record=judgement,
        stale=bool(reason),
        stale_reason=reason,
        referral=sample if sample is not None and sample.decision == REFER else None,
        sample=sample,
    )


def criterion_status(
    *, ready: int, drafts: int, judgement: JudgementView | None, shortfall: str | None = None
) -> CriterionState:
    """none | draft | claimed | insufficient | met.

    ``ready`` counts the pieces of evidence (ready entries with text and observation records);
    ``shortfall`` is what the framework's sufficiency rule still wants (``sufficiency_shortfall``).
    Evidence that falls short of the rule is "insufficient" even under a judgement of met: the
    record never says more than the framework allows.
    """
    if ready and shortfall:
        return CriterionState.INSUFFICIENT
    if judgement is not None and judgement.in_force_as_met and ready:
        return CriterionState.MET
    if ready:
        return CriterionState.CLAIMED
    if drafts:
        return CriterionState.DRAFT
    return CriterionState.NONE


def status_detail(
    state: CriterionState, judgement: JudgementView | None, shortfall: str | None = None
) -> str:
    """The words that go with a status wherever it is shown (PDF grid, app, CLI)."""
    if state is CriterionState.INSUFFICIENT and shortfall:
        return shortfall
    if judgement is not None and judgement.referral is not None:
        r = judgement.referral
        return f"referred by IQA {r.reviewer_name} on {day(r.created_at)}: {r.reason}"
    if judgement is not None and judgement.stale:
        return judgement.stale_reason
    if judgement is not None:
        verdict = "met" if judgement.state == "met" else "not yet met"
        return (
            f"judged {verdict} by {judgement.record.reviewer_name} on "
            f"{day(judgement.record.created_at)}"
        )
    return ""


STATUS_WORDS = {
    CriterionState.NONE: "no evidence yet",
    CriterionState.DRAFT: "draft evidence only",
    CriterionState.CLAIMED: "evidence claimed",
    CriterionState.INSUFFICIENT: "insufficient evidence",
    CriterionState.MET: "judged met",
}


def framework_label_key(status: CriterionState, judgement: JudgementView | None) -> str | None:
    """Which of a framework's own evidence labels (Mahara's evidence statuses, kept on import:
    'claimed', 'not_yet', 'partial', 'met') names this state, if any: a framework's word is used
    only where it means the same as ours, so its labels never say more than the record."""
    if status is CriterionState.MET:
        return "met"
    if status is CriterionState.INSUFFICIENT:
        return "partial"
    if status is CriterionState.CLAIMED:
        if judgement is not None and judgement.state == "not-yet" and not judgement.stale:
            return "not_yet"
        return "claimed"
    return None


def refuse_met(criterion_number: str, ready: int, shortfall: str | None = None) -> str | None:
    """Why "met" cannot be recorded for a criterion, or None when it can."""
    if not ready:
        return (
            f"Criterion {criterion_number} has no evidence ready for review (an entry marked "
            "ready, with text); it cannot be judged met."
        )
    if shortfall:
        return (
            f"Criterion {criterion_number} has insufficient evidence for its framework's rule "
            f"({shortfall}); it cannot be judged met."
        )
    return None


# -- sufficiency (the framework's rules: domain.sufficiency) ------------------------------------

WITNESS = EvidenceMethod.WITNESS_TESTIMONY.value
OBSERVATION = EvidenceMethod.OBSERVATION.value


def sufficiency_shortfall(
    rule: SufficiencyRule | None, methods: Sequence[str] | Mapping[str, int]
) -> str | None:
    """What the evidence still lacks under the framework's rule, in words; None when it is
    sufficient (or there is no rule, or no evidence at all: that is "no evidence", not
    "insufficient").

    ``methods``: the evidence method of each piece of evidence for the criterion (each ready
    entry with text, and each observation record), or how many pieces there are of each method
    (coverage keeps those counts per criterion, portfolio.coverage.CriterionTally). Witness
    testimony, where the rule does not accept it, is not counted at all.
    """
    counts = methods if isinstance(methods, Mapping) else Counter(methods)
    pieces = sum(n for n in counts.values() if n > 0)
    if rule is None or not pieces:
        return None
    refused = rule.witness_testimony is False
    counted_methods = {m for m, n in counts.items() if n > 0 and not (refused and m == WITNESS)}
    counted = sum(counts[m] for m in counted_methods)
    reasons: list[str] = []
    need = rule.min_pieces or 1
    if counted < need:
        reasons.append(f"needs {pieces_words(need)}, has {counted or 'none'}")
    missing = [m for m in rule.methods if m not in counted_methods]
    if missing:
        reasons.append("needs " + " and ".join(_article(m) for m in missing))
    if refused and counted < pieces:
        uncounted = pieces - counted
        noun = "testimony" if uncounted == 1 else "testimonies"
        reasons.append(
            f"witness testimony is not accepted ({uncounted} witness {noun} not counted)"
        )
    if not reasons:
        return None
    basis = f" (rule from {rule.basis})" if rule.basis else ""
    return "insufficient evidence: " + "; ".join(reasons) + basis


def _article(method: str) -> str:
    label = method_label(method)
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


def observation_counts(observation: ObservationRec) -> bool:
    """An observation record is evidence when an assessor made it and it is unchanged since
    signing (a tampered record counts for nothing)."""
    return (
        observation.reviewer_role == ReviewerRole.ASSESSOR.value
        and observation.signature_state != SIGNATURE_TAMPERED
    )


def refuse_observation(*, criteria: Sequence[str], seen: str, place: str) -> str | None:
    """Why an observation record cannot be written, or None when it can."""
    if not criteria:
        return "An observation record must name at least one criterion it is evidence for."
    if not seen.strip():
        return "An observation record must say what was seen."
    if not place.strip():
        return "An observation record must say where the observation took place."
    return None


# -- sign-offs ----------------------------------------------------------------------------------


def refuse_signoff(unit_label: str, unmet: Sequence[tuple[str, CriterionState]]) -> str | None:
    """Why a unit cannot be signed off (``unmet``: number and status of each criterion that is
    not met on current evidence), or None when it can."""
    if not unmet:
        return None
    shown = ", ".join(f"{number} ({STATUS_WORDS[state]})" for number, state in unmet[:8])
    more = f" and {len(unmet) - 8} more" if len(unmet) > 8 else ""
    return (
        f"{unit_label} cannot be signed off: every criterion must be judged met on current "
        f"evidence, and these are not: {shown}{more}."
    )


@dataclass(frozen=True, slots=True)
class SignOffView:
    """A sign-off and whether it still stands."""

    record: SignOffRec
    state: str  # VALID | VOID
    reason: str  # why it is void ("" when valid)
    sample: SampleRec | None = None

    @property
    def verified(self) -> bool:
        """Signed, the signature matches the record (review.signing), and the signer is on the
        centre roster when one has been imported (review.roster)."""
        return is_verified(self.record.signature_state, self.record.signer)

    @property
    def valid(self) -> bool:
        return self.state == VALID

    def label(self) -> str:
        """One line for any reader: "signed off by X on DATE" or "void: REASON"."""
        who = f"{self.record.reviewer_name}, {day(self.record.signed_at)}"
        if self.valid:
            return f"signed off ({who})"
        return f"void: {self.reason} (sign-off by {who})"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.record.id,
            "unit_id": self.record.unit_id,
            "state": self.state,
            "reason": self.reason or None,
            "by": self.record.reviewer_name,
            "role": self.record.reviewer_role,
            "date": self.record.signed_at.isoformat(),
            "verified": self.verified,
            "signer_key": self.record.signer_key or None,
            "signer": self.record.signer or None,
            "iqa": None if self.sample is None else sample_json(self.sample),
        }


def signoffs_in_force(signoffs: Iterable[SignOffRec]) -> dict[str, SignOffRec]:
    """Unit id -> its latest sign-off (by anyone: an older file's tutor sign-off is shown, and
    judged by the same rules, never hidden)."""
    latest: dict[str, SignOffRec] = {}
    for row in sorted(signoffs, key=lambda o: (o.signed_at, o.id)):
        latest[row.unit_id] = row
    return latest


def signoff_view(
    signoff: SignOffRec,
    *,
    current: Mapping[str, str],
    in_force: Mapping[str, JudgementRec],
    samples: Mapping[str, SampleRec],
    changed: Sequence[str] | None = None,
) -> SignOffView:
    """Valid, or void with the first reason that applies. Its evidence is compared with
    ``current`` (as in ``judgement_view``), or ``changed`` is that comparison's answer."""
    when = day(signoff.signed_at)
    sample = samples.get(signoff.id)
    reason = ""
    if signoff.signature_state == SIGNATURE_TAMPERED:
        reason = TAMPERED_WORDS
    elif signoff.evidence is None or signoff.judgements is None:
        reason = (
            f"signed off on {when} by an older version of Portfolio that did not record the "
            "evidence and judgements; sign off again"
        )
    elif signoff.reviewer_role != ReviewerRole.ASSESSOR.value:
        reason = f"signed off on {when} by a {signoff.reviewer_role}, not an assessor"
    elif sample is not None and sample.decision == REFER:
        reason = (
            f"referred by IQA {sample.reviewer_name} on {day(sample.created_at)}: {sample.reason}"
        )
    else:
        if changed is None:
            changed = changed_evidence(signoff.evidence, current) or ()
        if changed:
            reason = f"evidence changed since signed off on {when} ({', '.join(changed)})"
        else:
            rejudged = sorted(
                number
                for criterion_id, (judgement_id, number) in signoff.judgements.items()
                if (j := in_force.get(criterion_id)) is None or j.id != judgement_id
            )
            referred = sorted(
                number
                for judgement_id, number in signoff.judgements.values()
                if (x := samples.get(judgement_id)) is not None and x.decision == REFER
            )
            altered = sorted(
                number
                for criterion_id, (_, number) in signoff.judgements.items()
                if (j := in_force.get(criterion_id)) is not None
                and j.signature_state == SIGNATURE_TAMPERED
            )
            if rejudged:
                reason = f"judged again since signed off on {when} ({', '.join(rejudged)})"
            elif altered:
                names = ", ".join(altered)
                reason = f"a judgement it rests on was changed after it was signed ({names})"
            elif referred:
                reason = (
                    f"a judgement it rests on was referred by the IQA since signed off on "
                    f"{when} ({', '.join(referred)})"
                )
    return SignOffView(
        record=signoff, state=VOID if reason else VALID, reason=reason, sample=sample
    )


def sample_json(sample: SampleRec) -> dict[str, object]:
    return {
        "id": sample.id,
        "decision": sample.decision,
        "reason": sample.reason,
        "by": sample.reviewer_name,
        "date": sample.created_at.isoformat(),
        "verified": is_verified(sample.signature_state, sample.signer),
    }


def refuse_action(role: str, action: str) -> str | None:
    """Why ``role`` may not take ``action``, or None when it may."""
    if action in PERMISSIONS.get(role, frozenset()):
        return None
    who = {
        "learner": "a learner",
        "tutor": "a tutor",
        "assessor": "an assessor",
        "iqa": "an internal quality assurer",
    }.get(role, repr(role))
    return f"Only {ALLOWED_ROLES[action]} can {ACTION_WORDS[action]}; you are reviewing as {who}."


def stamped_entries(judgements: Iterable[JudgementRec], signoffs: Iterable[SignOffRec]) -> set[str]:
    """Ids of the entries whose current fingerprint the decisions in force need compared."""
    ids = {s.entry_id for j in judgements for s in (j.evidence or ())}
    ids.update(s.entry_id for o in signoffs for s in (o.evidence or ()))
    return ids
