"""The suite's settings: those of ``mock_portal_testing.config``, overridable here.

Assign any of its UPPERCASE names in this file (e.g. ``DEFAULT_INSTANT = "2020-02-26T08:00:00"``)
and the pytest plugin applies it. Run as a script, ``python playwright.config.py ensure-browser``
finds or installs a Chromium: the one step ``make test`` needs before running the suite.
"""

import sys

from mock_portal_testing.config import ensure_browser

if __name__ == "__main__":
    if sys.argv[1:] != ["ensure-browser"]:
        sys.exit("usage: python playwright.config.py ensure-browser")
    sys.exit(ensure_browser())
