"""Shared by every test. The portal fixtures come from the mock_portal_testing plugin."""

from __future__ import annotations

import freezegun

# Tests that set the portal clock run freezegun in this process, and its start() rebinds time
# functions in every loaded module: pytest's own timer then read the frozen instant and reported
# durations of 1 561 693 575 s. pytest's modules keep the real clock.
freezegun.configure(extend_ignore_list=["_pytest", "pluggy", "xdist"])

# pytester: tests/plugin/ runs pytest on small test files to check the plugin's options.
pytest_plugins = ["pytester"]
