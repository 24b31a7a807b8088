"""Etape 2: « Déclarez votre situation mensuelle »."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from mock_portal_testing.pages import ConfirmationPage, EspacePersonnelPage, FormulairePage
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import (
    HOURS,
    QUESTIONS,
    RECHERCHE,
    SALARY,
    STAGE,
    TRAVAIL,
    Situation,
)
from tests.support.actualisation import login_for_actualisation


@pytest.mark.tutorial("E2-choix-oui-non", "E2-question-travail", "E2-question-stage", "E2-question-maladie",
                      "E2-question-maternite", "E2-question-retraite", "E2-question-invalidite",
                      "E2-question-recherche", "E2-question-travail-precision", "E2-aide-en-ligne",
                      "E2-aide-pour-toutes-les-questions", "E2-abandonner", "E2-valider",
                      "CF-titre-declarez")
def test_formulaire_shows_the_seven_questions_of_the_tutorial(on_form: FormulairePage):
    expect(on_form.heading).to_have_text("Déclarez votre situation mensuelle")
    expect(on_form.period("01/06/2019", "30/06/2019")).to_be_visible()
    for question in QUESTIONS:
        expect(on_form.question(question)).to_be_visible()
        expect(on_form.question(question).get_by_label("Oui", exact=True)).to_be_visible()
        expect(on_form.question(question).get_by_label("Non", exact=True)).to_be_visible()
        expect(on_form.help(question)).to_be_visible()
    expect(on_form.page.get_by_text("(créateur ou repreneur d'entreprise, entrepreneur")).to_be_visible()
    expect(on_form.online_help_link).to_be_visible()
    expect(on_form.validate_button).to_be_visible()
    expect(on_form.abandon).to_be_visible()


@pytest.mark.tutorial("E2-oui-si-travaille", "E2-heures-travaillees", "E2-salaire")
def test_formulaire_follow_ups_appear_on_oui(on_form: FormulairePage):
    heures = on_form.field(TRAVAIL, "Heures travaillées dans le mois")
    expect(heures).to_be_hidden()
    on_form.answer(TRAVAIL, "Oui")
    expect(heures).to_be_visible()
    expect(on_form.field(TRAVAIL, "Montant total de votre ou vos salaires bruts réels ou estimés")).to_be_visible()
    on_form.answer(TRAVAIL, "Non")
    expect(heures).to_be_hidden()


def test_formulaire_recherche_follow_ups_appear_on_non(on_form: FormulairePage):
    depuis = on_form.field(RECHERCHE, "Depuis le")
    on_form.answer(RECHERCHE, "Oui")
    expect(depuis).to_be_hidden()
    on_form.answer(RECHERCHE, "Non")
    expect(depuis).to_be_visible()
    expect(on_form.question(RECHERCHE).get_by_role("group", name="Pour quel motif ?")).to_be_visible()


def test_formulaire_works_without_javascript(
    browser: Browser, browser_context_args: dict, demo: Persona
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    login_for_actualisation(page, demo)
    form = FormulairePage(page)
    # Every follow-up is shown when nothing can reveal it.
    expect(form.field(TRAVAIL, "Heures travaillées dans le mois")).to_be_visible()
    form.declare(Situation().worked("35", "1 234,56"))
    expect(ConfirmationPage(page).declared.first).to_have_text(
        "avoir travaillé 35 heures pour un salaire brut de 1 234,56 €")
    context.close()


@pytest.mark.tutorial("AS-toutes-les-questions")
def test_formulaire_every_question_must_be_answered(on_form: FormulairePage):
    on_form.validate_button.click()
    for question in QUESTIONS:
        expect(on_form.error_summary).to_contain_text(f"Répondez à la question « {question} ».")
        expect(on_form.question(question)).to_contain_text(f"Répondez à la question « {question} ».")


@pytest.mark.tutorial("AS-toutes-les-questions")
def test_formulaire_error_summary_links_to_the_field(on_form: FormulairePage):
    on_form.validate_button.click()
    on_form.error_summary.get_by_role("link", name=f"Répondez à la question « {STAGE} ».").click()
    expect(on_form.question(STAGE).get_by_label("Oui", exact=True)).to_be_focused()


def test_formulaire_error_summary_takes_the_focus(on_form: FormulairePage):
    on_form.validate_button.click()
    expect(on_form.error_summary).to_be_focused()


def test_formulaire_error_summary_leaves_a_focus_the_visitor_already_moved(on_form: FormulairePage, page: Page):
    # portal.js is held back, as on a slow connection: the visitor picks an answer first.
    held: list[Route] = []
    script = re.compile(r"/static/portal\.js(\?|$)")  # its address carries its version
    page.route(script, lambda route: held.append(route))  # and no HTTP cache
    with page.expect_request(script):
        on_form.validate_button.click()
    oui = on_form.question(STAGE).get_by_label("Oui", exact=True)
    oui.check()
    expect(oui).to_be_focused()
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_load_state()
    expect(oui).to_be_focused()
    expect(on_form.error_summary).not_to_be_focused()


def test_formulaire_refuses_bad_follow_ups_and_keeps_values(on_form: FormulairePage):
    # One follow-up shown on the page, with the script revealing it again under « Oui »: number
    # and date fields render through the same macro, and every follow-up's messages are cases of
    # test_actualisation_bad_follow_up_is_refused_next_to_it_and_values_kept (tests/unit).
    message = "Saisissez un nombre entier d'heures, sans virgule (exemple : 35)."
    on_form.fill_situation(Situation().worked("35,5", "1 234,56"))
    on_form.validate_button.click()
    heures = on_form.field(TRAVAIL, HOURS)
    expect(on_form.error_summary).to_contain_text(message)
    expect(on_form.inline_error(heures)).to_contain_text(message)
    expect(heures).to_be_visible()
    expect(heures).to_have_attribute("aria-invalid", "true")
    expect(heures).to_have_value("35,5")
    expect(on_form.field(TRAVAIL, SALARY)).to_have_value("1 234,56")
    expect(on_form.question(TRAVAIL).get_by_label("Oui", exact=True)).to_be_checked()


def test_formulaire_recherche_non_needs_a_motif(on_form: FormulairePage):
    on_form.fill_situation(Situation().stopped_looking("20/06/2019"))
    on_form.validate_button.click()
    expect(on_form.error_summary).to_contain_text("Choisissez le motif")


def test_formulaire_abandonner_saves_nothing(
    on_form: FormulairePage, espace_personnel_page: EspacePersonnelPage
):
    on_form.fill_situation(Situation())
    on_form.abandon.click()
    expect(espace_personnel_page.page).to_have_url(re.compile("/espace-personnel$"))
    expect(espace_personnel_page.page.get_by_text("Votre déclaration n'a pas été enregistrée.")).to_be_visible()
    expect(espace_personnel_page.period_state).to_contain_text("actualisation à faire")
    espace_personnel_page.actualise_link.click()
    expect(on_form.question(TRAVAIL).get_by_label("Non", exact=True)).not_to_be_checked()


def test_formulaire_enter_in_a_field_validates_rather_than_abandons(on_form: FormulairePage, page: Page):
    on_form.fill_situation(Situation().worked("35", "1200"))
    on_form.field(TRAVAIL, SALARY).press("Enter")
    expect(ConfirmationPage(page).validate_answer_button).to_be_visible()
