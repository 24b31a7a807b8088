"""Installing the portal never changes a pytest run; consumers get only what the plugin needs.

The real promise is proved once, in a fresh virtual environment: the portal's source built by its
own backend and installed alone, with the dependencies its metadata asks for, then pytest. uv
installs it (our dev group brings uv, never a consumer): same wheel, same resolution from the
index, in 1 s of CPU where pip took 5 (pip builds its isolated setuptools environment and
byte-compiles fonttools and the others at each run). The guard's two branches are also checked
in this environment in a second, Playwright made invisible to the lookup the guard uses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from importlib import metadata
from pathlib import Path

import uv

from tests.support.inner_session import OUR_TOOLS_OFF
from tests.support.paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PLUGIN_NEEDS = {"pytest", "pytest-playwright", "playwright", "httpx2", "pixelmatch", "pillow",
                "pytest-rerunfailures"}
OUR_TOOLS = {"ruff", "hypothesis", "pytest-split", "pytest-randomly", "pytest-xdist",
             "axe-playwright-python", "import-linter", "nox", "uv"}
OFF_HEADER = ("mock-portal: plugin off (playwright and pytest-playwright not installed); "
              "to use it: pip install 'mock-portal[testing]'")


def _names(requirements: list[str]) -> set[str]:
    return {requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower()
            for requirement in requirements}


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "VIRTUAL_ENV", "PYTHONPATH"))}


def test_packaging_testing_extra_holds_only_what_the_plugin_needs():
    project = PYPROJECT["project"]
    assert _names(project["optional-dependencies"]["testing"]) == PLUGIN_NEEDS
    assert not _names(project["dependencies"]) & (PLUGIN_NEEDS | OUR_TOOLS)
    for extra in project["optional-dependencies"].values():
        assert not _names(extra) & OUR_TOOLS
    assert OUR_TOOLS <= _names(PYPROJECT["dependency-groups"]["dev"])
    assert project["entry-points"]["pytest11"] == {"mock_portal": "mock_portal_testing.entry"}


def test_packaging_plugin_says_how_to_enable_it_when_playwright_is_missing(tmp_path: Path):
    (tmp_path / "test_theirs.py").write_text("def test_theirs():\n    assert True\n")
    # pytest-playwright's own entry point is switched off, as it would be absent too.
    hide = ("import importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda name, package=None: "
            "None if name in ('playwright', 'pytest_playwright') else real(name, package); "
            f"import pytest; raise SystemExit(pytest.main(['-p', 'no:playwright', *{OUR_TOOLS_OFF!r}]))")
    result = subprocess.run([sys.executable, "-c", hide], cwd=tmp_path, env=_clean_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert OFF_HEADER in result.stdout.splitlines()
    assert "1 passed" in result.stdout


def test_packaging_portal_alone_leaves_pytest_working(tmp_path: Path):
    source = tmp_path / "source"  # pip builds in the tree it is given: not in ours
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name if source.exists() else _mkdir(source) / name)
    for package in ("mock_portal", "mock_portal_testing"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "venv"
    # No pip of its own (ensurepip costs seconds of CPU): uv installs into it.
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run([uv.find_uv_bin(), "pip", "install", "--quiet", "--python", str(python), str(source), "pytest"],
                   env=_clean_env(), check=True, capture_output=True, timeout=600)
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "test_theirs.py").write_text("def test_theirs():\n    assert True\n")
    run = subprocess.run([python, "-m", "pytest"], cwd=tmp_path / "theirs", env=_clean_env(),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert OFF_HEADER in run.stdout.splitlines()
    [site] = env_dir.glob("lib/python*/site-packages")
    installed = {dist.name.lower() for dist in metadata.distributions(path=[str(site)])}
    assert {"mock-portal", "pytest"} <= installed
    assert not set(installed) & (OUR_TOOLS | {"playwright", "pytest-playwright"})


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path
