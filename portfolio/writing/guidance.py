"""Unit guidance beside the prompts: what the units an entry is tagged with say about writing it.

The prompts of a reflective model are the same for every entry; the units are not. Each unit of
the bundled frameworks carries assessment guidance, exam tips, common mistakes and key terms from
its seed, and ``resources/writing/unit_guidance.json`` adds what a framework does not carry (seed
000's learning objectives). This module gathers them for the units of an entry's criteria and
places each item beside the section it helps with, by the purpose of the section (see
``portfolio.domain.reflective.ROLES``) and plain word cues: a tip about protocols goes with what
happened, one about feedback with how it ended, one about reflecting with what was learned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from portfolio.domain.reflective import ReflectiveModel
from portfolio.frameworks.model import Framework, Unit
from portfolio.resources import resource_path

# Most useful first: what the learner must show, then how assessors judge it, then pitfalls.
KINDS: tuple[str, ...] = ("objective", "exam_tip", "tip", "mistake", "term")
KIND_LABELS = {
    "objective": "Learning objective",
    "exam_tip": "Assessment tip",
    "tip": "Tip",
    "mistake": "Avoid",
    "term": "Key term",
}
PER_SECTION = 3  # items shown beside one section

# Word cues for the sections' purposes (stems: matched at the start of a word).
_CUES: dict[str, tuple[str, ...]] = {
    "context": (
        "protocol",
        "procedure",
        "policy",
        "standard",
        "present",
        "appearance",
        "dress",
        "groom",
        "organisation",
        "legislat",
        "confidential",
        "first impression",
    ),
    "action": (
        "greet",
        "listen",
        "demonstrat",
        "apply",
        "communicat",
        "body language",
        "tone",
        "eye contact",
        "empath",
        "question",
        "interact",
        "respond",
        "handl",
        "practical",
        "techniqu",
        "specific example",
        "your actions",
    ),
    "outcome": (
        "outcome",
        "result",
        "feedback",
        "impact",
        "satisf",
        "resolv",
        "kpi",
        "measur",
        "loyal",
        "reputation",
        "opinion",
        "perception",
        "consequence",
        "retention",
    ),
    "feelings": ("feel", "emotion", "stress", "confiden", "calm"),
    "evaluation": ("evaluat", "effective", "went well", "strength", "weakness", "assess"),
    "analysis": ("why", "explain", "analys", "link", "reason", "theor", "model", "understand"),
    "learning": ("reflect", "learn", "lesson", "develop", "insight", "critical"),
    "plan": ("improve", "next time", "plan", "future", "continuous", "action plan", "smart"),
}
_ROLE_ORDER = tuple(_CUES)
_CUE_PATTERNS = {
    role: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + ")", re.IGNORECASE)
    for role, cues in _CUES.items()
}


@dataclass(frozen=True, slots=True)
class GuidanceItem:
    kind: str  # one of KINDS
    text: str
    unit: str  # "Unit BWRC"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@cache
def _supplement() -> dict[tuple[str, str], tuple[str, ...]]:
    """Learning objectives the frameworks lack, by (framework id, unit ref)."""
    data = json.loads(resource_path("writing", "unit_guidance.json").read_text(encoding="utf-8"))
    return {
        (str(u["framework"]), str(u["unit"])): tuple(str(o) for o in u["learning_objectives"])
        for u in data["units"]
    }


def unit_items(framework_id: str, unit: Unit) -> tuple[GuidanceItem, ...]:
    """Every guidance item of one unit, in KINDS order, each text once."""
    where = f"Unit {unit.ref}"
    raw: list[tuple[str, str]] = [
        *(("objective", o) for o in _supplement().get((framework_id, unit.ref), ())),
        *(("exam_tip", t) for t in unit.exam_tips),
        *(("tip", t) for t in unit.guidance),
        *(("mistake", m) for m in unit.common_mistakes),
        *(("term", f"{t.term}: {t.definition}") for t in unit.key_terms),
    ]
    seen: set[str] = set()
    items = []
    for kind, text in raw:
        clean = text.strip().lstrip("💡").strip()
        if clean and clean.lower() not in seen:
            seen.add(clean.lower())
            items.append(GuidanceItem(kind, clean, where))
    return tuple(items)


def units_of(frameworks: Iterable[Framework], unit_ids: Iterable[str]) -> list[tuple[str, Unit]]:
    """(framework id, unit) for each unit id, in framework order."""
    wanted = set(unit_ids)
    return [(f.id, u) for f in frameworks for u in f.units if u.id in wanted]


def role_of(text: str) -> str | None:
    """The section purpose a guidance text speaks to most (None when no cue matches)."""
    best, hits = None, 0
    for role in _ROLE_ORDER:
        count = len(_CUE_PATTERNS[role].findall(text))
        if count > hits:
            best, hits = role, count
    return best


def section_guidance(
    units: Sequence[tuple[str, Unit]], model: ReflectiveModel, *, per_section: int = PER_SECTION
) -> dict[str, tuple[GuidanceItem, ...]]:
    """Up to ``per_section`` items of the units' guidance beside each of the model's sections.

    Each item goes to the section that receives its purpose in this model (a Gibbs entry gets
    a tip about feedback under Evaluation, a STAR entry under Result), at most one of each kind
    per section; key terms are left out (they are definitions, not advice); items with no cue
    fill sections with room, and a section left with nothing gets the next unused item. Units
    take turns, so an entry tagged to two units sees both.
    """
    queues: list[list[GuidanceItem]] = [
        [i for i in unit_items(fid, unit) if i.kind != "term"] for fid, unit in units
    ]
    placed: dict[str, list[GuidanceItem]] = {key: [] for key in model.keys}
    leftovers: list[GuidanceItem] = []
    while any(queues):
        for queue in queues:
            if not queue:
                continue
            item = queue.pop(0)
            role = role_of(item.text)
            key = model.receives[role] if role else None
            if (
                key is not None
                and len(placed[key]) < per_section
                and all(other.kind != item.kind for other in placed[key])  # one of each kind
            ):
                placed[key].append(item)
            else:
                leftovers.append(item)
    for item in leftovers:
        if role_of(item.text) is not None:
            continue
        room = next(
            (
                k
                for k in model.keys
                if len(placed[k]) < per_section and all(o.kind != item.kind for o in placed[k])
            ),
            None,
        )
        if room is not None:
            placed[room].append(item)
    # A section still without any: the first unused item of another purpose, rather than none.
    used = {id(i) for items in placed.values() for i in items}
    spare = [i for i in leftovers if id(i) not in used]
    for key in model.keys:
        if not placed[key] and spare:
            placed[key].append(spare.pop(0))
    return {key: tuple(items) for key, items in placed.items()}
