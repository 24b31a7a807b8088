from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage


class AccueilPage(BasePage):
    path = "/"

    @property
    def actualise_link(self) -> Locator:
        return self.page.get_by_role("link", name="M'actualiser", exact=True)

    @property
    def personal_space_link(self) -> Locator:
        return self.page.get_by_role("link", name="Se connecter à mon espace personnel")

    @property
    def my_personal_space_link(self) -> Locator:
        """What a logged-in visitor finds instead of « Se connecter à mon espace personnel »."""
        return self.page.get_by_role("main").get_by_role("link", name="Mon espace personnel", exact=True)

    @property
    def window_notice(self) -> Locator:
        return self.page.get_by_text("La période d'actualisation est fermée")

    def start_actualisation(self) -> None:
        self.actualise_link.click()
