"""Account and session security through the browser: lockout, sessions, CSRF, headers."""

from __future__ import annotations

import dataclasses
import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import (
    DepartementPage,
    EspacePersonnelPage,
    IdentifiantPage,
    MotDePasseOublieModifiePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
    MotDePassePage,
)
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import TimeTravel

LOCKED = ("Après 5 mots de passe erronés, votre compte est bloqué jusqu'à 09h15. Réessayez après cette "
          "heure, ou choisissez dès maintenant un nouveau mot de passe avec le lien placé sous le champ "
          "« Mot de passe ».")
FORGED = "Formulaire expiré ou non autorisé"


def _fail_five_times(page: Page, persona: Persona) -> MotDePassePage:
    page.goto(DepartementPage.path)
    DepartementPage(page).submit(persona.department)
    IdentifiantPage(page).submit(persona.identifiant)
    mot_de_passe = MotDePassePage(page)
    for attempt in range(1, 6):
        mot_de_passe.submit(f"mauvais{attempt}")
        expect(mot_de_passe.error_summary).to_be_visible()
    return mot_de_passe


def _session_cookie(context: BrowserContext) -> dict:
    return {cookie["name"]: cookie for cookie in context.cookies()}["pe_session"]


# --- lockout --------------------------------------------------------------------------------

def test_lockout_after_five_wrong_passwords_until_the_time_shown(
    page: Page, demo: Persona, time_travel: TimeTravel, espace_personnel_page: EspacePersonnelPage,
):
    mot_de_passe = _fail_five_times(page, demo)
    expect(mot_de_passe.error_summary).to_contain_text(LOCKED)
    expect(mot_de_passe.inline_error(mot_de_passe.mot_de_passe)).to_contain_text(LOCKED)

    mot_de_passe.submit(demo.password)
    expect(mot_de_passe.error_summary).to_contain_text("bloqué jusqu'à 09h15")
    time_travel.forward(minutes=14, seconds=59)
    mot_de_passe.submit(demo.password)
    expect(mot_de_passe.error_summary).to_contain_text("bloqué jusqu'à 09h15")

    time_travel.forward(seconds=1)
    mot_de_passe.submit(demo.password)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_lockout_counter_starts_again_after_a_success(
    page: Page, logged_in: Page, demo: Persona, espace_personnel_page: EspacePersonnelPage,
):
    espace_personnel_page.header.logout()
    page.goto(DepartementPage.path)
    DepartementPage(page).submit(demo.department)
    IdentifiantPage(page).submit(demo.identifiant)
    mot_de_passe = MotDePassePage(page)
    for attempt in range(4):
        mot_de_passe.submit(f"mauvais{attempt}")
        expect(mot_de_passe.error_summary).to_contain_text("mot de passe ou département incorrect")
    mot_de_passe.submit(demo.password)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_lockout_lifted_by_a_password_reset(
    page: Page, demo: Persona, identities: dict[str, Identity], outbox: Outbox,
    espace_personnel_page: EspacePersonnelPage,
):
    mot_de_passe = _fail_five_times(page, demo)
    mot_de_passe.forgotten_link.click()
    MotDePasseOubliePage(page).request_code(identities["demo"], "sms").submit(outbox.latest_code(demo, "sms"))
    MotDePasseOublieNouveauPage(page).choose("Debloque2019!")
    page.goto(DepartementPage.path)
    DepartementPage(page).submit(demo.department)
    IdentifiantPage(page).submit(demo.identifiant)
    mot_de_passe.submit("Debloque2019!")
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_lockout_of_an_unknown_identifiant_reads_like_a_real_one(page: Page, demo: Persona):
    # « compte bloqué » for a real account only would tell a guesser which identifiants exist.
    nobody = dataclasses.replace(demo, identifiant="9999999Z")
    mot_de_passe = _fail_five_times(page, nobody)
    expect(mot_de_passe.error_summary).to_contain_text(LOCKED)


def test_password_reset_while_logged_in_confirms_then_asks_a_new_login(
    logged_in: Page, demo: Persona, identities: dict[str, Identity], outbox: Outbox,
    mot_de_passe_oublie_modifie_page: MotDePasseOublieModifiePage, espace_personnel_page: EspacePersonnelPage,
):
    logged_in.goto(MotDePasseOubliePage.path)
    code_page = MotDePasseOubliePage(logged_in).request_code(identities["demo"], "email")
    code_page.submit(outbox.latest_code(demo, "email"))
    MotDePasseOublieNouveauPage(logged_in).choose("Nouveau2019!")
    expect(mot_de_passe_oublie_modifie_page.heading).to_have_text("Votre mot de passe a été modifié")
    mot_de_passe_oublie_modifie_page.log_in_link.click()
    DepartementPage(logged_in).log_in(dataclasses.replace(demo, password="Nouveau2019!"))
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


# --- sessions -------------------------------------------------------------------------------

