"""« J'ai oublié mon identifiant / mon mot de passe » : par mail ou par SMS, then log in."""

from __future__ import annotations

import dataclasses
import re

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import (
    DepartementPage,
    EspacePersonnelPage,
    IdentifiantOublieCanalPage,
    IdentifiantOublieEnvoyePage,
    IdentifiantOubliePage,
    IdentifiantPage,
    MotDePasseOublieCanalPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieModifiePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
    MotDePassePage,
    OutboxPage,
)
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.time_travel import TimeTravel

NEW_PASSWORD = "Nouveau2019!"
NEUTRAL = "Si les informations saisies correspondent à un dossier"
# Never the address itself, even masked: it would tell that the account exists.
SENT_BY = {"email": "par mail à l'adresse enregistrée", "sms": "par SMS au numéro enregistré"}


def _to_password_page(page: Page, persona: Persona) -> None:
    page.goto(DepartementPage.path)
    DepartementPage(page).submit(persona.department)
    IdentifiantPage(page).submit(persona.identifiant)


def _reset_until_new_password(
    page: Page, persona: Persona, identity: Identity, outbox: Outbox, channel: str = "email"
) -> None:
    _to_password_page(page, persona)
    MotDePassePage(page).forgotten_link.click()
    MotDePasseOubliePage(page).request_code(identity, channel).submit(outbox.latest_code(persona, channel))


# --- J'ai oublié mon identifiant -------------------------------------------------------------

@pytest.mark.parametrize(("key", "channel"), [("demo", "email"), ("demo", "sms"), ("sms_only", "sms")])
@pytest.mark.tutorial("E1-identifiant-oublie-mail-sms", "E1-oubli-par-mail", "E1-oubli-par-sms",
                      "E1-oubli-poursuivre")
def test_identifiant_recovered_then_login_with_it(
    departement_page: DepartementPage, identifiant_page: IdentifiantPage,
    identifiant_oublie_page: IdentifiantOubliePage, identifiant_oublie_envoye_page: IdentifiantOublieEnvoyePage,
    espace_personnel_page: EspacePersonnelPage, personas: dict[str, Persona],
    identities: dict[str, Identity], outbox: Outbox, key: str, channel: str,
):
    persona = personas[key]
    departement_page.open()
    departement_page.submit(persona.department)
    identifiant_page.forgotten_link.click()
    expect(identifiant_oublie_page.heading).to_have_text("J'ai oublié mon identifiant")
    identifiant_oublie_page.recover_identifiant(identities[key], channel)

    expect(identifiant_oublie_envoye_page.confirmation).to_contain_text(NEUTRAL)
    expect(identifiant_oublie_envoye_page.confirmation).to_contain_text(SENT_BY[channel])
    # The same sentence for everyone: past the cap nothing goes out and the page does not change.
    expect(identifiant_oublie_envoye_page.page.get_by_text(
        "Pour votre sécurité, 5 messages au plus sont envoyés par heure.")).to_be_visible()
    received = outbox.latest_identifiant(persona, channel)
    assert received == persona.identifiant
    assert len(outbox.all()) == 1

    identifiant_oublie_envoye_page.back_to_login_link.click()
    identifiant_page.submit(received)
    MotDePassePage(identifiant_page.page).submit(persona.password)
    expect(espace_personnel_page.greeting(persona.full_name)).to_be_visible()


def test_identifiant_names_typed_loosely_still_match(
    identifiant_oublie_page: IdentifiantOubliePage, identifiant_oublie_envoye_page: IdentifiantOublieEnvoyePage,
    personas: dict[str, Persona], outbox: Outbox,
):
    identifiant_oublie_page.open()
    identifiant_oublie_page.identify("LACROIX", "jean marc", "30/01/1988")
    IdentifiantOublieCanalPage(identifiant_oublie_page.page).choose("email")
    expect(identifiant_oublie_envoye_page.confirmation).to_contain_text(SENT_BY["email"])
    assert outbox.latest_identifiant(personas["outre_mer"], "email") == "9710971D"


