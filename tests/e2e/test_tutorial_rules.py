"""Rules, sequences, help and outcomes of the tutorial that no other scenario covers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    AidePage,
    ConfirmationPage,
    EnvoyerUnDocumentPage,
    FormulairePage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import HOURS, QUESTIONS, RECHERCHE, SALARY, TRAVAIL, Situation
from mock_portal_testing.time_travel import TimeTravel
from tests.support.actualisation import pdf_text

WORKED = Situation().worked("35", "351,05")


def open_form(login_as, persona: Persona) -> FormulairePage:
    page = login_as(persona)
    page.goto("/actualisation")
    return FormulairePage(page)


def open_help(page: Page, link) -> AidePage:
    """Help opens in its own tab; the form stays as it was in the first one."""
    with page.context.expect_page() as new:
        link.click()
    return AidePage(new.value)


@pytest.mark.tutorial("AS-plusieurs-validations")
def test_rules_declaration_recorded_only_after_valider_votre_reponse(
    login_as, demo: Persona, portal: Portal, confirmation_page: ConfirmationPage,
    validation_page: ValidationPage,
):
    form = open_form(login_as, demo)
    form.declare(Situation())
    expect(confirmation_page.validate_answer_button).to_be_visible()
    assert portal.declarations(demo.identifiant) == []
    confirmation_page.confirm()
    expect(validation_page.validated).to_be_visible()
    assert len(portal.declarations(demo.identifiant)) == 1


@pytest.mark.tutorial("E2-aide-en-ligne-avant-heures", "IN-demarche-indispensable")
def test_rules_aide_en_ligne_explains_hours_and_salary_without_losing_the_form(
    login_as, demo: Persona, page: Page
):
    form = open_form(login_as, demo)
    form.answer(TRAVAIL, "Oui")
    form.field(TRAVAIL, HOURS).fill("35")
    aide = open_help(page, form.online_help_link)
    expect(aide.heading).to_have_text("L'actualisation mensuelle")
    main = aide.page.get_by_role("main")
    expect(main).to_contain_text("indispensable pour rester inscrit")
    expect(main).to_contain_text("déclencher le paiement de votre allocation")
    expect(main).to_contain_text("indiquez vos heures et votre salaire brut")
    aide.close()
    expect(form.field(TRAVAIL, HOURS)).to_have_value("35")


@pytest.mark.tutorial("E2-salaire-brut", "E2-paiement-bloque")
def test_rules_salary_help_asks_for_the_gross_amount_and_how_to_estimate_it(
    login_as, demo: Persona, page: Page
):
    form = open_form(login_as, demo)
    form.answer(TRAVAIL, "Oui")
    aide = open_help(page, form.question(TRAVAIL).get_by_role("link", name=f"Aide : {SALARY}"))
    expect(aide.heading).to_have_text(SALARY)
    main = aide.page.get_by_role("main")
    expect(main).to_contain_text("salaire BRUT")
    expect(main.get_by_text("Heures travaillées × salaire horaire brut")).to_be_visible()
    expect(main).to_contain_text("évite que votre paiement soit bloqué jusqu'à la réception du bulletin")


@pytest.mark.tutorial("E2-aide-pour-toutes-les-questions")
@pytest.mark.parametrize("question", QUESTIONS)
def test_rules_every_question_has_its_own_help(login_as, demo: Persona, page: Page, question: str):
    form = open_form(login_as, demo)
    form.answer(question, "Oui")
    aide = open_help(page, form.help(question))
    expect(aide.heading).to_have_text(question)
    aide.close()
    expect(form.question(question).get_by_label("Oui", exact=True)).to_be_checked()


@pytest.mark.tutorial("E2-derniere-question-importante")
def test_rules_last_question_help_says_it_keeps_the_registration(login_as, demo: Persona, page: Page):
    form = open_form(login_as, demo)
    aide = open_help(page, form.help(RECHERCHE))
    expect(aide.page.get_by_role("main")).to_contain_text(
        "Cette dernière question est importante : elle permet de rester inscrit comme demandeur d'emploi.")


@pytest.mark.tutorial("CF-adresse-sur-le-justificatif", "CF-voie-postale")
def test_rules_justificatif_gives_the_postal_address_for_the_activity_proof(
    login_as, demo: Persona, confirmation_page: ConfirmationPage, validation_page: ValidationPage
):
    open_form(login_as, demo).declare(WORKED)
    confirmation_page.confirm()
    expect(validation_page.page.get_by_text("Envoyer par voie postale à l'adresse indiquée sur votre "
                                            "justificatif d'actualisation.")).to_be_visible()
    text = pdf_text(validation_page.download_justificatif())
    assert "Pour envoyer un justificatif d'activité par voie postale :" in text
    address = text.split("par voie postale :", 1)[1].strip().splitlines()
    assert len(address) >= 2 and any(line[:5].isdigit() for line in address), address


@pytest.mark.tutorial("E3-cliquez-envoyer-un-document", "AS-bulletin-en-fin-de-demarche",
                      "CF-voie-dematerialisee")
def test_rules_envoyer_un_document_at_the_very_end_of_the_declaration(
    login_as, demo: Persona, confirmation_page: ConfirmationPage, validation_page: ValidationPage,
    envoyer_un_document_page: EnvoyerUnDocumentPage,
):
    open_form(login_as, demo).declare(WORKED)
    confirmation_page.confirm()
    validation_page.send_document_link.click()
    expect(envoyer_un_document_page.heading).to_have_text("Envoyer un document")
    expect(envoyer_un_document_page.page.get_by_text("Un seul fichier par envoi")).to_be_visible()


@pytest.mark.tutorial("E3-modifier-quelques-heures")
def test_rules_modification_deadline_is_end_of_day_not_a_number_of_hours(
    login_as, demo: Persona, time_travel: TimeTravel, page: Page,
    confirmation_page: ConfirmationPage, validation_page: ValidationPage,
):
    # Validated at 23h50: « quelques heures » are nine minutes.
    time_travel.to("2019-06-28T23:50")
    open_form(login_as, demo).declare(Situation())
    confirmation_page.confirm()
    expect(validation_page.deadline).to_have_text("Vous avez la possibilité de la modifier jusqu'à 23h59.")
    expect(validation_page.modify_link).to_be_visible()
    time_travel.forward(minutes=10)
    page.reload()
    expect(validation_page.deadline).to_have_text(
        "Le délai de modification de cette déclaration est dépassé.")
    expect(validation_page.modify_link).to_have_count(0)
