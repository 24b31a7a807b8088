"""Every screen of the portal, reached the way a user reaches it (for the accessibility scan)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from mock_portal.aide import TOPICS
from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import (
    AccueilPage,
    AidePage,
    CodeRecuPage,
    ConfirmationPage,
    DepartementPage,
    EnvoyerUnDocumentPage,
    EspacePersonnelPage,
    FormulairePage,
    IdentifiantOublieCanalPage,
    IdentifiantOubliePage,
    IdentifiantPage,
    Identity,
    MesEchangesPage,
    MotDePasseOublieCanalPage,
    MotDePasseOubliePage,
    MotDePassePage,
    NouveauMotDePassePage,
    OutboxPage,
    Persona,
    Situation,
)
from mock_portal_testing.pages.actualisation import RECHERCHE, STAGE, TRAVAIL
from mock_portal_testing.time_travel import TimeTravel
from tests.conftest import ROOT

PAYSLIP = ROOT / "fixtures" / "files" / "bulletin-de-salaire.pdf"
VALIDATED = "Votre déclaration de situation mensuelle a bien été validée le"
WORKED = Situation().but(TRAVAIL, "Oui", **{
    "Heures travaillées dans le mois": "35",
    "Montant total de votre ou vos salaires bruts réels ou estimés": "1 234,56",
})


@dataclass
class Visit:
    page: Page
    login_as: Callable[[Persona], Page]
    demo: Persona
    identity: Identity
    time_travel: TimeTravel
    outbox: Outbox

    def h1(self, text: str) -> Locator:
        return self.page.get_by_role("heading", level=1, name=text)

    def logged_in(self, path: str) -> Page:
        self.login_as(self.demo).goto(path)
        return self.page


# --- how each screen is reached; a recipe returns what shows that the screen is there ---------

Recipe = Callable[[Visit], Locator]


def _goto(path: str, h1: str) -> Recipe:
    def reach(v: Visit) -> Locator:
        v.page.goto(path)
        return v.h1(h1)
    return reach


def _closed(recipe: Recipe) -> Recipe:
    """The same screen between two windows (20 July)."""
    def reach(v: Visit) -> Locator:
        v.time_travel.to("2019-07-20T10:00:00")
        return recipe(v)
    return reach


def _identifiant(v: Visit) -> Locator:
    v.page.goto(DepartementPage.path)
    DepartementPage(v.page).submit(v.demo.department)
    return IdentifiantPage(v.page).identifiant


def _mot_de_passe(v: Visit) -> Locator:
    _identifiant(v)
    IdentifiantPage(v.page).submit(v.demo.identifiant)
    return MotDePassePage(v.page).mot_de_passe


def _identifiant_oublie_canal(v: Visit) -> Locator:
    v.page.goto(IdentifiantOubliePage.path)
    IdentifiantOubliePage(v.page).identify(v.identity.nom, v.identity.prenom, v.identity.date_naissance)
    return IdentifiantOublieCanalPage(v.page).channel("email")


def _identifiant_envoye(v: Visit) -> Locator:
    _identifiant_oublie_canal(v)
    IdentifiantOublieCanalPage(v.page).choose("sms")
    return v.h1("Demande enregistrée")


def _mot_de_passe_oublie_canal(v: Visit) -> Locator:
    v.page.goto(MotDePasseOubliePage.path)
    MotDePasseOubliePage(v.page).identify(v.identity.identifiant, v.identity.date_naissance)
    return MotDePasseOublieCanalPage(v.page).channel("email")


def _code_recu(v: Visit) -> Locator:
    _mot_de_passe_oublie_canal(v)
    MotDePasseOublieCanalPage(v.page).choose("email")
    return CodeRecuPage(v.page).code


def _nouveau_mot_de_passe(v: Visit) -> Locator:
    expect(_code_recu(v)).to_be_visible()  # the code is in the outbox once its page shows
    CodeRecuPage(v.page).submit(v.outbox.latest_code(v.demo, "email"))
    return NouveauMotDePassePage(v.page).nouveau


def _mot_de_passe_modifie(v: Visit) -> Locator:
    _nouveau_mot_de_passe(v)
    NouveauMotDePassePage(v.page).choose("Nouveau-2019!")
    return v.h1("Votre mot de passe a été modifié")


def _outbox(v: Visit) -> Locator:
    expect(_code_recu(v)).to_be_visible()
    v.page.goto(OutboxPage.path)
    return OutboxPage(v.page).messages


def _espace_personnel(v: Visit) -> Locator:
    v.logged_in(EspacePersonnelPage.path)
    return EspacePersonnelPage(v.page).heading


def _formulaire(v: Visit) -> Locator:
    v.logged_in("/actualisation")
    return FormulairePage(v.page).question(TRAVAIL)


def _formulaire_details(v: Visit) -> Locator:
    _formulaire(v)
    form = FormulairePage(v.page)
    form.fill_situation(Situation().but(TRAVAIL, "Oui").but(STAGE, "Oui").but(RECHERCHE, "Non"))
    return form.field(RECHERCHE, "Depuis le")


def _confirmation(v: Visit) -> Locator:
    _formulaire(v)
    FormulairePage(v.page).declare(WORKED)
    return ConfirmationPage(v.page).valider_votre_reponse


def _validation(situation: Situation, shown: str) -> Recipe:
    def reach(v: Visit) -> Locator:
        _formulaire(v)
        FormulairePage(v.page).declare(situation)
        ConfirmationPage(v.page).confirm()
        return v.page.get_by_text(shown)
    return reach


def _deja_declare(v: Visit) -> Locator:
    expect(_validation(Situation(), VALIDATED)(v)).to_be_visible()
    v.page.goto("/actualisation")
    return v.h1("Vous avez déjà déclaré votre situation pour cette période")


def _modification_refusee(v: Visit) -> Locator:
    expect(_validation(Situation(), VALIDATED)(v)).to_be_visible()
    # The next morning: past the deadline, and the session has expired meanwhile.
    v.time_travel.to("2019-06-29T08:00:00")
    v.logged_in("/actualisation/modifier")
    return v.h1("Modification impossible")


def _mes_echanges(v: Visit) -> Locator:
    v.logged_in(MesEchangesPage.path)
    return MesEchangesPage(v.page).aucun_document


def _envoyer(v: Visit) -> Locator:
    v.logged_in(MesEchangesPage.path)
    MesEchangesPage(v.page).envoyer_un_document.click()
    return EnvoyerUnDocumentPage(v.page).fichier


def _document_envoye(v: Visit) -> Locator:
    _envoyer(v)
    EnvoyerUnDocumentPage(v.page).send_document(PAYSLIP)
    return v.h1("Votre document a bien été envoyé")


def _mes_echanges_document(v: Visit) -> Locator:
    expect(_document_envoye(v)).to_be_visible()
    v.page.goto(MesEchangesPage.path)
    return MesEchangesPage(v.page).document_link(PAYSLIP.name)


def _aide(topic: str) -> Recipe:
    def reach(v: Visit) -> Locator:
        AidePage(v.page).open_topic(topic)
        return AidePage(v.page).retour
    return reach


def _csrf(v: Visit) -> Locator:
    v.page.goto(DepartementPage.path)
    v.page.context.clear_cookies()  # the form's token no longer matches any cookie
    DepartementPage(v.page).submit(v.demo.department)
    return v.h1("Formulaire expiré ou non autorisé")


SCREENS: dict[str, Recipe] = {
    "accueil": _goto(AccueilPage.path, "Bienvenue sur votre portail emploi"),
    "accueil_fermee": _closed(_goto(AccueilPage.path, "Bienvenue sur votre portail emploi")),
    "departement": _goto(DepartementPage.path, "Connexion candidat"),
    "identifiant": _identifiant,
    "mot_de_passe": _mot_de_passe,
    "identifiant_oublie": _goto(IdentifiantOubliePage.path, "J'ai oublié mon identifiant"),
    "identifiant_oublie_canal": _identifiant_oublie_canal,
    "identifiant_envoye": _identifiant_envoye,
    "mot_de_passe_oublie": _goto(MotDePasseOubliePage.path, "J'ai oublié mon mot de passe"),
    "mot_de_passe_oublie_canal": _mot_de_passe_oublie_canal,
    "code_recu": _code_recu,
    "nouveau_mot_de_passe": _nouveau_mot_de_passe,
    "mot_de_passe_modifie": _mot_de_passe_modifie,
    "outbox_vide": _goto(OutboxPage.path, "Boîte d'envoi"),
    "outbox": _outbox,
    "espace_personnel": _espace_personnel,
    "espace_personnel_fermee": _closed(_espace_personnel),
    "formulaire": _formulaire,
    "formulaire_details": _formulaire_details,
    "confirmation": _confirmation,
    "validation": _validation(Situation(), VALIDATED),
    "validation_activite": _validation(WORKED, "Vous avez déclaré une activité professionnelle."),
    "deja_declare": _deja_declare,
    "modification_refusee": _modification_refusee,
    "fermee": _closed(_goto("/actualisation", "La période d'actualisation est fermée")),
    "mes_echanges": _mes_echanges,
    "mes_echanges_document": _mes_echanges_document,
    "envoyer_un_document": _envoyer,
    "document_envoye": _document_envoye,
    **{f"aide_{topic}": _aide(topic) for topic in TOPICS},
    "page_introuvable": _goto("/page-absente", "Page introuvable"),
    "csrf": _csrf,
}

# Error states: on the screen, the mistake a user makes; the error summary shows up.
MISTAKES: dict[str, Callable[[Page], None]] = {
    "departement": lambda page: DepartementPage(page).submit("999"),
    "identifiant": lambda page: IdentifiantPage(page).submit(""),
    "mot_de_passe": lambda page: MotDePassePage(page).submit("mauvais"),
    "identifiant_oublie": lambda page: IdentifiantOubliePage(page).poursuivre.click(),
    "identifiant_oublie_canal": lambda page: IdentifiantOublieCanalPage(page).poursuivre.click(),
    "mot_de_passe_oublie": lambda page: MotDePasseOubliePage(page).poursuivre.click(),
    "mot_de_passe_oublie_canal": lambda page: MotDePasseOublieCanalPage(page).poursuivre.click(),
    "code_recu": lambda page: CodeRecuPage(page).submit("12"),
    "nouveau_mot_de_passe": lambda page: NouveauMotDePassePage(page).choose("court", "autre"),
    "formulaire": lambda page: FormulairePage(page).valider.click(),
    "envoyer_un_document": lambda page: EnvoyerUnDocumentPage(page).envoyer.click(),
}


def _with_mistake(recipe: Recipe, mistake: Callable[[Page], None]) -> Recipe:
    def reach(v: Visit) -> Locator:
        expect(recipe(v)).to_be_visible()
        mistake(v.page)
        return v.page.get_by_role("alert")
    return reach


SCREENS.update({f"{name}_erreur": _with_mistake(SCREENS[name], mistake) for name, mistake in MISTAKES.items()})
