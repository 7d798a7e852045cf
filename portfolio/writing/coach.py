"""The reflection coach: a live checklist of what would make a STAR entry stronger.

It runs beside the editor on every pause in typing, so it is pure Python over plain strings, uses
compiled phrase lists, and finishes in a few milliseconds for a long entry. Every finding says, in
kind and plain words, what is missing and how to fix it; nothing here blocks saving.

No finding without its evidence: each carries ``quote``, the learner's words that triggered it
(the "we" that stands where an "I" should be, the "I would" of a hypothetical Action), or, for
something *missing* from a section, that section's words as the coach read them. Only an empty
section or entry has nothing to quote. A check applies to every section it makes sense for: the
first-person check reads the Action, the Result and the Reflection; the looking-back checks read
the Result and the Reflection.

Other reflective models (Gibbs, Kolb, Driscoll) get the same checks: each of their sections says
which STAR checks apply to it (``ModelSection.checks``), the checks read those sections, and each
finding is given back to the model's own section that holds its quote, in the model's words
("The Action plan does not say what you will do next time").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from portfolio.anonymise.shared import personal_data
from portfolio.domain import keep_rules
from portfolio.domain.reflective import STAR, ReflectiveModel, get_model, star_view
from portfolio.domain.text_match import normalise
from portfolio.frameworks.model import Unit
from portfolio.writing.depth import DepthEstimate, estimate_depth
from portfolio.writing.mistakes import open_rules_with_mistakes
from portfolio.writing.phrases import marker, normalise_quotes, section_word_count

Severity = Literal["info", "advice", "warning"]
_SEVERITY_ORDER: dict[str, int] = {"warning": 0, "advice": 1, "info": 2}

# Common-mistake prompts wait until there is something to compare against.
MIN_WORDS_FOR_MISTAKE_PROMPTS = 30
# Checks about explaining and learning wait until the entry is more than a sketch.
MIN_WORDS_FOR_ANALYSIS = 40
# A quote of a whole section (for something missing from it) is cut to about this many characters.
QUOTE_CHARS = 120

# Categories of portfolio.anonymise.detect.CATEGORIES, in the learner's words.
_PERSONAL_DATA_LABELS: dict[str, str] = {
    "term": "a name or phrase on your private list",
    "email": "an email address",
    "card": "a payment card number",
    "ni_number": "a National Insurance number",
    "date_of_birth": "a date of birth",
    "bank": "bank details",
    "phone": "a phone number",
    "postcode": "a postcode",
    "address": "an address",
    "name": "a person's name",
}


@dataclass(frozen=True, slots=True)
class CoachFinding:
    """One checklist item.

    ``code`` is stable (tests and the UI key on it); ``section`` is the key of the model's
    section it is about, or None for the entry as a whole; ``span`` is ``(start, end)`` in that
    section's text when the finding points at particular words.
    """

    code: str
    section: str | None
    severity: Severity
    message: str
    how_to_fix: str
    span: tuple[int, int] | None = None
    quote: str = ""


@dataclass(frozen=True, slots=True)
class CoachReport:
    """All findings (most serious first) and the reflective-depth estimate shown above them."""

    findings: tuple[CoachFinding, ...]
    depth: DepthEstimate

    def codes(self) -> list[str]:
        """The finding codes in order (handy for tests and logs)."""
        return [finding.code for finding in self.findings]


def review_entry(
    sections: Mapping[str, str],
    *,
    model: str | ReflectiveModel = STAR,
    units: Sequence[Unit] = (),
    terms: Sequence[str] = (),
    kept: Collection[str] = (),
) -> CoachReport:
    """Check an entry written in ``model`` (STAR by default) and estimate its reflective depth.

    ``sections`` maps the model's section keys (for STAR ``situation``, ``task``, ``action``,
    ``result``, ``reflection``) to text; missing keys count as empty and unknown keys are
    ignored. ``units`` are the units of the criteria the entry is tagged to: their common
    mistakes become prompts. ``terms`` are extra names or phrases (employer, colleagues) to
    treat as personal data; ``kept`` the learner's kept list in force (words they said are not
    personal), never flagged, matched exactly as the anonymiser matches them. An unknown model
    id is refused (InvalidInputError, one line).
    """
    chosen = model if isinstance(model, ReflectiveModel) else get_model(model)
    own = {s.key: normalise_quotes(sections.get(s.key, "") or "") for s in chosen.sections}
    texts = star_view(chosen, own)
    counts = {key: section_word_count(text) for key, text in own.items()}
    total = sum(counts.values())
    labels = _labels(chosen)
    findings: list[CoachFinding] = []

    # Personal data is looked for in the words as typed (curly apostrophes too), the texts the
    # export check reads: one detection serves both (offsets are the same either way).
    typed = {s.key: sections.get(s.key, "") or "" for s in chosen.sections}
    personal = _personal_data(chosen, typed, terms)
    not_personal = {normalise(k) for k in kept}
    if not_personal:  # not where the entry names someone with that word in their name
        not_personal -= keep_rules.shadowed(not_personal, [f.quote for f in personal])
    findings.extend(f for f in personal if normalise(f.quote) not in not_personal)
    if total == 0:
        first = chosen.sections[0].label
        findings.append(
            CoachFinding(
                code="entry-empty",
                section=None,
                severity="info",
                message="This entry is empty so far.",
                how_to_fix=f"Start with the {first}: {chosen.sections[0].prompt.replace('*', '')} "
                "Follow the prompts in each section.",
            )
        )
    else:
        findings.extend(_section_lengths(chosen, own, counts))
        checked: list[CoachFinding] = []
        checked.extend(_action_checks(texts["action"], labels))
        checked.extend(_voice_checks(texts, labels))
        checked.extend(_result_checks(texts["result"], labels))
        if total >= MIN_WORDS_FOR_ANALYSIS:
            checked.extend(_analysis_checks(texts, labels))
        else:
            checked.extend(_short_entry_prompts(texts, total))
        if total >= MIN_WORDS_FOR_MISTAKE_PROMPTS and units:
            checked.extend(
                CoachFinding(
                    code=f"mistake-{rule.code}",
                    section=rule.section,
                    severity="info",
                    message=rule.message,
                    how_to_fix=rule.how_to_fix,
                    quote=mistake,
                )
                for rule, mistake in open_rules_with_mistakes(units, texts.values())
            )
        findings.extend(_to_model(chosen, own, f) for f in checked)

    findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])  # stable: keeps section order
    return CoachReport(findings=tuple(findings), depth=estimate_depth(texts))


# Which of a model's sections a finding about a missing lesson or plan belongs to.
_CODE_ROLES = {"no-learning": "learning", "no-next-time": "plan"}


def _labels(model: ReflectiveModel) -> dict[str, str]:
    """The words a message uses for each STAR key (and for the lesson and plan sections)."""
    labels = {s.key: s.label for s in STAR.sections}
    if model.id == STAR.id:
        return labels | {"learning": "Reflection", "plan": "Reflection"}
    for section in reversed(model.sections):  # the first section checked as each key wins
        labels[section.checks] = section.label
    for code_role in _CODE_ROLES.values():
        labels[code_role] = next(
            (s.label for s in model.sections if s.role == code_role), labels["reflection"]
        )
    return labels


def _to_model(
    model: ReflectiveModel, own: Mapping[str, str], finding: CoachFinding
) -> CoachFinding:
    """A finding of the STAR checks, given back to the model's own section that holds it."""
    if model.id == STAR.id or finding.section is None:
        return finding
    role = _CODE_ROLES.get(finding.code)
    candidates = [s.key for s in model.sections if s.role == role] if role else []
    if not candidates:
        candidates = [s.key for s in model.sections if s.checks == finding.section]
    if not candidates:
        candidates = [model.sections[-1].key]
    holding = [k for k in candidates if finding.quote and finding.quote in own[k]]
    key = holding[0] if holding else next((k for k in candidates if own[k].strip()), candidates[0])
    quote = finding.quote
    if quote and quote not in own[key]:
        quote = _section_quote(own[key])  # a section's words, cut within this section
    span = _span_of(own[key], quote) if finding.span is not None else None
    return CoachFinding(
        code=finding.code,
        section=key,
        severity=finding.severity,
        message=finding.message,
        how_to_fix=finding.how_to_fix,
        span=span,
        quote=quote,
    )


