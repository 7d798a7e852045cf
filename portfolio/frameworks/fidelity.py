"""What an imported framework kept from its file, in words for the import preview (issue 22).

A tutor importing a Mahara ``.matrix`` should see that nothing was lost: which of the optional
fields the framework now carries, and what the file held that has no place here.
"""

from __future__ import annotations

from portfolio.frameworks.model import Framework

STATUS_NAMES = {
    "claimed": "evidence put forward",
    "not_yet": "not yet met",
    "partial": "partly met",
    "met": "met",
}


def kept_lines(framework: Framework) -> list[str]:
    """One line per kind of optional detail the framework carries (empty if none)."""
    outcomes = [o for u in framework.units for o in u.outcomes]
    criteria = list(framework.criteria())
    lines: list[str] = []
    empty = sum(1 for o in outcomes if not o.criteria)
    if empty:
        lines.append(f"{_count(empty, 'learning outcome')} with no criteria, kept in place")
    short = sum(1 for o in outcomes if o.short_name) + sum(1 for c in criteria if c.short_name)
    if short:
        lines.append(f"{_count(short, 'short name')} beside the numbers")
    described = sum(1 for o in outcomes if o.description) + sum(
        1 for c in criteria if c.description
    )
    if described:
        lines.append(f"{_count(described, 'description')} kept apart from the statements")
    nested = sum(1 for c in criteria if c.parent)
    if nested:
        lines.append(f"{_count(nested, 'criterion', 'criteria')} nested under a parent")
    own_ids = sum(1 for c in criteria if c.source_id)
    as_numbers = sum(1 for c in criteria if c.source_id and c.source_id == c.number)
    if own_ids:
        lines.append(
            f"the file's own ids for {_count(own_ids, 'criterion', 'criteria')} "
            f"({as_numbers} used as the numbers)"
        )
    if framework.status_labels:
        labels = "; ".join(
            f"{STATUS_NAMES.get(key, key)}: '{label}'" for key, label in framework.status_labels
        )
        lines.append(f"the framework's own status labels ({labels})")
    if framework.institution:
        assess = "on" if framework.selfassess else "off"
        lines.append(
            f"Mahara settings: institution '{framework.institution}', self-assessment {assess}"
        )
    return lines


def not_kept(framework: Framework) -> list[str]:
    """What the source file held that has no place in our model (from ``source.not_kept``)."""
    source = framework.raw.get("source", {})
    items = source.get("not_kept", []) if isinstance(source, dict) else []
    return [str(item) for item in items]


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"
