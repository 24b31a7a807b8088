"""`make screenshots`: the tutorial's six images, identical from one run to the next."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Playwright

from scripts import screenshots
from tests.support.paths import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"
EXPECTED = ["01-connexion-departement.png", "02-connexion-identifiant.png", "03-connexion-mot-de-passe.png",
            "04-formulaire.png", "05-confirmation.png", "06-validation.png"]


def _width(png: bytes) -> int:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", png[16:20])[0]


def test_screenshots_two_runs_give_identical_files(playwright: Playwright, tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    # The first run is `make screenshots`'s, a process of its own with its own portal and
    # Playwright; the second runs meanwhile in this one, with a portal and a browser of its own
    # too, launched the same way: two runs, without waiting for one to end to start the other.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    with subprocess.Popen([sys.executable, str(SCRIPT), "--out", str(first)], env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as script:
        try:
            screenshots.render(playwright, second)
        finally:
            output, _ = script.communicate(timeout=300)
    assert script.returncode == 0, output

    assert sorted(path.name for path in first.iterdir()) == EXPECTED
    assert sorted(path.name for path in second.iterdir()) == EXPECTED
    for name in EXPECTED:
        content = (first / name).read_bytes()
        assert _width(content) == 1280, name
        assert content == (second / name).read_bytes(), f"{name} differs between two runs"
