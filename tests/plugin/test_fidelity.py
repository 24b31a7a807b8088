"""The fidelity plugin (mock_portal_testing/fidelity.py) in tiny inner sessions with a tiny catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mock_portal_testing.fidelity import Catalogue, CatalogueError
from tests.support.paths import ROOT

pytest_plugins = ["pytester"]

CATALOGUE = """
source: {title: "Petit tutoriel", date: "17/03/2021", licence: "Licence Ouverte 2.0"}
screens: {accueil: "la page d'accueil"}
claims:
  - {id: R-one, step: Etape 1, kind: rule, quote: "une règle"}
  - {id: L-two, step: Etape 2, kind: label, quote: "un libellé", text: "Valider", screen: accueil}
  - {id: F-three, step: A savoir, kind: rule, quote: "du 28 au 15", finding: "février : le 26"}
"""

ALL_COVERED = """
import pytest

@pytest.mark.tutorial("R-one")
def test_one():
    pass

@pytest.mark.tutorial("L-two", "F-three")
def test_two():
    pass
"""

# The inner sessions use this plugin only, not the project's conftest (no browser, no portal), nor
# the venv's other plugins (_only_named_plugins).
PLUGIN = ["-p", "mock_portal_testing.fidelity", "-p", "no:cacheprovider"]
XDIST = ["-p", "xdist.plugin", "-n", "2"]


@pytest.fixture(autouse=True)
def _only_named_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright, Hypothesis, anyio... took 0.4 s of CPU to load in each inner session and each
    xdist worker, for nothing these sessions use."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makefile(".yaml", tutorial=CATALOGUE)
    pytester.makeini("[pytest]\nfidelity_catalogue = tutorial.yaml\n")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # for the subprocess runs (xdist)
    return pytester


def marked(*ids: str, body: str = "pass") -> str:
    """A test module with one test carrying these claim ids."""
    args = ", ".join(f'"{claim}"' for claim in ids)
    return f"import pytest\n\n@pytest.mark.tutorial({args})\ndef test_x():\n    {body}\n"


def report(pytester: pytest.Pytester) -> dict:
    return json.loads((pytester.path / "reports" / "fidelity.json").read_text(encoding="utf-8"))


def status(document: dict) -> dict[str, str]:
    return {c["id"]: c["status"] for c in document["claims"] + document["findings"]}


def test_fidelity_unknown_claim_fails_at_collection(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked("R-one", "NOPE"))
    result = inner.runpytest(*PLUGIN)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*test_x.py::test_x: unknown tutorial claim NOPE*"])
    result.assert_outcomes(errors=1)


def test_fidelity_marker_without_id_fails_at_collection(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked())
    result = inner.runpytest(*PLUGIN)
    result.stdout.fnmatch_lines(["*names no claim*"])
    assert result.ret != 0


def test_fidelity_uncovered_claim_fails_the_run_with_the_report(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked("R-one"))
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "tutorial claims: 1 verified, 0 failing, 2 not covered",
        "tutorial claims without a test that ran: L-two, F-three",
    ])


def test_fidelity_partial_run_without_the_option_does_not_check_coverage(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked("R-one"))
    result = inner.runpytest(*PLUGIN)
    assert result.ret == pytest.ExitCode.OK
    assert "tutorial claims" not in result.stdout.str()
    assert not (inner.path / "reports").exists()


def test_fidelity_report_json_lists_claims_tests_and_findings_apart(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED + '\n@pytest.mark.tutorial("R-one")\ndef test_three():\n'
                                          '    assert 1 + 1 == 3, "arithmetic"\n')
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["tutorial claims: 2 verified, 1 failing, 0 not covered"])
    document = report(inner)
    assert document["source"]["date"] == "17/03/2021"
    assert document["summary"] == {"claims": 3, "verified": 2, "failing": 1, "not_covered": 0, "findings": 1}
    assert [c["id"] for c in document["claims"]] == ["R-one", "L-two"]
    assert [f["id"] for f in document["findings"]] == ["F-three"]
    assert document["findings"][0]["finding"] == "février : le 26"
    assert status(document) == {"R-one": "failing", "L-two": "verified", "F-three": "verified"}
    [one] = document["claims"][:1]
    assert {t["nodeid"]: t["outcome"] for t in one["tests"]} == {
        "test_x.py::test_one": "passed", "test_x.py::test_three": "failed"}
    assert "arithmetic" in next(t["message"] for t in one["tests"] if t["outcome"] == "failed")
    assert document["claims"][1]["text"] == "Valider" and document["claims"][1]["screens"] == ["accueil"]
    html = (inner.path / "reports" / "fidelity.html").read_text(encoding="utf-8")
    assert "Petit tutoriel" in html and "F-three" in html and "Findings" in html


def test_fidelity_failing_test_counts_once_with_the_claims_it_breaks(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED.replace("def test_two():\n    pass", "def test_two():\n    assert False"))
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    result.stdout.fnmatch_lines([
        "tests: 1 passed, 1 failed, 0 skipped, 0 errors",
        "tutorial claims: 1 verified, 2 failing, 0 not covered",
        "FAILED test_x.py::test_two (breaks: L-two, F-three)",
    ])
    document = report(inner)
    assert document["tests"] == {"passed": 1, "failed": 1, "skipped": 0, "errors": 0, "xfailed": 0, "xpassed": 0}
    assert [(f["nodeid"], f["claims"]) for f in document["failures"]] == [("test_x.py::test_two", ["L-two", "F-three"])]


def test_fidelity_test_that_passes_only_when_run_again_counts_as_failing(inner: pytest.Pytester):
    # What mock_portal_testing/rerun.py does to a failed browser test: one more attempt, traced.
    flaky = "@pytest.mark.flaky(reruns=1)\ndef test_two(request):\n    assert request.node.execution_count > 1"
    inner.makepyfile(test_x=ALL_COVERED.replace("def test_two():\n    pass", flaky))
    result = inner.runpytest(*PLUGIN, "-p", "rerunfailures", "--fidelity-report")
    result.stdout.fnmatch_lines(["tutorial claims: 1 verified, 2 failing, 0 not covered",
                                 "FAILED test_x.py::test_two (breaks: L-two, F-three)"])
    assert "failed on its first attempt" in report(inner)["failures"][0]["message"]


def test_fidelity_totals_count_skips_errors_and_unmarked_tests(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED + """
@pytest.fixture
def broken():
    raise RuntimeError("setup")

