"""The CI examples call only what exists: a Makefile target, or a command the README documents."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml

from tests.support.paths import ROOT

MAKE_TARGETS = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", (ROOT / "Makefile").read_text(), re.M))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _github_commands(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def _gitlab_commands(pipeline: dict[str, Any]) -> list[str]:
    return [command for job in pipeline.values() if isinstance(job, dict)
            for key in ("before_script", "script", "after_script") for command in job.get(key, [])]


EXAMPLES = [(".github/workflows/ci.yml", _github_commands), (".gitlab-ci.yml", _gitlab_commands)]


def _lines(commands: list[str]) -> list[str]:
    return [line.strip() for command in commands for line in command.splitlines() if line.strip()]


@pytest.mark.parametrize(("path", "commands"), EXAMPLES)
def test_ci_example_calls_existing_make_targets_or_documented_commands(path, commands):
    lines = _lines(commands(yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))))
    assert lines, f"{path} runs nothing"
    for line in lines:
        words = shlex.split(line)
        if words[0] == "make":
            targets = [word for word in words[1:] if not word.startswith("-") and "=" not in word]
            assert set(targets) <= MAKE_TARGETS, f"{path}: {line!r} calls a target the Makefile lacks"
        else:
            assert line in README, f"{path}: {line!r} is not in the README"


@pytest.mark.parametrize(("path", "commands"), EXAMPLES)
def test_ci_example_runs_the_documented_sharding_recipe(path, commands):
    lines = _lines(commands(yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))))
    assert any(line.startswith("make test ") and "--splitting-algorithm least_duration" in line
               for line in lines), f"{path} does not run the README's sharding recipe"


def test_ci_github_keeps_results_and_reports_even_when_tests_fail():
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    uploads = [step for job in workflow["jobs"].values() for step in job["steps"]
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads
    for step in uploads:
        assert step["if"] == "always()"
        assert set(step["with"]["path"].split()) == {"test-results/", "reports/"}


def test_ci_gitlab_keeps_results_and_reports_even_when_tests_fail():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    artifacts = pipeline["test"]["artifacts"]
    assert artifacts["when"] == "always"
    assert set(artifacts["paths"]) == {"test-results/", "reports/"}
    assert artifacts["reports"]["junit"] == "reports/junit.xml"
