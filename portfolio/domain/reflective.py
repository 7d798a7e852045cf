"""The reflective models an entry can be written in: STAR (the default), Gibbs, Kolb, Driscoll.

Each model is a list of sections with a title, a prompt, a hint and a word target. Where the text
is kept: an entry row has six text columns (the five STAR ones and ``extra``), and each model's
sections are stored in them in order (``slot``), so search, coverage ("has text"), the check
before export and the anonymiser read every model's text without knowing about models, and an
entry written in STAR before models existed is simply a STAR entry.

Changing an entry's model never drops words: ``convert`` moves each section's text to the new
model's section for the same purpose (``role``): what happened, how it felt, how it went, why,
what was learned, what comes next. Several sections landing in one are joined with a blank line.
The coach reads a model's sections through ``star_view``: each section says which STAR checks
apply to it (``checks``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portfolio.domain.star import SECTIONS as STAR_SECTIONS
from portfolio.errors import InvalidInputError

DEFAULT_MODEL = "star"

# The entry row's text columns, in the order a model's sections fill them.
STORAGE_SLOTS: tuple[str, ...] = ("situation", "task", "action", "result", "reflection", "extra")

# What a section is for; ``convert`` keeps text with the section of the same purpose.
ROLES: tuple[str, ...] = (
    "context",
    "task",
    "action",
    "outcome",
    "feelings",
    "evaluation",
    "analysis",
    "learning",
    "plan",
)


@dataclass(frozen=True, slots=True)
class ModelSection:
    """One section of a reflective model (StarSection's fields, plus where it lives)."""

    key: str
    label: str
    prompt: str
    hint: str
    min_words: int
    slot: str  # the entry column holding its text
    role: str  # what the section is for (one of ROLES)
    checks: str  # the STAR section whose coach checks apply to it

    @property
    def title(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class ReflectiveModel:
    id: str
    name: str
    summary: str
    sections: tuple[ModelSection, ...]
    # Which of this model's sections receives text written for each role (see ``convert``).
    receives: Mapping[str, str]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def section(self, key: str) -> ModelSection:
        for section in self.sections:
            if section.key == key:
                return section
        raise InvalidInputError(
            f"unknown section {key!r} for the {self.name}; its sections are {', '.join(self.keys)}."
        )

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "summary": self.summary,
            "sections": [
                {"key": s.key, "title": s.label, "prompt": s.prompt, "hint": s.hint}
                for s in self.sections
            ],
        }


_STAR_ROLES = {
    "situation": "context",
    "task": "task",
    "action": "action",
    "result": "outcome",
    "reflection": "learning",
}

STAR = ReflectiveModel(
    id="star",
    name="STAR with reflection",
    summary="Situation, Task, Action, Result and what you learned: the structure the units ask "
    "for, and the clearest for showing what you did against a criterion.",
    sections=tuple(
        ModelSection(
            key=s.key,
            label=s.label,
            prompt=s.prompt,
            hint=s.hint,
            min_words=s.min_words,
            slot=s.key,
            role=_STAR_ROLES[s.key],
            checks=s.key,
        )
        for s in STAR_SECTIONS
    ),
    receives={
        "context": "situation",
        "task": "task",
        "action": "action",
        "outcome": "result",
        "feelings": "reflection",
        "evaluation": "result",
        "analysis": "reflection",
        "learning": "reflection",
        "plan": "reflection",
    },
)

GIBBS = ReflectiveModel(
    id="gibbs",
    name="Gibbs' reflective cycle",
    summary="Six stages (Gibbs, 1988): what happened, how you felt, what was good and bad, why, "
    "what you conclude, and your action plan. Good for an event that made you think hard.",
    sections=(
        ModelSection(
            "description",
            "Description",
            "What happened? Say where you were, who was involved and what *you* did.",
            "Keep to the facts, in the first person ('I greeted...', 'I checked...'). Use roles "
            "such as 'a customer' or 'my supervisor', not real names.",
            60,
            "situation",
            "context",
            "action",
        ),
        ModelSection(
            "feelings",
            "Feelings",
            "What were you thinking and feeling at the time, and afterwards?",
            "Be honest: nervous, confident, frustrated, relieved. Say what you thought the "
            "customer was feeling too.",
            20,
            "task",
            "feelings",
            "situation",
        ),
        ModelSection(
            "evaluation",
            "Evaluation",
            "What was good and what was bad about the experience? How did it end?",
            "Say what went well and what did not, for the customer and for you. Give the "
            "outcome: was the problem solved, what feedback was there?",
            30,
            "action",
            "evaluation",
            "result",
        ),
        ModelSection(
            "analysis",
            "Analysis",
            "Why did it go the way it did? What sense can you make of it?",
            "Explain the reasons ('because...', 'this meant that...'). Link what happened to "
            "your organisation's procedures and to good customer service practice.",
            40,
            "result",
            "analysis",
            "reflection",
        ),
        ModelSection(
            "conclusion",
            "Conclusion",
            "What did you learn? What else could you have done?",
            "Write 'I learned that...' and say what you could have done differently.",
            25,
            "reflection",
            "learning",
            "reflection",
        ),
        ModelSection(
            "action_plan",
            "Action plan",
            "If it happened again, what would you do? What will you do next time?",
            "Name the steps: 'Next time I will...', 'From now on I...'. Say how it would help "
            "another customer.",
            20,
            "extra",
            "plan",
            "reflection",
        ),
    ),
    receives={
        "context": "description",
        "task": "description",
        "action": "description",
        "outcome": "evaluation",
        "feelings": "feelings",
        "evaluation": "evaluation",
        "analysis": "analysis",
        "learning": "conclusion",
        "plan": "action_plan",
    },
)

KOLB = ReflectiveModel(
    id="kolb",
    name="Kolb's learning cycle",
    summary="Four stages (Kolb, 1984): an experience, looking back at it, drawing a lesson, and "
    "trying it out. Good for showing how your practice changes over time.",
    sections=(
        ModelSection(
            "experience",
            "Concrete experience",
            "What happened? Describe the experience and what *you* did.",
            "Write in the first person and keep to the facts: where, when (roughly), who was "
            "involved by role, what you said and did.",
            60,
            "situation",
            "context",
            "action",
        ),
        ModelSection(
            "observation",
            "Reflective observation",
            "Looking back, what did you notice? How did it go, and how did it feel?",
            "Say what went well and what did not, how the customer responded, and how you "
            "felt. Look at it from the customer's side too.",
            40,
            "task",
            "evaluation",
            "result",
        ),
        ModelSection(
            "conceptualisation",
            "Abstract conceptualisation",
            "What did you learn from it? Why did it go that way?",
            "Explain the reasons and link them to what good practice, your training or your "
            "organisation's procedures say. 'I learned that...', 'This is because...'.",
            40,
            "action",
            "learning",
            "reflection",
        ),
        ModelSection(
            "experimentation",
            "Active experimentation",
            "How will you use what you learned? What will you try next time?",
            "Plan something concrete: 'Next time I will...'. If you have already tried it, say "
            "what happened.",
            25,
            "result",
            "plan",
            "reflection",
        ),
    ),
    receives={
        "context": "experience",
        "task": "experience",
        "action": "experience",
        "outcome": "observation",
        "feelings": "observation",
        "evaluation": "observation",
        "analysis": "conceptualisation",
        "learning": "conceptualisation",
        "plan": "experimentation",
    },
)

DRISCOLL = ReflectiveModel(
    id="driscoll",
    name="Driscoll's What? So what? Now what?",
    summary="Three questions (Driscoll, 2007): what happened, what it means, and what you will "
    "do now. Short and direct: good for everyday practice.",
    sections=(
        ModelSection(
            "what",
            "What?",
            "What happened? What did *you* do, and what did others do?",
            "Describe the event in the first person: where, who was involved (by role), what "
            "you said and did, and how it ended.",
            60,
            "situation",
            "context",
            "action",
        ),
        ModelSection(
            "so_what",
            "So what?",
            "So what? What does it mean: what went well or badly, why, and what did you learn?",
            "Explain the reasons ('because...'), how the customer and the organisation were "
            "affected, and what this taught you about good practice.",
            50,
            "task",
            "learning",
            "reflection",
        ),
        ModelSection(
            "now_what",
            "Now what?",
            "Now what? What will you do next time, and what do you need to do it?",
            "Make a plan: 'Next time I will...', 'I will ask my supervisor about...'. Say how "
            "it will help customers.",
            25,
            "action",
            "plan",
            "reflection",
        ),
    ),
    receives={
        "context": "what",
        "task": "what",
        "action": "what",
        "outcome": "what",
        "feelings": "so_what",
        "evaluation": "so_what",
        "analysis": "so_what",
        "learning": "so_what",
        "plan": "now_what",
    },
)

MODELS: tuple[ReflectiveModel, ...] = (STAR, GIBBS, KOLB, DRISCOLL)
MODELS_BY_ID: dict[str, ReflectiveModel] = {m.id: m for m in MODELS}
# Section keys are unique across the models, so a key alone names its heading.
SECTION_LABELS: dict[str, str] = {s.key: s.label for m in MODELS for s in m.sections}


def model_ids() -> tuple[str, ...]:
    return tuple(MODELS_BY_ID)


def get_model(model_id: object) -> ReflectiveModel:
    """The model with this id; anything else is refused in one line naming the choices."""
    if isinstance(model_id, str) and model_id in MODELS_BY_ID:
        return MODELS_BY_ID[model_id]
    raise InvalidInputError(
        f"unknown reflective model {model_id!r}; choose one of: {', '.join(MODELS_BY_ID)}."
    )


def stored_model(model_id: str | None) -> ReflectiveModel:
    """The model of a stored entry: a value this version does not know reads as STAR, so an
    entry written by a newer version still opens (its text is all in the slots)."""
    return MODELS_BY_ID.get(model_id or DEFAULT_MODEL, STAR)


def sections_from_slots(model: ReflectiveModel, slots: Mapping[str, str]) -> dict[str, str]:
    """The model's sections (key -> text) from an entry's slot columns."""
    return {s.key: slots.get(s.slot, "") or "" for s in model.sections}


def slots_from_sections(model: ReflectiveModel, sections: Mapping[str, str]) -> dict[str, str]:
    """The slot columns (only those given) for the model's sections ``sections``."""
    return {model.section(key).slot: text for key, text in sections.items()}


def convert(
    texts: Mapping[str, str], source: ReflectiveModel, target: ReflectiveModel
) -> dict[str, str]:
    """``texts`` (source's sections) rewritten as target's sections, every word kept.

    Each non-empty source section goes to the target section for its role; texts landing in
    the same section are joined with a blank line in source order.
    """
    if source.id == target.id:
        return {key: texts.get(key, "") or "" for key in target.keys}
    parts: dict[str, list[str]] = {key: [] for key in target.keys}
    for section in source.sections:
        text = (texts.get(section.key) or "").strip("\n")
        if text.strip():
            parts[target.receives[section.role]].append(text)
    return {key: "\n\n".join(chunks) for key, chunks in parts.items()}


def star_view(model: ReflectiveModel, texts: Mapping[str, str]) -> dict[str, str]:
    """The text the STAR coach checks read, per STAR key: each section under its ``checks``."""
    view: dict[str, list[str]] = {s.key: [] for s in STAR_SECTIONS}
    for section in model.sections:
        text = texts.get(section.key) or ""
        if text.strip():
            view[section.checks].append(text)
    return {key: "\n\n".join(chunks) for key, chunks in view.items()}
