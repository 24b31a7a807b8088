"""The six button pairs of the tutorial, in its order on the screen and for the keyboard.

WCAG 2.4.3 (focus order): Tab must meet the buttons in the order the eye reads them. The pairs
were once written « Valider » first and swapped by CSS, so that Tab reached the right-hand one
first; each pair is now in the page in the tutorial's order, and nothing reorders it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.pages import (
    ConfirmationPage,
    DepartementPage,
    EspacePersonnelPage,
    FormulairePage,
    IdentifiantPage,
    MotDePassePage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import HOURS, SALARY, TRAVAIL, Situation

Reach = Callable[[Page, Persona], tuple[Locator, Locator]]


def _departement(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    DepartementPage(page).open()
    return DepartementPage(page).button_pair


def _identifiant(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    _departement(page, persona)
    DepartementPage(page).submit(persona.department)
    return IdentifiantPage(page).button_pair


def _mot_de_passe(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    _identifiant(page, persona)
    IdentifiantPage(page).submit(persona.identifiant)
    return MotDePassePage(page).button_pair


def _formulaire(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    page.goto(FormulairePage.path)
    return FormulairePage(page).button_pair


def _confirmation(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    _formulaire(page, persona)
    FormulairePage(page).declare(Situation())
    return ConfirmationPage(page).button_pair


def _validation(page: Page, persona: Persona) -> tuple[Locator, Locator]:
    _confirmation(page, persona)
    ConfirmationPage(page).confirm()
    return ValidationPage(page).button_pair


PAIRS = [
    pytest.param(_departement, False, id="departement-poursuivre-annuler",
                 marks=pytest.mark.tutorial("E1-ordre-poursuivre-annuler")),
    pytest.param(_identifiant, False, id="identifiant-poursuivre-retour",
                 marks=pytest.mark.tutorial("E1-ordre-poursuivre-retour")),
    pytest.param(_mot_de_passe, False, id="mot-de-passe-retour-se-connecter",
                 marks=pytest.mark.tutorial("E1-ordre-retour-se-connecter")),
    pytest.param(_formulaire, True, id="formulaire-abandonner-valider",
                 marks=pytest.mark.tutorial("E2-ordre-abandonner-valider")),
    pytest.param(_confirmation, True, id="confirmation-abandonner-valider-votre-reponse",
                 marks=pytest.mark.tutorial("E3-ordre-abandonner-valider-votre-reponse")),
    pytest.param(_validation, True, id="validation-retour-modifier",
                 marks=pytest.mark.tutorial("CF-ordre-retour-modifier")),
]


@pytest.mark.parametrize(("reach", "logged_in"), PAIRS)
def test_button_pair_tab_order_is_the_tutorial_order(
    page: Page, login_as, demo: Persona, reach: Reach, logged_in: bool,
):
    if logged_in:
        login_as(demo)
    first, second = reach(page, demo)
    expect(first).to_be_visible()
    expect(second).to_be_visible()

    # Tab from whatever comes before the pair meets the left-hand button, then the right-hand one.
    first.focus()
    page.keyboard.press("Shift+Tab")
    expect(first).not_to_be_focused()
    expect(second).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Tab")
    expect(second).to_be_focused()

    # And the screen shows them in that order, side by side: nothing swaps them visually.
    left, right = first.bounding_box(), second.bounding_box()
    assert left is not None and right is not None
    assert left["x"] + left["width"] <= right["x"], (left, right)
    assert abs(left["y"] - right["y"]) < left["height"], (left, right)


def test_mot_de_passe_enter_in_the_password_field_logs_in(
    page: Page, demo: Persona, espace_personnel_page: EspacePersonnelPage,
):
    """« RETOUR » comes first on the screen; Enter must still mean « SE CONNECTER »."""
    _mot_de_passe(page, demo)
    password = MotDePassePage(page).mot_de_passe
    password.fill(demo.password)
    password.press("Enter")
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_formulaire_enter_in_a_field_validates_rather_than_abandons(
    page: Page, login_as, demo: Persona, formulaire_page: FormulairePage,
    confirmation_page: ConfirmationPage,
):
    """« Abandonner » comes first on the screen; Enter in a field must still mean « Valider »."""
    login_as(demo)
    _formulaire(page, demo)
    formulaire_page.fill_situation(Situation().answering(TRAVAIL, "Oui", {HOURS: "35"}))
    salary = formulaire_page.field(TRAVAIL, SALARY)
    salary.fill("420")
    salary.press("Enter")
    expect(confirmation_page.validate_answer_button).to_be_visible()