@pytest.mark.parametrize(("nom", "prenom", "date_naissance"), [
    ("Martin", "Camille", "13/04/1985"),
    ("Dupont", "Camille", "12/04/1985"),
    ("Inconnu", "Personne", "01/01/1970"),
])
def test_identifiant_unknown_person_gets_the_neutral_answer(
    identifiant_oublie_page: IdentifiantOubliePage, identifiant_oublie_canal_page: IdentifiantOublieCanalPage,
    identifiant_oublie_envoye_page: IdentifiantOublieEnvoyePage, outbox: Outbox,
    nom: str, prenom: str, date_naissance: str,
):
    identifiant_oublie_page.open()
    identifiant_oublie_page.identify(nom, prenom, date_naissance)
    expect(identifiant_oublie_canal_page.channel("email")).to_be_visible()
    expect(identifiant_oublie_canal_page.channel("sms")).to_be_visible()
    identifiant_oublie_canal_page.choose("email")
    expect(identifiant_oublie_envoye_page.confirmation).to_have_text(
        "Si les informations saisies correspondent à un dossier, votre identifiant vient d'être envoyé "
        "par mail à l'adresse enregistrée dans ce dossier."
    )
    assert outbox.all() == []


@pytest.mark.tutorial("E1-coordonnees-a-jour")
def test_identifiant_sms_only_persona_by_mail_gets_nothing_by_sms_gets_it(
    page: Page, identifiant_oublie_page: IdentifiantOubliePage,
    identifiant_oublie_canal_page: IdentifiantOublieCanalPage, identifiant_oublie_envoye_page: IdentifiantOublieEnvoyePage,
    personas: dict[str, Persona], identities: dict[str, Identity], outbox: Outbox,
):
    karim = identities["sms_only"]
    identifiant_oublie_page.open()
    identifiant_oublie_page.identify(karim.nom, karim.prenom, karim.date_naissance)
    expect(identifiant_oublie_canal_page.channel("sms")).not_to_be_checked()
    identifiant_oublie_canal_page.choose("email")
    expect(identifiant_oublie_envoye_page.confirmation).to_contain_text(SENT_BY["email"])
    expect(page.get_by_text("essayez par SMS si votre dossier n'a pas d'adresse mail")).to_be_visible()
    assert outbox.all() == []
    page.go_back()
    identifiant_oublie_canal_page.choose("sms")
    expect(identifiant_oublie_envoye_page.confirmation).to_contain_text(SENT_BY["sms"])
    assert outbox.latest_identifiant(personas["sms_only"], "sms") == karim.identifiant


def test_identifiant_form_errors_are_next_to_fields_and_kept(identifiant_oublie_page: IdentifiantOubliePage):
    identifiant_oublie_page.open()
    identifiant_oublie_page.identify("Mart1n", "", "31/02/1985")
    summary = identifiant_oublie_page.error_summary
    for field, message in (
        (identifiant_oublie_page.nom, "Votre nom ne contient que des lettres"),
        (identifiant_oublie_page.prenom, "Saisissez votre prénom."),
        (identifiant_oublie_page.date_naissance, "Cette date n'existe pas"),
    ):
        expect(summary).to_contain_text(message)
        expect(identifiant_oublie_page.inline_error(field)).to_contain_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
    expect(identifiant_oublie_page.nom).to_have_value("Mart1n")
    expect(identifiant_oublie_page.date_naissance).to_have_value("31/02/1985")


def test_identifiant_no_channel_chosen_is_an_error(
    identifiant_oublie_page: IdentifiantOubliePage, identifiant_oublie_canal_page: IdentifiantOublieCanalPage,
    identities: dict[str, Identity],
):
    demo = identities["demo"]
    identifiant_oublie_page.open()
    identifiant_oublie_page.identify(demo.nom, demo.prenom, demo.date_naissance)
    identifiant_oublie_canal_page.continue_.click()
    message = "Choisissez comment recevoir le message : par mail ou par SMS."
    expect(identifiant_oublie_canal_page.error_summary).to_contain_text(message)
    expect(identifiant_oublie_canal_page.page.get_by_role("group")).to_contain_text(message)


# --- J'ai oublié mon mot de passe -----------------------------------------------------------

