from __future__ import annotations

from typing import TypeVar

from playwright.sync_api import Locator, expect

from mock_portal_testing.pages.base import BasePage, Header
from mock_portal_testing.pages.espace_personnel import EspacePersonnelPage
from mock_portal_testing.people import Persona

Destination = TypeVar("Destination", bound=BasePage)


class DepartementPage(BasePage):
    path = "/connexion/departement"

    @property
    def departement(self) -> Locator:
        return self.page.get_by_label("Votre numéro de département")

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def cancel_link(self) -> Locator:
        return self.page.get_by_role("link", name="Annuler")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« POURSUIVRE » then « ANNULER »: the tutorial's order, on screen and for Tab."""
        return (self.continue_, self.cancel_link)

    @property
    def help_link(self) -> Locator:
        return self.page.get_by_role("link", name="Aide", exact=True)

    def submit(self, code: str) -> None:
        self.departement.fill(code)
        self.continue_.click()

    def attempt_log_in(self, persona: Persona) -> MotDePassePage:
        """The three steps of the connexion, asserting nothing: for refused passwords."""
        self.submit(persona.department)
        IdentifiantPage(self.page).submit(persona.identifiant)
        mot_de_passe = MotDePassePage(self.page)
        mot_de_passe.submit(persona.password)
        return mot_de_passe

    def log_in(self, persona: Persona,
               lands_on: type[Destination] = EspacePersonnelPage) -> Destination:
        """The whole connexion of the tutorial, ending logged in on ``lands_on``: « Mon espace
        personnel », or the page that sent the visitor to log in (« M'actualiser », an expired
        session)."""
        self.attempt_log_in(persona)
        expect(Header(self.page).name(persona)).to_be_visible()
        destination = lands_on(self.page)
        destination.expect_here()
        return destination


class IdentifiantPage(BasePage):
    path = "/connexion/identifiant"

    @property
    def identifiant(self) -> Locator:
        return self.page.get_by_label("Identifiant | Nom d'utilisateur")

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def back(self) -> Locator:
        return self.page.get_by_role("button", name="Retour")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« POURSUIVRE » then « RETOUR »: the tutorial's order, on screen and for Tab."""
        return (self.continue_, self.back)

    @property
    def forgotten_link(self) -> Locator:
        return self.page.get_by_role("link", name="J'ai oublié mon identifiant", exact=True)

    @property
    def identifiant_help_link(self) -> Locator:
        return self.page.get_by_role("link", name="Où trouver mon identifiant ?")

    @property
    def security_information_link(self) -> Locator:
        return self.page.get_by_role("link", name="Information de sécurité")

    def submit(self, identifiant: str) -> None:
        self.identifiant.fill(identifiant)
        self.continue_.click()


class MotDePassePage(BasePage):
    path = "/connexion/mot-de-passe"

    @property
    def nom_utilisateur(self) -> Locator:
        return self.page.get_by_label("Nom d'utilisateur", exact=True)

    @property
    def mot_de_passe(self) -> Locator:
        return self.page.get_by_label("Mot de passe", exact=True)

    @property
    def log_in_button(self) -> Locator:
        return self.page.get_by_role("button", name="Se connecter")

    @property
    def back(self) -> Locator:
        return self.page.get_by_role("button", name="Retour")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« RETOUR » then « SE CONNECTER »: the tutorial's order, on screen and for Tab."""
        return (self.back, self.log_in_button)

    @property
    def forgotten_link(self) -> Locator:
        return self.page.get_by_role("link", name="J'ai oublié mon mot de passe", exact=True)

    def submit(self, password: str) -> None:
        self.mot_de_passe.fill(password)
        self.log_in_button.click()
