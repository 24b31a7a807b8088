"""Etape 1 of the tutorial: département → identifiant → mot de passe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    DepartementPage,
    EspacePersonnelPage,
    IdentifiantPage,
    MotDePassePage,
)
from mock_portal_testing.people import Persona


@pytest.mark.tutorial("E1-connexion-espace-personnel", "E1-entrez-departement-poursuivre",
                      "E1-connexion-candidat", "E1-departement-placeholder", "E1-departement-aide",
                      "E1-bouton-annuler", "E1-soyez-vigilant", "E1-information-de-securite",
                      "E1-identifiant-point-interrogation", "E1-identifiant-oublie-lien",
                      "E1-bouton-retour", "E1-tous-les-champs-obligatoires", "E1-mot-de-passe-oublie-lien")
def test_connexion_full_path_of_the_tutorial(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage,
    mot_de_passe_page: MotDePassePage, espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    departement_page.open()
    expect(departement_page.heading).to_have_text("Connexion candidat")
    expect(departement_page.departement).to_have_attribute("placeholder", "Exemple : 67 pour le Bas-Rhin")
    expect(departement_page.help_link).to_be_visible()
    expect(departement_page.cancel_link).to_be_visible()
    departement_page.submit(demo.department)

    expect(identifiant_page.page.get_by_text("Soyez vigilant :")).to_be_visible()
    expect(identifiant_page.security_information_link).to_be_visible()
    expect(identifiant_page.identifiant_help_link).to_be_visible()
    expect(identifiant_page.forgotten_link).to_be_visible()
    expect(identifiant_page.back).to_be_visible()
    identifiant_page.submit(demo.identifiant)

    expect(mot_de_passe_page.page.get_by_text("Tous les champs sont obligatoires")).to_be_visible()
    expect(mot_de_passe_page.nom_utilisateur).to_have_value(demo.identifiant)
    expect(mot_de_passe_page.forgotten_link).to_be_visible()
    expect(mot_de_passe_page.back).to_be_visible()
    mot_de_passe_page.submit(demo.password)

    expect(espace_personnel_page.page).to_have_url(re.compile("/espace-personnel$"))
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Saisissez votre numéro de département."),
    ("20", "Pour la Corse, saisissez 2A (Corse-du-Sud) ou 2B (Haute-Corse)."),
    ("975", "Saint-Pierre-et-Miquelon n'est pas géré par ce portail"),
    ("abc", "Ce numéro de département n'existe pas."),
    ("96", "Ce numéro de département n'existe pas."),
    ("00", "Ce numéro de département n'existe pas."),
    ("977", "Ce numéro de département n'existe pas."),
])
def test_departement_refused_with_message_next_to_the_field(
    departement_page: DepartementPage, typed: str, message: str
):
    departement_page.open()
    departement_page.submit(typed)
    expect(departement_page.heading).to_have_text("Connexion candidat")
    expect(departement_page.error_summary).to_contain_text(message)
    expect(departement_page.inline_error(departement_page.departement)).to_contain_text(message)
    expect(departement_page.departement).to_have_value(typed)
    expect(departement_page.departement).to_have_attribute("aria-invalid", "true")


# Every accepted form of a code is a unit case (tests/unit/test_departements.py); here one
# Corsican code typed in lower case and one overseas code reach the next page.
@pytest.mark.parametrize("typed", ["2a", "971"])
@pytest.mark.tutorial("E1-entrez-departement-poursuivre")
def test_departement_accepted_codes(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage, typed: str
):
    departement_page.open()
    departement_page.submit(typed)
    expect(identifiant_page.identifiant).to_be_visible()


def test_connexion_corsica_persona_in_lower_case(
    departement_page: DepartementPage, espace_personnel_page: EspacePersonnelPage,
    personas: dict[str, Persona],
):
    corse = personas["corse"]
    departement_page.open()
    departement_page.submit("2a")
    IdentifiantPage(departement_page.page).submit(corse.identifiant)
    MotDePassePage(departement_page.page).submit(corse.password)
    expect(espace_personnel_page.greeting(corse.full_name)).to_be_visible()


def test_connexion_overseas_persona(
    departement_page: DepartementPage, espace_personnel_page: EspacePersonnelPage,
    personas: dict[str, Persona],
):
    departement_page.open()
    departement_page.log_in(personas["outre_mer"])
    expect(espace_personnel_page.greeting(personas["outre_mer"].full_name)).to_be_visible()


@pytest.mark.parametrize("mistake", ["password", "identifiant", "departement"])
@pytest.mark.tutorial("PR-identifiants")
def test_connexion_wrong_credentials_give_one_generic_message(
    departement_page: DepartementPage, mot_de_passe_page: MotDePassePage, demo: Persona,
    mistake: str,
):
    departement_page.open()
    departement_page.submit("68" if mistake == "departement" else demo.department)
    IdentifiantPage(departement_page.page).submit(
        "9999999Z" if mistake == "identifiant" else demo.identifiant
    )
    mot_de_passe_page.submit("mauvais" if mistake == "password" else demo.password)
    generic = "Identifiant, mot de passe ou département incorrect."
    expect(mot_de_passe_page.error_summary).to_contain_text(generic)
    expect(mot_de_passe_page.mot_de_passe).to_have_value("")
    expect(mot_de_passe_page.nom_utilisateur).to_have_value(
        "9999999Z" if mistake == "identifiant" else demo.identifiant
    )


def test_connexion_empty_fields_on_password_page(mot_de_passe_page: MotDePassePage, demo: Persona):
    mot_de_passe_page.page.goto(DepartementPage.path)
    DepartementPage(mot_de_passe_page.page).submit(demo.department)
    IdentifiantPage(mot_de_passe_page.page).submit(demo.identifiant)
    mot_de_passe_page.nom_utilisateur.fill("")
    mot_de_passe_page.log_in_button.click()
    expect(mot_de_passe_page.error_summary).to_contain_text("Saisissez votre identifiant.")
    expect(mot_de_passe_page.error_summary).to_contain_text("Saisissez votre mot de passe.")


def test_identifiant_empty_is_refused(departement_page: DepartementPage, identifiant_page: IdentifiantPage):
    departement_page.open()
    departement_page.submit("67")
    identifiant_page.submit("")
    expect(identifiant_page.error_summary).to_contain_text("Saisissez votre identifiant.")


def test_identifiant_with_symbols_is_refused_and_kept(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage
):
    departement_page.open()
    departement_page.submit("67")
    identifiant_page.submit("12<34>")
    expect(identifiant_page.error_summary).to_contain_text("que des chiffres et des lettres")
    expect(identifiant_page.identifiant).to_have_value("12<34>")


def test_annuler_returns_home(departement_page: DepartementPage, accueil_page: AccueilPage):
    departement_page.open()
    departement_page.cancel_link.click()
    expect(accueil_page.page).to_have_url(re.compile(r"/$"))
    expect(accueil_page.personal_space_link).to_be_visible()


def test_retour_from_identifiant_keeps_departement_and_identifiant(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage
):
    departement_page.open()
    departement_page.submit("2b")
    identifiant_page.identifiant.fill("7654321B")
    identifiant_page.back.click()
    expect(departement_page.departement).to_have_value("2B")
    departement_page.continue_.click()
    expect(identifiant_page.identifiant).to_have_value("7654321B")


def test_retour_from_password_keeps_the_typed_username(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage,
    mot_de_passe_page: MotDePassePage, demo: Persona,
):
    departement_page.open()
    departement_page.submit(demo.department)
    identifiant_page.submit(demo.identifiant)
    mot_de_passe_page.nom_utilisateur.fill("1111111X")
    mot_de_passe_page.back.click()
    expect(identifiant_page.identifiant).to_have_value("1111111X")


@pytest.mark.tutorial("E1-identifiant-oublie-lien", "E1-mot-de-passe-oublie-lien")
def test_forgotten_links_lead_to_real_pages(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage,
    mot_de_passe_page: MotDePassePage, demo: Persona, page: Page,
):
    departement_page.open()
    departement_page.submit(demo.department)
    identifiant_page.forgotten_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("J'ai oublié mon identifiant")
    page.go_back()
    identifiant_page.submit(demo.identifiant)
    mot_de_passe_page.forgotten_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("J'ai oublié mon mot de passe")


def test_skipping_a_step_leads_back_to_the_first(page: Page, departement_page: DepartementPage):
    page.goto(MotDePassePage.path)
    expect(departement_page.departement).to_be_visible()
