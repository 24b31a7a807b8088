"""The fidelity report: test reports in, each claim's status out, as JSON and as a page to read.

Fed on the controller (or the only process) with every test report carrying claim ids in its
``user_properties``; written once at the end of the session.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.fidelity import Catalogue, Claim

CLAIMS_PROPERTY = "tutorial_claims"
SCREENSHOT_PROPERTY = "tutorial_screenshot"
# A test checking several claims lists here those that did not hold, so that its other claims
# still count as verified (the generic label check does this, one screen at a time).
FAILED_PROPERTY = "tutorial_failed"

VERIFIED, FAILING, NOT_COVERED = "verified", "failing", "not covered"


@dataclass
class TestResult:
    nodeid: str
    claims: list[str]
    outcome: str = "not run"
    screenshot: str | None = None
    failed_claims: list[str] = field(default_factory=list)
    message: str = ""

    def outcome_for(self, claim: str) -> str:
        if self.outcome == "failed" and self.failed_claims and claim not in self.failed_claims:
            return "passed"
        return self.outcome

    def add(self, report: pytest.TestReport, properties: Mapping[str, Any]) -> None:
        self.claims = list(properties.get(CLAIMS_PROPERTY) or self.claims)
        self.screenshot = properties.get(SCREENSHOT_PROPERTY) or self.screenshot
        self.failed_claims = list(properties.get(FAILED_PROPERTY) or self.failed_claims)
        if self.outcome in ("failed", "xfailed"):
            return
        if report.failed:
            self.outcome, self.message = "failed", _short(report.longreprtext)
        elif report.skipped and hasattr(report, "wasxfail"):
            self.outcome, self.message = "xfailed", str(report.wasxfail)
        elif report.skipped:
            self.outcome, self.message = "skipped", _short(report.longreprtext)
        elif report.when == "call":
            self.outcome = "passed"


def _short(text: str) -> str:
    errors = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    return "\n".join(errors[:8]) if errors else "\n".join(text.strip().splitlines()[-3:])


@dataclass(frozen=True)
class Summary:
    verified: int
    failing: int
    not_covered: list[str]
    findings: int
    html: Path

    def lines(self) -> list[str]:
        lines = [f"tutorial claims: {self.verified} verified, {self.failing} failing, "
                 f"{len(self.not_covered)} not covered"]
        if self.findings:
            lines.append(f"tutorial findings (listed apart): {self.findings}")
        if self.not_covered:
            lines.append("tutorial claims without a test that ran: " + ", ".join(self.not_covered))
        lines.append(f"fidelity report: {self.html}")
        return lines


class FidelityResults:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.tests: dict[str, TestResult] = {}

    @property
    def screenshot_dir(self) -> Path:
        return self.directory / "fidelity"

    def clear_screenshots(self) -> None:
        """Screenshots of an earlier run must not pass for this run's."""
        shutil.rmtree(self.screenshot_dir, ignore_errors=True)

    def add(self, report: pytest.TestReport) -> None:
        properties = dict(report.user_properties)
        if not properties.get(CLAIMS_PROPERTY):
            return
        result = self.tests.setdefault(report.nodeid, TestResult(report.nodeid, []))
        result.add(report, properties)

    def claim_entry(self, claim: Claim) -> dict[str, Any]:
        tests = [
            {"nodeid": t.nodeid, "outcome": t.outcome_for(claim.id), "screenshot": t.screenshot,
             "message": t.message if t.outcome_for(claim.id) != "passed" else ""}
            for t in sorted(self.tests.values(), key=lambda t: t.nodeid) if claim.id in t.claims
        ]
        outcomes = {t["outcome"] for t in tests}
        if outcomes & {"failed", "xfailed"}:
            status = FAILING
        elif "passed" in outcomes:
            status = VERIFIED
        else:
            status = NOT_COVERED
        return {**claim.as_json(), "status": status, "tests": tests}

    def write(self, catalogue: Catalogue) -> Summary:
        entries = [self.claim_entry(claim) for claim in catalogue.claims.values()]
        count = {s: sum(1 for e in entries if e["status"] == s) for s in (VERIFIED, FAILING, NOT_COVERED)}
        document = {
            "source": dict(catalogue.source),
            "catalogue": _display(catalogue.path),
            "summary": {"claims": len(entries), "verified": count[VERIFIED], "failing": count[FAILING],
                        "not_covered": count[NOT_COVERED],
                        "findings": sum(1 for e in entries if e.get("finding"))},
            "claims": [e for e in entries if not e.get("finding")],
            "findings": [e for e in entries if e.get("finding")],
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "fidelity.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        html = self.directory / "fidelity.html"
        html.write_text(render_html(document), encoding="utf-8")
        return Summary(count[VERIFIED], count[FAILING],
                       [e["id"] for e in entries if e["status"] == NOT_COVERED],
                       document["summary"]["findings"], html)


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


# --- the page ---------------------------------------------------------------------------------

STATUS_FR = {VERIFIED: "vérifiée", FAILING: "en échec", NOT_COVERED: "non couverte"}

STYLE = """
body { font-family: Arial, sans-serif; margin: 2rem; color: #1d1d1b; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 2rem; }
th, td { border: 1px solid #b1b4b6; padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; } col.id { width: 14rem; } col.quote { width: 30%; } col.status { width: 7rem; }
.verified { background: #e3f4e7; } .failing { background: #fbdde0; } .not-covered { background: #fff4c2; }
.status { font-weight: bold; }
.tests { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: 0; padding: 0; }
.tests li { width: 200px; font-size: .8rem; overflow-wrap: anywhere; }
.tests img { display: block; width: 200px; border: 1px solid #b1b4b6; margin-top: .2rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .75rem; margin: .2rem 0; }
code { overflow-wrap: anywhere; } .finding { font-style: italic; }
"""


def _tests_cell(tests: list[dict[str, Any]]) -> str:
    if not tests:
        return "<em>aucun test</em>"
    items = []
    for test in tests:
        shot = test.get("screenshot")
        image = (f'<a href="{escape(shot)}"><img src="{escape(shot)}" loading="lazy" '
                 f'alt="Écran à la fin de {escape(test["nodeid"])}"></a>') if shot else ""
        message = f"<pre>{escape(test['message'])}</pre>" if test.get("message") else ""
        items.append(f'<li><code>{escape(test["nodeid"])}</code> — <strong>{escape(test["outcome"])}'
                     f"</strong>{message}{image}</li>")
    return f'<ul class="tests">{"".join(items)}</ul>'


def _rows(entries: list[dict[str, Any]]) -> str:
    rows = []
    for entry in entries:
        label = ""
        if entry.get("text"):
            screens = ", ".join(entry.get("screens", []))
            label = f"<br>Libellé : « {escape(entry['text'])} » — écran : {escape(screens)}"
        finding = f'<p class="finding">Écart : {escape(entry["finding"])}</p>' if entry.get("finding") else ""
        note = f"<p>{escape(entry['note'])}</p>" if entry.get("note") else ""
        status = entry["status"]
        rows.append(
            f'<tr class="{status.replace(" ", "-")}" id="{escape(entry["id"])}">'
            f'<td><code>{escape(entry["id"])}</code><br>'
            f'{escape(entry["step"])} · {escape(entry["kind"])}</td>'
            f"<td>« {escape(entry['quote'])} »{label}{finding}{note}</td>"
            f'<td class="status">{STATUS_FR[status]}</td><td>{_tests_cell(entry["tests"])}</td></tr>')
    head = ('<colgroup><col class="id"><col class="quote"><col class="status"><col></colgroup>'
            "<tr><th>Affirmation</th><th>Le tutoriel dit</th><th>État</th><th>Tests</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _to_look_at(document: Mapping[str, Any]) -> str:
    entries = [*document["claims"], *document["findings"]]
    links = [f'<li><a href="#{escape(e["id"])}">{escape(e["id"])}</a> — {STATUS_FR[e["status"]]}</li>'
             for e in entries if e["status"] != VERIFIED]
    return f"<h2>À regarder d'abord</h2><ul>{''.join(links)}</ul>" if links else ""


def render_html(document: Mapping[str, Any]) -> str:
    source = document["source"]
    summary = document["summary"]
    title = escape(str(source.get("title", "Tutoriel")))
    about = " · ".join(escape(str(source[key])) for key in ("date", "producer", "licence") if source.get(key))
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>Fidélité au tutoriel – {title}</title><style>{STYLE}</style></head><body>"
        f"<h1>Fidélité au tutoriel</h1><p>« {title} » — {about}</p>"
        f"<p><strong>{summary['verified']} vérifiées, {summary['failing']} en échec, "
        f"{summary['not_covered']} non couvertes</strong> sur {summary['claims']} affirmations "
        f"(dont {summary['findings']} écarts, listés à part). Chaque test montre l'écran tel qu'il "
        f"l'a laissé.</p>{_to_look_at(document)}"
        f"<h2>Affirmations du tutoriel</h2>{_rows(list(document['claims']))}"
        f"<h2>Écarts constatés</h2><p>Là où le tutoriel et une règle diffèrent, le portail suit la "
        f"règle ; ces tests vérifient le comportement réel du portail.</p>{_rows(list(document['findings']))}"
        f"</body></html>\n")
