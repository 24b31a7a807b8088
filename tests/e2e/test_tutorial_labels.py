"""Every label of fixtures/tutorial.yaml, on its screen, found the way a user sees it.

One test per screen of the catalogue: a recipe below reaches the screen, then each label claim
listed for it must be visible. Adding a label to the catalogue is enough to test it; a new screen
needs a recipe here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    ConfirmationPage,
    DepartementPage,
    EspacePersonnelPage,
    FormulairePage,
    IdentifiantOubliePage,
    IdentifiantPage,
    Identity,
    MesEchangesPage,
    MotDePasseOubliePage,
    MotDePassePage,
    Persona,
    Situation,
)
from mock_portal_testing.pages.actualisation import TRAVAIL
from tests.fidelity import Claim, catalogue, record_failed_claims

WORKED = Situation().but(TRAVAIL, "Oui", **{
    "Heures travaillées dans le mois": "35",
    "Montant total de votre ou vos salaires bruts réels ou estimés": "351,05",
})


@dataclass
class Visit:
    page: Page
    login_as: Callable[[Persona], Page]
    demo: Persona
    identity: Identity


def _accueil(visit: Visit) -> None:
    visit.page.goto(AccueilPage.path)


def _departement(visit: Visit) -> None:
    visit.page.goto(DepartementPage.path)


def _identifiant(visit: Visit) -> None:
    _departement(visit)
    DepartementPage(visit.page).submit(visit.demo.department)


def _mot_de_passe(visit: Visit) -> None:
    _identifiant(visit)
    IdentifiantPage(visit.page).submit(visit.demo.identifiant)


def _identifiant_oublie_canal(visit: Visit) -> None:
    _identifiant(visit)
    IdentifiantPage(visit.page).oublie.click()
    who = visit.identity
    IdentifiantOubliePage(visit.page).identify(who.nom, who.prenom, who.date_naissance)


def _mot_de_passe_oublie_canal(visit: Visit) -> None:
    _mot_de_passe(visit)
    MotDePassePage(visit.page).oublie.click()
    MotDePasseOubliePage(visit.page).identify(visit.identity.identifiant, visit.identity.date_naissance)


def _espace_personnel(visit: Visit) -> None:
    visit.login_as(visit.demo).goto(EspacePersonnelPage.path)


def _formulaire(visit: Visit) -> None:
    visit.login_as(visit.demo).goto("/actualisation")


def _formulaire_travail_oui(visit: Visit) -> None:
    _formulaire(visit)
    FormulairePage(visit.page).answer(TRAVAIL, "Oui")


def _confirmation(visit: Visit) -> None:
    _formulaire(visit)
    FormulairePage(visit.page).declare(Situation())


def _validation(visit: Visit) -> None:
    _confirmation(visit)
    ConfirmationPage(visit.page).confirm()


def _validation_activite(visit: Visit) -> None:
    _formulaire(visit)
    FormulairePage(visit.page).declare(WORKED)
    ConfirmationPage(visit.page).confirm()


def _mes_echanges(visit: Visit) -> None:
    _espace_personnel(visit)
    MesEchangesPage(visit.page).open_from_espace_personnel()


def _envoyer_un_document(visit: Visit) -> None:
    _mes_echanges(visit)
    MesEchangesPage(visit.page).envoyer_un_document.click()


RECIPES: dict[str, Callable[[Visit], None]] = {
    "accueil": _accueil,
    "departement": _departement,
    "identifiant": _identifiant,
    "mot_de_passe": _mot_de_passe,
    "identifiant_oublie_canal": _identifiant_oublie_canal,
    "mot_de_passe_oublie_canal": _mot_de_passe_oublie_canal,
    "espace_personnel": _espace_personnel,
    "formulaire": _formulaire,
    "formulaire_travail_oui": _formulaire_travail_oui,
    "confirmation": _confirmation,
    "validation": _validation,
    "validation_activite": _validation_activite,
    "mes_echanges": _mes_echanges,
    "envoyer_un_document": _envoyer_un_document,
}


def locate(scope: Locator, claim: Claim) -> Locator:
    """The label as a user finds it: a field by its label or placeholder, a control by its role
    and name, anything else by its words."""
    check: dict[str, Any] = dict(claim.check)
    text, exact = check["text"], bool(check.get("exact", False))
    if check.get("placeholder"):
        return scope.get_by_placeholder(text, exact=exact)
    if check.get("field"):
        return scope.get_by_label(text, exact=exact)
    if "role" in check:
        if "pattern" in check:
            return scope.get_by_role(check["role"], name=re.compile(check["pattern"]))
        return scope.get_by_role(check["role"], name=check.get("name", text), exact=exact)
    return scope.get_by_text(text, exact=exact)


# Form controls show their label beside them, not inside: their accessible name is the check.
CONTROLS = {"radio", "checkbox", "textbox", "combobox", "spinbutton", "searchbox", "switch", "slider"}


def check_label(page: Page, claim: Claim) -> None:
    # Only the page's own content: the sandbox banner and the footer quote the tutorial too.
    target = locate(page.get_by_role("main"), claim)
    expect(target, f"« {claim.check['text']} » is not visible").to_be_visible()
    check = claim.check
    if not (check.get("field") or check.get("placeholder") or check.get("role") in CONTROLS):
        # What is rendered (innerText, after CSS such as text-transform), not the source text.
        expect(target).to_contain_text(check["text"], use_inner_text=True,
                                       ignore_case=not check.get("case_sensitive", False))
    for prop, value in (check.get("css") or {}).items():
        expect(target).to_have_css(prop, str(value))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "screen" not in metafunc.fixturenames:
        return
    claims = catalogue(metafunc.config)
    metafunc.parametrize("screen", [
        pytest.param(screen, id=screen,
                     marks=pytest.mark.tutorial(*[claim.id for claim in claims.labels_on(screen)]))
        for screen in claims.label_screens
    ])


def test_tutorial_labels_visible_on_each_screen(
    screen, page: Page, request: pytest.FixtureRequest, login_as, demo: Persona,
    identities: dict[str, Identity],
):
    reach = RECIPES.get(screen)
    assert reach is not None, f"no recipe reaches the screen {screen!r}: add one to RECIPES"
    reach(Visit(page, login_as, demo, identities[demo.key]))
    # The pointer may rest where the last click was: a hovered button changes colour.
    page.mouse.move(0, 0)
    failed: dict[str, str] = {}
    for claim in catalogue(request.config).labels_on(screen):
        try:
            check_label(page, claim)
        except AssertionError as exc:
            failed[claim.id] = " ".join(str(exc).split("Call log:")[0].split())
    if failed:
        record_failed_claims(request.node, list(failed))
        pytest.fail(f"tutorial labels missing or different on the screen {screen!r}:\n"
                    + "\n".join(f"  {claim}: {problem}" for claim, problem in failed.items()))
