"""The benchmark suite's results: rows of measurements, their verdicts, the table and the JSON.

A row holds one measurement at each portfolio size (or once, for work that does not depend on
the portfolio), an optional baseline measured in the same run, and a target. ``run.py`` fills
the rows; this module only judges and formats them, so the printed table, the README table and
the JSON always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ANY = "any"  # the size key of measurements that do not depend on the portfolio


@dataclass(frozen=True)
class Measure:
    """A median wall time (or a size, for memory) and, where it helps, the median CPU time."""

    value: float
    cpu: float | None = None

    def as_dict(self) -> dict[str, float]:
        data = {"value": round(self.value, 4)}
        if self.cpu is not None:
            data["cpu"] = round(self.cpu, 4)
        return data


@dataclass
class Row:
    """One measurement across the portfolio sizes.

    ``kind`` says how the target is read: "max" (every judged value at most ``target``) or
    "ratio" (value / baseline at most ``target`` at every judged size).
    """

    key: str
    label: str
    unit: str  # "ms", "s" or "MB"
    values: dict[str, Measure] = field(default_factory=dict)
    baselines: dict[str, Measure] = field(default_factory=dict)
    baseline_label: str = ""
    target: float | None = None
    kind: str = "max"
    judged_at: tuple[str, ...] = ()
    note: str = ""

    def ratios(self) -> dict[str, float]:
        return {
            size: value.value / self.baselines[size].value
            for size, value in self.values.items()
            if size in self.baselines and self.baselines[size].value > 0
        }

    def misses(self) -> list[str]:
        """The judged sizes that miss the target (empty: passes, or no target)."""
        if self.target is None:
            return []
        judged = self.judged_at or tuple(self.values)
        if self.kind == "ratio":
            ratios = self.ratios()
            return [s for s in judged if s in ratios and ratios[s] > self.target]
        return [s for s in judged if s in self.values and self.values[s].value > self.target]

    def result(self) -> str:
        if self.target is None:
            return ""
        misses = self.misses()
        if not misses:
            return "pass"
        return "miss at " + ", ".join(_size_label(s) for s in misses)

    def target_text(self) -> str:
        if self.target is None:
            return ""
        judged = self.judged_at or tuple(self.values)
        where = ""
        if judged and judged != tuple(self.values) and ANY not in judged:
            where = " at " + ", ".join(_size_label(s) for s in judged)
        if self.kind == "ratio":
            return f"≤ {self.target:g}x{where}"
        return f"< {self.target:g} {self.unit}{where}"

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "values": {size: m.as_dict() for size, m in self.values.items()},
            "baseline": self.baseline_label,
            "baselines": {size: m.as_dict() for size, m in self.baselines.items()},
            "ratios": {size: round(r, 3) for size, r in self.ratios().items()},
            "target": self.target,
            "target_kind": self.kind,
            "target_text": self.target_text(),
            "judged_at": list(self.judged_at or self.values),
            "result": self.result(),
            "note": self.note,
        }


def _size_label(size: str) -> str:
    return f"{int(size):,}" if size.isdigit() else size


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def _cell(measure: Measure | None, unit: str) -> str:
    if measure is None:
        return ""
    text = _number(measure.value, unit)
    if measure.cpu is not None:
        cpu = _number(measure.cpu, unit).rsplit(" ", 1)[0]
        text += f" ({cpu})"
    return text


def table(rows: list[Row], sizes: list[int], growth: dict[str, float] | None = None) -> str:
    """The one table, as Markdown (it reads as plain text too); with ``growth`` (row key ->
    exponent between the second and the last size) a column for it."""
    keys = [str(s) for s in sizes]
    header = [
        "measurement",
        *(f"{s:,} entries" for s in sizes),
        "baseline",
        "ratio",
        "target",
        "result",
    ]
    if growth is not None:
        header.append(f"growth {sizes[1]:,} to {sizes[-1]:,}")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        if ANY in row.values:  # one value, shown under the first size, the others marked
            cells = [_cell(row.values[ANY], row.unit), "(any size)", ""][: len(keys)]
            cells += [""] * (len(keys) - len(cells))
        else:
            cells = [_cell(row.values.get(k), row.unit) for k in keys]
        baseline = ""
        if row.baselines:
            if len(set(row.baselines.values())) == 1:  # one baseline for every size
                baseline = _cell(next(iter(row.baselines.values())), row.unit)
            else:
                per_size = [_cell(row.baselines[k], row.unit) for k in keys if k in row.baselines]
                baseline = " / ".join(per_size)
            if row.baseline_label:
                baseline = f"{row.baseline_label}: {baseline}"
        ratios = row.ratios()
        ratio = " / ".join(f"{ratios[k]:.2f}x" for k in keys if k in ratios)
        columns = [row.label, *cells, baseline, ratio, row.target_text(), row.result()]
        if growth is not None:
            columns.append(f"{growth[row.key]:.2f}" if row.key in growth else "")
        lines.append("| " + " | ".join(columns) + " |")
    return "\n".join(lines)
