"""Classroom mode in a browser: a learner follows their card, and reads only their own codes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mock_portal_testing.outbox import CODE, Outbox
from mock_portal_testing.pages import (
    DepartementPage,
    EspacePersonnelPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieModifiePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
    OutboxPage,
)
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal

NEW_PASSWORD = "Classe2019!"


def test_classe_learner_logs_in_with_the_card_and_reads_only_their_code(
    page: Page, portal: Portal, departement_page: DepartementPage,
    espace_personnel_page: EspacePersonnelPage, mot_de_passe_oublie_page: MotDePasseOubliePage,
    mot_de_passe_oublie_code_page: MotDePasseOublieCodePage, mot_de_passe_oublie_nouveau_page: MotDePasseOublieNouveauPage,
    mot_de_passe_oublie_modifie_page: MotDePasseOublieModifiePage, outbox: Outbox,
):
    # What `mock-portal classe` prints on the cards, as the testing API gives it.
    seated = portal.request("POST", "/_testing/classe", {"n": 3})
    mine, other = Persona.from_json(seated[0]), Persona.from_json(seated[1])

    departement_page.open()
    departement_page.log_in(mine)
    expect(espace_personnel_page.greeting(mine.full_name)).to_be_visible()
    espace_personnel_page.header.logout()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()

    # Two learners forget their password; each code goes to its owner only.
    for entry in (seated[1], seated[0]):
        mot_de_passe_oublie_page.open()
        mot_de_passe_oublie_page.request_code(Identity.from_json(entry), "email")

    page.goto(seated[0]["outbox_path"])
    own = OutboxPage(page)
    expect(own.heading).to_have_text("Mes messages")
    expect(own.messages).to_have_count(1)
    # One row, theirs: the other learner's code was sent too, and is not here.
    expect(own.messages).to_contain_text(mine.email or "")
    assert [m["to"] for m in outbox.all()] == [other.email, mine.email]
    code = CODE.search(own.messages.inner_text())
    assert code, own.messages.inner_text()
    assert code.group(1) == outbox.latest_code(mine, "email")

    # The code read on their own page is the one that works.
    page.goto(MotDePasseOublieCodePage.path)
    mot_de_passe_oublie_code_page.submit(code.group(1))
    mot_de_passe_oublie_nouveau_page.choose(NEW_PASSWORD)
    expect(mot_de_passe_oublie_modifie_page.heading).to_have_text("Votre mot de passe a été modifié")