@pytest.mark.parametrize("channel", ["email", "sms"])
@pytest.mark.tutorial("E1-mot-de-passe-oublie-mail-sms")
def test_password_reset_end_to_end(
    page: Page, mot_de_passe_oublie_page: MotDePasseOubliePage, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage,
    mot_de_passe_oublie_nouveau_page: MotDePasseOublieNouveauPage, mot_de_passe_oublie_modifie_page: MotDePasseOublieModifiePage,
    mot_de_passe_page: MotDePassePage, espace_personnel_page: EspacePersonnelPage,
    demo: Persona, identities: dict[str, Identity], outbox: Outbox, channel: str,
):
    _to_password_page(page, demo)
    mot_de_passe_page.forgotten_link.click()
    expect(mot_de_passe_oublie_page.heading).to_have_text("J'ai oublié mon mot de passe")
    expect(mot_de_passe_oublie_page.identifiant).to_have_value(demo.identifiant)
    mot_de_passe_oublie_page.request_code(identities["demo"], channel)

    expect(mot_de_passe_oublie_code_page.sent_to).to_contain_text(SENT_BY[channel])
    expect(mot_de_passe_oublie_code_page.sent_to).to_contain_text("valable 15 minutes, jusqu'à 09h15")
    mot_de_passe_oublie_code_page.submit(outbox.latest_code(demo, channel))
    mot_de_passe_oublie_nouveau_page.choose(NEW_PASSWORD)
    expect(mot_de_passe_oublie_modifie_page.heading).to_have_text("Votre mot de passe a été modifié")
    assert "Votre mot de passe a été modifié" in outbox.latest(demo, channel)["body"]

    mot_de_passe_oublie_modifie_page.log_in_link.click()
    DepartementPage(page).attempt_log_in(demo)
    expect(mot_de_passe_page.error_summary).to_contain_text("mot de passe ou département incorrect")
    mot_de_passe_page.submit(NEW_PASSWORD)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


@pytest.mark.tutorial("E1-coordonnees-a-jour")
def test_password_reset_sms_only_persona(
    page: Page, mot_de_passe_oublie_page: MotDePasseOubliePage,
    mot_de_passe_oublie_canal_page: MotDePasseOublieCanalPage, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage,
    mot_de_passe_oublie_nouveau_page: MotDePasseOublieNouveauPage, espace_personnel_page: EspacePersonnelPage,
    personas: dict[str, Persona], identities: dict[str, Identity], outbox: Outbox,
):
    karim = personas["sms_only"]
    mot_de_passe_oublie_page.open()
    mot_de_passe_oublie_page.identify(karim.identifiant, identities["sms_only"].date_naissance)
    expect(mot_de_passe_oublie_canal_page.channel("email")).to_be_visible()
    mot_de_passe_oublie_canal_page.choose("sms")
    expect(mot_de_passe_oublie_code_page.sent_to).to_contain_text(SENT_BY["sms"])
    mot_de_passe_oublie_code_page.submit(outbox.latest_code(karim, "sms"))
    mot_de_passe_oublie_nouveau_page.choose(NEW_PASSWORD)
    page.goto(DepartementPage.path)
    DepartementPage(page).log_in(dataclasses.replace(karim, password=NEW_PASSWORD))
    expect(espace_personnel_page.greeting(karim.full_name)).to_be_visible()


def test_password_reset_expired_code(
    page: Page, mot_de_passe_oublie_page: MotDePasseOubliePage, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage,
    demo: Persona, identities: dict[str, Identity], outbox: Outbox, time_travel: TimeTravel,
):
    mot_de_passe_oublie_page.open()
    mot_de_passe_oublie_page.request_code(identities["demo"], "email")
    code = outbox.latest_code(demo, "email")
    time_travel.forward(minutes=16)
    mot_de_passe_oublie_code_page.submit(code)
    expect(mot_de_passe_oublie_code_page.error_summary).to_contain_text("Ce code n'est plus valable")
    mot_de_passe_oublie_code_page.new_code_link.click()
    MotDePasseOublieCanalPage(page).choose("email")
    fresh = outbox.latest_code(demo, "email")
    mot_de_passe_oublie_code_page.submit(fresh)
    expect(MotDePasseOublieNouveauPage(page).new_password).to_be_visible()


def test_password_reset_code_is_single_use(
    page: Page, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage, mot_de_passe_oublie_nouveau_page: MotDePasseOublieNouveauPage,
    demo: Persona, identities: dict[str, Identity], outbox: Outbox,
):
    _reset_until_new_password(page, demo, identities["demo"], outbox)
    expect(mot_de_passe_oublie_nouveau_page.new_password).to_be_visible()
    page.go_back()
    mot_de_passe_oublie_code_page.submit(outbox.latest_code(demo, "email"))
    expect(mot_de_passe_oublie_code_page.error_summary).to_contain_text("Ce code a déjà été utilisé")


