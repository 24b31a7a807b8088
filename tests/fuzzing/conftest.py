"""Fixtures of the fuzzing tests (helpers: tests/support/fuzzing.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fuzzing import Fuzzed, fuzzed_portal


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    """One app per fuzzing module: the submissions of its tests pile up in the same database."""
    with fuzzed_portal(tmp_path_factory.mktemp("fuzz")) as portal:
        yield portal