def _section_lengths(
    model: ReflectiveModel, texts: Mapping[str, str], counts: Mapping[str, int]
) -> list[CoachFinding]:
    findings: list[CoachFinding] = []
    for section in model.sections:
        words = counts[section.key]
        if words == 0:
            findings.append(
                CoachFinding(
                    code="section-empty",
                    section=section.key,
                    severity="warning",
                    message=f"The {_named(section.label)} section is empty.",
                    how_to_fix=f"{section.prompt} {section.hint}",
                )
            )
        elif words < section.min_words:
            findings.append(
                CoachFinding(
                    code="section-short",
                    section=section.key,
                    severity="advice",
                    message=f"The {_named(section.label)} section is quite short ({words} "
                    f"{'word' if words == 1 else 'words'}). A good one usually has at least "
                    f"{section.min_words}.",
                    how_to_fix=section.hint,
                    quote=texts[section.key].strip(),
                )
            )
    return findings


def _named(label: str) -> str:
    """A section's title inside a sentence: Driscoll's questions in quotes ("So what?")."""
    return f"“{label}”" if label.endswith("?") else label


def _section_quote(text: str) -> str:
    """A section's words as the coach read them, cut at a word near QUOTE_CHARS."""
    text = text.strip()
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text.rfind(" ", 0, QUOTE_CHARS)
    return text[: cut if cut > 0 else QUOTE_CHARS]


