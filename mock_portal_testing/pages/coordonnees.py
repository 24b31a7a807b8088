"""« Mes coordonnées »: the overview, the change, its code, and the confirmation."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mock_portal_testing.pages.base import BasePage


class CoordonneesPage(BasePage):
    path = "/coordonnees"

    def on_record(self, term: str) -> Locator:
        """The value shown for « Adresse e-mail » or « Numéro de téléphone portable »."""
        term_element = self.page.get_by_role("term").filter(has_text=term)
        return term_element.locator("xpath=following-sibling::dd[1]")

    @property
    def modify_link(self) -> Locator:
        return self.page.get_by_role("link", name="Modifier mes coordonnées")

    @property
    def waiting(self) -> Locator:
        return self.page.get_by_role("status")

    def open_from_personal_space(self) -> None:
        self.page.get_by_role("link", name="Mes coordonnées", exact=True).click()
        expect(self.heading).to_have_text("Mes coordonnées")


class ModifierPage(BasePage):
    path = "/coordonnees/modifier"

    @property
    def email(self) -> Locator:
        return self.page.get_by_label("Adresse e-mail")

    @property
    def mobile(self) -> Locator:
        return self.page.get_by_label("Numéro de téléphone portable")

    @property
    def request_code_button(self) -> Locator:
        return self.page.get_by_role("button", name="Recevoir un code de confirmation")

    def submit(self, *, email: str | None = None, mobile: str | None = None) -> None:
        """Type what is given (the other field keeps what is on record) and ask for the code."""
        if email is not None:
            self.email.fill(email)
        if mobile is not None:
            self.mobile.fill(mobile)
        self.request_code_button.click()


class CodePage(BasePage):
    path = "/coordonnees/code"

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Code reçu")

    @property
    def validate_button(self) -> Locator:
        return self.page.get_by_role("button", name="Valider", exact=True)

    @property
    def new_code_button(self) -> Locator:
        return self.page.get_by_role("button", name="Recevoir un nouveau code")

    def destination(self, masked: str) -> Locator:
        return self.page.get_by_text("Un code à 6 chiffres a été envoyé").filter(has_text=masked)

    def submit(self, code: str) -> None:
        self.code.fill(code)
        self.validate_button.click()


class ModifieesPage(BasePage):
    path = "/coordonnees/modifiees"

    def on_record(self, term: str) -> Locator:
        return CoordonneesPage(self.page).on_record(term)
