"""Every label of fixtures/tutorial.yaml, on its screen, found the way a user sees it.

One test per screen of the catalogue: its journey (mock_portal_testing/journeys.py, same name)
reaches the screen, then each label claim listed for it must be visible. Adding a label to the
catalogue is enough to test it; a new screen needs a journey.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.fidelity import Claim, catalogue, record_failed_claims
from mock_portal_testing.journeys import Visitor, reach


def locate(scope: Locator, claim: Claim) -> Locator:
    """The label as a user finds it: a field by its label or placeholder, a control by its role
    and name, anything else by its words."""
    check: dict[str, Any] = dict(claim.check)
    text, exact = check["text"], bool(check.get("exact", False))
    if check.get("placeholder"):
        return scope.get_by_placeholder(text, exact=exact)
    if check.get("field"):
        return scope.get_by_label(text, exact=exact)
    if "role" in check:
        if "pattern" in check:
            return scope.get_by_role(check["role"], name=re.compile(check["pattern"]))
        return scope.get_by_role(check["role"], name=check.get("name", text), exact=exact)
    return scope.get_by_text(text, exact=exact)


# Form controls show their label beside them, not inside: their accessible name is the check.
CONTROLS = {"radio", "checkbox", "textbox", "combobox", "spinbutton", "searchbox", "switch", "slider"}


def check_label(page: Page, claim: Claim) -> None:
    # Only the page's own content: the sandbox banner and the footer quote the tutorial too.
    target = locate(page.get_by_role("main"), claim)
    expect(target, f"« {claim.check['text']} » is not visible").to_be_visible()
    check = claim.check
    if not (check.get("field") or check.get("placeholder") or check.get("role") in CONTROLS):
        # What is rendered (innerText, after CSS such as text-transform), not the source text.
        expect(target).to_contain_text(check["text"], use_inner_text=True,
                                       ignore_case=not check.get("case_sensitive", False))
    for prop, value in (check.get("css") or {}).items():
        expect(target).to_have_css(prop, str(value))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "screen" not in metafunc.fixturenames:
        return
    claims = catalogue(metafunc.config)
    metafunc.parametrize("screen", [
        pytest.param(screen, id=screen,
                     marks=pytest.mark.tutorial(*[claim.id for claim in claims.labels_on(screen)]))
        for screen in claims.label_screens
    ])


def test_tutorial_labels_visible_on_each_screen(screen, page: Page, request: pytest.FixtureRequest,
                                                 visitor: Visitor):
    expect(reach(visitor, screen)).to_be_visible()
    # The pointer may rest where the last click was: a hovered button changes colour.
    page.mouse.move(0, 0)
    failed: dict[str, str] = {}
    for claim in catalogue(request.config).labels_on(screen):
        try:
            check_label(page, claim)
        except AssertionError as exc:
            failed[claim.id] = " ".join(str(exc).split("Call log:")[0].split())
    if failed:
        record_failed_claims(request.node, list(failed))
        pytest.fail(f"tutorial labels missing or different on the screen {screen!r}:\n"
                    + "\n".join(f"  {claim}: {problem}" for claim, problem in failed.items()))
