from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mock_portal.cli import _parser


def test_cli_serve_defaults():
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.testing, args.now) == ("127.0.0.1", 8000, False, None)
    assert args.modification_deadline == "fin-de-journee"


def test_cli_now_is_paris_time():
    args = _parser().parse_args(["serve", "--now", "2019-06-28T09:00"])
    assert args.now.isoformat() == "2019-06-28T09:00:00+02:00"


@pytest.mark.parametrize("argv", [
    ["serve", "--now", "demain"],
    ["serve", "--modification-deadline", "minuit"],
])
def test_cli_refuses_bad_values(argv, capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(argv)
    assert "error" in capsys.readouterr().err


def test_cli_reset_reseeds(tmp_path: Path):
    database = tmp_path / "p.sqlite3"
    result = subprocess.run([sys.executable, "-m", "mock_portal", "reset", "--db", str(database)],
                            capture_output=True, text=True, check=True)
    assert "reset to the seeded personas" in result.stdout
    assert database.exists()
