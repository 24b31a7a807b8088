"""The logged-in header: the person's name and the way around from every page, and the way out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    BasePage,
    ConfirmationPage,
    DepartementPage,
    EspacePersonnelPage,
    FormulairePage,
    MesEchangesPage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import Situation

# Pages a logged-in person reaches by address alone; the confirmation and validation pages need
# a declaration on the way and have their own test.
DIRECT = ["/espace-personnel", "/actualisation/formulaire", "/mes-echanges",
          "/mes-echanges/envoyer-un-document"]


def expect_header(page: Page, persona: Persona) -> None:
    header = BasePage(page).header
    expect(header.name(persona)).to_be_visible()
    expect(header.personal_space_link).to_be_visible()
    expect(header.my_exchanges_link).to_be_visible()
    expect(header.log_out_button).to_be_visible()


@pytest.mark.parametrize("path", DIRECT)
def test_entete_names_the_person_on_every_logged_in_page(login_as, demo: Persona, path: str):
    page = login_as(demo)
    page.goto(path)
    expect_header(page, demo)


def test_entete_follows_the_declaration_from_form_to_validation(
    login_as, demo: Persona, formulaire_page: FormulairePage, confirmation_page: ConfirmationPage,
    validation_page: ValidationPage,
):
    login_as(demo).goto(FormulairePage.path)
    formulaire_page.declare(Situation())
    expect(confirmation_page.validate_answer_button).to_be_visible()
    expect_header(confirmation_page.page, demo)
    confirmation_page.confirm()
    expect(validation_page.validated).to_be_visible()
    expect_header(validation_page.page, demo)


def test_entete_links_lead_to_espace_personnel_and_mes_echanges(
    login_as, demo: Persona, espace_personnel_page: EspacePersonnelPage,
    mes_echanges_page: MesEchangesPage,
):
    page = login_as(demo)
    page.goto(FormulairePage.path)
    espace_personnel_page.header.my_exchanges_link.click()
    expect(mes_echanges_page.heading).to_have_text("Mes échanges avec Pôle emploi")
    mes_echanges_page.header.personal_space_link.click()
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_entete_se_deconnecter_ends_the_session_on_the_home_page(
    login_as, demo: Persona, accueil_page: AccueilPage, departement_page: DepartementPage,
):
    page = login_as(demo)
    page.goto(FormulairePage.path)
    accueil_page.header.logout()
    expect(page).to_have_url(re.compile(r"/\?deconnecte=1$"))
    expect(accueil_page.header.nav).to_have_count(0)
    expect(accueil_page.personal_space_link).to_be_visible()
    # The session is gone on the server, not only the header: the espace asks to log in again.
    page.goto(EspacePersonnelPage.path)
    expect(departement_page.departement).to_be_visible()


def test_accueil_offers_the_espace_personnel_to_a_logged_in_visitor(
    login_as, demo: Persona, accueil_page: AccueilPage,
):
    login_as(demo).goto(AccueilPage.path)
    expect(accueil_page.my_personal_space_link).to_be_visible()
    expect(accueil_page.personal_space_link).to_have_count(0)
    expect_header(accueil_page.page, demo)


def test_accueil_offers_the_connexion_to_an_anonymous_visitor(accueil_page: AccueilPage):
    accueil_page.open()
    expect(accueil_page.personal_space_link).to_be_visible()
    expect(accueil_page.my_personal_space_link).to_have_count(0)
    expect(accueil_page.header.nav).to_have_count(0)


def test_entete_logout_is_refused_without_the_form_token(login_as, demo: Persona, portal: Portal):
    page = login_as(demo)
    page.goto(EspacePersonnelPage.path)
    # A forged POST (no CSRF token) must not end anyone's session.
    response = page.request.post(f"{portal.base_url}/connexion/deconnexion", form={"x": "1"})
    assert response.status == 403
    page.reload()
    expect_header(page, demo)
