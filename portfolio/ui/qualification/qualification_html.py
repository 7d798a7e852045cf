"""Readable HTML for the Qualification page: a unit's guidance, an outcome, a criterion."""

from __future__ import annotations

import html

from portfolio.frameworks.model import Criterion, Framework, Outcome, Unit

_DERIVED = (
    "<p><i>The source does not number these; Portfolio assigned the numbers so you can refer "
    "to them.</i></p>"
)


def _list(title: str, items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    return f"<h3>{html.escape(title)}</h3><ul>{lis}</ul>"


def unit_guidance_html(unit: Unit) -> str:
    """The unit's help for learners: overview, guidance, common mistakes, key terms."""
    parts = []
    if unit.overview:
        parts.append(f"<p>{html.escape(unit.overview)}</p>")
    parts.append(_list("Key ideas", unit.key_concepts))
    parts.append(_list("Guidance: what assessors look for", unit.guidance))
    parts.append(_list("Common mistakes to avoid", unit.common_mistakes))
    parts.append(_list("Skills to show", unit.key_skills))
    if unit.key_terms:
        terms = "".join(
            f"<dt><b>{html.escape(t.term)}</b></dt><dd>{html.escape(t.definition)}</dd>"
            for t in unit.key_terms
        )
        parts.append(f"<h3>Key terms</h3><dl>{terms}</dl>")
    return "".join(parts)


def framework_html(framework: Framework) -> str:
    units = "".join(
        f"<li>{html.escape(u.ref)}: {html.escape(u.title)}</li>" for u in framework.units
    )
    description = f"<p>{html.escape(framework.description)}</p>" if framework.description else ""
    return (
        f"<h3>{html.escape(framework.title)}</h3><p>Level {html.escape(framework.level)}"
        f"{' · ' + html.escape(framework.awarding_body) if framework.awarding_body else ''}</p>"
        f"{description}<h3>Units</h3><ul>{units}</ul>"
        "<p>Choose a unit, outcome or criterion on the left to read its guidance.</p>"
    )


def unit_html(unit: Unit) -> str:
    derived = _DERIVED if unit.derived else ""
    return f"<h3>{html.escape(unit.ref)}: {html.escape(unit.title)}</h3>{derived}" + (
        unit_guidance_html(unit)
    )


def outcome_html(outcome: Outcome, unit: Unit) -> str:
    criteria = "".join(
        f"<li><b>{html.escape(c.number)}</b> {html.escape(c.text)}</li>" for c in outcome.criteria
    )
    return (
        f"<h3>Learning outcome {html.escape(outcome.number)}{_short(outcome.short_name)}</h3>"
        f"<p>{html.escape(outcome.text)}</p>{_DERIVED if outcome.derived else ''}"
        f"{_description(outcome.description)}"
        f"<h3>Assessment criteria</h3><ul>{criteria}</ul>"
        f"<hr><h3>About this unit</h3>{unit_guidance_html(unit)}"
    )


def criterion_html(criterion: Criterion, outcome: Outcome, unit: Unit) -> str:
    return (
        f"<h3>Criterion {html.escape(criterion.number)}{_short(criterion.short_name)}</h3>"
        f"<p style='font-size:large'>{html.escape(criterion.text)}</p>"
        f"{_DERIVED if criterion.derived else ''}"
        f"{_description(criterion.description)}"
        f"<p><i>Learning outcome {html.escape(outcome.number)}: {html.escape(outcome.text)}</i></p>"
        + _list("What the examiner looks for", criterion.marking_points)
        + f"<hr><h3>About this unit</h3>{unit_guidance_html(unit)}"
    )


def _short(short_name: str) -> str:
    """A framework's own short label beside the number (Mahara's shortname), issue 22."""
    return f" · {html.escape(short_name)}" if short_name else ""


def _description(text: str) -> str:
    """A description kept apart from the statement: paragraphs, list items as lines."""
    if not text:
        return ""
    paragraphs = (html.escape(p).replace("\n", "<br>") for p in text.split("\n\n"))
    return "".join(f"<p>{p}</p>" for p in paragraphs)
