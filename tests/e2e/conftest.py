"""Browser scenarios: the fixtures come from the mock_portal_testing plugin (pytest11)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _every_test_starts_fresh(fresh_portal: object) -> None:
    """Seeded personas and both clocks at the default instant, page or not."""
