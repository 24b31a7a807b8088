from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.people import Persona


class BasePage:
    """What every screen has: a heading, the error summary, the notice, the sandbox banner."""

    path: ClassVar[str]

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> None:
        self.page.goto(self.path)

    def expect_here(self) -> None:
        """The browser shows this screen: its path, whatever the query string."""
        expect(self.page).to_have_url(re.compile(rf"^[a-z]+://[^/]+{re.escape(self.path)}(?:[?#]|$)"))

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert")

    @property
    def notice(self) -> Locator:
        """The page's one-off message (« Votre session a expiré… », a flash after a redirect)."""
        return self.page.get_by_role("status")

    def inline_error(self, field: Locator) -> Locator:
        """The message next to ``field`` (GOV.UK's inline error), in its innermost form group."""
        return self.page.locator(".form-group", has=field).last.locator(".field-error")

    @property
    def sandbox_banner(self) -> Locator:
        return self.page.get_by_role("note", name="Avertissement : simulation")

    @property
    def header(self) -> Header:
        return Header(self.page)


class Header:
    """The header of every page a logged-in person sees: their name and the way around."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.nav = page.get_by_role("navigation", name="Mon compte")

    def name(self, persona: Persona) -> Locator:
        return self.nav.get_by_text(f"{persona.first_name} {persona.last_name}", exact=True)

    @property
    def personal_space_link(self) -> Locator:
        return self.nav.get_by_role("link", name="Mon espace personnel", exact=True)

    @property
    def my_exchanges_link(self) -> Locator:
        return self.nav.get_by_role("link", name="Mes échanges", exact=True)

    @property
    def log_out_button(self) -> Locator:
        return self.nav.get_by_role("button", name="Se déconnecter")

    def logout(self) -> None:
        """« Se déconnecter », ending on the home page that says so."""
        self.log_out_button.click()
        expect(self.page.get_by_text("Vous êtes déconnecté(e). À bientôt.")).to_be_visible()
