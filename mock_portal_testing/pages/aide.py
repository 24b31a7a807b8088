"""A help page (« Aide », « ? », « [?] », « Information de sécurité »): one layout for all topics."""

from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage


class AidePage(BasePage):
    path = "/aide/actualisation"

    def open_topic(self, topic: str) -> None:
        self.page.goto(f"/aide/{topic}")

    @property
    def back(self) -> Locator:
        return self.page.get_by_role("navigation", name="Retour").get_by_role("link")

    @property
    def see_also(self) -> Locator:
        return self.page.get_by_role("complementary", name="Voir aussi").get_by_role("link")

    def close(self) -> None:
        """Help opens in its own tab: closing it is how the user goes back to the form."""
        self.page.close()
