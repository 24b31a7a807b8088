"""« J'ai oublié mon identifiant / mon mot de passe », one page object per screen, and the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from playwright.sync_api import Locator

from mock_portal_testing.channels import Channel
from mock_portal_testing.pages.base import BasePage

CHANNEL_LABELS = {Channel.EMAIL: "Par mail", Channel.SMS: "Par SMS"}


@dataclass(frozen=True)
class Identity:
    """What the recovery screens ask a persona: who they are, as they would type it."""

    key: str
    identifiant: str
    nom: str
    prenom: str
    date_naissance: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Identity:
        born = date.fromisoformat(data["birth_date"])
        return cls(data["key"], data["identifiant"], data["last_name"], data["first_name"],
                   born.strftime("%d/%m/%Y"))


class _ChannelChoice(BasePage):
    """« par mail / par SMS (cochez votre choix – Poursuivre) »."""

    def channel(self, channel: str) -> Locator:
        return self.page.get_by_role("radio", name=CHANNEL_LABELS[Channel.parse(channel)])

    @property
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def retour(self) -> Locator:
        return self.page.get_by_role("link", name="Retour")

    def choose(self, channel: str) -> None:
        self.channel(channel).check()
        self.poursuivre.click()


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
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    def identify(self, nom: str, prenom: str, date_naissance: str) -> None:
        self.nom.fill(nom)
        self.prenom.fill(prenom)
        self.date_naissance.fill(date_naissance)
        self.poursuivre.click()

    def recover_identifiant(self, identity: Identity, channel: str) -> None:
        self.identify(identity.nom, identity.prenom, identity.date_naissance)
        IdentifiantOublieCanalPage(self.page).choose(channel)


class IdentifiantOublieCanalPage(_ChannelChoice):
    path = "/connexion/identifiant-oublie/canal"


class IdentifiantEnvoyePage(BasePage):
    path = "/connexion/identifiant-oublie/envoye"

    @property
    def confirmation(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def revenir(self) -> Locator:
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
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def notice(self) -> Locator:
        return self.page.get_by_role("status")

    def identify(self, identifiant: str, date_naissance: str) -> None:
        self.identifiant.fill(identifiant)
        self.date_naissance.fill(date_naissance)
        self.poursuivre.click()

    def request_code(self, identity: Identity, channel: str) -> None:
        self.identify(identity.identifiant, identity.date_naissance)
        MotDePasseOublieCanalPage(self.page).choose(channel)


class MotDePasseOublieCanalPage(_ChannelChoice):
    path = "/connexion/mot-de-passe-oublie/canal"


class CodeRecuPage(BasePage):
    path = "/connexion/mot-de-passe-oublie/code"

    @property
    def sent_to(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Code reçu")

    @property
    def poursuivre(self) -> Locator:
        return self.page.get_by_role("button", name="Poursuivre")

    @property
    def nouveau_code(self) -> Locator:
        return self.page.get_by_role("link", name="Recevoir un nouveau code")

    def submit(self, code: str) -> None:
        self.code.fill(code)
        self.poursuivre.click()


class NouveauMotDePassePage(BasePage):
    path = "/connexion/mot-de-passe-oublie/nouveau"

    @property
    def nouveau(self) -> Locator:
        return self.page.get_by_label("Nouveau mot de passe", exact=True)

    @property
    def confirmation(self) -> Locator:
        return self.page.get_by_label("Confirmez le nouveau mot de passe")

    @property
    def valider(self) -> Locator:
        return self.page.get_by_role("button", name="Valider")

    def choose(self, password: str, confirmation: str | None = None) -> None:
        self.nouveau.fill(password)
        self.confirmation.fill(password if confirmation is None else confirmation)
        self.valider.click()


class MotDePasseModifiePage(BasePage):
    path = "/connexion/mot-de-passe-oublie/modifie"

    @property
    def se_connecter(self) -> Locator:
        return self.page.get_by_role("link", name="Se connecter", exact=True)


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
