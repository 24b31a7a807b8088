"""Forgotten identifiant and password: the flows over HTTP."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from mock_portal import outbox
from mock_portal.clock import PARIS, clock
from mock_portal.screens import oubli
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient
from tests.unit.forms import RenderedForm, post, txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
DEMO_MAIL = "camille.martin@exemple.fr"


@pytest.fixture(autouse=True)
def _frozen(app) -> None:
    clock.set(START, frozen=True)


def last_body(app, to: str) -> str:
    return outbox.messages(app.state.db, to)[-1].body


def code_of(app, to: str) -> str:
    found = re.search(r"\b(\d{6})\b", last_body(app, to))
    assert found, last_body(app, to)
    return found.group(1)


def ask_code(client: InProcessClient, csrf: str, identifiant: str = "1234567A", born: str = "12/04/1985",
             canal: str = "email"):
    post(client, "/connexion/mot-de-passe-oublie", csrf, identifiant=identifiant, date_naissance=born)
    return post(client, "/connexion/mot-de-passe-oublie/canal", csrf, canal=canal)


# --- forgotten identifiant ------------------------------------------------------------------

@pytest.mark.parametrize(("canal", "to", "said"), [
    ("email", "camille.martin@exemple.fr", "par mail à l'adresse enregistrée"),
    ("sms", "06 12 34 56 78", "par SMS au numéro enregistré"),
])
def test_oubli_identifiant_sent_to_the_chosen_channel(app, client: InProcessClient, csrf: str, canal: str,
                                                      to: str, said: str):
    post(client, "/connexion/identifiant-oublie", csrf, nom="martin", prenom="CAMILLE",
         date_naissance="12/04/1985")
    page = post(client, "/connexion/identifiant-oublie/canal", csrf, canal=canal)
    assert said in txt(page)
    assert to not in txt(page) and "***" not in txt(page)
    assert "1234567A" in last_body(app, to)
    assert len(outbox.messages(app.state.db)) == 1


@pytest.mark.parametrize(("nom", "prenom", "born"), [
    ("Martin", "Camille", "13/04/1985"),
    ("Dupont", "Camille", "12/04/1985"),
    ("Martin", "Claire", "12/04/1985"),
])
def test_oubli_identifiant_unknown_gets_the_neutral_answer(app, client: InProcessClient, csrf: str, nom: str,
                                                          prenom: str, born: str):
    canal = post(client, "/connexion/identifiant-oublie", csrf, nom=nom, prenom=prenom, date_naissance=born)
    assert "Par mail" in txt(canal) and "Par SMS" in txt(canal)
    page = post(client, "/connexion/identifiant-oublie/canal", csrf, canal="email")
    assert "Si les informations saisies correspondent à un dossier" in txt(page)
    assert "***" not in txt(page)
    assert outbox.messages(app.state.db) == []


def test_oubli_identifiant_sms_only_persona_by_mail_gets_nothing(app, client: InProcessClient, csrf: str):
    page = post(client, "/connexion/identifiant-oublie", csrf, nom="Benali", prenom="Karim",
                date_naissance="03/11/1979")
    assert "Par SMS" in txt(page) and "Par mail" in txt(page)
    page = post(client, "/connexion/identifiant-oublie/canal", csrf, canal="email")
    assert page.status_code == 200
    assert "Si les informations saisies correspondent à un dossier" in txt(page)
    assert "essayez par SMS si votre dossier n'a pas d'adresse mail" in " ".join(txt(page).split())
    assert outbox.messages(app.state.db) == []


def test_oubli_identifiant_errors_keep_what_was_typed(client: InProcessClient, csrf: str):
    page = post(client, "/connexion/identifiant-oublie", csrf, nom="Mart1n", prenom="",
                date_naissance="12-04")
    assert page.status_code == 400
    assert "Saisissez votre prénom." in txt(page)
    assert "ne contient que des lettres" in txt(page)
    assert "au format JJ/MM/AAAA" in txt(page)
    assert 'value="Mart1n"' in txt(page) and 'value="12-04"' in txt(page)


def test_oubli_identifiant_no_choice_is_an_error(client: InProcessClient, csrf: str):
    post(client, "/connexion/identifiant-oublie", csrf, nom="Martin", prenom="Camille",
         date_naissance="12/04/1985")
    page = post(client, "/connexion/identifiant-oublie/canal", csrf, canal="pigeon")
    assert page.status_code == 400
    assert "Choisissez comment recevoir le message" in txt(page)


@pytest.mark.parametrize("path", [
    "/connexion/identifiant-oublie/canal", "/connexion/identifiant-oublie/envoye",
    "/connexion/mot-de-passe-oublie/canal", "/connexion/mot-de-passe-oublie/code",
    "/connexion/mot-de-passe-oublie/nouveau", "/connexion/mot-de-passe-oublie/modifie",
])
def test_oubli_later_steps_lead_back_to_the_first(client: InProcessClient, path: str):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].endswith(("/identifiant-oublie", "/mot-de-passe-oublie"))


# --- forgotten password ---------------------------------------------------------------------

def test_oubli_password_reset_end_to_end(app, client: InProcessClient, auth: AuthActions, csrf: str):
    page = ask_code(client, csrf, canal="sms")
    assert "par SMS au numéro enregistré" in txt(page) and "jusqu'à 09h15" in txt(page)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, "0612345678"))
    assert "Choisissez un nouveau mot de passe" in txt(page)
    page = post(client, "/connexion/mot-de-passe-oublie/nouveau", csrf,
                nouveau_mot_de_passe="Nouveau2019!", confirmation="Nouveau2019!")
    assert "Votre mot de passe a été modifié" in txt(page)
    assert "modifié le 28/06/2019 à 09h00" in last_body(app, "06 12 34 56 78")
    assert auth.attempt(password="Actu2019!").status_code == 400
    assert "Bonjour" in txt(auth.attempt(password="Nouveau2019!"))


def test_oubli_code_expires_after_15_minutes(app, client: InProcessClient, csrf: str):
    ask_code(client, csrf)
    clock.set(START.replace(minute=15), frozen=True)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))
    assert page.status_code == 400
    assert "Ce code n'est plus valable" in txt(page)


def test_oubli_code_is_single_use(app, client: InProcessClient, csrf: str):
    ask_code(client, csrf)
    code = code_of(app, DEMO_MAIL)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code)
    assert page.status_code == 400
    assert "Ce code a déjà été utilisé" in txt(page)


def test_oubli_new_code_ends_the_older_one(app, client: InProcessClient, csrf: str):
    ask_code(client, csrf)
    first = code_of(app, DEMO_MAIL)
    # Codes are random: ask again until the new one differs (once in a million it does not).
    for _ in range(3):
        post(client, "/connexion/mot-de-passe-oublie/canal", csrf, canal="email")
        if code_of(app, DEMO_MAIL) != first:
            break
    assert code_of(app, DEMO_MAIL) != first
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=first)
    assert "Ce code n'est plus valable" in txt(page)


def test_oubli_code_dies_after_five_wrong_tries(app, client: InProcessClient, csrf: str):
    ask_code(client, csrf)
    code = code_of(app, DEMO_MAIL)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=wrong)
        assert "Ce code est incorrect. Vérifiez" in txt(page)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=wrong)
    assert "Après 5 essais" in txt(page)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code)
    assert "Ce code n'est plus valable" in txt(page)


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Saisissez le code à 6 chiffres reçu."),
    ("12ab56", "Le code est composé de 6 chiffres"),
    ("1234567", "Le code est composé de 6 chiffres"),
])
def test_oubli_code_format_errors_keep_the_typed_code(
    client: InProcessClient, csrf: str, typed: str, message: str
):
    ask_code(client, csrf)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=typed)
    assert page.status_code == 400
    assert message in txt(page)
    assert f'value="{typed}"' in txt(page)


def test_oubli_password_unknown_person_gets_the_neutral_answer(app, client: InProcessClient, csrf: str):
    page = ask_code(client, csrf, born="01/01/1980")
    assert "Si les informations saisies correspondent à un dossier" in txt(page)
    page = post(client, "/connexion/mot-de-passe-oublie/code", csrf, code="123456")
    assert "Ce code est incorrect" in txt(page)
    assert outbox.messages(app.state.db) == []


RULE = "Le mot de passe doit contenir au moins"
SPECIALS = "(! ? @ # - …)."


@pytest.mark.parametrize(("password", "confirmation", "field", "message"), [
    ("", "", "nouveau_mot_de_passe", "Saisissez un nouveau mot de passe."),
    ("court", "court", "nouveau_mot_de_passe",
     f"{RULE} 8 caractères, une majuscule, un chiffre et un caractère spécial {SPECIALS}"),
    ("Court1!", "Court1!", "nouveau_mot_de_passe", f"{RULE} 8 caractères."),
    ("motdepasse", "motdepasse", "nouveau_mot_de_passe",
     f"{RULE} une majuscule, un chiffre et un caractère spécial {SPECIALS}"),
    ("Motdepasse1", "Motdepasse1", "nouveau_mot_de_passe",
     f"{RULE} un caractère spécial {SPECIALS}"),
    ("1234567A-x!", "1234567A-x!", "nouveau_mot_de_passe",
     "Le mot de passe ne doit pas contenir votre identifiant."),
    ("Actu2019!", "Actu2019!", "nouveau_mot_de_passe", "Choisissez un mot de passe différent de l'ancien."),
    ("Nouveau2019!", "", "confirmation", "Saisissez une deuxième fois le nouveau mot de passe."),
    ("Nouveau2019!", "Nouveau2019?", "confirmation", "Les deux mots de passe saisis ne sont pas identiques."),
])
def test_oubli_new_password_errors_never_echo_passwords(
    app, client: InProcessClient, csrf: str, password: str, confirmation: str, field: str, message: str
):
    ask_code(client, csrf)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))
    page = post(client, "/connexion/mot-de-passe-oublie/nouveau", csrf, nouveau_mot_de_passe=password,
                confirmation=confirmation)
    assert page.status_code == 400
    form = RenderedForm(page)
    form.assert_refused(field, message)
    assert form.kept("nouveau_mot_de_passe") == "" and form.kept("confirmation") == ""
    for typed in {password, confirmation} - {""}:
        assert f'value="{typed}"' not in txt(page)  # the banner shows the demo password, Actu2019!


def test_oubli_new_password_page_times_out(app, client: InProcessClient, csrf: str):
    ask_code(client, csrf)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))
    clock.set(START.replace(minute=16), frozen=True)
    page = client.get("/connexion/mot-de-passe-oublie/nouveau")
    assert "Le délai de 15 minutes pour choisir un nouveau mot de passe est dépassé" in txt(page)


def test_oubli_reset_lifts_the_lockout_and_ends_other_sessions(
    app, client: InProcessClient, new_client: NewClient, auth: AuthActions, csrf: str
):
    other = new_client(app)
    other.cookies.set("pe_csrf", csrf)
    assert "Bonjour" in txt(AuthActions(other).attempt(password="Actu2019!"))
    for _ in range(5):
        page = auth.attempt(password="mauvais")
    assert "bloqué jusqu'à 09h15" in txt(page)
    ask_code(client, csrf)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))
    post(client, "/connexion/mot-de-passe-oublie/nouveau", csrf, nouveau_mot_de_passe="Nouveau2019!",
         confirmation="Nouveau2019!")
    assert "Bonjour" in txt(auth.attempt(password="Nouveau2019!"))
    assert "Bonjour" not in txt(other.get("/espace-personnel"))


def test_oubli_nothing_half_written_when_sending_fails(
    app, client: InProcessClient, new_client: NewClient, auth: AuthActions, csrf: str, monkeypatch
):
    ask_code(client, csrf)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr(oubli.outbox, "send", broken)
    failing = new_client(app, raise_server_exceptions=False, cookies=client.cookies)
    page = failing.post("/connexion/mot-de-passe-oublie/nouveau", data={
        "csrf_token": csrf, "nouveau_mot_de_passe": "Nouveau2019!", "confirmation": "Nouveau2019!"})
    assert page.status_code == 500 and "Vos informations n'ont pas été modifiées" in txt(page)
    monkeypatch.undo()
    assert "Bonjour" in txt(auth.attempt(password="Actu2019!"))


def test_oubli_reset_while_logged_in_confirms_then_asks_a_new_login(app, client: InProcessClient, auth: AuthActions, csrf: str):
    assert "Bonjour" in txt(auth.attempt(password="Actu2019!"))
    csrf = client.cookies["pe_csrf"]  # renewed at login
    ask_code(client, csrf)
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code_of(app, DEMO_MAIL))
    page = post(client, "/connexion/mot-de-passe-oublie/nouveau", csrf, nouveau_mot_de_passe="Nouveau2019!",
                confirmation="Nouveau2019!")
    assert page.url.path == "/connexion/mot-de-passe-oublie/modifie"
    assert "Votre mot de passe a été modifié" in txt(page)
    assert "Bonjour" not in txt(client.get("/espace-personnel"))
    assert "Bonjour" in txt(auth.attempt(password="Nouveau2019!"))
