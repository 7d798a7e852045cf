"""The check before export (issue 14 item 7, issue 15 item 4): what a learner should see before
the PDF leaves their hands.

Plain Python over the export's own view of the portfolio (``export.model.Snapshot``), so the
check reports exactly what an export with the same choices would show. Nothing here re-derives
a rule: personal data is found by the one detector the coach uses
(``anonymise.detect.find_personal_data`` with the learner's term list), through
``anonymise.shared`` so a text the coach has just read is not read again, and stale judgements and
void sign-offs are read from the coverage the snapshot was judged with
(``domain.assessment`` through ``coverage``). A flagged item the learner kept on purpose
(``kept``: entry id -> text keys) is not a problem any more; anything else is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from portfolio.anonymise.shared import personal_data
from portfolio.domain import keep_rules
from portfolio.domain.assessment import has_text
from portfolio.domain.enums import EntryStatus
from portfolio.domain.records import EntryInfo
from portfolio.domain.text_match import normalise
from portfolio.export.model import Snapshot
from portfolio.export.redaction import COLLEAGUE, CUSTOMER, TITLED, propose, text_key

if TYPE_CHECKING:
    from portfolio.export.wordcheck import WordDocument

KINDS = (
    "personal_data",
    "undated",
    "empty",
    "draft",
    "stale_judgement",
    "void_signoff",
    "attachment",
    "attachment_picture",
)
"""Every kind of problem, in the order they are listed."""

TITLE = "title"  # the "section" of a flagged item in the entry's title
TAG_PREFIX = "tag:"  # ... and in a tag's justification: "tag:" + the criterion id

# Categories of anonymise.detect.CATEGORIES in the learner's words (as the coach says them).
CATEGORY_WORDS: Mapping[str, str] = {
    "term": "a name or phrase on your private list",
    "email": "an email address",
    "card": "a payment card number",
    "nhs_number": "an NHS number",
    "ni_number": "a National Insurance number",
    "date_of_birth": "a date of birth",
    "bank": "bank details",
    "phone": "a phone number",
    "postcode": "a postcode",
    "address": "an address",
    "name": "a person's name",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to fix or acknowledge before export.

    ``entry`` is the entry's id (None for a criterion or a unit). For personal data,
    ``section`` is the STAR section key, "title", or "tag:CRITERION_ID" for a justification;
    ``span`` the (start, end) of the item in that text, ``category`` the detector's category,
    ``text`` the item and ``replacement`` the proposed replacement ("" means removed;
    ``remembered`` when the learner chose it before).
    """

    kind: str
    entry: str | None
    message: str
    entry_ref: str = ""
    section: str | None = None
    span: tuple[int, int] | None = None
    category: str = ""
    text: str = ""
    replacement: str | None = None
    remembered: bool = False
    criterion: str | None = None
    unit: str | None = None
    attachment: str | None = None
    picture: str | None = None  # a Word attachment's picture ("image2.emf") the PDF cannot show

    @property
    def key(self) -> str:
        """The personal-data item's normalised text (what a "keep" is recorded against)."""
        return text_key(self.text)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "entry": self.entry,
            "message": self.message,
            "entry_ref": self.entry_ref or None,
        }
        if self.kind == "personal_data":
            data.update(
                section=self.section,
                span=list(self.span) if self.span else None,
                category=self.category,
                text=self.text,
                replacement=self.replacement,
                remembered=self.remembered,
            )
        for name in ("criterion", "unit", "attachment", "picture"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data


@dataclass(frozen=True, slots=True)
class CheckReport:
    problems: tuple[Problem, ...]

    def of_kind(self, kind: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind == kind)

    @property
    def personal_data(self) -> tuple[Problem, ...]:
        return self.of_kind("personal_data")

    def blocking_refs(self) -> list[str]:
        """References of the entries an export refuses: unacknowledged personal data."""
        return list(dict.fromkeys(p.entry_ref for p in self.personal_data))


def check_snapshot(
    snapshot: Snapshot,
    *,
    terms: Sequence[str] = (),
    kept: Mapping[str, Collection[str]] = {},
    memory: Mapping[str, str] = {},
    unreadable: Collection[str] = (),
    word: Iterable[WordDocument] = (),
    everywhere: Collection[str] = (),
) -> CheckReport:
    """Every problem in what an export of ``snapshot`` would show.

    ``terms``: the learner's private term list; ``kept``: entry id -> text keys the learner
    chose to keep; ``memory``: text key -> replacement chosen before; ``unreadable``: ids of
    attachments the export cannot include; ``word``: the Word documents whose appendix cannot
    show them whole (``export.wordcheck.word_documents``); ``everywhere``: the learner's kept
    list in force (words not personal anywhere, as ``flag_texts`` takes them). The app and the
    CLI check a batch of entries at a time through the same ``Checklist`` (services.checking).
    """
    checklist = Checklist(terms=terms, kept=kept, memory=memory, everywhere=everywhere)
    checklist.add_entries(snapshot.entries)
    checklist.add_reviews(snapshot)
    checklist.add_attachments(snapshot.entries, unreadable)
    checklist.add_word_documents(word)
    return checklist.report()


class Checklist:
    """The problems of a check, gathered in parts: the entries (in reference order, as many
    batches as it takes), then the reviewer records, then the attachments. Each part's problems
    go to their kind's list, so the report lists kinds in ``KINDS`` order and each kind in the
    order found, whatever the batches; only problems are kept, never the entries."""

    def __init__(
        self,
        *,
        terms: Sequence[str] = (),
        kept: Mapping[str, Collection[str]] = {},
        memory: Mapping[str, str] = {},
        everywhere: Collection[str] = (),
    ) -> None:
        self._terms = terms
        self._kept = kept
        self._memory = memory
        self._everywhere = everywhere
        self._found: dict[str, list[Problem]] = {kind: [] for kind in KINDS}

    def add_entries(self, entries: Iterable[EntryInfo]) -> None:
        """Personal data, and undated, empty and draft entries."""
        for entry in entries:
            self._found["personal_data"] += entry_personal_data(
                entry,
                terms=self._terms,
                kept=self._kept.get(entry.id, ()),
                memory=self._memory,
                everywhere=self._everywhere,
            )
            self._add(_entry_problems(entry))

    def add_reviews(self, snapshot: Snapshot) -> None:
        """Stale judgements and void sign-offs, from the coverage the snapshot was judged with."""
        self._add(_stale_judgements(snapshot))
        self._add(_void_signoffs(snapshot))

    def add_attachments(self, entries: Iterable[EntryInfo], unreadable: Collection[str]) -> None:
        """Attachments the PDF cannot include (``unreadable``: their ids)."""
        self._add(_attachments(entries, unreadable))

    def add_word_documents(self, word: Iterable[WordDocument]) -> None:
        """Word documents, or their pictures, the PDF cannot show."""
        self._add(_word_documents(word))

    def report(self) -> CheckReport:
        return CheckReport(tuple(p for kind in KINDS for p in self._found[kind]))

    def _add(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self._found[problem.kind].append(problem)


def entry_personal_data(
    entry: EntryInfo,
    *,
    terms: Sequence[str] = (),
    kept: Collection[str] = (),
    memory: Mapping[str, str] = {},
    everywhere: Collection[str] = (),
) -> list[Problem]:
    """The personal data flagged in one entry's title, sections and justifications and not kept
    on purpose, each with its proposed replacement."""
    return flag_texts(
        entry.id,
        entry.ref,
        entry_parts(entry),
        terms=terms,
        kept=kept,
        memory=memory,
        everywhere=everywhere,
    )


def entry_parts(entry: EntryInfo) -> list[tuple[str, str, str]]:
    """(key, label, text) of every part of an entry an export prints in the learner's words:
    the title, the STAR sections and each tag's justification (key "tag:CRITERION_ID")."""
    return [
        (TITLE, "Title", entry.title),
        *entry.sections,
        *(
            (tag_key(t.criterion_id), f"Justification for {t.number}", t.justification)
            for t in entry.tags
        ),
    ]


def tag_key(criterion_id: str) -> str:
    """The "section" of a flagged item in the justification of the tag to ``criterion_id``."""
    return f"{TAG_PREFIX}{criterion_id}"


def flag_texts(
    entry_id: str,
    entry_ref: str,
    texts: Iterable[tuple[str, str, str]],
    *,
    terms: Sequence[str] = (),
    kept: Collection[str] = (),
    memory: Mapping[str, str] = {},
    everywhere: Collection[str] = (),
) -> list[Problem]:
    """Flagged items in ``texts`` ((key, label, text) per part of an entry).

    ``kept``: this entry's items kept on purpose (``text_key``s); ``everywhere``: the learner's
    kept list in force, words they said are not personal in any document or entry, matched
    exactly as the anonymiser matches them (``text_match.normalise`` of the item's own text:
    keeping "Dettol" never passes "Dettol Smith"), and not where the entry also names someone
    with that word in their name (``keep_rules.shadowed``), as in a document."""
    kept_keys = set(kept)
    parts = [
        (k, label, text, personal_data(text, terms)) for k, label, text in texts if text.strip()
    ]
    kept_everywhere = {normalise(k) for k in everywhere}
    if kept_everywhere:
        names = [
            text[i.start : i.end]
            for _k, _l, text, items in parts
            for i in items
            if i.category in ("name", "term")
        ]
        kept_everywhere -= keep_rules.shadowed(kept_everywhere, names)
    found: list[Problem] = []
    for key, label, text, items in parts:
        for item in items:
            if kept_everywhere and normalise(text[item.start : item.end]) in kept_everywhere:
                continue
            proposal = propose(text, item.start, item.end, item.category, memory)
            shown = text[proposal.start : proposal.end]
            if text_key(shown) in kept_keys:
                continue
            found.append(
                Problem(
                    kind="personal_data",
                    entry=entry_id,
                    entry_ref=entry_ref,
                    message=f"{entry_ref} {label}: '{shown}' looks like "
                    f"{CATEGORY_WORDS.get(item.category, 'personal data')}.",
                    section=key,
                    span=(proposal.start, proposal.end),
                    category=item.category,
                    text=shown,
                    replacement=proposal.replacement,
                    remembered=proposal.remembered,
                )
            )
    return _same_person_same_words(found)


def _same_person_same_words(found: list[Problem]) -> list[Problem]:
    """One person, one replacement: "Okafor's son" later in the entry becomes "the customer's
    son" when "Mrs Okafor" was the customer, whatever words stand near the later mention."""
    best: dict[str, str] = {}
    for p in sorted(found, key=lambda p: not TITLED.match(p.text)):  # titled mentions first
        if p.category == "name" and p.replacement in (CUSTOMER, COLLEAGUE):
            best.setdefault(p.key, p.replacement)
    out = []
    for p in found:
        if p.category == "name" and p.replacement and not p.remembered and p.key in best:
            p = replace(p, replacement=best[p.key])
        out.append(p)
    return out


def _entry_problems(entry: EntryInfo) -> list[Problem]:
    name = f"{entry.ref} '{entry.title or 'Untitled'}'"
    problems: list[Problem] = []
    if entry.event_date is None:
        problems.append(
            Problem(
                "undated",
                entry.id,
                f"{name} has no date: an assessor needs to know when it happened.",
                entry_ref=entry.ref,
            )
        )
    if not has_text(text for _, _, text in entry.sections):
        problems.append(
            Problem(
                "empty",
                entry.id,
                f"{name} has no text: it would be exported empty and is not evidence.",
                entry_ref=entry.ref,
            )
        )
    if entry.status == EntryStatus.DRAFT.value:
        problems.append(
            Problem(
                "draft",
                entry.id,
                f"{name} is a draft: it is exported marked as a draft and does not count as "
                "evidence. Mark it ready, or leave drafts out.",
                entry_ref=entry.ref,
            )
        )
    return problems


def _stale_judgements(snapshot: Snapshot) -> list[Problem]:
    problems: list[Problem] = []
    for criterion in snapshot.coverage.criteria:
        judgement = criterion.judgement
        if judgement is None or not judgement.stale:
            continue
        problems.append(
            Problem(
                "stale_judgement",
                None,
                f"Criterion {criterion.number}: the assessor's judgement is out of date "
                f"({judgement.stale_reason}). Ask your assessor to judge it again.",
                criterion=criterion.id,
            )
        )
    return problems


def _void_signoffs(snapshot: Snapshot) -> list[Problem]:
    labels = {u.id: u.label for u in snapshot.units}
    return [
        Problem(
            "void_signoff",
            None,
            f"{labels.get(view.record.unit_id, view.record.unit_id)}: the sign-off is void "
            f"({view.reason}). Ask your assessor to sign it off again.",
            unit=view.record.unit_id,
        )
        for view in snapshot.coverage.signoffs
        if not view.valid
    ]


def _attachments(entries: Iterable[EntryInfo], unreadable: Collection[str]) -> list[Problem]:
    return [
        Problem(
            "attachment",
            entry.id,
            f"{entry.ref}: the attached '{att.filename}' cannot be read (damaged or "
            "password-protected), so the PDF names it but cannot include it.",
            entry_ref=entry.ref,
            attachment=att.id,
        )
        for entry in entries
        for att in entry.attachments
        if att.id in unreadable
    ]


def _word_documents(documents: Iterable[WordDocument]) -> list[Problem]:
    """One problem per Word document that cannot be shown, and one per picture of a Word
    document that cannot be (in the words of the export report), on the first entry citing
    it; the message names every entry that cites it."""
    problems: list[Problem] = []
    for doc in documents:
        entry, att = doc.uses[0]
        where = f"{doc.refs}: the attached {doc.where}"
        if doc.check.damaged is not None:
            problems.append(
                Problem(
                    "attachment",
                    entry.id,
                    f"{where} cannot be shown: {doc.check.damaged} It is in the evidence package.",
                    entry_ref=entry.ref,
                    attachment=att.id,
                )
            )
            continue
        problems += [
            Problem(
                "attachment_picture",
                entry.id,
                f"{doc.refs}: in the attached {doc.where}, {picture.describe()}: the PDF "
                "names it but cannot show it; the document is in the evidence package.",
                entry_ref=entry.ref,
                attachment=att.id,
                picture=picture.key,
            )
            for picture in doc.check.pictures
        ]
    return problems
