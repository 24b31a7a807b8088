"""The trainer's desk in a browser: its code, the clock presets, and a class rehearsing at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    ConnexionPage,
    DepartementPage,
    EspacePersonnelPage,
    FormateurPage,
    FormulairePage,
    MotDePassePage,
    ValidationPage,
)
from mock_portal_testing.pages.actualisation import ConfirmationPage
from mock_portal_testing.pages.base import Header
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import Situation
from mock_portal_testing.time_travel import TimeTravel

NewContext = Callable[..., BrowserContext]


@pytest.fixture
def trainer_code(portal: Portal) -> str:
    code: str = portal.request("GET", "/_testing/formateur")["code"]
    return code


@pytest.fixture
def classe(portal: Portal) -> list[Persona]:
    """A class of three, seated as `mock-portal classe` would."""
    return [Persona.from_json(entry) for entry in portal.request("POST", "/_testing/classe", {"n": 3})]


@pytest.fixture
def desk(connexion_page: ConnexionPage, trainer_code: str) -> FormateurPage:
    connexion_page.open()
    return connexion_page.sign_in(trainer_code)


def learner_page(new_context: NewContext, persona: Persona) -> Page:
    """A learner on their own computer: a browser context of their own, logged in from the card."""
    page = new_context().new_page()
    DepartementPage(page).open()
    DepartementPage(page).log_in(persona)
    expect(EspacePersonnelPage(page).greeting(persona.full_name)).to_be_visible()
    return page


def test_formateur_desk_asks_for_the_trainer_code(page: Page, connexion_page: ConnexionPage):
    page.goto(FormateurPage.path)
    expect(connexion_page.code).to_be_visible()
    connexion_page.submit("")
    expect(connexion_page.inline_error(connexion_page.code)).to_contain_text("Saisissez le code formateur.")


def test_formateur_wrong_codes_lock_the_desk_for_15_minutes(
    connexion_page: ConnexionPage, trainer_code: str, time_travel: TimeTravel,
):
    connexion_page.open()
    for _ in range(4):
        connexion_page.submit("mauvais1")
        expect(connexion_page.inline_error(connexion_page.code)).to_contain_text("Ce code formateur est incorrect.")
    connexion_page.submit("mauvais1")
    expect(connexion_page.inline_error(connexion_page.code)).to_contain_text("bloqué jusqu'à 09h15")
    # Locked: even the right code waits.
    connexion_page.submit(trainer_code)
    expect(connexion_page.inline_error(connexion_page.code)).to_contain_text("bloqué jusqu'à 09h15")
    time_travel.forward(minutes=15)
    connexion_page.sign_in(trainer_code)


def test_formateur_presets_say_what_learners_will_see(desk: FormateurPage):
    expect(desk.sandbox_now).to_have_text("Heure de la simulation : 28/06/2019 à 09h00.")
    expected = {
        "ouverture le 28 à 9h":
            "28/06/2019 à 09h00 : Le bouton M'actualiser est visible ; période de juin 2019.",
        "dernier jour à 23h50": "15/07/2019 à 23h50 : Le bouton M'actualiser est visible ; période de "
                                "juin 2019 ; fermeture à 23h59, dans 9 minutes ; les apprenants "
                                "connectés devront se reconnecter.",
        "après la date limite de modification":
            "29/06/2019 à 00h00 : Le bouton M'actualiser est visible ; période de juin 2019 ; "
            "« Modifier » a disparu des déclarations déjà validées ; les apprenants connectés "
            "devront se reconnecter.",
        "période fermée": "16/07/2019 à 09h00 : Le bouton M'actualiser est masqué ; la prochaine "
                          "période ouvre le 28/07/2019 à 00h00 ; les apprenants connectés devront "
                          "se reconnecter.",
        "heure réelle": "l'heure de l'ordinateur : Les apprenants voient la date et l'heure réelles.",
    }
    for label, description in expected.items():
        expect(desk.preset_description(label)).to_have_text(description)


def test_formateur_closed_period_hides_m_actualiser_from_learners(
    desk: FormateurPage, new_context: NewContext, accueil_page: AccueilPage,
):
    learner = new_context().new_page()
    learner.goto(AccueilPage.path)
    expect(AccueilPage(learner).actualise_link).to_be_visible()
    desk.set_clock("période fermée")
    expect(desk.sandbox_now).to_have_text("Heure de la simulation : 16/07/2019 à 09h00.")
    learner.reload()
    expect(AccueilPage(learner).actualise_link).to_have_count(0)
    expect(AccueilPage(learner).window_notice).to_be_visible()
    desk.set_clock("heure réelle")
    expect(desk.sandbox_now).to_contain_text("(heure réelle)")


def test_formateur_two_learners_declare_in_parallel_without_seeing_each_other(
    desk: FormateurPage, classe: list[Persona], new_context: NewContext,
):
    first, second, third = classe
    one, two = learner_page(new_context, first), learner_page(new_context, second)
    for learner in (one, two):
        learner.goto(FormulairePage.path)
        FormulairePage(learner).declare(Situation())
        expect(ConfirmationPage(learner).validate_answer_button).to_be_visible()
    # The first validates while the second still reads the confirmation page.
    ConfirmationPage(one).confirm()
    expect(ValidationPage(one).validated).to_be_visible()
    two.goto(EspacePersonnelPage.path)
    expect(EspacePersonnelPage(two).period_state).to_contain_text("actualisation à faire")
    two.goto(FormulairePage.path)
    FormulairePage(two).declare(Situation())
    ConfirmationPage(two).confirm()
    expect(ValidationPage(two).validated).to_be_visible()
    one.goto(EspacePersonnelPage.path)
    expect(EspacePersonnelPage(one).period_state).to_contain_text("déclaration validée le 28/06/2019")

    desk.page.reload()
    expect(desk.state_of(first)).to_have_text("connecté ; déclaration validée à 09h00")
    expect(desk.state_of(second)).to_have_text("connecté ; déclaration validée à 09h00")
    expect(desk.state_of(third)).to_have_text("jamais connecté")

    Header(one).logout()
    desk.page.reload()
    expect(desk.state_of(first)).to_have_text("déconnecté ; déclaration validée à 09h00")


def test_formateur_unlocks_a_learner_who_locked_their_account(
    desk: FormateurPage, classe: list[Persona], new_context: NewContext,
):
    learner = classe[0]
    page = new_context().new_page()
    DepartementPage(page).open()
    DepartementPage(page).submit(learner.department)
    page.get_by_label("Identifiant | Nom d'utilisateur").fill(learner.identifiant)
    page.get_by_role("button", name="Poursuivre").click()
    password_page = MotDePassePage(page)
    for _ in range(5):
        password_page.submit("Mauvais-0000")
    expect(page.get_by_role("alert")).to_contain_text("votre compte est bloqué jusqu'à 09h15")

    desk.page.reload()
    expect(desk.state_of(learner)).to_have_text("jamais connecté ; compte bloqué jusqu'à 09h15")
    desk.unlock(learner)
    expect(desk.state_of(learner)).to_have_text("jamais connecté")

    password_page.submit(learner.password)
    expect(EspacePersonnelPage(page).greeting(learner.full_name)).to_be_visible()


def test_formateur_clock_past_the_modification_deadline_removes_modifier(
    desk: FormateurPage, classe: list[Persona], new_context: NewContext,
):
    learner = learner_page(new_context, classe[0])
    learner.goto(FormulairePage.path)
    FormulairePage(learner).declare(Situation())
    ConfirmationPage(learner).confirm()
    validation = ValidationPage(learner)
    expect(validation.modify_link).to_be_visible()

    desk.set_clock("après la date limite de modification")
    # Fifteen hours later the learner's session has expired, as it would have: they log in again.
    learner.reload()
    expect(learner.get_by_text("Votre session a expiré. Veuillez vous reconnecter.")).to_be_visible()
    DepartementPage(learner).log_in(classe[0], ValidationPage)
    expect(validation.validated).to_be_visible()
    expect(validation.modify_link).to_have_count(0)
    expect(validation.deadline).to_have_text("Le délai de modification de cette déclaration est dépassé.")


def test_formateur_resets_one_account_then_the_class(
    desk: FormateurPage, classe: list[Persona], new_context: NewContext, portal: Portal,
):
    first, second = classe[0], classe[1]
    pages: dict[str, Any] = {}
    for learner in (first, second):
        page = pages[learner.key] = learner_page(new_context, learner)
        page.goto(FormulairePage.path)
        FormulairePage(page).declare(Situation())
        ConfirmationPage(page).confirm()
        expect(ValidationPage(page).validated).to_be_visible()

    # The desk was opened before the class existed when this test runs first on its worker.
    desk.page.reload()
    desk.reset_account(first)
    expect(desk.state_of(first)).to_have_text("jamais connecté")
    expect(desk.state_of(second)).to_have_text("connecté ; déclaration validée à 09h00")
    assert portal.declarations(first.identifiant) == []
    # Their session ended with the reset: the next page asks them to log in.
    pages[first.key].goto(EspacePersonnelPage.path)
    expect(DepartementPage(pages[first.key]).departement).to_be_visible()

    desk.reset_class()
    expect(desk.state_of(second)).to_have_text("jamais connecté")
    assert portal.declarations() == []