def test_error(broken):
    pass

def test_skip():
    pytest.skip("later")

def test_plain():
    pass
""")
    inner.runpytest(*PLUGIN, "--fidelity-report")
    document = report(inner)
    assert document["tests"] == {"passed": 3, "failed": 0, "skipped": 1, "errors": 1, "xfailed": 0, "xpassed": 0}
    assert [(f["nodeid"], f["outcome"], f["claims"]) for f in document["failures"]] == [
        ("test_x.py::test_error", "error", [])]


@pytest.mark.parametrize("selection", [["test_x.py"], ["-k", "one"], ["test_x.py::test_one"]])
def test_fidelity_partial_run_keeps_pytest_status_and_says_why(inner: pytest.Pytester, selection: list[str]):
    inner.makepyfile(test_x=ALL_COVERED)
    result = inner.runpytest(*PLUGIN, "--fidelity-report", *selection)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["coverage verdict not applied: *"])
    assert "without a test that ran" not in result.stdout.str()
    assert report(inner)["coverage_verdict"].startswith("not applied")


def test_fidelity_failure_links_its_screenshot_and_trace(inner: pytest.Pytester):
    # What pytest-playwright attaches to the teardown report of a failed test.
    inner.makeconftest("""
import pytest

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "teardown":
        report.user_properties.append(("playwright_screenshot", "test-results/t/test-failed-1.png"))
        report.user_properties.append(("playwright_trace", "test-results/t/trace.zip"))
    return report
""")
    inner.makepyfile(test_x=marked("R-one", body="assert False"))
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    result.stdout.fnmatch_lines(["    screenshot: test-results/t/test-failed-1.png",
                                 "    trace: playwright show-trace test-results/t/trace.zip"])
    [failure] = report(inner)["failures"]
    assert failure["trace"] == "test-results/t/trace.zip"
    html = (inner.path / "reports" / "fidelity.html").read_text(encoding="utf-8")
    assert 'href="../test-results/t/trace.zip"' in html and 'src="../test-results/t/test-failed-1.png"' in html
    assert "playwright show-trace test-results/t/trace.zip" in html


def test_fidelity_failure_shows_its_visual_diffs(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked("R-one", body=(
        'request.node.user_properties.append(("visual_mismatches", [{"screen": "accueil", '
        '"expected": "test-results/t/accueil-expected.png", "actual": "test-results/t/accueil-actual.png", '
        '"diff": "test-results/t/accueil-diff.png"}]))\n    assert False')).replace("test_x()", "test_x(request)"))
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    result.stdout.fnmatch_lines(["    visual: accueil differs, see test-results/t/accueil-diff.png"])
    html = (inner.path / "reports" / "fidelity.html").read_text(encoding="utf-8")
    for kind in ("expected", "actual", "diff"):
        assert f'src="../test-results/t/accueil-{kind}.png"' in html


def test_fidelity_without_a_catalogue_is_a_usage_error(pytester: pytest.Pytester):
    pytester.makepyfile(test_x="def test_x():\n    pass\n")
    result = pytester.runpytest(*PLUGIN, "--fidelity-report")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*no tutorial catalogue: set the fidelity_catalogue ini value*"])


def test_fidelity_catalogue_defaults_to_fixtures_tutorial_yaml(pytester: pytest.Pytester):
    pytester.mkdir("fixtures")
    (pytester.path / "fixtures" / "tutorial.yaml").write_text(CATALOGUE, encoding="utf-8")
    pytester.makepyfile(test_x=ALL_COVERED)
    result = pytester.runpytest(*PLUGIN, "--fidelity-report")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["tutorial claims: 3 verified, 0 failing, 0 not covered"])


def test_fidelity_skipped_tests_do_not_cover_a_claim(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED.replace("def test_one():\n    pass",
                                                'def test_one():\n    pytest.skip("later")'))
    result = inner.runpytest(*PLUGIN, "--fidelity-report")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert status(report(inner))["R-one"] == "not covered"


def test_fidelity_failed_claims_of_a_multi_claim_test_fail_alone(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED.replace(
        "def test_two():\n    pass",
        "def test_two(request):\n    from mock_portal_testing.fidelity import record_failed_claims\n"
        '    record_failed_claims(request.node, ["L-two"])\n    assert False, "no Valider"'))
    inner.runpytest(*PLUGIN, "--fidelity-report")
    assert status(report(inner)) == {"R-one": "verified", "L-two": "failing", "F-three": "verified"}


def test_fidelity_screenshot_of_the_page_is_referenced_by_relative_path(inner: pytest.Pytester):
    inner.makeconftest("""
