"""Classroom mode in a browser: a learner follows their card, and reads only their own codes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mock_portal_testing.outbox import CODE, Outbox
from mock_portal_testing.pages import (
    CodeRecuPage,
    DepartementPage,
    EspacePersonnelPage,
    Identity,
    MotDePasseModifiePage,
    MotDePasseOubliePage,
    NouveauMotDePassePage,
    OutboxPage,
    Persona,
)
from mock_portal_testing.portal import Portal

NEW_PASSWORD = "Classe2019!"


def test_classe_learner_logs_in_with_the_card_and_reads_only_their_code(
    page: Page, portal: Portal, departement_page: DepartementPage,
    espace_personnel_page: EspacePersonnelPage, mot_de_passe_oublie_page: MotDePasseOubliePage,
    code_recu_page: CodeRecuPage, nouveau_mot_de_passe_page: NouveauMotDePassePage,
    mot_de_passe_modifie_page: MotDePasseModifiePage, outbox: Outbox,
):
    # What `mock-portal classe` prints on the cards, as the testing API gives it.
    seated = portal.request("POST", "/_testing/classe", {"n": 3})
    mine, other = Persona.from_json(seated[0]), Persona.from_json(seated[1])

    departement_page.open()
    departement_page.login_as(mine)
    expect(espace_personnel_page.greeting(mine.full_name)).to_be_visible()
    espace_personnel_page.logout()
    expect(page.get_by_text("Vous êtes déconnecté(e).")).to_be_visible()

    # Two learners forget their password; each code goes to its owner only.
    for entry in (seated[1], seated[0]):
        mot_de_passe_oublie_page.open()
        mot_de_passe_oublie_page.request_code(Identity.from_json(entry), "email")
        expect(code_recu_page.code).to_be_visible()

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
    page.goto(CodeRecuPage.path)
    code_recu_page.submit(code.group(1))
    nouveau_mot_de_passe_page.choose(NEW_PASSWORD)
    expect(mot_de_passe_modifie_page.heading).to_have_text("Votre mot de passe a été modifié")
