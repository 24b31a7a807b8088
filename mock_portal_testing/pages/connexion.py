from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage
from mock_portal_testing.people import Persona


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

    def log_in(self, persona: Persona) -> None:
        """The whole connexion of the tutorial, from this page to the page after login."""
        self.submit(persona.department)
        IdentifiantPage(self.page).submit(persona.identifiant)
        MotDePassePage(self.page).submit(persona.password)


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
