"""« Mes coordonnées »: the tutorial's prerequisite « garder à jour ses informations de contact
dans son espace personnel », from the espace personnel to the new contact used for recovery."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import (
    CodePage,
    CoordonneesPage,
    EspacePersonnelPage,
    ModifieesPage,
    ModifierPage,
    MotDePasseOubliePage,
)
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import TimeTravel

NEW_EMAIL = "nouvelle.adresse@exemple.fr"


@pytest.fixture
def on_form(login_as, demo: Persona, coordonnees_page: CoordonneesPage,
            modifier_page: ModifierPage) -> ModifierPage:
    login_as(demo).goto(EspacePersonnelPage.path)
    coordonnees_page.open_from_personal_space()
    expect(coordonnees_page.on_record("Adresse e-mail")).to_have_text(demo.email or "")
    coordonnees_page.modify_link.click()
    return modifier_page


@pytest.mark.tutorial("E1-coordonnees-a-jour")
def test_coordonnees_new_email_confirmed_by_code_then_used_for_recovery(
    page: Page, on_form: ModifierPage, demo: Persona, outbox: Outbox, portal: Portal,
    code_page: CodePage, modifiees_page: ModifieesPage,
    mot_de_passe_oublie_page: MotDePasseOubliePage,
    identities: dict[str, Identity],
):
    on_form.submit(email=NEW_EMAIL)
    expect(code_page.destination("n***@exemple.fr")).to_be_visible()
    # Nothing changed yet: the code has gone to the new address only.
    assert [m["to"] for m in portal.outbox()] == [NEW_EMAIL]
    code = outbox.latest_code(Persona.from_json({**demo.__dict__, "email": NEW_EMAIL}), "email")
    code_page.submit(code)
    expect(modifiees_page.heading).to_have_text("Vos coordonnées ont été modifiées")
    expect(modifiees_page.on_record("Adresse e-mail")).to_have_text(NEW_EMAIL)

    # The old address is told.
    told = portal.outbox(demo.email)
    assert [m["subject"] for m in told] == ["Vos coordonnées ont changé"]
    assert "n***@exemple.fr" in told[0]["body"]

    # « J'ai oublié mon mot de passe » now writes to the new address.
    page.context.clear_cookies()
    mot_de_passe_oublie_page.open()
    mot_de_passe_oublie_page.request_code(identities["demo"], "email")
    assert portal.outbox()[-1]["to"] == NEW_EMAIL


def test_coordonnees_new_mobile_in_any_french_spelling(
    on_form: ModifierPage, code_page: CodePage,
    modifiees_page: ModifieesPage, portal: Portal,
):
    on_form.submit(mobile="+33 7 11 22 33 44")
    expect(code_page.destination("07 ** ** ** 44")).to_be_visible()
    sms = portal.outbox("07 11 22 33 44")[-1]
    code_page.submit(sms["body"].split("est : ")[1][:6])
    expect(modifiees_page.on_record("Numéro de téléphone portable")).to_have_text("07 11 22 33 44")


@pytest.mark.parametrize(("email", "mobile", "field", "message"), [
    ("prenom.nom@", None, "email", "Saisissez une adresse e-mail valide"),
    (None, "01 23 45 67 89", "mobile", "Saisissez un numéro de portable français"),
    (None, "", "mobile", "Saisissez votre numéro de portable : il peut être remplacé, pas supprimé."),
    (None, None, "email", "Vos coordonnées n'ont pas changé"),
    ("autre@exemple.fr", "06 11 11 11 11", "mobile", "Modifiez une coordonnée à la fois"),
])
def test_coordonnees_refuses_bad_input_next_to_the_field_and_keeps_it(
    on_form: ModifierPage, portal: Portal, demo: Persona,
    email: str | None, mobile: str | None, field: str, message: str,
):
    on_form.submit(email=email, mobile=mobile)
    target = on_form.email if field == "email" else on_form.mobile
    expect(on_form.inline_error(target)).to_contain_text(message)
    expect(on_form.error_summary).to_contain_text(message)
    if email is not None:
        expect(on_form.email).to_have_value(email)
    if mobile is not None:
        expect(on_form.mobile).to_have_value(mobile)
    assert portal.outbox() == []


def test_coordonnees_wrong_or_expired_code_changes_nothing(
    page: Page, on_form: ModifierPage, code_page: CodePage,
    coordonnees_page: CoordonneesPage, demo: Persona, time_travel: TimeTravel, portal: Portal,
):
    on_form.submit(email=NEW_EMAIL)
    code_page.submit("12345")
    expect(code_page.inline_error(code_page.code)).to_contain_text("Saisissez le code à 6 chiffres reçu")
    wrong = "000000" if portal.outbox()[-1]["body"].find("000000") < 0 else "999999"
    code_page.submit(wrong)
    expect(code_page.inline_error(code_page.code)).to_contain_text("Ce code est incorrect.")

    good = portal.outbox(NEW_EMAIL)[-1]["body"].split("est : ")[1][:6]
    time_travel.forward(minutes=16)
    code_page.submit(good)
    expect(code_page.inline_error(code_page.code)).to_contain_text("n'est plus valable")

    coordonnees_page.open()
    expect(coordonnees_page.on_record("Adresse e-mail")).to_have_text(demo.email or "")
    expect(coordonnees_page.waiting).to_contain_text("Un code de confirmation a été envoyé à n***@exemple.fr")


def test_coordonnees_new_code_on_request_and_only_the_latest_counts(
    on_form: ModifierPage, code_page: CodePage,
    modifiees_page: ModifieesPage, portal: Portal,
):
    on_form.submit(email=NEW_EMAIL)
    first = portal.outbox(NEW_EMAIL)[-1]["body"].split("est : ")[1][:6]
    code_page.new_code_button.click()
    expect(code_page.notice).to_be_visible()
    latest = portal.outbox(NEW_EMAIL)[-1]["body"].split("est : ")[1][:6]
    assert first != latest  # two draws of six random digits: equal once in a million
    code_page.submit(first)
    expect(code_page.inline_error(code_page.code)).to_contain_text("n'est plus valable")
    code_page.submit(latest)
    expect(modifiees_page.heading).to_have_text("Vos coordonnées ont été modifiées")
