from __future__ import annotations

from playwright.sync_api import Locator

from mock_portal_testing.pages.base import BasePage, Persona


class DepartementPage(BasePage):
    path = "/connexion/departement"

    @property
    def departement(self) -> Locator:
        return self.page.get_by_label("Votre numéro de département")

    @property
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def annuler(self) -> Locator:
        return self.page.get_by_role("link", name="Annuler")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« POURSUIVRE » then « ANNULER »: the tutorial's order, on screen and for Tab."""
        return (self.poursuivre, self.annuler)

    @property
    def aide(self) -> Locator:
        return self.page.get_by_role("link", name="Aide", exact=True)

    def submit(self, code: str) -> None:
        self.departement.fill(code)
        self.poursuivre.click()

    def login_as(self, persona: Persona) -> None:
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
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def retour(self) -> Locator:
        return self.page.get_by_role("button", name="Retour")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« POURSUIVRE » then « RETOUR »: the tutorial's order, on screen and for Tab."""
        return (self.poursuivre, self.retour)

    @property
    def oublie(self) -> Locator:
        return self.page.get_by_role("link", name="J'ai oublié mon identifiant", exact=True)

    @property
    def aide_identifiant(self) -> Locator:
        return self.page.get_by_role("link", name="Où trouver mon identifiant ?")

    @property
    def information_securite(self) -> Locator:
        return self.page.get_by_role("link", name="Information de sécurité")

    def submit(self, identifiant: str) -> None:
        self.identifiant.fill(identifiant)
        self.poursuivre.click()


class MotDePassePage(BasePage):
    path = "/connexion/mot-de-passe"

    @property
    def nom_utilisateur(self) -> Locator:
        return self.page.get_by_label("Nom d'utilisateur", exact=True)

    @property
    def mot_de_passe(self) -> Locator:
        return self.page.get_by_label("Mot de passe", exact=True)

    @property
    def se_connecter(self) -> Locator:
        return self.page.get_by_role("button", name="Se connecter")

    @property
    def retour(self) -> Locator:
        return self.page.get_by_role("button", name="Retour")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« RETOUR » then « SE CONNECTER »: the tutorial's order, on screen and for Tab."""
        return (self.retour, self.se_connecter)

    @property
    def oublie(self) -> Locator:
        return self.page.get_by_role("link", name="J'ai oublié mon mot de passe", exact=True)

    def submit(self, password: str) -> None:
        self.mot_de_passe.fill(password)
        self.se_connecter.click()
