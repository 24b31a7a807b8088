"""« J'ai oublié mon identifiant / mon mot de passe »: the recovery screens (``screens/oubli.py``,
mounted under ``/connexion``), one page object each."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mock_portal_testing.channels import Channel
from mock_portal_testing.pages.base import BasePage
from mock_portal_testing.people import Identity

CHANNEL_LABELS = {Channel.EMAIL: "Par mail", Channel.SMS: "Par SMS"}


class _ChannelChoice(BasePage):
    """« par mail / par SMS (cochez votre choix – Poursuivre) »."""

    def channel(self, channel: str) -> Locator:
        return self.page.get_by_role("radio", name=CHANNEL_LABELS[Channel.parse(channel)])

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def back(self) -> Locator:
        return self.page.get_by_role("link", name="Retour")

    def choose(self, channel: str) -> None:
        self.channel(channel).check()
        self.continue_.click()


class IdentifiantOubliePage(BasePage):
    path = "/connexion/identifiant-oublie"

    @property
    def nom(self) -> Locator:
        return self.page.get_by_label("Nom", exact=True)

    @property
    def prenom(self) -> Locator:
        return self.page.get_by_label("Prénom", exact=True)

    @property
    def date_naissance(self) -> Locator:
        return self.page.get_by_label("Date de naissance")

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    def identify(self, nom: str, prenom: str, date_naissance: str) -> None:
        self.nom.fill(nom)
        self.prenom.fill(prenom)
        self.date_naissance.fill(date_naissance)
        self.continue_.click()

    def recover_identifiant(self, identity: Identity, channel: str) -> IdentifiantOublieEnvoyePage:
        """Both steps, ending on « envoyé » (the same neutral answer for anyone)."""
        self.identify(identity.nom, identity.prenom, identity.date_naissance)
        IdentifiantOublieCanalPage(self.page).choose(channel)
        envoye = IdentifiantOublieEnvoyePage(self.page)
        expect(envoye.back_to_login_link).to_be_visible()
        return envoye


class IdentifiantOublieCanalPage(_ChannelChoice):
    path = "/connexion/identifiant-oublie/canal"


class IdentifiantOublieEnvoyePage(BasePage):
    path = "/connexion/identifiant-oublie/envoye"

    @property
    def confirmation(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def back_to_login_link(self) -> Locator:
        return self.page.get_by_role("link", name="Revenir à la connexion")


class MotDePasseOubliePage(BasePage):
    path = "/connexion/mot-de-passe-oublie"

    @property
    def identifiant(self) -> Locator:
        return self.page.get_by_label("Identifiant", exact=True)

    @property
    def date_naissance(self) -> Locator:
        return self.page.get_by_label("Date de naissance")

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    def identify(self, identifiant: str, date_naissance: str) -> None:
        self.identifiant.fill(identifiant)
        self.date_naissance.fill(date_naissance)
        self.continue_.click()

    def request_code(self, identity: Identity, channel: str) -> MotDePasseOublieCodePage:
        """Both steps, ending on the page that asks for the code (shown to anyone, known or not)."""
        self.identify(identity.identifiant, identity.date_naissance)
        MotDePasseOublieCanalPage(self.page).choose(channel)
        code_page = MotDePasseOublieCodePage(self.page)
        expect(code_page.code).to_be_visible()
        return code_page


class MotDePasseOublieCanalPage(_ChannelChoice):
    path = "/connexion/mot-de-passe-oublie/canal"


class MotDePasseOublieCodePage(BasePage):
    path = "/connexion/mot-de-passe-oublie/code"

    @property
    def sent_to(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Code reçu")

    @property
    def continue_(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def new_code_link(self) -> Locator:
        return self.page.get_by_role("link", name="Recevoir un nouveau code")

    def submit(self, code: str) -> None:
        self.code.fill(code)
        self.continue_.click()


class MotDePasseOublieNouveauPage(BasePage):
    path = "/connexion/mot-de-passe-oublie/nouveau"

    @property
    def new_password(self) -> Locator:
        return self.page.get_by_label("Nouveau mot de passe", exact=True)

    @property
    def confirmation(self) -> Locator:
        return self.page.get_by_label("Confirmez le nouveau mot de passe")

    @property
    def validate_button(self) -> Locator:
        return self.page.get_by_role("button", name="Valider")

    def choose(self, password: str, confirmation: str | None = None) -> None:
        self.new_password.fill(password)
        self.confirmation.fill(password if confirmation is None else confirmation)
        self.validate_button.click()


class MotDePasseOublieModifiePage(BasePage):
    path = "/connexion/mot-de-passe-oublie/modifie"

    @property
    def log_in_link(self) -> Locator:
        return self.page.get_by_role("link", name="Se connecter", exact=True)
