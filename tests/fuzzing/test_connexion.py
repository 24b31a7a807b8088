"""Fuzzing the connexion and recovery forms, and every form with any body at all."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.fuzzing import FUZZ, JUNK, Fuzzed, birth, field, inside_the_window, persona, submission

# --- the forms ---------------------------------------------------------------------------------

POST_FORMS = ["/connexion/departement", "/connexion/identifiant", "/connexion/mot-de-passe",
              "/connexion/deconnexion", "/connexion/identifiant-oublie", "/connexion/identifiant-oublie/canal",
              "/connexion/mot-de-passe-oublie", "/connexion/mot-de-passe-oublie/canal",
              "/connexion/mot-de-passe-oublie/code", "/connexion/mot-de-passe-oublie/nouveau",
              "/actualisation/formulaire", "/actualisation/confirmation", "/mes-echanges/envoyer-un-document"]


def test_fuzz_any_form_with_any_body(fuzzed: Fuzzed):
    """Every form, logged in, with anything at all: the cheapest submissions, so the most of them."""
    client = fuzzed.client(logged_in_as="outre_mer")
    bystander = fuzzed.client(logged_in_as="demo")
    before = fuzzed.sent

    @settings(FUZZ)
    @given(st.sampled_from(POST_FORMS), submission({"x": JUNK}))
    def any_form(path: str, sub: dict[str, Any]) -> None:
        if fuzzed.logged_out(client):  # a fuzzed logout: logged in again, as the test says
            fuzzed.log_in(client, "outre_mer")
        fuzzed.send(client, path, sub)

    with inside_the_window():
        any_form()
        assert bystander.get("/espace-personnel").status_code == 200  # nobody else was logged out
    assert fuzzed.sent - before >= FUZZ.max_examples
    fuzzed.check_sessions()


def test_fuzz_connexion_and_logout(fuzzed: Fuzzed):
    demo, corse = persona(fuzzed, "demo"), persona(fuzzed, "corse")
    identifiants = (demo["identifiant"], corse["identifiant"], "0000000Z")
    bystander = fuzzed.client(logged_in_as="sms_only")
    before = fuzzed.sent

    @settings(FUZZ)
    @given(submission({"departement": field("67", "2A", "2a", "971", "75", "20", "099")}),
           submission({"identifiant": field(*identifiants), "action": field("retour", share=15)}),
           # Mostly junk identifiants: each well-formed one costs a real scrypt verification.
           submission({"nom_utilisateur": st.one_of(JUNK, JUNK, JUNK, st.sampled_from(identifiants)),
                       "mot_de_passe": field(demo["password"], corse["password"]), "action": field("retour", share=15)}),
           submission({}))
    def connexion(departement: dict, identifiant: dict, mot_de_passe: dict, logout: dict) -> None:
        # A logout in every example, logged in or not: each form gets a submission per example.
        with fuzzed.visitor() as client:
            fuzzed.send(client, "/connexion/departement", departement)
            fuzzed.send(client, "/connexion/identifiant", identifiant)
            fuzzed.send(client, "/connexion/mot-de-passe", mot_de_passe)
            fuzzed.send(client, "/connexion/deconnexion", logout)

    with inside_the_window():
        connexion()
        assert bystander.get("/espace-personnel").status_code == 200  # nobody else was logged out
    assert fuzzed.sent - before >= FUZZ.max_examples * 4
    fuzzed.check_sessions()


def test_fuzz_recovery_of_identifiant_and_password(fuzzed: Fuzzed):
    who = persona(fuzzed, "sms_only")
    born = birth(who)
    before = fuzzed.sent

    @settings(FUZZ)
    @given(submission({"nom": field(who["last_name"], who["last_name"].upper()),
                       "prenom": field(who["first_name"]), "date_naissance": field(born, "3/11/1979")}),
           submission({"canal": field("sms", "email")}),
           submission({"identifiant": field(who["identifiant"]), "date_naissance": field(born)}),
           submission({"canal": field("sms", "email")}),
           submission({"code": field("000000", "12345")}), st.booleans(),
           submission({"nouveau_mot_de_passe": field("Nouveau-2019!", "Sms2019!", "court"),
                       "confirmation": field("Nouveau-2019!", "Sms2019!")}))
    def recovery(nom: dict, canal: dict, ident: dict, canal2: dict, code: dict, real_code: bool,
                 nouveau: dict) -> None:
        with fuzzed.visitor() as client:
            fuzzed.send(client, "/connexion/identifiant-oublie", nom)
            fuzzed.send(client, "/connexion/identifiant-oublie/canal", canal)
            fuzzed.send(client, "/connexion/mot-de-passe-oublie", ident)
            fuzzed.send(client, "/connexion/mot-de-passe-oublie/canal", canal2)
            if real_code:  # the code really sent, so that the last step is reached too
                sent = fuzzed.app.state.db.one("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
                found = re.search(r"\b(\d{6})\b", sent["body"]) if sent else None
                if found:
                    code = {**code, "pairs": [("code", found.group(1))]}
            fuzzed.send(client, "/connexion/mot-de-passe-oublie/code", code)
            fuzzed.send(client, "/connexion/mot-de-passe-oublie/nouveau", nouveau)

    with inside_the_window():
        recovery()
    assert fuzzed.sent - before >= FUZZ.max_examples * 6
    fuzzed.check_sessions()
    rows = fuzzed.app.state.db.all("SELECT identifiant, password_hash FROM personas")
    assert all(row["password_hash"].startswith("scrypt$") for row in rows)


