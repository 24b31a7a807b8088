from __future__ import annotations

from playwright.sync_api import Locator

from tests.e2e.pages.base import BasePage


class FormulairePage(BasePage):
    path = "/actualisation/formulaire"

    def period(self, first: str, last: str) -> Locator:
        return self.page.get_by_text(f"Pour la période du {first} au {last}")


class FermeePage(BasePage):
    """What any actualisation URL shows outside the window."""

    path = "/actualisation"

    def next_opening(self, date: str) -> Locator:
        return self.page.get_by_text(f"La prochaine période d'actualisation ouvrira le {date}")
