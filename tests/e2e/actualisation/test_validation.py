"""The validation page, the justificatif PDF, double submission and privacy."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from mock_portal_testing.pages import (
    ConfirmationPage,
    DejaDeclarePage,
    EspacePersonnelPage,
    FormulairePage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import Situation
from tests.support.actualisation import login_for_actualisation, pdf_text


@pytest.mark.tutorial("CF-titre-declarez", "CF-titre-confirmation", "CF-validee-le", "CF-modifier-jusqu-a",
                      "CF-delai-24h", "CF-justificatif-adobe", "CF-telecharger-pdf", "CF-retour",
                      "CF-modifier", "E3-modifier-quelques-heures")
def test_validation_page_wording(declared: ValidationPage):
    page = declared.page
    expect(declared.heading).to_have_text("Déclarez votre situation mensuelle")
    expect(page.get_by_role("heading", name="Confirmation", exact=True)).to_be_visible()
    expect(declared.validated).to_have_text(
        "Votre déclaration de situation mensuelle a bien été validée le 28/06/2019 à 09h00.")
    expect(declared.deadline).to_have_text("Vous avez la possibilité de la modifier jusqu'à 23h59.")
    expect(page.get_by_text("Elle sera prise en compte sous un délai de 24h par Pôle emploi.")).to_be_visible()
    expect(page.get_by_text("Si vous souhaitez un justificatif, téléchargez le fichier ci-dessous, avec "
                            "Adobe Reader, et imprimez-le :")).to_be_visible()
    expect(declared.download_link).to_have_text(re.compile(r"\(PDF, \d+ Ko\)$"))
    expect(declared.activity).to_have_count(0)
    expect(declared.back).to_be_visible()
    expect(declared.modify_link).to_be_visible()


@pytest.mark.tutorial("E3-telecharger-justificatif", "E3-justificatif-a-ranger", "CF-taille-du-pdf",
                      "CF-telecharger-pdf")
def test_validation_justificatif_pdf_content_and_size(declared: ValidationPage, demo: Persona):
    label = declared.download_link.inner_text()
    download = declared.download_justificatif()
    assert download.suggested_filename == "justificatif-actualisation-2019-06.pdf"
    size = len(open(download.path(), "rb").read())
    assert label.endswith(f"(PDF, {math.ceil(size / 1024)} Ko)")
    text = pdf_text(download)
    for expected in [
        "Justificatif d'actualisation", "Pour la période du 01/06/2019 au 30/06/2019",
        f"{demo.civility} {demo.first_name} {demo.last_name}", f"Identifiant : {demo.identifiant}",
        "ne pas avoir travaillé", "être toujours à la recherche d'un emploi",
        "Déclaration validée le 28/06/2019 à 09h00.", "Référence : ACT-201906-",
        "SIMULATION",
    ]:
        assert expected in text, expected
    assert "Dernière modification" not in text


@pytest.mark.tutorial("CF-activite-professionnelle", "CF-voie-postale", "CF-voie-dematerialisee",
                      "CF-envoyer-un-document", "AS-bulletin-en-fin-de-demarche")
def test_validation_activity_declared_offers_both_ways_to_send(
    on_form: FormulairePage, validation_page: ValidationPage
):
    on_form.declare(Situation().worked("35", "1 234,56"))
    ConfirmationPage(on_form.page).confirm()
    expect(validation_page.activity).to_be_visible()
    expect(validation_page.page.get_by_text("voie postale")).to_be_visible()
    expect(validation_page.page.get_by_text("voie dématérialisée")).to_be_visible()
    expect(validation_page.send_document_link).to_have_attribute(
        "href", re.compile("/mes-echanges/envoyer-un-document$"))
    text = pdf_text(validation_page.download_justificatif())
    assert "avoir travaillé 35 heures pour un salaire brut de 1 234,56 euros" in text


@pytest.mark.tutorial("CF-retour-espace-personnel")
def test_validation_retour_returns_to_espace_with_the_state(
    declared: ValidationPage, espace_personnel_page: EspacePersonnelPage
):
    declared.back.click()
    expect(espace_personnel_page.period_state).to_contain_text(
        "déclaration validée le 28/06/2019 à 09h00, modification possible")


def test_validation_coming_back_says_already_declared(
    declared: ValidationPage, deja_declare_page: DejaDeclarePage, page: Page
):
    page.goto("/actualisation")
    expect(deja_declare_page.heading).to_have_text("Vous avez déjà déclaré votre situation pour cette période")
    expect(deja_declare_page.modify_link).to_be_visible()
    page.goto(FormulairePage.path)
    expect(deja_declare_page.heading).to_have_text("Vous avez déjà déclaré votre situation pour cette période")


def test_validation_resubmission_records_once(
    on_form: FormulairePage, confirmation_page: ConfirmationPage, validation_page: ValidationPage,
    portal: Portal, demo: Persona, page: Page,
):
    on_form.declare(Situation())
    token = {c["name"]: c["value"] for c in page.context.cookies()}["pe_csrf"]
    brouillon = page.locator("input[name='brouillon']").input_value()
    confirmation_page.confirm()
    expect(validation_page.validated).to_be_visible()
    # The browser re-sends the same form (reload after POST, back button, double click).
    for _ in range(3):
        replay = page.request.post(ConfirmationPage.path, form={"csrf_token": token, "brouillon": brouillon})
        assert replay.ok and replay.url.endswith("/actualisation/validation")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    [declaration] = portal.declarations(demo.identifiant)
    assert declaration["version"] == 1 and len(declaration["versions"]) == 1


def test_validation_double_click_records_once(
    on_form: FormulairePage, confirmation_page: ConfirmationPage, validation_page: ValidationPage,
    portal: Portal, demo: Persona,
):
    on_form.declare(Situation())
    confirmation_page.validate_answer_button.dblclick()
    expect(validation_page.validated).to_be_visible()
    assert len(portal.declarations(demo.identifiant)) == 1


def test_validation_other_persona_cannot_see_or_download(
    declared: ValidationPage, browser: Browser, browser_context_args: dict,
    personas: dict[str, Persona],
):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    other = personas["salarie"]
    login_for_actualisation(page, other)
    response = page.goto("/actualisation/justificatif/2019-06")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    for guess in ("/actualisation/justificatif/2019-6", "/actualisation/justificatif/..%2F1",
                  "/actualisation/justificatif/2019-06.pdf"):
        assert page.request.get(guess).status == 404, guess
    page.goto(ValidationPage.path)
    expect(FormulairePage(page).heading).to_have_text("Déclarez votre situation mensuelle")
    expect(page.get_by_text("validée le")).to_have_count(0)
    context.close()


def test_validation_needs_login(page: Page, declared: ValidationPage):
    page.context.clear_cookies()
    response = page.goto("/actualisation/justificatif/2019-06")
    assert response is not None and re.search("/connexion/departement$", response.url)
