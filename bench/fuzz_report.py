"""pytest plugin for ``make fuzz`` (``-p bench.fuzz_report``): submissions per form and status.

The fuzz tests count every answer in ``tests.support.fuzzing.TALLY``; this prints them after the
run, with the campaign's figure: the fewest submissions any form got, and the 5xx answers.
"""

from __future__ import annotations

import pytest

# The campaign: at least this many submissions per form, and never a 5xx.
PER_FORM_TARGET = 5_000


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.support.fuzzing import EXAMPLES, TALLY

    paths = sorted({path for path, _ in TALLY})
    if not paths:
        return
    write = terminalreporter.write_line
    terminalreporter.section("fuzz campaign")
    classes = sorted({status for _, status in TALLY})
    write(f"{'form':<48} " + " ".join(f"{status:>7}" for status in classes) + f" {'total':>7}")
    totals = {path: sum(TALLY[path, status] for status in classes) for path in paths}
    for path in paths:
        write(f"{path:<48} " + " ".join(f"{TALLY[path, status]:>7}" for status in classes)
              + f" {totals[path]:>7}")
    server_errors = sum(count for (_, status), count in TALLY.items() if status == "5xx")
    fewest = min(totals.values())
    write(f"examples per test: {EXAMPLES}; submissions: {sum(totals.values())}")
    write(f"fuzz: fewest submissions to one form: {fewest} (target ≥ {PER_FORM_TARGET}); "
          f"5xx answers: {server_errors} (target 0)")
