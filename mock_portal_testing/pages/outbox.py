"""``/outbox``: the sandbox's mailbox and phone (``screens/outbox.py``)."""

from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage


class OutboxPage(BasePage):
    path = "/outbox"

    @property
    def messages(self) -> Locator:
        """The table's rows that hold a message (the header row has no cell)."""
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("cell"))

    @property
    def empty(self) -> Locator:
        return self.page.get_by_text("Aucun message envoyé pour l'instant.")

    @property
    def public_warning(self) -> Locator:
        return self.page.get_by_text("Cette page est publique.")

    @property
    def recipient(self) -> Locator:
        return self.page.get_by_label("Adresse mail ou numéro de téléphone")

    @property
    def all_messages(self) -> Locator:
        return self.page.get_by_role("link", name="Voir tous les messages")

    def open_from_banner(self) -> None:
        self.sandbox_banner.get_by_role("link", name="boîte d'envoi").click()

    def show_messages_of(self, to: str) -> None:
        """The per-person view: ``/outbox?to=…``, the page a trainer hands to one learner."""
        self.recipient.fill(to)
        self.page.get_by_role("button", name="Afficher ses messages").click()