def test_session_idle_expiry_is_counted_from_the_last_visit(
    logged_in: Page, time_travel: TimeTravel, espace_personnel_page: EspacePersonnelPage,
    departement_page: DepartementPage, demo: Persona,
):
    for _ in range(3):
        # Exactly 30 minutes idle is still within the limit, and each visit restarts the count.
        time_travel.forward(minutes=30)
        logged_in.goto(EspacePersonnelPage.path)
        expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()
    time_travel.forward(minutes=30, seconds=1)
    logged_in.goto(EspacePersonnelPage.path)
    expect(departement_page.departement).to_be_visible()
    expect(logged_in.get_by_role("status")).to_have_text("Votre session a expiré. Veuillez vous reconnecter.")
    departement_page.log_in(demo)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_session_survives_the_clock_jumping_forward_then_back(
    logged_in: Page, time_travel: TimeTravel, espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    time_travel.forward(minutes=20)
    logged_in.goto(EspacePersonnelPage.path)
    time_travel.to("2019-06-28T08:00")
    logged_in.goto(EspacePersonnelPage.path)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_session_id_changes_at_login_and_the_old_one_is_dead(
    page: Page, context: BrowserContext, base_url: str, departement_page: DepartementPage,
    espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    departement_page.open()
    departement_page.submit(demo.department)
    before = _session_cookie(context)
    IdentifiantPage(page).submit(demo.identifiant)
    MotDePassePage(page).submit(demo.password)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()
    after = _session_cookie(context)
    assert after["value"] != before["value"]
    assert after["httpOnly"] and after["sameSite"] == "Lax"
    assert {cookie["name"]: cookie for cookie in context.cookies()}["pe_csrf"]["httpOnly"]

    # Someone who planted or noted the pre-login token gets nothing with it.
    context.add_cookies([{"name": "pe_session", "value": before["value"], "url": base_url}])
    page.goto(EspacePersonnelPage.path)
    expect(departement_page.departement).to_be_visible()


def test_session_logout_kills_the_token(
    logged_in: Page, context: BrowserContext, base_url: str, espace_personnel_page: EspacePersonnelPage,
    departement_page: DepartementPage,
):
    token = _session_cookie(context)["value"]
    espace_personnel_page.header.logout()
    expect(logged_in.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()
    context.add_cookies([{"name": "pe_session", "value": token, "url": base_url}])
    logged_in.goto(EspacePersonnelPage.path)
    expect(departement_page.departement).to_be_visible()


# --- forged requests ------------------------------------------------------------------------

def test_forged_post_from_another_site_is_refused(
    logged_in: Page, base_url: str, espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    # A page elsewhere whose button posts to the portal: the browser does not send the
    # SameSite=Lax cookies along, and the form has no token.
    logged_in.set_content(
        f'<form method="post" action="{base_url}/connexion/deconnexion">'
        '<button type="submit">Gagnez un cadeau</button></form>'
    )
    logged_in.get_by_role("button", name="Gagnez un cadeau").click()
    expect(logged_in.get_by_role("heading", level=1)).to_have_text(FORGED)
    expect(logged_in.get_by_text("Rechargez la page et recommencez.")).to_be_visible()
    logged_in.goto(EspacePersonnelPage.path)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_forged_post_without_token_is_refused(logged_in: Page, espace_personnel_page: EspacePersonnelPage):
    response = logged_in.request.post("/connexion/deconnexion", form={"action": "x"})
    assert response.status == 403
    assert FORGED in response.text()
    logged_in.reload()
    expect(espace_personnel_page.header.log_out_button).to_be_visible()


def test_forged_post_stale_form_gets_a_clear_page(
    page: Page, context: BrowserContext, departement_page: DepartementPage,
):
    departement_page.open()
    context.clear_cookies()
    departement_page.submit("67")
    expect(departement_page.heading).to_have_text(FORGED)
    page.get_by_role("link", name="Retour à l'accueil").click()
    expect(page).to_have_url(re.compile(r"/$"))


# --- headers --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/", "/connexion/departement", "/connexion/identifiant-oublie", "/connexion/mot-de-passe-oublie",
    "/outbox", "/page-absente",
])
def test_security_headers_on_pages(page: Page, path: str):
    response = page.goto(path)
    assert response is not None
    headers = response.all_headers()
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"


def test_security_inline_script_does_not_run(page: Page, portal: Portal):
    page.goto("/connexion/departement")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.body.append(s); }"
    )
    assert page.evaluate("() => window.injected") is None


# --- CSRF token bound to the session ---------------------------------------------------------

def _csrf_cookie(context: BrowserContext) -> str:
    return {cookie["name"]: cookie for cookie in context.cookies()}["pe_csrf"]["value"]


def test_forged_post_with_a_planted_csrf_cookie_is_refused(
    logged_in: Page, context: BrowserContext, base_url: str, espace_personnel_page: EspacePersonnelPage,
    demo: Persona,
):
    # A cookie set by a sibling site or a plain-HTTP hop, repeated in the form: the session's own
    # token is the only one accepted.
    context.add_cookies([{"name": "pe_csrf", "value": "x", "url": base_url}])
    response = logged_in.request.post("/connexion/deconnexion", form={"csrf_token": "x"})
    assert response.status == 403
    assert FORGED in response.text()
    logged_in.goto(EspacePersonnelPage.path)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()


def test_csrf_token_is_renewed_at_login_and_logout(
    page: Page, context: BrowserContext, departement_page: DepartementPage,
    espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    departement_page.open()
    before = _csrf_cookie(context)
    departement_page.log_in(demo)
    expect(espace_personnel_page.greeting(demo.full_name)).to_be_visible()
    logged_in = _csrf_cookie(context)
    espace_personnel_page.header.logout()
    expect(page).to_have_url(re.compile(r"deconnecte=1"))
    assert len({before, logged_in, _csrf_cookie(context)}) == 3