import pytest

class FakePage:
    def screenshot(self, path, full_page):
        assert full_page
        open(path, "wb").write(b"png")

@pytest.fixture
def page():
    return FakePage()
""")
    inner.makepyfile(test_x=ALL_COVERED.replace("def test_one():", "def test_one(page):"))
    inner.runpytest(*PLUGIN, "--fidelity-report")
    [test] = report(inner)["claims"][0]["tests"]
    assert test["screenshot"].startswith("fidelity/") and test["screenshot"].endswith(".png")
    assert (inner.path / "reports" / test["screenshot"]).read_bytes() == b"png"
    assert f'src="{test["screenshot"]}"' in (inner.path / "reports" / "fidelity.html").read_text()
    assert report(inner)["claims"][1]["tests"][0]["screenshot"] is None  # no page, no screenshot


def test_fidelity_report_is_written_by_the_xdist_controller(inner: pytest.Pytester):
    inner.makepyfile(test_x=ALL_COVERED, test_y=marked("R-one", body="assert False"))
    result = inner.runpytest_subprocess(*PLUGIN, *XDIST, "--fidelity-report")
    result.stdout.fnmatch_lines(["tutorial claims: 2 verified, 1 failing, 0 not covered"])
    document = report(inner)
    assert status(document) == {"R-one": "failing", "L-two": "verified", "F-three": "verified"}
    assert len(document["claims"][0]["tests"]) == 2


def test_fidelity_unknown_claim_fails_under_xdist_too(inner: pytest.Pytester):
    inner.makepyfile(test_x=marked("NOPE"))
    result = inner.runpytest_subprocess(*PLUGIN, *XDIST)
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*unknown tutorial claim NOPE*"])
    assert "INTERNALERROR" not in result.stdout.str()


RULE = "{id: A, step: Etape 1, kind: rule, quote: q}"


@pytest.mark.parametrize(("yaml_text", "message"), [
    (f"claims:\n  - {RULE}\n  - {RULE}\n", "used twice"),
    ("claims:\n  - {id: A, step: Etape 9, kind: rule, quote: q}\n", "step"),
    ("claims:\n  - {id: A, step: Etape 1, kind: vibe, quote: q}\n", "kind"),
    ("claims:\n  - {id: A, step: Etape 1, kind: label, quote: q, text: t, screen: nowhere}\n",
     "unknown screen"),
    ("screens: {s: s}\nclaims:\n  - {id: A, step: Etape 1, kind: label, quote: q, screen: s}\n",
     "needs `text`"),
    ("claims:\n  - {id: A, step: Etape 1, kind: rule, quote: q, addition: true}\n", "needs a `finding`"),
    ("claims:\n  - {id: A, step: Etape 1, kind: rule, quote: q, addition: oui, finding: f}\n",
     "true or false"),
])
def test_fidelity_catalogue_mistakes_are_refused(tmp_path: Path, yaml_text: str, message: str):
    path = tmp_path / "tutorial.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        Catalogue.load(path)


@pytest.fixture(scope="module")
def project_catalogue() -> Catalogue:
    """fixtures/tutorial.yaml, read once: PyYAML's Python loader takes ~0.1 s of CPU for it."""
    return Catalogue.load(ROOT / "fixtures" / "tutorial.yaml")


def test_fidelity_project_catalogue_loads_and_labels_have_screens(project_catalogue: Catalogue):
    catalogue = project_catalogue
    assert catalogue.source["date"] == "17/03/2021"
    assert len(catalogue.claims) > 100
    for screen in catalogue.label_screens:
        assert catalogue.labels_on(screen)
    assert any(claim.finding for claim in catalogue.claims.values())
    assert any(claim.addition for claim in catalogue.claims.values())


def test_fidelity_project_catalogue_screens_each_have_a_journey(project_catalogue: Catalogue):
    """test_tutorial_labels.py reaches each screen of a label through its journey, by name."""
    from mock_portal_testing.journeys import JOURNEYS

    assert sorted(set(project_catalogue.screens) - set(JOURNEYS)) == []
