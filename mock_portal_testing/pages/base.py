from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from playwright.sync_api import Locator, Page, expect


@dataclass(frozen=True)
class Persona:
    """A persona as the testing API gives it (the test's view, not the portal's)."""

    key: str
    identifiant: str
    password: str
    department: str
    civility: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Persona:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})

    @property
    def full_name(self) -> str:
        return f"{self.civility} {self.first_name} {self.last_name}"


class BasePage:
    path: ClassVar[str]

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> None:
        self.page.goto(self.path)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert")

    @property
    def sandbox_banner(self) -> Locator:
        return self.page.get_by_role("note", name="Avertissement : simulation")

    @property
    def entete(self) -> Entete:
        return Entete(self.page)


class Entete:
    """The header of every page a logged-in person sees: their name and the way around."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.nav = page.get_by_role("navigation", name="Mon compte")

    def name(self, persona: Persona) -> Locator:
        return self.nav.get_by_text(f"{persona.first_name} {persona.last_name}", exact=True)

    @property
    def espace_personnel(self) -> Locator:
        return self.nav.get_by_role("link", name="Mon espace personnel", exact=True)

    @property
    def mes_echanges(self) -> Locator:
        return self.nav.get_by_role("link", name="Mes échanges", exact=True)

    @property
    def se_deconnecter(self) -> Locator:
        return self.nav.get_by_role("button", name="Se déconnecter")

    def logout(self) -> None:
        """« Se déconnecter », ending on the home page that says so."""
        self.se_deconnecter.click()
        expect(self.page.get_by_text("Vous êtes déconnecté(e). À bientôt.")).to_be_visible()
