"""``make test-pythons``: the unit tests and a browser smoke test on every supported Python.

Interpreters come from PATH (``python3.11``...) or, first, from pyenv's versions folder, where
this project's machines keep them. A missing interpreter fails its session: a release claims
only the versions that ran.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml("pyproject.toml")
PYENV_ROOT = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
# The smallest scenario that still starts a portal and drives Chromium through the plugin.
SMOKE = "tests/e2e/test_accueil.py"

nox.options.sessions = ["tests"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
os.environ["PATH"] = os.pathsep.join(
    [*sorted(glob.glob(str(PYENV_ROOT / "versions" / "3.1[1-9].*" / "bin"))), os.environ.get("PATH", "")]
)


@nox.session(python=PYTHONS, venv_backend="venv")
def tests(session: nox.Session) -> None:
    session.install("--upgrade", "pip")
    session.install("-e", ".[testing]", *nox.project.dependency_groups(PYPROJECT, "dev"))
    # One process, the random order pinned: figures comparable between interpreters.
    session.run("python", "-m", "pytest", "-n", "0", "-p", "no:randomly", "-q",
                "tests/unit", SMOKE, *session.posargs)
