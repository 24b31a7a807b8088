"""Figures, the issue's targets beside them, a table on stdout and ``reports/bench.json``."""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench._harness import ROOT

REPORT = ROOT / "reports" / "bench.json"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was really observed, never an interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Figure:
    """One measured number; ``target`` and ``better`` ("lower" / "higher") when the issue sets one."""

    name: str
    value: float | int | str | None
    unit: str = ""
    target: float | None = None
    better: str = "lower"
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.target is None or not isinstance(self.value, int | float):
            return None
        return self.value <= self.target if self.better == "lower" else self.value >= self.target

    @property
    def gap(self) -> str:
        """How far from the target, as a factor: « 2.4× off »."""
        if self.met is not False or not isinstance(self.value, int | float):
            return ""
        if not self.value or not self.target:
            return ""
        factor = self.value / self.target if self.better == "lower" else self.target / self.value
        return f"{factor:.2f}× off" if factor < 2 else f"{factor:.1f}× off"


class Report:
    def __init__(self) -> None:
        self.sections: dict[str, list[Figure]] = {}
        self.details: dict[str, Any] = {}
        self.started = datetime.now().astimezone()

    def add(self, section: str, figure: Figure) -> Figure:
        self.sections.setdefault(section, []).append(figure)
        return figure

    def table(self) -> str:
        lines = [f"{'figure':<58} {'measured':>14} {'target':>12}  met"]
        for section, figures in self.sections.items():
            lines.append(f"-- {section}")
            for figure in figures:
                target = "" if figure.target is None else (
                    f"{'≤' if figure.better == 'lower' else '≥'} {_fmt(figure.target)}")
                met = {True: "yes", False: f"NO {figure.gap}", None: ""}[figure.met]
                value = f"{_fmt(figure.value)} {figure.unit}".strip()
                lines.append(f"  {figure.name:<56} {value:>14} {target:>12}  {met}")
                if figure.note:
                    lines.append(f"      {figure.note}")
        return "\n".join(lines)

    def write(self, path: Path = REPORT) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "date": self.started.isoformat(timespec="seconds"),
            "cpu_count": os.cpu_count(),
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "load_average_at_start": _load_average()},
            "sections": {name: [{**asdict(f), "met": f.met} for f in figures]
                         for name, figures in self.sections.items()},
            "details": self.details,
        }
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "n/a"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return "n/a" if value is None else str(value)


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None
