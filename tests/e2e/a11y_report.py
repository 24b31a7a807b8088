"""The accessibility report: what remains (minor, moderate), one part per screen, merged under a lock."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

from tests.support.paths import ROOT

BLOCKING = ("serious", "critical")
REPORTS = ROOT / "reports"


# --- the report: what remains (minor, moderate), one part per screen, merged under a lock ----

def _summary(violation: dict[str, Any]) -> dict[str, Any]:
    return {"id": violation["id"], "impact": violation["impact"], "help": violation["help"],
            "url": violation["helpUrl"], "targets": [" ".join(n["target"]) for n in violation["nodes"]]}


def record(run: str, screen: str, url: str, violations: list[dict[str, Any]],
           to_review: list[dict[str, Any]]) -> None:
    """Write this screen's part, then rebuild the report from this run's parts.

    A serious or critical violation fails the test anyway; it is listed too, first.

    Workers write at the same time: the lock makes each rebuild see every part written before
    it, and parts of an earlier run are dropped so the report describes this run only.
    """
    parts = REPORTS / "accessibility"
    parts.mkdir(parents=True, exist_ok=True)
    part = {"run": run, "screen": screen, "path": url.split("/", 3)[-1],
            "blocking": [_summary(v) for v in violations if v["impact"] in BLOCKING],
            "violations": [_summary(v) for v in violations if v["impact"] not in BLOCKING],
            "to_review": [_summary(v) for v in to_review]}
    with (parts / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        (parts / f"{screen.replace('/', '~')}.json").write_text(json.dumps(part, ensure_ascii=False, indent=1), encoding="utf-8")
        screens = {}
        for path in sorted(parts.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("run") == run:
                screens[data["screen"]] = data
            else:
                path.unlink()
        _write(REPORTS / "accessibility.json", json.dumps(
            {"run": run, "blocking_impacts": list(BLOCKING), "screens": screens}, ensure_ascii=False, indent=1))
        _write(REPORTS / "accessibility.md", _markdown(screens))


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _markdown(screens: dict[str, Any]) -> str:
    def count(key: str) -> int:
        return sum(len(s[key]) for s in screens.values())

    lines = ["# Accessibilité (axe-core)", "",
             f"{len(screens)} écrans analysés : {count('blocking')} violations graves ou critiques, "
             f"{count('violations')} mineures ou modérées, {count('to_review')} points qu'axe laisse à "
             "vérifier à la main.", ""]
    for name, data in screens.items():
        items = ([("GRAVE : ", v) for v in data["blocking"]] + [("", v) for v in data["violations"]]
                 + [("à vérifier : ", v) for v in data["to_review"]])
        if items:
            lines.append(f"## {name} (`/{data['path']}`)")
            lines += [f"- {label}**{v['id']}** ({v['impact']}) : {v['help']} — {', '.join(v['targets'])} "
                      f"([règle]({v['url']}))" for label, v in items]
            lines.append("")
    return "\n".join(lines) + "\n"


# --- the tests ---------------------------------------------------------------------------------
