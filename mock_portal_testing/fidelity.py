"""Traceability between a tutorial's claims (a YAML catalogue) and the tests.

A test declares the claims it verifies with ``@pytest.mark.tutorial("E1-departement-placeholder")``.
An unknown id stops the run at collection. With ``--fidelity-report`` the run ends by writing
``reports/fidelity.json`` and ``reports/fidelity.html`` (see fidelity_report.py): the test totals,
each failing test once with the claims it breaks and its screenshot, trace and visual diffs, and
each claim with its tests. Each test with a tutorial marker leaves a full-page screenshot of its
``page``. On a full run a claim that no test checked (none ran, or all were skipped) fails the
run, naming the claim; a partial run (paths, ``-k``, ``-m``, a shard...) keeps pytest's own status.

The catalogue is the ``fidelity_catalogue`` ini value (or ``--fidelity-catalogue``), by default
``fixtures/tutorial.yaml`` under the rootdir when that file exists.

Under pytest-xdist the workers collect and run the tests while the controller writes the report:
claim ids and screenshot paths travel in ``report.user_properties``, the only part of a test
report that crosses from a worker to the controller.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from mock_portal_testing.fidelity_report import (
    CLAIMS_PROPERTY,
    FAILED_PROPERTY,
    SCREENSHOT_PROPERTY,
    FidelityResults,
    Summary,
)

MARKER = "tutorial"

KINDS = ("label", "rule", "sequence", "help", "outcome")
STEPS = ("Introduction", "Prérequis", "A savoir", "Etape 1", "Etape 2", "Etape 3", "Confirmation",
         "Liens utiles")
# How the generic label check finds a label, as the user sees it (see test_tutorial_labels.py).
CHECK_KEYS = ("text", "role", "name", "pattern", "exact", "placeholder", "field", "case_sensitive", "css")

DEFAULT_CATALOGUE = "fixtures/tutorial.yaml"
# libyaml when PyYAML has it: the catalogue is read by every run that reports fidelity.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_catalogue_key = pytest.StashKey["Catalogue"]()


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Claim:
    id: str
    step: str
    kind: str
    quote: str
    screens: tuple[str, ...] = ()
    finding: str | None = None
    note: str | None = None
    check: Mapping[str, Any] = field(default_factory=dict)
    addition: bool = False  # the portal shows it, the tutorial does not; `finding` says why

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "step": self.step, "kind": self.kind, "quote": self.quote}
        if self.screens:
            data["screens"] = list(self.screens)
        data.update(self.check)
        if self.note:
            data["note"] = self.note
        if self.finding:
            data["finding"] = self.finding
        if self.addition:
            data["addition"] = True
        return data


@dataclass(frozen=True)
class Catalogue:
    path: Path
    source: Mapping[str, Any]
    screens: Mapping[str, str]
    claims: Mapping[str, Claim]

    def labels_on(self, screen: str) -> list[Claim]:
        return [c for c in self.claims.values() if c.kind == "label" and screen in c.screens]

    @property
    def label_screens(self) -> list[str]:
        return [name for name in self.screens if self.labels_on(name)]

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
        except (OSError, yaml.YAMLError) as exc:
            raise CatalogueError(f"cannot read the tutorial catalogue {path}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
            raise CatalogueError(f"{path}: expected a mapping with a `claims` list")
        screens = data.get("screens") or {}
        claims: dict[str, Claim] = {}
        for entry in data["claims"]:
            claim = _claim(entry, screens, path)
            if claim.id in claims:
                raise CatalogueError(f"{path}: claim id {claim.id!r} is used twice")
            claims[claim.id] = claim
        return cls(path, data.get("source") or {}, screens, claims)


def _claim(entry: Any, screens: Mapping[str, str], path: Path) -> Claim:
    if not isinstance(entry, dict) or not entry.get("id"):
        raise CatalogueError(f"{path}: every claim needs an `id`: {entry!r}")
    where = f"{path}: claim {entry['id']}"
    for key in ("step", "kind", "quote"):
        if not entry.get(key):
            raise CatalogueError(f"{where} has no `{key}`")
    if entry["kind"] not in KINDS:
        raise CatalogueError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    if entry["step"] not in STEPS:
        raise CatalogueError(f"{where}: step {entry['step']!r} is not one of {', '.join(STEPS)}")
    raw_screens = entry.get("screen") or entry.get("screens") or ()
    on = (raw_screens,) if isinstance(raw_screens, str) else tuple(raw_screens)
    unknown = [name for name in on if name not in screens]
    if unknown:
        raise CatalogueError(f"{where}: unknown screen(s) {', '.join(unknown)}")
    check = {key: entry[key] for key in CHECK_KEYS if key in entry}
    if entry["kind"] == "label" and (not on or "text" not in check):
        raise CatalogueError(f"{where}: a label claim needs `text` and `screen`")
    addition = entry.get("addition", False)
    if addition not in (True, False) or (addition and not entry.get("finding")):
        raise CatalogueError(f"{where}: `addition` is true or false, and an addition needs a `finding`")
    return Claim(entry["id"], entry["step"], entry["kind"], str(entry["quote"]).strip(), on,
                 entry.get("finding"), entry.get("note"), check, addition)


# --- options and configuration --------------------------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fidelity", "tutorial fidelity")
    group.addoption("--fidelity-report", action="store_true", default=False,
                    help="write reports/fidelity.{json,html}; on a full run, fail if a claim has no test")
    group.addoption("--fidelity-catalogue", default=None, metavar="PATH",
                    help="the claims catalogue (default: the fidelity_catalogue ini value)")
    parser.addini("fidelity_catalogue", f"the tutorial's claims catalogue (default: {DEFAULT_CATALOGUE} "
                  "under the rootdir, when present)", default="")
    parser.addini("fidelity_report_dir", "where --fidelity-report writes", default="reports")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(*ids): the tutorial claims (fixtures/tutorial.yaml) this test verifies")
    if not config.getoption("fidelity_report"):
        return
    catalogue(config)  # a broken catalogue stops the run before any test
    if not is_worker(config):
        controller = _Controller(config)
        controller.results.clear_screenshots()
        config.pluginmanager.register(controller, "tutorial-fidelity-controller")


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def catalogue_path(config: pytest.Config) -> Path:
    value = config.getoption("fidelity_catalogue") or config.getini("fidelity_catalogue")
    if not value and not (config.rootpath / DEFAULT_CATALOGUE).is_file():
        raise CatalogueError(f"no tutorial catalogue: set the fidelity_catalogue ini value (or --fidelity-"
                             f"catalogue PATH); there is no {DEFAULT_CATALOGUE} under {config.rootpath}")
    path = Path(value or DEFAULT_CATALOGUE)
    return path if path.is_absolute() else config.rootpath / path


def catalogue(config: pytest.Config) -> Catalogue:
    """The catalogue of this run, read once; any problem with it is a usage error."""
    if _catalogue_key not in config.stash:
        try:
            config.stash[_catalogue_key] = Catalogue.load(catalogue_path(config))
        except CatalogueError as exc:
            raise pytest.UsageError(str(exc)) from exc
    return config.stash[_catalogue_key]


def report_dir(config: pytest.Config) -> Path:
    path = Path(config.getini("fidelity_report_dir"))
    return path if path.is_absolute() else config.rootpath / path


# --- workers (or the only process): collection and running ---------------------------------

def claim_ids(item: pytest.Item) -> list[str]:
    ids: list[str] = []
    for mark in item.iter_markers(MARKER):
        ids.extend(str(arg) for arg in mark.args if str(arg) not in ids)
    return ids


def _set_property(item: pytest.Item, name: str, value: Any) -> None:
    item.user_properties[:] = [(key, old) for key, old in item.user_properties if key != name]
    item.user_properties.append((name, value))


def record_failed_claims(item: pytest.Item, ids: list[str]) -> None:
    """For a test checking several claims: those that did not hold (the others stay verified)."""
    _set_property(item, FAILED_PROPERTY, list(ids))


def _marker_problems(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    problems: list[str] = []
    for item in items:
        if not any(True for _ in item.iter_markers(MARKER)):
            continue
        ids = claim_ids(item)
        if not ids:
            problems.append(f"{item.nodeid}: @pytest.mark.{MARKER}() names no claim")
            continue
        try:
            known = catalogue(config).claims
        except pytest.UsageError as exc:
            return [str(exc)]
        unknown = [claim for claim in ids if claim not in known]
        if unknown:
            problems.append(f"{item.nodeid}: unknown tutorial claim {', '.join(unknown)} "
                            f"(not in {catalogue(config).path})")
        _set_property(item, CLAIMS_PROPERTY, ids)
    return problems


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, Any]:
    # A collection error, rather than a UsageError: under xdist only the workers collect, and a
    # worker's collection error is what the controller reports cleanly and stops on.
    report = yield
    if report.passed:
        items = [node for node in report.result if isinstance(node, pytest.Item)]
        problems = _marker_problems(collector.config, items)
        if problems:
            report.outcome = "failed"
            report.longrepr = "\n".join(problems)
            report.result = []
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    # Markers may also be added while the test runs (request.node.add_marker).
    ids = claim_ids(item)
    if ids:
        _set_property(item, CLAIMS_PROPERTY, ids)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    try:
        return (yield)
    finally:
        if item.config.getoption("fidelity_report") and claim_ids(item):
            _screenshot(item)


def _screenshot(item: pytest.Item) -> None:
    """The screen as the test left it, passed or failed: what the report shows for its claims."""
    page = getattr(item, "funcargs", {}).get("page")
    if page is None:
        return
    digest = hashlib.sha1(item.nodeid.encode()).hexdigest()[:8]
    name = re.sub(r"[^\w.-]+", "_", item.nodeid).strip("_")[-120:] + f"-{digest}.png"
    target = FidelityResults(report_dir(item.config)).screenshot_dir / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
    except Exception as exc:  # a closed page or a dead browser must not hide the test's own result
        item.add_report_section("call", "fidelity", f"no screenshot: {exc}")
        return
    _set_property(item, SCREENSHOT_PROPERTY, target.relative_to(report_dir(item.config)).as_posix())


# --- controller (or the only process): aggregation and the report ---------------------------

def partial_run(config: pytest.Config, session: pytest.Session) -> str | None:
    """Why this run is not the whole suite, if it is not: the coverage verdict needs the whole."""
    option = config.option
    if getattr(option, "splits", None):  # one shard of pytest-split
        return f"one shard of {option.splits} (--splits)"
    for name, flag in (("keyword", "-k"), ("markexpr", "-m"), ("deselect", "--deselect"), ("lf", "--lf"),
                       ("stepwise", "--sw")):
        if getattr(option, name, None):
            return f"{flag} given"
    if session.shouldstop or session.shouldfail:
        return "the run stopped early"
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return None
    given = [Path(config.invocation_params.dir, arg.split("::")[0]).resolve() for arg in config.args]
    whole = [config.rootpath / path for path in config.getini("testpaths")] or [config.rootpath]
    if any("::" in arg for arg in config.args) or not all(
            any(path == arg or arg in path.parents for arg in given) for path in whole):
        return "only " + " ".join(config.args)
    return None


class _Controller:
    """Registered only where the report is written: the controller, or the only process."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.results = FidelityResults(report_dir(config), config.invocation_params.dir)
        self.summary: Summary | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.results.add(report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.results.collection_errors += 1

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        partial = partial_run(self.config, session)
        self.summary = self.results.write(catalogue(self.config), partial)
        if self.summary.not_covered and not partial and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.summary is not None:
            terminalreporter.section("tutorial fidelity")
            for line in self.summary.lines():
                terminalreporter.write_line(line)
