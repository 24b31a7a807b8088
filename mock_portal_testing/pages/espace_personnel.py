from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage


class EspacePersonnelPage(BasePage):
    path = "/espace-personnel"

    def greeting(self, full_name: str) -> Locator:
        return self.page.get_by_text(f"Bonjour {full_name}")

    @property
    def actualise_link(self) -> Locator:
        return self.page.get_by_role("link", name="M'actualiser", exact=True)

    @property
    def period_state(self) -> Locator:
        return self.page.get_by_text("Période de ")

    @property
    def window_closed(self) -> Locator:
        return self.page.get_by_text("La période d'actualisation est fermée")
