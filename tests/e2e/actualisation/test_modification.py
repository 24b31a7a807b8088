"""« Modifier » until the deadline (23h59 the same day by default), then the status lifecycle."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    ConfirmationPage,
    DejaDeclarePage,
    DepartementPage,
    EspacePersonnelPage,
    FormulairePage,
    ModificationRefuseePage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import STAGE, TRAVAIL, Situation
from mock_portal_testing.time_travel import TimeTravel
from tests.support.actualisation import login_for_actualisation, pdf_text

WORKED = Situation().worked("20", "300")


def relogin(page: Page, persona: Persona) -> None:
    """After a jump of more than 30 minutes the session has expired, as for a real user."""
    login_for_actualisation(page, persona, DejaDeclarePage)


@pytest.mark.tutorial("E3-modifier-quelques-heures")
def test_modification_before_the_deadline_replaces_and_keeps_history(
    declared: ValidationPage, time_travel: TimeTravel, demo: Persona, page: Page,
    deja_declare_page: DejaDeclarePage, formulaire_page: FormulairePage,
    confirmation_page: ConfirmationPage, portal: Portal,
):
    time_travel.to("2019-06-28T23:58")
    relogin(page, demo)
    deja_declare_page.modify_link.click()
    expect(formulaire_page.question(TRAVAIL).get_by_label("Non", exact=True)).to_be_checked()
    expect(page.get_by_text("Vous modifiez votre déclaration validée le 28/06/2019 à 09h00.")).to_be_visible()
    formulaire_page.declare(WORKED)
    expect(confirmation_page.declared.first).to_have_text(
        "avoir travaillé 20 heures pour un salaire brut de 300,00 €")
    confirmation_page.confirm()
    expect(declared.validated).to_contain_text("validée le 28/06/2019 à 23h58.")
    expect(declared.activity).to_be_visible()
    text = pdf_text(declared.download_justificatif())
    assert "Déclaration validée le 28/06/2019 à 09h00." in text
    assert "Dernière modification le 28/06/2019 à 23h58." in text
    assert "avoir travaillé 20 heures" in text
    [declaration] = portal.declarations(demo.identifiant)
    assert declaration["version"] == 2
    assert [v["answers"]["travail"] for v in declaration["versions"]] == ["non", "oui"]


@pytest.mark.tutorial("E3-modifier-quelques-heures")
def test_modification_refused_after_the_deadline_in_the_ui(
    declared: ValidationPage, time_travel: TimeTravel, demo: Persona, page: Page,
    deja_declare_page: DejaDeclarePage, formulaire_page: FormulairePage,
    confirmation_page: ConfirmationPage, modification_refusee_page: ModificationRefuseePage,
    portal: Portal,
):
    time_travel.to("2019-06-28T23:58")
    relogin(page, demo)
    deja_declare_page.modify_link.click()
    formulaire_page.declare(WORKED)
    time_travel.to("2019-06-29T00:00")
    confirmation_page.validate_answer_button.click()  # the deadline passed: no validation page
    expect(modification_refusee_page.refusal).to_contain_text("depuis le 28/06/2019 à 23h59")
    expect(page.get_by_text("Votre déclaration n'a pas été modifiée.")).to_be_visible()
    page.goto(ValidationPage.path)
    expect(declared.modify_link).to_have_count(0)
    expect(declared.deadline).to_have_text("Le délai de modification de cette déclaration est dépassé.")
    [declaration] = portal.declarations(demo.identifiant)
    assert declaration["version"] == 1 and declaration["answers"]["travail"] == "non"


def test_modification_refused_after_the_deadline_by_direct_post(
    declared: ValidationPage, time_travel: TimeTravel, demo: Persona, page: Page,
    deja_declare_page: DejaDeclarePage, formulaire_page: FormulairePage, portal: Portal,
):
    time_travel.to("2019-06-28T23:59")
    relogin(page, demo)
    deja_declare_page.modify_link.click()
    formulaire_page.declare(WORKED)
    brouillon = page.locator("input[name='brouillon']").input_value()
    token = {c["name"]: c["value"] for c in page.context.cookies()}["pe_csrf"]
    time_travel.to("2019-06-29T00:00")
    response = page.request.post(ConfirmationPage.path, form={"csrf_token": token, "brouillon": brouillon})
    assert response.status == 403
    assert "Modification impossible" in response.text()
    for path in ("/actualisation/modifier",):
        assert page.request.get(path).status == 403
    # The refused draft is gone: a crafted form now lands on « déjà déclaré », changing nothing.
    posted = page.request.post(FormulairePage.path, form={"csrf_token": token, "travail": "oui"})
    assert posted.url.endswith("/actualisation/deja-declare")
    [declaration] = portal.declarations(demo.identifiant)
    assert declaration["version"] == 1


@pytest.mark.tutorial("E3-modifier-en-bas")
def test_modification_abandon_keeps_the_declaration(
    declared: ValidationPage, page: Page, formulaire_page: FormulairePage, portal: Portal,
    demo: Persona,
):
    declared.modify_link.click()
    formulaire_page.answer(STAGE, "Oui")
    formulaire_page.abandon.click()
    expect(page.get_by_text("Votre déclaration n'a pas été modifiée.")).to_be_visible()
    [declaration] = portal.declarations(demo.identifiant)
    assert declaration["version"] == 1 and declaration["answers"]["stage"] == "non"


@pytest.mark.tutorial("CF-prise-en-compte-24h")
def test_modification_status_lifecycle(
    declared: ValidationPage, time_travel: TimeTravel, demo: Persona, page: Page,
    espace_personnel_page: EspacePersonnelPage,
):
    page.goto(EspacePersonnelPage.path)
    expect(espace_personnel_page.period_state).to_contain_text("modification possible")
    time_travel.to("2019-06-29T08:59")
    page.goto(EspacePersonnelPage.path)
    DepartementPage(page).log_in(demo)
    expect(espace_personnel_page.period_state).to_contain_text("en cours de traitement")
    time_travel.forward(minutes=1)
    page.reload()
    expect(espace_personnel_page.period_state).to_contain_text("prise en compte")
    espace_personnel_page.actualise_link.click()
    expect(page.get_by_text("État de votre déclaration : prise en compte.")).to_be_visible()
    expect(DejaDeclarePage(page).modify_link).to_have_count(0)


@pytest.mark.tutorial("E3-modifier-en-bas")
def test_modification_recherche_non_then_back_to_oui(
    declared: ValidationPage, formulaire_page: FormulairePage, confirmation_page: ConfirmationPage,
):
    declared.modify_link.click()
    formulaire_page.declare(Situation().stopped_looking("27/06/2019", "Autre"))
    expect(confirmation_page.declared.last).to_have_text(
        "ne plus être à la recherche d'un emploi depuis le 27/06/2019 (motif : autre)")
