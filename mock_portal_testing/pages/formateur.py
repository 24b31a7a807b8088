"""« Bureau du formateur »: the trainer's sign-in and desk."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mock_portal_testing.pages.base import BasePage
from mock_portal_testing.people import Persona


class ConnexionPage(BasePage):
    path = "/formateur/connexion"

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Code formateur")

    @property
    def enter_button(self) -> Locator:
        return self.page.get_by_role("button", name="Entrer")

    def submit(self, code: str) -> None:
        self.code.fill(code)
        self.enter_button.click()

    def sign_in(self, code: str) -> FormateurPage:
        """The right code, ending on the desk."""
        self.submit(code)
        desk = FormateurPage(self.page)
        expect(desk.heading).to_have_text("Bureau du formateur")
        expect(desk.clock_region).to_be_visible()
        return desk


class FormateurPage(BasePage):
    path = "/formateur"

    @property
    def clock_region(self) -> Locator:
        return self.page.get_by_role("region", name="Horloge de la simulation")

    @property
    def sandbox_now(self) -> Locator:
        return self.clock_region.get_by_text("Heure de la simulation :")

    @property
    def learners_see(self) -> Locator:
        return self.clock_region.get_by_text("Ce que voient les apprenants :")

    def preset(self, label: str) -> Locator:
        return self.clock_region.get_by_role("button", name=label, exact=True)

    def preset_description(self, label: str) -> Locator:
        """The sentence under a preset: when it is, and what learners then see."""
        button = self.page.get_by_role("button", name=label, exact=True)
        return self.clock_region.get_by_role("listitem").filter(has=button).get_by_role("paragraph")

    def set_clock(self, label: str) -> None:
        """Choose a preset, ending on the desk that says what was set."""
        self.preset(label).click()
        expect(self.notice).to_contain_text(f"Horloge réglée : {label}.")

    @property
    def learners(self) -> Locator:
        return self.page.get_by_role("region", name="Apprenants").get_by_role("row")

    def learner(self, persona: Persona) -> Locator:
        name = f"{persona.first_name} {persona.last_name}"
        return self.learners.filter(has=self.page.get_by_role("rowheader", name=name, exact=True))

    def state_of(self, persona: Persona) -> Locator:
        # Cells after the name (a row header): N°, Identifiant, « Où en est-il ? », Actions.
        return self.learner(persona).get_by_role("cell").nth(2)

    def unlock(self, persona: Persona) -> None:
        self.learner(persona).get_by_role("button", name="Débloquer").click()
        expect(self.notice).to_contain_text("est débloqué")

    def reset_account(self, persona: Persona) -> None:
        self.learner(persona).get_by_role("button", name="Réinitialiser ce compte").click()
        expect(self.notice).to_contain_text("est revenu à sa fiche")

    def reset_class(self) -> None:
        self.page.get_by_role("button", name="Réinitialiser la classe").click()
        expect(self.notice).to_contain_text("La classe est réinitialisée")
