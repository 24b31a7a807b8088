"""`make screenshots`: the tutorial's six images, identical from one run to the next."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"
EXPECTED = ["01-connexion-departement.png", "02-connexion-identifiant.png", "03-connexion-mot-de-passe.png",
            "04-formulaire.png", "05-confirmation.png", "06-validation.png"]


def _run(out: Path) -> None:
    # Its own process: the script drives its own portal and Playwright, apart from this worker's.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _width(png: bytes) -> int:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", png[16:20])[0]


def test_screenshots_two_runs_give_identical_files(tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    _run(first)
    _run(second)

    assert sorted(path.name for path in first.iterdir()) == EXPECTED
    for name in EXPECTED:
        content = (first / name).read_bytes()
        assert _width(content) == 1280, name
        assert content == (second / name).read_bytes(), f"{name} differs between two runs"