def test_password_reset_wrong_code(
    mot_de_passe_oublie_page: MotDePasseOubliePage, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage,
    demo: Persona, identities: dict[str, Identity], outbox: Outbox,
):
    mot_de_passe_oublie_page.open()
    mot_de_passe_oublie_page.request_code(identities["demo"], "email")
    wrong = f"{(int(outbox.latest_code(demo, 'email')) + 1) % 10**6:06d}"
    mot_de_passe_oublie_code_page.submit(wrong)
    message = "Ce code est incorrect. Vérifiez le code du dernier message reçu."
    expect(mot_de_passe_oublie_code_page.error_summary).to_contain_text(message)
    code_page = mot_de_passe_oublie_code_page
    expect(code_page.inline_error(code_page.code)).to_contain_text(message)
    expect(mot_de_passe_oublie_code_page.code).to_have_value(wrong)


def test_password_rule_errors(
    page: Page, mot_de_passe_oublie_nouveau_page: MotDePasseOublieNouveauPage, demo: Persona,
    identities: dict[str, Identity], outbox: Outbox,
):
    # One rule shown on the page; each rule's message, the confirmation's included, is a case of
    # tests/unit/test_oubli.py::test_oubli_new_password_errors_never_echo_passwords.
    message = "Le mot de passe doit contenir au moins 8 caractères."
    nouveau = mot_de_passe_oublie_nouveau_page
    _reset_until_new_password(page, demo, identities["demo"], outbox)
    nouveau.choose("Court1!", "Court1!")
    expect(nouveau.error_summary).to_contain_text(message)
    expect(nouveau.inline_error(nouveau.new_password)).to_contain_text(message)
    expect(nouveau.new_password).to_have_attribute("aria-invalid", "true")
    expect(nouveau.new_password).to_have_value("")
    expect(nouveau.confirmation).to_have_value("")


def test_password_unknown_person_gets_the_neutral_answer(
    mot_de_passe_oublie_page: MotDePasseOubliePage, mot_de_passe_oublie_code_page: MotDePasseOublieCodePage, outbox: Outbox,
):
    mot_de_passe_oublie_page.open()
    mot_de_passe_oublie_page.request_code(Identity("x", "9999999Z", "X", "Y", "01/01/1970"), "sms")
    expect(mot_de_passe_oublie_code_page.sent_to).to_contain_text(NEUTRAL)
    expect(mot_de_passe_oublie_code_page.sent_to).not_to_contain_text("**")
    mot_de_passe_oublie_code_page.submit("123456")
    expect(mot_de_passe_oublie_code_page.error_summary).to_contain_text("Ce code est incorrect")
    assert outbox.all() == []


def test_password_reset_messages_land_in_the_outbox_page(
    page: Page, outbox_page: OutboxPage, demo: Persona, identities: dict[str, Identity], outbox: Outbox,
):
    outbox_page.open()
    expect(outbox_page.empty).to_be_visible()
    _reset_until_new_password(page, demo, identities["demo"], outbox, channel="sms")
    MotDePasseOublieNouveauPage(page).choose(NEW_PASSWORD)
    outbox_page.open_from_banner()
    expect(outbox_page.heading).to_have_text("Boîte d'envoi")
    expect(outbox_page.messages).to_have_count(2)
    expect(outbox_page.messages.first).to_contain_text("Votre mot de passe a été modifié")
    code = outbox.latest_code(demo, "sms")
    expect(outbox_page.messages.last.get_by_role("cell")).to_have_text(
        ["28/06/2019 à 09h00", "SMS", "06 12 34 56 78", "—", re.compile(f"votre code est {code}")]
    )


def test_outbox_per_person_view_shows_only_that_recipient(
    page: Page, outbox_page: OutboxPage, personas: dict[str, Persona], identities: dict[str, Identity],
):
    for key, channel in (("demo", "sms"), ("corse", "email")):
        page.goto(IdentifiantOubliePage.path)
        IdentifiantOubliePage(page).recover_identifiant(identities[key], channel)
    outbox_page.open()
    expect(outbox_page.public_warning).to_be_visible()
    expect(outbox_page.messages).to_have_count(2)

    outbox_page.show_messages_of("0612 345 678")
    expect(page).to_have_url(re.compile(r"/outbox\?to=0612"))
    expect(outbox_page.messages).to_have_count(1)
    expect(outbox_page.messages.first).to_contain_text(personas["demo"].identifiant)
    expect(outbox_page.public_warning).to_be_visible()

    # The link a trainer hands to one learner: spaces and case do not matter.
    corse_email = personas["corse"].email
    assert corse_email
    page.goto(f"{OutboxPage.path}?to={corse_email.upper()}")
    expect(outbox_page.messages).to_have_count(1)
    expect(outbox_page.messages.first).to_contain_text(personas["corse"].identifiant)
    outbox_page.all_messages.click()
    expect(outbox_page.messages).to_have_count(2)