def _span_of(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(quote)
    return (start, start + len(quote)) if quote and start >= 0 else None


def _action_checks(action: str, labels: Mapping[str, str]) -> list[CoachFinding]:
    if not action.strip():
        return []
    findings: list[CoachFinding] = []
    first_person = marker("first_person").count(action)
    if first_person == 0:
        group = marker("group_voice").search(action)
        said = f"It says '{group.text}'" if group else "It does not say 'I'"
        findings.append(
            CoachFinding(
                code="action-no-i",
                section="action",
                severity="warning",
                message=f"The {labels['action']} does not say what you did yourself. {said}, so an "
                "assessor cannot tell which part was yours.",
                how_to_fix="Write in the first person: 'I greeted the customer...', 'I checked "
                "the system...'. If others helped, say what you did and what they did.",
                span=(group.start, group.end)
                if group
                else _span_of(action, _section_quote(action)),
                quote=group.text if group else _section_quote(action),
            )
        )
        return findings
    hypothetical = list(marker("hypothetical").finditer(action))
    if len(hypothetical) >= 2 and len(hypothetical) * 2 >= first_person:
        first = hypothetical[0]
        findings.append(
            CoachFinding(
                code="action-hypothetical",
                section="action",
                severity="advice",
                message=f"The {labels['action']} reads like what you would do ('{first.text}'), "
                "not what you did on the day.",
                how_to_fix="Describe the real event in the past tense: 'I listened...', "
                f"'I offered...'. Save what you would do next time for the {labels['plan']}.",
                span=(first.start, first.end),
                quote=first.text,
            )
        )
    return findings


def _voice_checks(texts: Mapping[str, str], labels: Mapping[str, str]) -> list[CoachFinding]:
    """The Result and the Reflection in the group's voice only ('we', 'the team'), never 'I'.

    A Result or Reflection with neither (about the customer, say) is fine: only a 'we' that
    stands where the learner's own part should be is flagged.
    """
    findings: list[CoachFinding] = []
    for key, what in (
        ("result", "what came of your own part"),
        ("reflection", "what you yourself learned"),
    ):
        text = texts[key]
        if not text.strip() or marker("first_person").search(text):
            continue
        group = marker("group_voice").search(text)
        if group is None:
            continue
        label = labels[key]
        findings.append(
            CoachFinding(
                code=f"{key}-no-i",
                section=key,
                severity="warning" if key == "reflection" else "advice",
                message=f"The {label} only speaks for the group ('{group.text}'), so it does not "
                f"show {what}.",
                how_to_fix="Write it in the first person: 'I learned...', 'I will...', 'What I "
                "did meant that...'. The team can be in it, but say what was yours.",
                span=(group.start, group.end),
                quote=group.text,
            )
        )
    return findings


def _result_checks(result: str, labels: Mapping[str, str]) -> list[CoachFinding]:
    if (
        not result.strip()
        or marker("outcome").search(result)
        or marker("customer_side").search(result)
    ):
        return []
    return [
        CoachFinding(
            code="result-no-outcome",
            section="result",
            severity="advice",
            message=f"The {labels['result']} does not say how things ended for the customer.",
            how_to_fix="Say what changed: was the problem solved, how did the customer react, "
            "did they thank you, come back or give feedback? A figure helps if you have one.",
            quote=_section_quote(result),
        )
    ]


def _analysis_checks(texts: Mapping[str, str], labels: Mapping[str, str]) -> list[CoachFinding]:
    findings: list[CoachFinding] = []
    reflection = texts["reflection"]
    looking_back = (texts["result"], reflection)
    if reflection.strip():
        learned = (
            marker("learning").occurs_in(looking_back)
            or marker("transfer").occurs_in(looking_back)
            # A lesson in the group's voice is flagged by the 'we' check, not as no lesson.
            or marker("group_learning").occurs_in(looking_back)
        )
        if not learned:
            findings.append(
                CoachFinding(
                    code="no-learning",
                    section="reflection",
                    severity="warning",
                    message=f"The {labels['learning']} does not yet say what you learned from "
                    "this.",
                    how_to_fix="Finish the sentence 'I learned that...' and say why: what did "
                    "this show you about dealing with customers?",
                    quote=_section_quote(reflection),
                )
            )
        if not (marker("transfer").search(reflection) or _group_next_time(reflection)):
            findings.append(
                CoachFinding(
                    code="no-next-time",
                    section="reflection",
                    severity="advice",
                    message=f"The {labels['plan']} does not say what you will do next time.",
                    how_to_fix="Add what you will do differently, or keep doing, next time: "
                    "'Next time I will...', 'From now on I...'. Say how it would help another "
                    "customer.",
                    quote=_section_quote(reflection),
                )
            )
    # Reasons belong where the learner explains their own choices, and judging an entry whose
    # Result and Reflection are both still empty would be premature.
    explaining = (texts["action"], texts["result"], reflection)
    if (texts["result"].strip() or reflection.strip()) and not marker("causal").occurs_in(
        explaining
    ):
        source = next(t for t in explaining if t.strip())
        findings.append(
            CoachFinding(
                code="descriptive-only",
                section=None,
                severity="advice",
                message="The entry describes what happened but never explains why.",
                how_to_fix="For your main actions, add the reason: 'I did this because...', "
                "'...so that the customer...', 'This meant that...'.",
                quote=_section_quote(source),
            )
        )
    return findings


def _group_next_time(text: str) -> bool:
    """'Next time we will...': a plan in the group's voice (the 'we' check flags the voice)."""
    lowered = text.lower()
    return any(p in lowered for p in ("next time we", "in future we", "from now on we"))


def _short_entry_prompts(texts: Mapping[str, str], total: int) -> list[CoachFinding]:
    """Questions that would turn a sketch (under MIN_WORDS_FOR_ANALYSIS words) into an entry."""
    questions: list[str] = []
    everything = [t for t in texts.values() if t.strip()]
    if not marker("first_person").occurs_in([texts["action"]]):
        questions.append("What did you do yourself? Start with 'I...'.")
    if not marker("causal").occurs_in(everything):
        questions.append("Why did you do it that way? Add 'because...'.")
    if not (
        marker("outcome").occurs_in([texts["result"]])
        or marker("customer_side").occurs_in([texts["result"]])
    ):
        questions.append("How did it end for the customer?")
    if not (marker("learning").occurs_in(everything) or marker("transfer").occurs_in(everything)):
        questions.append("What did you learn, and what will you do next time?")
    if not questions:
        questions.append("Which procedure did you follow, and what did you say to the customer?")
    key = max((k for k in texts if texts[k].strip()), key=lambda k: len(texts[k]))
    return [
        CoachFinding(
            code="short-entry",
            section=key,
            severity="info",
            message=f"This entry is a sketch so far ({total} words). These questions would "
            "turn it into evidence: " + " ".join(questions),
            how_to_fix="Answer each question in a sentence or two, in the section it belongs "
            "to. A full entry is usually 200 words or more.",
            quote=_section_quote(texts[key]),
        )
    ]


def _personal_data(
    model: ReflectiveModel, texts: Mapping[str, str], terms: Sequence[str]
) -> list[CoachFinding]:
    """Personal data typed into the text, found by the anonymiser's detectors."""
    findings: list[CoachFinding] = []
    frozen_terms = tuple(terms)
    for section in model.sections:
        text = texts[section.key]
        if text.strip():
            findings.extend(_section_personal_data(section.key, section.label, text, frozen_terms))
    return findings


@lru_cache(maxsize=64)
def _section_personal_data(
    key: str, label: str, text: str, terms: tuple[str, ...]
) -> tuple[CoachFinding, ...]:
    # Cached per section text: while typing only one section changes between runs, and the
    # detectors are the slowest part of the coach. The detection itself is shared
    # (``anonymise.shared``): the personal-data list beside the coach asks about the same
    # texts on every switch, and only the first of the two runs the detector.
    return tuple(
        CoachFinding(
            code="personal-data",
            section=key,
            severity="warning",
            message=f"The {label} contains what looks like "
            f"{_PERSONAL_DATA_LABELS.get(found.category, 'personal data')}: '{found.text}'. "
            "Real personal details should not go into your portfolio.",
            how_to_fix="Replace it with a role or a placeholder, such as 'the customer', "
            "'my supervisor' or 'Mrs A'. Leave out phone numbers and emails.",
            span=(found.start, found.end),
            quote=text[found.start : found.end],
        )
        for found in personal_data(text, terms)
    )
