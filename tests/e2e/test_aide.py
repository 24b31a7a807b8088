"""Every help link opens real help without losing what was typed; every help page leads back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    AidePage,
    DepartementPage,
    EnvoyerUnDocumentPage,
    IdentifiantPage,
    MesEchangesPage,
    MotDePassePage,
)
from mock_portal_testing.people import Persona


@pytest.mark.tutorial("E1-aide-repond-aux-questions", "E1-departement-aide")
def test_aide_departement_opens_in_a_new_tab_and_keeps_the_typed_code(
    page: Page, departement_page: DepartementPage, identifiant_page: IdentifiantPage
):
    departement_page.open()
    departement_page.departement.fill("2a")
    with page.context.expect_page() as new:
        departement_page.help_link.click()
    aide = AidePage(new.value)
    expect(aide.heading).to_have_text("Votre numéro de département")
    expect(aide.page.get_by_text("2A pour la Corse-du-Sud")).to_be_visible()
    aide.close()

    expect(departement_page.departement).to_have_value("2a")
    departement_page.continue_.click()
    expect(identifiant_page.identifiant).to_be_visible()


@pytest.mark.tutorial("E1-point-interrogation-ou-trouver", "E1-identifiant-point-interrogation")
def test_aide_identifiant_question_mark_tells_where_to_find_it(
    page: Page, departement_page: DepartementPage, identifiant_page: IdentifiantPage,
    mot_de_passe_page: MotDePassePage, demo: Persona,
):
    departement_page.open()
    departement_page.submit(demo.department)
    identifiant_page.identifiant.fill(demo.identifiant)
    with page.context.expect_page() as new:
        identifiant_page.identifiant_help_link.click()
    aide = AidePage(new.value)
    expect(aide.heading).to_have_text("Où trouver mon identifiant ?")
    expect(aide.page.get_by_text("7 chiffres suivis d'une lettre")).to_be_visible()
    expect(aide.page.get_by_text("en haut des courriers que Pôle emploi vous envoie")).to_be_visible()
    aide.close()

    expect(identifiant_page.identifiant).to_have_value(demo.identifiant)
    identifiant_page.continue_.click()
    expect(mot_de_passe_page.nom_utilisateur).to_have_value(demo.identifiant)


@pytest.mark.tutorial("E1-information-de-securite-aide")
def test_aide_information_de_securite_gives_phishing_advice(
    page: Page, departement_page: DepartementPage, identifiant_page: IdentifiantPage, demo: Persona
):
    departement_page.open()
    departement_page.submit(demo.department)
    identifiant_page.identifiant.fill("7654321B")
    with page.context.expect_page() as new:
        identifiant_page.security_information_link.click()
    aide = AidePage(new.value)
    expect(aide.heading).to_have_text("Information de sécurité")
    expect(aide.page.get_by_text("hameçonnage")).to_be_visible()
    never = aide.page.get_by_role("listitem").filter(has_text="votre mot de passe, par courriel")
    expect(never).to_be_visible()
    expect(aide.page.get_by_text("33700")).to_be_visible()
    aide.close()
    expect(identifiant_page.identifiant).to_have_value("7654321B")


def test_aide_envoyer_un_document_keeps_the_choices(
    logged_in: Page, mes_echanges_page: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage
):
    mes_echanges_page.open_from_personal_space()
    mes_echanges_page.send_document_link.click()
    form = envoyer_un_document_page
    form.choose("Invalidité", "Autre")
    with logged_in.context.expect_page() as new:
        form.help_link.click()
    aide = AidePage(new.value)
    expect(aide.heading).to_have_text("Envoyer un document")
    expect(aide.page.get_by_text("PDF, JPEG ou PNG")).to_be_visible()
    aide.close()
    expect(form.situation("Invalidité")).to_be_checked()
    expect(form.kind("Autre")).to_be_checked()


# Topic → (title, a fact the help must state, where « Retour » leads when opened directly).
TOPICS = {
    "departement": ("Votre numéro de département", "976 Mayotte", "/connexion/departement"),
    "identifiant": ("Où trouver mon identifiant ?", "7 chiffres suivis d'une lettre",
                    "/connexion/departement"),
    "securite": ("Information de sécurité", "ne vous demande jamais", "/connexion/departement"),
    "actualisation": ("L'actualisation mensuelle", "indispensable pour rester inscrit", "/actualisation"),
    "fenetre": ("Quand puis-je m'actualiser ?", "le 26 en février", "/"),
    "question-travail": ("Avez-vous travaillé ou exercé une activité non salariée ?",
                         "même quelques heures", "/actualisation"),
    "heures": ("Heures travaillées dans le mois", "heures entières", "/actualisation"),
    "salaire": ("Montant total de votre ou vos salaires bruts réels ou estimés",
                "Heures travaillées × salaire horaire brut", "/actualisation"),
    "question-stage": ("Avez-vous été en stage ?", "formation", "/actualisation"),
    "question-maladie": ("Avez-vous été en arrêt maladie ?", "arrêt de travail", "/actualisation"),
    "question-maternite": ("Avez-vous été en congé maternité ?", "date de début", "/actualisation"),
    "question-retraite": ("Percevez-vous une nouvelle pension retraite ?", "pension de retraite",
                          "/actualisation"),
    "question-invalidite": ("Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?",
                            "1ère catégorie", "/actualisation"),
    "question-recherche": ("Etes-vous toujours à la recherche d'un emploi ?",
                           "permet de rester inscrit", "/actualisation"),
    "envoyer-un-document": ("Envoyer un document", "5 Mo au maximum", "/mes-echanges/envoyer-un-document"),
}


@pytest.mark.parametrize("topic", TOPICS)
def test_aide_topic_has_a_title_content_and_a_way_back(page: Page, aide_page: AidePage, topic: str):
    title, fact, back = TOPICS[topic]
    aide_page.open_topic(topic)
    expect(aide_page.heading).to_have_text(title)
    expect(page).to_have_title(re.compile(f"^Aide – {re.escape(title)}"))
    expect(page.get_by_role("main")).to_contain_text(fact)
    expect(page.get_by_text("fermez-le")).to_be_visible()
    aide_page.back.click()
    # The declaration and the espace need a login first: « Retour » then goes through it.
    expect(page).to_have_url(re.compile(f"{re.escape(back)}$|/connexion/departement$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Page introuvable")


def test_aide_related_topics_lead_to_real_pages(page: Page, aide_page: AidePage):
    aide_page.open_topic("actualisation")
    expect(aide_page.see_also).to_have_count(5)
    aide_page.see_also.filter(has_text="Montant du salaire brut").click()
    expect(aide_page.heading).to_have_text("Montant total de votre ou vos salaires bruts réels ou estimés")
