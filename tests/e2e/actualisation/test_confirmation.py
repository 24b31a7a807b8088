"""Etape 3: « Pour la période du … vous déclarez : » then « Valider votre réponse »."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import ConfirmationPage, EspacePersonnelPage, FormulairePage, ValidationPage
from mock_portal_testing.situations import (
    HOURS,
    RECHERCHE,
    SALARY,
    TRAVAIL,
    Situation,
)

TUTORIAL_SENTENCES = [
    "ne pas avoir travaillé",
    "ne pas avoir été en stage",
    "ne pas avoir été en arrêt maladie",
    "ne pas avoir été en congé maternité",
    "ne pas percevoir une nouvelle pension retraite",
    "ne pas percevoir une nouvelle pension d'invalidité de 2ème ou 3ème catégorie",
    "être toujours à la recherche d'un emploi",
]


@pytest.mark.tutorial("E3-pour-la-periode", "E3-phrases-dans-l-ordre", "E3-phrase-ne-pas-avoir-travaille",
                      "E3-phrase-ne-pas-avoir-ete-en-stage", "E3-phrase-ne-pas-avoir-ete-en-arret-maladie",
                      "E3-phrase-ne-pas-avoir-ete-en-conge-maternite",
                      "E3-phrase-ne-pas-percevoir-pension-retraite",
                      "E3-phrase-ne-pas-percevoir-pension-invalidite",
                      "E3-phrase-etre-toujours-a-la-recherche", "E3-informations-transmises",
                      "E3-autorisation-conservation", "E3-relisez", "E3-abandonner",
                      "E3-valider-votre-reponse", "AS-plusieurs-validations", "CF-validee-le")
def test_confirmation_all_non_path_exactly_as_the_tutorial(
    on_form: FormulairePage, confirmation_page: ConfirmationPage, validation_page: ValidationPage
):
    on_form.declare(Situation())
    expect(confirmation_page.intro("01/06/2019", "30/06/2019")).to_be_visible()
    expect(confirmation_page.declared).to_have_text(TUTORIAL_SENTENCES)
    page = confirmation_page.page
    expect(page.get_by_text("Ces informations sont automatiquement transmises à Pôle emploi, ce qui vous "
                            "évite une démarche supplémentaire pour renouveler votre demande d'emploi.")
           ).to_be_visible()
    expect(page.get_by_text("Par cette action, vous autorisez le Pôle emploi à conserver votre déclaration "
                            "sur un support informatique, sous réserve qu'une copie fidèle et durable "
                            "soit produite en cas de besoin.")).to_be_visible()
    expect(page.get_by_text("Relisez votre déclaration avant de cliquer sur « Valider votre réponse »."
                            )).to_be_visible()
    expect(confirmation_page.abandon).to_be_visible()
    confirmation_page.confirm()
    expect(validation_page.validated).to_contain_text("validée le 28/06/2019 à 09h00.")




@pytest.mark.parametrize(("situation", "index", "sentence"), [
    (Situation().worked("35", "1234.5"), 0,
     "avoir travaillé 35 heures pour un salaire brut de 1 234,50 €"),
    (Situation().worked("151", "1 234,56 €"), 0,
     "avoir travaillé 151 heures pour un salaire brut de 1 234,56 €"),
    (Situation().stage("03/06/2019", "14/06/2019"), 1,
     "avoir été en stage du 03/06/2019 au 14/06/2019"),
    (Situation().sick("20/05/2019", "05/06/2019"), 2,
     "avoir été en arrêt maladie du 20/05/2019 au 05/06/2019"),
    (Situation().maternity("10/06/2019"), 3,
     "avoir été en congé maternité à partir du 10/06/2019"),
    (Situation().retired("01/06/2019"), 4,
     "percevoir une nouvelle pension retraite depuis le 01/06/2019"),
    (Situation().invalidity("2019-06-15"), 5,
     "percevoir une nouvelle pension d'invalidité de 2ème ou 3ème catégorie depuis le 15/06/2019"),
    (Situation().stopped_looking("20/06/2019", "Reprise du travail"),
     6, "ne plus être à la recherche d'un emploi depuis le 20/06/2019 (motif : reprise du travail)"),
    (Situation().stopped_looking("25/06/2019", "Retraite"),
     6, "ne plus être à la recherche d'un emploi depuis le 25/06/2019 (motif : retraite)"),
])
def test_confirmation_positive_answers_with_their_details(
    on_form: FormulairePage, confirmation_page: ConfirmationPage, situation: Situation, index: int,
    sentence: str,
):
    on_form.declare(situation)
    expect(confirmation_page.declared.nth(index)).to_have_text(sentence)


def test_confirmation_corriger_keeps_the_answers(on_form: FormulairePage, confirmation_page: ConfirmationPage):
    on_form.declare(Situation().worked("35", "1200"))
    confirmation_page.correct_link.click()
    expect(on_form.question(TRAVAIL).get_by_label("Oui", exact=True)).to_be_checked()
    expect(on_form.field(TRAVAIL, HOURS)).to_have_value("35")
    expect(on_form.field(TRAVAIL, SALARY)).to_have_value("1200")
    expect(on_form.question(RECHERCHE).get_by_label("Oui", exact=True)).to_be_checked()


def test_confirmation_abandonner_saves_nothing(
    on_form: FormulairePage, confirmation_page: ConfirmationPage,
    espace_personnel_page: EspacePersonnelPage, page: Page,
):
    on_form.declare(Situation())
    confirmation_page.abandon.click()
    expect(page.get_by_text("Votre déclaration n'a pas été enregistrée.")).to_be_visible()
    expect(espace_personnel_page.period_state).to_contain_text("actualisation à faire")
    page.goto(ConfirmationPage.path)
    expect(on_form.heading).to_have_text("Déclarez votre situation mensuelle")
    expect(on_form.validate_button).to_be_visible()
