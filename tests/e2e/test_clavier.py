"""The whole tutorial with the keyboard only: Tab, Shift+Tab, Enter, Space and the arrow keys.

No click anywhere: each step says where the focus must land, in the order a keyboard user meets
the controls, from the home page to the justificatif. Text is typed into the focused field.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    ConfirmationPage,
    DepartementPage,
    FormulairePage,
    IdentifiantPage,
    MotDePassePage,
    ValidationPage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import INVALIDITE, MALADIE, MATERNITE, RECHERCHE, RETRAITE, STAGE, TRAVAIL


def press(page: Page, key: str, lands_on: Locator) -> None:
    page.keyboard.press(key)
    try:
        expect(lands_on).to_be_focused()
    except AssertionError as error:
        # Playwright says only "inactive": whether the focus went elsewhere or the page lost it
        # is what tells a wrong tab order from a browser that dropped the window's focus.
        has_focus, active = page.evaluate(
            "() => [document.hasFocus(), document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : null]")
        raise AssertionError(f"{error}\nAfter {key}: document.hasFocus() is {has_focus}, "
                             f"the focus is on {active}") from None


def skip_to_content(page: Page) -> None:
    """A new page: the first Tab reaches « Aller au contenu », Enter jumps over the banner.

    Chromium focuses a fragment's target at the next animation frame, not during the key press:
    the next Tab must wait until the main region holds the focus, or it starts from the link.
    """
    press(page, "Tab", page.get_by_role("link", name="Aller au contenu"))
    press(page, "Enter", page.get_by_role("main"))
    expect(page).to_have_url(re.compile("#contenu$"))


def answer_non(page: Page, form: FormulairePage, question: str) -> None:
    """Tab over the question's « [?] » to its first radio; the right arrow picks « Non »."""
    press(page, "Tab", form.help(question))
    press(page, "Tab", form.question(question).get_by_label("Oui", exact=True))
    press(page, "ArrowRight", form.question(question).get_by_label("Non", exact=True))
    expect(form.question(question).get_by_label("Non", exact=True)).to_be_checked()


@pytest.mark.tutorial("E1-m-actualiser-mene-au-formulaire", "E1-connexion-espace-personnel",
                      "E1-entrez-departement-poursuivre", "E2-oui-si-travaille", "AS-plusieurs-validations",
                      "E3-telecharger-justificatif")
def test_clavier_whole_tutorial_from_home_to_justificatif(
    page: Page, demo: Persona, accueil_page: AccueilPage, departement_page: DepartementPage,
    identifiant_page: IdentifiantPage, mot_de_passe_page: MotDePassePage, formulaire_page: FormulairePage,
    confirmation_page: ConfirmationPage, validation_page: ValidationPage,
):
    accueil_page.open()
    skip_to_content(page)
    press(page, "Tab", accueil_page.actualise_link)
    page.keyboard.press("Enter")

    # Etape 1: the three connexion screens.
    expect(departement_page.heading).to_have_text("Connexion candidat")
    skip_to_content(page)
    press(page, "Tab", departement_page.departement)
    page.keyboard.type(demo.department)
    press(page, "Tab", departement_page.help_link)
    press(page, "Shift+Tab", departement_page.departement)
    expect(departement_page.departement).to_have_value(demo.department)
    press(page, "Tab", departement_page.help_link)
    press(page, "Tab", departement_page.continue_)
    page.keyboard.press("Enter")

    expect(identifiant_page.identifiant).to_be_visible()
    skip_to_content(page)
    press(page, "Tab", identifiant_page.security_information_link)
    press(page, "Tab", identifiant_page.identifiant_help_link)
    press(page, "Tab", identifiant_page.identifiant)
    page.keyboard.type(demo.identifiant)
    press(page, "Tab", identifiant_page.forgotten_link)
    press(page, "Tab", identifiant_page.continue_)
    page.keyboard.press("Enter")

    expect(mot_de_passe_page.mot_de_passe).to_be_visible()
    skip_to_content(page)
    press(page, "Tab", mot_de_passe_page.page.get_by_role("link", name="Information de sécurité"))
    press(page, "Tab", mot_de_passe_page.nom_utilisateur)
    expect(mot_de_passe_page.nom_utilisateur).to_have_value(demo.identifiant)
    press(page, "Tab", mot_de_passe_page.mot_de_passe)
    page.keyboard.type(demo.password)
    press(page, "Tab", mot_de_passe_page.forgotten_link)
    press(page, "Tab", mot_de_passe_page.back)
    press(page, "Tab", mot_de_passe_page.log_in_button)
    page.keyboard.press("Enter")

    # Etape 2: « Oui » to the first question reveals the hours and the salary.
    expect(formulaire_page.heading).to_have_text("Déclarez votre situation mensuelle")
    skip_to_content(page)
    press(page, "Tab", formulaire_page.online_help_link)
    press(page, "Tab", formulaire_page.help(TRAVAIL))
    press(page, "Tab", formulaire_page.question(TRAVAIL).get_by_label("Oui", exact=True))
    page.keyboard.press("Space")
    expect(formulaire_page.question(TRAVAIL).get_by_label("Oui", exact=True)).to_be_checked()
    for label, value in (("Heures travaillées dans le mois", "35"),
                         ("Montant total de votre ou vos salaires bruts réels ou estimés", "1 234,56")):
        press(page, "Tab", formulaire_page.question(TRAVAIL).get_by_role("link", name=f"Aide : {label}"))
        press(page, "Tab", formulaire_page.field(TRAVAIL, label))
        page.keyboard.type(value)
    for question in (STAGE, MALADIE, MATERNITE, RETRAITE, INVALIDITE):
        answer_non(page, formulaire_page, question)
    press(page, "Tab", formulaire_page.help(RECHERCHE))
    oui = formulaire_page.question(RECHERCHE).get_by_label("Oui", exact=True)
    press(page, "Tab", oui)
    page.keyboard.press("Space")
    press(page, "Tab", formulaire_page.abandon)
    press(page, "Shift+Tab", oui)
    expect(oui).to_be_checked()
    press(page, "Tab", formulaire_page.abandon)
    press(page, "Tab", formulaire_page.validate_button)
    page.keyboard.press("Enter")

    # Etape 3: read, then « Valider votre réponse ».
    expect(confirmation_page.declared.first).to_have_text(re.compile("^avoir travaillé"))
    skip_to_content(page)
    press(page, "Tab", confirmation_page.correct_link)
    press(page, "Tab", confirmation_page.abandon)
    press(page, "Tab", confirmation_page.validate_answer_button)
    page.keyboard.press("Enter")

    # The validation page: the justificatif, then the way to send the payslip.
    expect(validation_page.validated).to_be_visible()
    skip_to_content(page)
    press(page, "Tab", validation_page.download_link)
    press(page, "Tab", validation_page.send_document_link)
    press(page, "Tab", validation_page.back)
    press(page, "Tab", validation_page.modify_link)
    # The download last: once it starts, the page may lose focus until the next user gesture.
    press(page, "Shift+Tab", validation_page.back)
    press(page, "Shift+Tab", validation_page.send_document_link)
    press(page, "Shift+Tab", validation_page.download_link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "justificatif-actualisation-2019-06.pdf"
