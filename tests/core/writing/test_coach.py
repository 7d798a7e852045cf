"""The reflection coach: each check fires on a weak entry and stays silent on a good one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.domain.star import SECTION_KEYS
from portfolio.frameworks.catalog import get_bundled
from portfolio.frameworks.model import Unit
from portfolio.writing.coach import CoachFinding, review_entry

GOOD = {
    "situation": "I work on the tills at a large supermarket. On a busy Saturday afternoon an "
    "older customer came to my checkout upset because she had been charged twice for her "
    "shopping the week before.",
    "task": "I needed to find out what had gone wrong and put it right, following our refunds "
    "procedure, because she was clearly worried about money.",
    "action": "I smiled, kept eye contact and spoke calmly so she felt listened to. I "
    "apologised and said I could see why she was upset. I checked her receipt against the till "
    "log and saw the double charge. Because the refund was over my limit, I called my "
    "supervisor, explained the problem and she authorised it. I adapted how I spoke, using plain "
    "words so that she knew what was happening, and I recorded the refund on the system.",
    "result": "The customer got her money back the same day and thanked me. She said she would "
    "keep shopping with us. The next day I rang her back to check the refund had arrived, and "
    "my supervisor said I handled it well.",
    "reflection": "I learned that staying calm and apologising first helps an upset customer "
    "trust you. I could have called my supervisor sooner instead of checking everything myself, "
    "because the customer had to wait. Next time I will ask for help earlier. From the "
    "customer's point of view, one mistake could have damaged her opinion of the whole store, "
    "so our reputation depends on fixing things quickly and staying professional.",
}


def _with(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def _codes(sections: dict[str, str], **kwargs: object) -> list[str]:
    return review_entry(sections, **kwargs).codes()  # type: ignore[arg-type]


def _finding(sections: dict[str, str], code: str) -> CoachFinding:
    return next(f for f in review_entry(sections).findings if f.code == code)


def test_a_good_entry_has_no_findings() -> None:
    report = review_entry(GOOD)
    assert report.findings == ()
    assert report.depth.level >= 3


def test_every_finding_says_how_to_fix_it_in_plain_words() -> None:
    weak = {"situation": "Busy.", "action": "We did it. Then we left.", "result": "Done."}
    report = review_entry(weak)
    assert report.findings
    for finding in report.findings:
        assert finding.message and finding.how_to_fix
        assert finding.severity in ("info", "advice", "warning")
        assert finding.section is None or finding.section in SECTION_KEYS


def test_an_empty_entry_gets_one_gentle_starting_prompt() -> None:
    report = review_entry({})
    assert report.codes() == ["entry-empty"]
    assert report.findings[0].severity == "info"
    assert report.depth.level == 1


def test_empty_section_is_a_warning_for_that_section() -> None:
    finding = _finding(_with(task=""), "section-empty")
    assert (finding.section, finding.severity) == ("task", "warning")
    assert "section-empty" not in _codes(GOOD)


def test_short_section_names_its_word_count() -> None:
    finding = _finding(_with(situation="I was on the tills."), "section-short")
    assert finding.section == "situation"
    assert "5 words" in finding.message


def test_result_with_no_outcome() -> None:
    sections = _with(
        result="After this I went back to the till and carried on serving the queue with my "
        "colleague for the rest of the shift until six."
    )
    assert "result-no-outcome" in _codes(sections)
    assert "result-no-outcome" not in _codes(GOOD)


def test_action_that_never_says_i_points_at_the_we() -> None:
    action = (
        "We greeted the customer and we checked the receipt. The team sorted out the refund "
        "and the supervisor signed it off, then we said goodbye."
    )
    finding = _finding(_with(action=action), "action-no-i")
    assert finding.severity == "warning"
    assert finding.span is not None
    start, end = finding.span
    assert action[start:end] == "We"


def test_hypothetical_action_is_flagged_with_where_it_starts() -> None:
    action = (
        "I would greet the customer and I would listen to the problem. Then I would check the "
        "receipt and I would offer a refund if it was wrong."
    )
    finding = _finding(_with(action=action), "action-hypothetical")
    assert finding.span is not None
    assert action[finding.span[0] : finding.span[1]] == "I would"


def test_reflection_with_no_learning_or_next_time() -> None:
    reflection = (
        "It was a busy day and the customer was upset because of the double charge, but it "
        "was sorted by my supervisor in the end and everyone was happy with the outcome."
    )
    assert "no-learning" in _codes(_with(reflection=reflection))
    learned = reflection + " Next time I will ask for help sooner."
    assert "no-learning" not in _codes(_with(reflection=learned))


def test_purely_descriptive_writing_is_asked_why() -> None:
    plain = {
        "situation": "I work at a cafe on the high street. A man came in at lunchtime.",
        "action": "I said hello and took his order. Then I made the coffee and gave it to him. "
        "After that I took the money and gave him the change.",
        "result": "He took his coffee and left happy.",
        "reflection": "I learned that lunchtime is busy. Next time I will get more cups ready.",
    }
    assert "descriptive-only" in _codes(plain)
    explained = {**plain, "action": plain["action"] + " I did this quickly because he was late."}
    assert "descriptive-only" not in _codes(explained)


def test_personal_data_is_flagged_with_its_span() -> None:
    situation = GOOD["situation"] + " Her number is 07700 900123 and her email jo@example.com."
    findings = [
        f for f in review_entry(_with(situation=situation)).findings if f.code == "personal-data"
    ]
    found = {situation[f.span[0] : f.span[1]] for f in findings if f.span}
    assert {"07700 900123", "jo@example.com"} <= found
    assert all(f.section == "situation" and f.severity == "warning" for f in findings)


def test_extra_terms_count_as_personal_data() -> None:
    action = GOOD["action"] + " Brightmart lets staff do this."
    findings = review_entry(_with(action=action), terms=["Brightmart"]).findings
    assert any(f.code == "personal-data" and "Brightmart" in f.message for f in findings)
    assert not any(f.code == "personal-data" for f in review_entry(GOOD).findings)


@pytest.fixture(scope="module")
def bwrc_unit() -> Unit:
    return get_bundled("icq-bwrc-l2").units[0]


def test_common_mistake_prompts_fire_when_the_entry_misses_them(bwrc_unit: Unit) -> None:
    action = (
        "I apologised and checked her receipt against the till log. Because the refund was "
        "over my limit I asked for help and it was authorised, so that she could be refunded."
    )
    codes = _codes(
        _with(action=action, task="I had to sort out the refund for her."), units=[bwrc_unit]
    )
    assert "mistake-non-verbal" in codes
    assert "mistake-protocol" in codes


def test_common_mistake_prompts_stay_silent_when_addressed(bwrc_unit: Unit) -> None:
    codes = _codes(GOOD, units=[bwrc_unit])
    assert not [code for code in codes if code.startswith("mistake-")]


def test_follow_up_prompt_comes_from_the_unit_that_warns_about_it() -> None:
    unit = get_bundled("sustaining-customer-relationships").units[0]
    no_follow_up = _with(
        result="The customer got her money back the same day and thanked me warmly for it."
    )
    assert "mistake-follow-up" in _codes(no_follow_up, units=[unit])
    assert "mistake-follow-up" not in _codes(GOOD, units=[unit])
    # Without tagged units, there are no mistake prompts at all.
    assert not [c for c in _codes(no_follow_up) if c.startswith("mistake-")]


def test_findings_are_ordered_most_serious_first() -> None:
    report = review_entry({"situation": "Busy.", "action": "We did it.", "result": "Done."})
    order = {"warning": 0, "advice": 1, "info": 2}
    ranks = [order[f.severity] for f in report.findings]
    assert ranks == sorted(ranks)


def test_curly_apostrophes_are_understood() -> None:
    reflection = GOOD["reflection"].replace("Next time I will", "I’ve learnt that next time I’ll")
    assert "no-learning" not in _codes(_with(reflection=reflection))


# -- #23: every check covers every section it applies to; every finding quotes its evidence --

EVAL = Path(__file__).parents[2] / "fixtures" / "writing" / "eval"


def _weak_entries() -> list[dict[str, str]]:
    """Entries that between them trigger every kind of finding the coach has."""
    data = json.loads((EVAL / "coach_set.json").read_text(encoding="utf-8"))
    entries = [item["sections"] for item in data["entries"]]
    entries += [
        {},
        {"situation": "Busy.", "action": "We did it. Then we left.", "result": "Done."},
        _with(situation=GOOD["situation"] + " Call her on 07700 900123."),
        _with(task=""),
    ]
    return entries


def _units() -> list[Unit]:
    return [
        get_bundled("icq-bwrc-l2").units[0],
        get_bundled("sustaining-customer-relationships").units[0],
    ]


def test_every_finding_quotes_the_words_that_triggered_it() -> None:
    seen: set[str] = set()
    unit_mistakes = {m for unit in _units() for m in unit.common_mistakes}
    for sections in _weak_entries():
        for finding in review_entry(sections, units=_units()).findings:
            seen.add(finding.code)
            if finding.code in ("section-empty", "entry-empty"):
                assert finding.quote == ""  # nothing there to quote
                continue
            assert finding.quote.strip(), finding
            if finding.code.startswith("mistake-"):
                assert finding.quote in unit_mistakes
            elif finding.section is None:
                assert any(finding.quote in text for text in sections.values()), finding
            else:
                assert finding.quote in sections[finding.section], finding
            if finding.span is not None and finding.section is not None:
                start, end = finding.span
                assert sections[finding.section][start:end] == finding.quote
    # The entries above exercise every check, so the assertion covered each kind of finding.
    assert {
        "entry-empty",
        "section-empty",
        "section-short",
        "action-no-i",
        "result-no-i",
        "reflection-no-i",
        "action-hypothetical",
        "result-no-outcome",
        "no-learning",
        "no-next-time",
        "descriptive-only",
        "short-entry",
        "personal-data",
    } <= seen


def test_a_we_only_reflection_is_flagged_and_points_at_the_we() -> None:
    reflection = "We learned that the machines can fail. We will practise the fallback next time."
    finding = _finding(_with(reflection=reflection), "reflection-no-i")
    assert finding.quote == "We"
    assert finding.span == (0, 2)
    assert "reflection-no-i" not in _codes(GOOD)
    # A Result about the customer (no 'I', no 'we') is not a voice problem.
    assert "result-no-i" not in _codes(_with(result="She accepted the refund and thanked me."))
    assert "result-no-i" in _codes(_with(result="We all agreed it was fine in the end."))


def test_i_learned_alone_is_asked_about_next_time() -> None:
    reflection = "I learned that walking people to the product is better than pointing at it."
    codes = _codes(_with(reflection=reflection))
    assert "no-next-time" in codes
    assert "no-learning" not in codes
    assert "no-next-time" not in _codes(_with(reflection=reflection + " Next time I will."))


def test_short_entries_get_questions_not_only_word_counts() -> None:
    sketch = {"situation": "A man wanted a refund.", "action": "I gave him one.", "result": ""}
    finding = _finding(sketch, "short-entry")
    assert "Why did you do it" in finding.message
    assert "learn" in finding.message
    assert "What did you do yourself" not in finding.message  # the Action says 'I' already
    assert finding.quote in sketch[finding.section or ""]


def test_judging_waits_for_the_result_or_reflection() -> None:
    unfinished = {
        "situation": GOOD["situation"],
        "task": GOOD["task"],
        "action": "I would explain the policy calmly and I would offer her the next free slot.",
    }
    codes = _codes(unfinished)
    assert "action-hypothetical" in codes
    assert "descriptive-only" not in codes


@pytest.mark.parametrize("kind", ["no-learning", "no-next-time", "descriptive-only"])
def test_checks_stay_silent_on_a_good_entry(kind: str) -> None:
    assert kind not in _codes(GOOD)
