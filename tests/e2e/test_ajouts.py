"""What the portal shows differently from the tutorial, or adds to it: each a finding of
fixtures/tutorial.yaml (the labels among them are checked by test_tutorial_labels.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import DepartementPage, FormulairePage, ValidationPage
from mock_portal_testing.pages.actualisation import ConfirmationPage
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import (
    INVALIDITE,
    MALADIE,
    MATERNITE,
    RECHERCHE,
    RETRAITE,
    STAGE,
    Situation,
)


@pytest.mark.tutorial("E1-logo")
def test_ajouts_a_neutral_mark_instead_of_the_logo(page: Page, departement_page: DepartementPage):
    departement_page.open()
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name="Portail emploi simulation")).to_be_visible()
    expect(banner.get_by_role("note", name="Avertissement : simulation")).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)


@pytest.mark.tutorial("E2-ajout-dates-questions-2-6")
@pytest.mark.parametrize(("question", "labels"), [
    (STAGE, ["Du", "Au"]),
    (MALADIE, ["Du", "Au"]),
    (MATERNITE, ["Date de début"]),
    (RETRAITE, ["Depuis le"]),
    (INVALIDITE, ["Depuis le"]),
])
def test_ajouts_oui_to_questions_2_to_6_asks_dates(
    login_as, demo: Persona, formulaire_page: FormulairePage, question: str, labels: list[str],
):
    login_as(demo).goto(FormulairePage.path)
    for label in labels:
        expect(formulaire_page.field(question, label)).to_be_hidden()
    formulaire_page.answer(question, "Oui")
    for label in labels:
        expect(formulaire_page.field(question, label)).to_be_visible()


@pytest.mark.tutorial("E2-ajout-depuis-le-motif")
def test_ajouts_non_to_the_last_question_asks_since_when_and_why(
    login_as, demo: Persona, formulaire_page: FormulairePage,
):
    login_as(demo).goto(FormulairePage.path)
    formulaire_page.answer(RECHERCHE, "Non")
    expect(formulaire_page.field(RECHERCHE, "Depuis le")).to_be_visible()
    motif = formulaire_page.question(RECHERCHE).get_by_role("group", name="Pour quel motif ?")
    for choice in ("Reprise du travail", "Retraite", "Autre"):
        expect(motif.get_by_label(choice, exact=True)).to_be_visible()


@pytest.mark.tutorial("E2-ajout-vous-modifiez")
def test_ajouts_modifier_says_which_declaration_is_changed(
    login_as, demo: Persona, formulaire_page: FormulairePage, confirmation_page: ConfirmationPage,
    validation_page: ValidationPage,
):
    login_as(demo).goto(FormulairePage.path)
    formulaire_page.declare(Situation())
    confirmation_page.confirm()
    validation_page.modify_link.click()
    expect(formulaire_page.notice).to_contain_text(
        "Vous modifiez votre déclaration validée le 28/06/2019 à 09h00.")
