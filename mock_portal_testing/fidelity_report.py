"""The fidelity report: test reports in, each claim's status out, as JSON and as a page to read.

Fed on the controller (or the only process) with every test report carrying claim ids in its
``user_properties``; written once at the end of the session.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mock_portal_testing.fidelity import Catalogue, Claim

CLAIMS_PROPERTY = "tutorial_claims"
SCREENSHOT_PROPERTY = "tutorial_screenshot"
# A test checking several claims lists here those that did not hold, so that its other claims
# still count as verified (the generic label check does this, one screen at a time).
FAILED_PROPERTY = "tutorial_failed"
# Screens that differ from their approved image: [{"screen", "expected", "actual", "diff"}, ...]
VISUAL_PROPERTY = "visual_mismatches"
# What pytest-playwright attaches to the teardown report of a test it kept artifacts for.
PLAYWRIGHT_SCREENSHOT, PLAYWRIGHT_TRACE = "playwright_screenshot", "playwright_trace"

VERIFIED, FAILING, NOT_COVERED = "verified", "failing", "not covered"
TOTALS = ("passed", "failed", "skipped", "errors", "xfailed", "xpassed")
BROKEN = ("failed", "error", "xfailed")


@dataclass
class TestResult:
    nodeid: str
    claims: list[str]
    outcome: str = "not run"
    screenshot: str | None = None
    failed_claims: list[str] = field(default_factory=list)
    message: str = ""
    artifacts: dict[str, str] = field(default_factory=dict)
    visual: list[dict[str, str]] = field(default_factory=list)

    def outcome_for(self, claim: str) -> str:
        if self.outcome in ("failed", "error") and self.failed_claims and claim not in self.failed_claims:
            return "passed"
        return self.outcome

    @property
    def broken_claims(self) -> list[str]:
        return list(self.failed_claims or self.claims)

    def add(self, report: pytest.TestReport, properties: Mapping[str, Any]) -> None:
        self.claims = list(properties.get(CLAIMS_PROPERTY) or self.claims)
        self.screenshot = properties.get(SCREENSHOT_PROPERTY) or self.screenshot
        self.failed_claims = list(properties.get(FAILED_PROPERTY) or self.failed_claims)
        self.visual = list(properties.get(VISUAL_PROPERTY) or self.visual)
        for kind in (PLAYWRIGHT_SCREENSHOT, PLAYWRIGHT_TRACE):
            if properties.get(kind):
                self.artifacts[kind.removeprefix("playwright_")] = str(properties[kind])
        if self.outcome in ("failed", "error", "xfailed"):
            return
        # "rerun": failed, then run again (mock_portal_testing/rerun.py); a failure all the same.
        if report.failed or report.outcome == "rerun":
            self.outcome = "failed" if report.when == "call" else "error"
            first = "failed on its first attempt: " if report.outcome == "rerun" else ""
            self.message = first + _short(report.longreprtext)
        elif report.skipped and hasattr(report, "wasxfail"):
            self.outcome, self.message = "xfailed", str(report.wasxfail)
        elif report.skipped:
            self.outcome, self.message = "skipped", _short(report.longreprtext)
        elif report.when == "call":
            self.outcome = "xpassed" if hasattr(report, "wasxfail") else "passed"


def _short(text: str) -> str:
    errors = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    return "\n".join(errors[:8]) if errors else "\n".join(text.strip().splitlines()[-3:])


@dataclass(frozen=True)
class Summary:
    tests: Mapping[str, int]
    verified: int
    failing: int
    not_covered: list[str]
    findings: int
    failures: list[dict[str, Any]]
    html: Path
    partial: str | None = None  # why the coverage verdict does not apply, on a partial run

    def lines(self, shown: int = 20) -> list[str]:
        lines = ["tests: " + ", ".join(f"{self.tests[k]} {k}" for k in TOTALS[:4])
                 + "".join(f", {self.tests[k]} {k}" for k in TOTALS[4:] if self.tests[k]),
                 f"tutorial claims: {self.verified} verified, {self.failing} failing, "
                 f"{len(self.not_covered)} not covered"]
        if self.findings:
            lines.append(f"tutorial findings (listed apart): {self.findings}")
        for failure in self.failures[:shown]:
            claims = ", ".join(failure["claims"]) or "no tutorial claim"
            lines.append(f"{failure['outcome'].upper()} {failure['nodeid']} (breaks: {claims})")
            if failure.get("screenshot"):
                lines.append(f"    screenshot: {failure['screenshot']}")
            if failure.get("trace"):
                lines.append(f"    trace: playwright show-trace {failure['trace']}")
            lines += [f"    visual: {v['screen']} differs, see {v['diff']}" for v in failure["visual"]]
        if len(self.failures) > shown:
            lines.append(f"... and {len(self.failures) - shown} more failing tests in the report")
        if self.partial:
            lines.append(f"coverage verdict not applied: {self.partial}")
        elif self.not_covered:
            lines.append("tutorial claims without a test that ran: " + ", ".join(self.not_covered))
        lines.append(f"fidelity report: {self.html}")
        return lines


class FidelityResults:
    def __init__(self, directory: Path, invocation_dir: Path | None = None) -> None:
        self.directory = directory
        # pytest-playwright gives artifact paths relative to where pytest was started.
        self.invocation_dir = invocation_dir or Path.cwd()
        self.tests: dict[str, TestResult] = {}
        self.collection_errors = 0

    @property
    def screenshot_dir(self) -> Path:
        return self.directory / "fidelity"

    def clear_screenshots(self) -> None:
        """Screenshots of an earlier run must not pass for this run's."""
        shutil.rmtree(self.screenshot_dir, ignore_errors=True)

    def add(self, report: pytest.TestReport) -> None:
        result = self.tests.setdefault(report.nodeid, TestResult(report.nodeid, []))
        result.add(report, dict(report.user_properties))

    def claim_entry(self, claim: Claim) -> dict[str, Any]:
        tests = [
            {"nodeid": t.nodeid, "outcome": t.outcome_for(claim.id), "screenshot": t.screenshot,
             "message": t.message if t.outcome_for(claim.id) != "passed" else ""}
            for t in sorted(self.tests.values(), key=lambda t: t.nodeid) if claim.id in t.claims
        ]
        outcomes = {t["outcome"] for t in tests}
        if outcomes & set(BROKEN):
            status = FAILING
        elif outcomes & {"passed", "xpassed"}:
            status = VERIFIED
        else:
            status = NOT_COVERED
        return {**claim.as_json(), "status": status, "tests": tests}

    def totals(self) -> dict[str, int]:
        count = {key: 0 for key in TOTALS}
        for test in self.tests.values():
            key = "errors" if test.outcome == "error" else test.outcome
            if key in count:
                count[key] += 1
        count["errors"] += self.collection_errors
        return count

    def _path(self, path: str) -> str:
        """An artifact's path as the report's links need it: relative to the report's folder."""
        return os.path.relpath(self.invocation_dir / path, self.directory)

    def failures(self) -> list[dict[str, Any]]:
        """Each failing test once, with the claims it breaks and what it left to look at."""
        failing = sorted((t for t in self.tests.values() if t.outcome in ("failed", "error")),
                         key=lambda t: t.nodeid)
        return [{"nodeid": t.nodeid, "outcome": t.outcome, "claims": t.broken_claims, "message": t.message,
                 **t.artifacts, "visual": t.visual} for t in failing]

    def write(self, catalogue: Catalogue, partial: str | None = None) -> Summary:
        entries = [self.claim_entry(claim) for claim in catalogue.claims.values()]
        count = {s: sum(1 for e in entries if e["status"] == s) for s in (VERIFIED, FAILING, NOT_COVERED)}
        failures = self.failures()
        document = {
            "source": dict(catalogue.source),
            "catalogue": _display(catalogue.path),
            "tests": self.totals(),
            "coverage_verdict": f"not applied: {partial}" if partial else "applied",
            "summary": {"claims": len(entries), "verified": count[VERIFIED], "failing": count[FAILING],
                        "not_covered": count[NOT_COVERED],
                        "findings": sum(1 for e in entries if e.get("finding"))},
            "failures": failures,
            "claims": [e for e in entries if not e.get("finding")],
            "findings": [e for e in entries if e.get("finding")],
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "fidelity.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        html = self.directory / "fidelity.html"
        html.write_text(render_html(document, self._path), encoding="utf-8")
        return Summary(document["tests"], count[VERIFIED], count[FAILING],
                       [e["id"] for e in entries if e["status"] == NOT_COVERED],
                       document["summary"]["findings"], failures, html, partial)


def _display(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


# --- the page ---------------------------------------------------------------------------------

STYLE = """
body { font-family: Arial, sans-serif; margin: 2rem; color: #1d1d1b; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 2rem; }
th, td { border: 1px solid #b1b4b6; padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; } col.id { width: 14rem; } col.quote { width: 30%; } col.status { width: 7rem; }
.verified { background: #e3f4e7; } .failing { background: #fbdde0; } .not-covered { background: #fff4c2; }
.status { font-weight: bold; }
.tests { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: 0; padding: 0; }
.tests li { width: 200px; font-size: .8rem; overflow-wrap: anywhere; }
.tests img, .failure img { display: block; width: 200px; border: 1px solid #b1b4b6; margin-top: .2rem; }
.failure { border-left: 4px solid #d4351c; padding: .2rem .8rem; margin-bottom: 1rem; }
.images { display: flex; gap: .5rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .75rem; margin: .2rem 0; }
code { overflow-wrap: anywhere; } .finding { font-style: italic; }
"""

Link = Callable[[str], str]


def _image(href: str, alt: str) -> str:
    return f'<a href="{escape(href)}"><img src="{escape(href)}" loading="lazy" alt="{escape(alt)}"></a>'


def _tests_cell(tests: list[dict[str, Any]]) -> str:
    if not tests:
        return "<em>no test</em>"
    items = []
    for test in tests:
        shot = test.get("screenshot")
        image = _image(shot, f"The screen at the end of {test['nodeid']}") if shot else ""
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
            label = f"<br>Label: « {escape(entry['text'])} » — screen: {escape(screens)}"
        finding = entry.get("finding")
        finding = f'<p class="finding">Finding: {escape(finding)}</p>' if finding else ""
        note = f"<p>{escape(entry['note'])}</p>" if entry.get("note") else ""
        status = entry["status"]
        rows.append(
            f'<tr class="{status.replace(" ", "-")}" id="{escape(entry["id"])}">'
            f'<td><code>{escape(entry["id"])}</code><br>'
            f'{escape(entry["step"])} · {escape(entry["kind"])}</td>'
            f"<td>« {escape(entry['quote'])} »{label}{finding}{note}</td>"
            f'<td class="status">{status}</td><td>{_tests_cell(entry["tests"])}</td></tr>')
    head = ('<colgroup><col class="id"><col class="quote"><col class="status"><col></colgroup>'
            "<tr><th>Claim</th><th>The tutorial says</th><th>Status</th><th>Tests</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _failures(failures: list[dict[str, Any]], link: Link) -> str:
    if not failures:
        return ""
    items = []
    for failure in failures:
        claims = ", ".join(f'<a href="#{escape(c)}">{escape(c)}</a>' for c in failure["claims"])
        parts = [f'<h3><code>{escape(failure["nodeid"])}</code> — {escape(failure["outcome"])}</h3>',
                 f"<p>Claims it breaks: {claims or 'none'}</p>"]
        if failure["message"]:
            parts.append(f"<pre>{escape(failure['message'])}</pre>")
        if failure.get("trace"):
            trace = failure["trace"]
            parts.append(f'<p>Trace: <a href="{escape(link(trace))}">{escape(trace)}</a>'
                         f" — <code>playwright show-trace {escape(trace)}</code></p>")
        if failure.get("screenshot"):
            parts.append(_image(link(failure["screenshot"]), f"The screen when {failure['nodeid']} failed"))
        for visual in failure.get("visual", []):
            images = "".join(_image(link(visual[kind]), f"{visual['screen']}: {kind}")
                             for kind in ("expected", "actual", "diff"))
            parts.append(f"<p>{escape(visual['screen'])} differs from its approved image "
                         f"(expected, actual, diff):</p><div class=\"images\">{images}</div>")
        items.append(f'<div class="failure">{"".join(parts)}</div>')
    return f"<h2>Failing tests ({len(failures)})</h2>{''.join(items)}"


def _to_look_at(document: Mapping[str, Any]) -> str:
    entries = [*document["claims"], *document["findings"]]
    links = [f'<li><a href="#{escape(e["id"])}">{escape(e["id"])}</a> — {e["status"]}</li>'
             for e in entries if e["status"] != VERIFIED]
    return f"<h2>Claims to look at first</h2><ul>{''.join(links)}</ul>" if links else ""


def render_html(document: Mapping[str, Any], link: Link = str) -> str:
    source = document["source"]
    summary = document["summary"]
    tests = ", ".join(f"{count} {key}" for key, count in document["tests"].items()
                      if count or key in TOTALS[:4])
    title = escape(str(source.get("title", "Tutorial")))
    about = " · ".join(escape(str(source[key])) for key in ("date", "producer", "licence") if source.get(key))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Fidelity to the tutorial – {title}</title><style>{STYLE}</style></head><body>"
        f"<h1>Fidelity to the tutorial</h1><p>« {title} » — {about}</p>"
        f"<p><strong>Tests: {tests}.</strong></p>"
        f"<p><strong>{summary['verified']} verified, {summary['failing']} failing, "
        f"{summary['not_covered']} not covered</strong> of {summary['claims']} claims "
        f"(of which {summary['findings']} findings, listed apart). Coverage verdict: "
        f"{escape(document['coverage_verdict'])}. Each test shows the screen as it left it.</p>"
        f"{_failures(document['failures'], link)}{_to_look_at(document)}"
        f"<h2>The tutorial's claims</h2>{_rows(list(document['claims']))}"
        f"<h2>Findings</h2><p>Where the tutorial and a rule differ, the portal follows the rule; "
        f"these tests check what the portal really does.</p>{_rows(list(document['findings']))}"
        f"</body></html>\n")
