"""The journeys of the screens classroom mode adds: « Mes coordonnées », a learner's own messages
page, the trainer's desk. Listed in journeys.JOURNEYS with the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.pages import (
    CodePage,
    ConnexionPage,
    CoordonneesPage,
    EspacePersonnelPage,
    ModifierPage,
    MotDePasseOubliePage,
    OutboxPage,
)
from mock_portal_testing.people import Identity
from mock_portal_testing.visitor import Journey, Visitor, goto

NEW_EMAIL = "nouvelle.adresse@exemple.fr"


def _coordonnees(v: Visitor) -> Locator:
    v.logged_in(EspacePersonnelPage.path)
    CoordonneesPage(v.page).open_from_personal_space()
    return CoordonneesPage(v.page).modify_link


def _modifier(v: Visitor) -> Locator:
    expect(_coordonnees(v)).to_be_visible()
    CoordonneesPage(v.page).modify_link.click()
    return ModifierPage(v.page).email


def _code(v: Visitor) -> Locator:
    expect(_modifier(v)).to_be_visible()
    ModifierPage(v.page).submit(email=NEW_EMAIL)
    return CodePage(v.page).code


def _modifiees(v: Visitor) -> Locator:
    expect(_code(v)).to_be_visible()  # the code is in the outbox once its page shows
    CodePage(v.page).submit(v.outbox.latest_code(replace(v.persona, email=NEW_EMAIL), "email"))
    return v.h1("Vos coordonnées ont été modifiées")


def _seated(v: Visitor) -> list[dict[str, str]]:
    """A class of three, as `mock-portal classe 3` seats it."""
    seated: list[dict[str, str]] = v.portal.request("POST", "/_testing/classe", {"n": 3})
    return seated


def _outbox_personnel(v: Visitor) -> Locator:
    """A learner's own messages page, from their card, holding the code they asked for."""
    learner = _seated(v)[0]
    MotDePasseOubliePage(v.page).open()
    MotDePasseOubliePage(v.page).request_code(Identity.from_json(learner), "email")
    v.page.goto(learner["outbox_path"])
    return OutboxPage(v.page).messages


def _formateur(v: Visitor) -> Locator:
    """The desk with a class seated, the trainer signed in with the code `serve` prints."""
    _seated(v)
    ConnexionPage(v.page).open()
    code = v.portal.request("GET", "/_testing/formateur")["code"]
    return ConnexionPage(v.page).sign_in(code).clock_region


JOURNEYS: dict[str, Journey] = {
    "coordonnees/coordonnees": _coordonnees,
    "coordonnees/modifier": _modifier,
    "coordonnees/code": _code,
    "coordonnees/modifiees": _modifiees,
    "outbox/outbox_personnel": _outbox_personnel,
    "formateur/connexion": goto(ConnexionPage.path, "Bureau du formateur"),
    "formateur/formateur": _formateur,
}

MISTAKES: dict[str, Callable[[Page], None]] = {
    "coordonnees/modifier": lambda page: ModifierPage(page).submit(email="prenom.nom@"),
    "coordonnees/code": lambda page: CodePage(page).submit("12"),
    "formateur/connexion": lambda page: ConnexionPage(page).submit("mauvais"),
}
