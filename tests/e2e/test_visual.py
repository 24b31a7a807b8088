"""Each screen the tutorial shows, and a few more, against its approved image (tests/e2e/snapshots).

`pytest --update-snapshots tests/e2e/test_visual.py` approves the current look; the images are
committed, and a change of look shows in the review as a changed PNG.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.journeys import Visitor, reach
from mock_portal_testing.visual import AssertScreen, Snapshots

SCREENS = [
    "connexion/departement", "connexion/identifiant", "connexion/mot_de_passe",
    "actualisation/formulaire@travail_oui", "actualisation/confirmation", "actualisation/validation",
    "accueil@fermee", "actualisation/formulaire@erreur", "actualisation/validation@activite",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_visual_screen_matches_its_approved_image(screen: str, visitor: Visitor, assert_screen: AssertScreen):
    expect(reach(visitor, screen)).to_be_visible()
    assert_screen(screen)


# The portal's CSP refuses inline styles: the context lets the test inject its CSS.
@pytest.mark.browser_context_args(bypass_csp=True)
@pytest.mark.parametrize(("screen", "css"), [
    pytest.param("actualisation/formulaire@travail_oui", ".button--primary { margin-left: 3rem; }", id="moved-button"),
    pytest.param("connexion/departement", "label { visibility: hidden; }", id="hidden-label"),
])
def test_visual_comparison_catches_a_css_change(screen: str, css: str, visitor: Visitor, page: Page,
                                                assert_screen: AssertScreen, output_path: str):
    expect(reach(visitor, screen)).to_be_visible()
    page.add_style_tag(content=css)
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_screen(screen, update=False)
    written = sorted(path.name for path in Path(output_path).iterdir())
    stem = screen.replace("/", "-")
    assert written == [f"{stem}-actual.png", f"{stem}-diff.png", f"{stem}-expected.png"]


@pytest.mark.browser_context_args(bypass_csp=True)
def test_visual_update_snapshots_approves_the_new_look(visitor: Visitor, page: Page, assert_screen: AssertScreen,
                                                       snapshots: Snapshots, pytestconfig: pytest.Config,
                                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(snapshots, "directory", tmp_path)
    # Run under --update-snapshots too (the README's way to approve every screen): off to start.
    monkeypatch.setattr(pytestconfig.option, "update_snapshots", False)
    expect(reach(visitor, "connexion/departement")).to_be_visible()
    page.add_style_tag(content="label { visibility: hidden; }")
    with pytest.raises(AssertionError, match="no approved image yet"):
        assert_screen("connexion/departement")
    monkeypatch.setattr(pytestconfig.option, "update_snapshots", True)
    assert_screen("connexion/departement")
    monkeypatch.setattr(pytestconfig.option, "update_snapshots", False)
    assert_screen("connexion/departement")  # the new look is the approved one now
    assert (tmp_path / "connexion" / "departement.png").is_file()
