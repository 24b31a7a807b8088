"""Accessibility of every screen: an axe-core scan, the page's language, one h1, a visible focus.

Each screen of the journeys (mock_portal_testing/journeys.py) is reached, then scanned with
axe-core. A serious or critical violation fails its test; the minor and moderate ones are collected in
``reports/accessibility.json`` and ``reports/accessibility.md``.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from mock_portal_testing.journeys import JOURNEYS, Visitor, reach
from tests.e2e.a11y_report import BLOCKING, record

# axe-core's own run, returning only what the test reads: the whole result (every passed and
# inapplicable rule too) took ~22 ms more per screen to build and carry back to Python.
AXE_RUN = """() => axe.run({resultTypes: ["violations"]})
  .then(results => ({violations: results.violations, incomplete: results.incomplete}))"""


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} -> "
                     + ", ".join(" ".join(n["target"]) for n in v["nodes"]) for v in violations)


@pytest.mark.parametrize("screen", list(JOURNEYS))
def test_accessibilite_screen_has_no_serious_violation(screen, visitor: Visitor, page: Page, testrun_uid: str):
    expect(reach(visitor, screen)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(AXE_RUN)
    violations = results["violations"]
    # « incomplete »: what axe could not decide alone (e.g. contrast over an image), for a human.
    record(testrun_uid, screen, page.url, violations, results["incomplete"])
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"serious or critical axe violations on {screen}:\n{_describe(blocking)}"


FOCUSED_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    body: element === document.body,
    what: `${element.tagName.toLowerCase()} « ${(element.innerText || element.value || element.id).trim()} »`,
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


@pytest.mark.parametrize("screen", [
    "accueil", "connexion/departement@erreur", "connexion/mot_de_passe", "actualisation/formulaire@details",
    "actualisation/validation@activite", "echanges/envoyer_un_document", "aide/securite"])
def test_accessibilite_focus_is_visible_on_every_focusable(screen, visitor: Visitor, page: Page):
    expect(reach(visitor, screen)).to_be_visible()
    # portal.js focuses an error summary once the DOM is loaded: let it, or it takes the focus
    # away from the skip link in the middle of the walk.
    page.wait_for_load_state()
    # Start from the top of the page, by keyboard: :focus-visible follows keyboard focus only.
    skip = page.get_by_role("link", name="Aller au contenu")
    skip.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(skip).to_be_focused()
    seen: list[str] = []
    invisible: list[str] = []
    for _ in range(100):
        focused = page.evaluate(FOCUSED_STYLE)
        if focused["body"] or focused["what"] in seen[:1]:
            break
        seen.append(focused["what"])
        if not (focused["outline"] or focused["shadow"]):
            invisible.append(focused["what"])
        page.keyboard.press("Tab")
    assert len(seen) > 3, f"Tab reached almost nothing on {screen}: {seen}"
    assert not invisible, f"no visible focus on {screen} for: {invisible}"
