"""Crash safety: the portal dies (SIGKILL) at the moment of « Valider votre réponse »."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from mock_portal_testing import config as suite
from mock_portal_testing.pages import ConfirmationPage, DepartementPage, FormulairePage, ValidationPage
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import Situation
from mock_portal_testing.time_travel import paris


@pytest.mark.parametrize(("point", "recorded"), [
    ("declaration:before-commit", False),
    ("declaration:after-commit", True),
])
def test_crash_at_validation_leaves_all_or_nothing_and_the_user_can_finish(
    browser: Browser, tmp_path: Path, demo: Persona, point: str, recorded: bool
):
    database = tmp_path / "crash.sqlite3"
    doomed = Portal.start(database, tmp_path / "doomed.log", env={"MOCK_PORTAL_CRASH_AT": point})
    doomed.set_clock(paris(suite.DEFAULT_INSTANT))
    context = browser.new_context(**suite.context_options(doomed.base_url))
    page = context.new_page()
    page.goto("/actualisation")
    DepartementPage(page).log_in(demo, FormulairePage)
    FormulairePage(page).declare(Situation())
    ConfirmationPage(page).validate_answer_button.click()
    doomed.process.wait(10)
    assert doomed.process.returncode == -9  # SIGKILL: no cleanup ran

    revived = Portal.start(database, tmp_path / "revived.log")
    try:
        revived.set_clock(paris(suite.DEFAULT_INSTANT).replace(minute=5))
        stored = revived.declarations(demo.identifiant)
        if recorded:
            assert len(stored) == 1 and len(stored[0]["versions"]) == 1
        else:
            assert stored == []
        # Cookies ignore the port: the same session carries on against the restarted portal.
        page.goto(f"{revived.base_url}/actualisation/confirmation")
        if recorded:
            expect(ValidationPage(page).validated).to_contain_text("validée le 28/06/2019 à 09h00.")
        else:
            ConfirmationPage(page).confirm()
            expect(ValidationPage(page).validated).to_contain_text("validée le 28/06/2019 à 09h05.")
        [declaration] = revived.declarations(demo.identifiant)
        assert declaration["version"] == 1 and len(declaration["versions"]) == 1
    finally:
        context.close()
        revived.stop()
