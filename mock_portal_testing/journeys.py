"""One list of journeys: how a user reaches each screen, from a fresh portal.

A journey takes a :class:`Visitor` (the page and the helpers a test has), brings the page to one
named screen through the page objects, and returns the locator that proves the page arrived.
The tutorial label checks, the accessibility audit, the visual comparison and
``scripts/screenshots.py`` all reach their screens through :data:`JOURNEYS`: adding a screen is
adding one journey here (those of classroom mode are written in journeys_classe.py, and listed
here too).

Names follow the naming chain: the template's path without ``.html`` (``connexion/identifiant``,
``actualisation/validation``), and ``@state`` for the same template in another state
(``actualisation/validation@activite``, ``connexion/departement@erreur``, ``accueil@fermee``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache

from fpdf import FPDF
from playwright.sync_api import FilePayload, Locator, Page, expect

from mock_portal.screens.aide import TOPICS
from mock_portal_testing import journeys_classe
from mock_portal_testing.pages import (
    AccueilPage,
    AidePage,
    ConfirmationPage,
    DepartementPage,
    EnvoyerUnDocumentPage,
    EspacePersonnelPage,
    FermeePage,
    FormulairePage,
    IdentifiantOublieCanalPage,
    IdentifiantOubliePage,
    IdentifiantPage,
    MesEchangesPage,
    MotDePasseOublieCanalPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
    MotDePassePage,
    OutboxPage,
    ValidationPage,
)
from mock_portal_testing.situations import HOURS, RECHERCHE, STAGE, TRAVAIL, Situation
from mock_portal_testing.visitor import Journey, Visitor
from mock_portal_testing.visitor import goto as _goto

# The tutorial's own example of Etape 2 with an activity.
WORKED = Situation().worked("35", "1 234,56")
# Between the June and July 2019 windows.
CLOSED = "2019-07-20T10:00:00"


@cache
def payslip() -> FilePayload:
    """A one-page PDF to send, made here so that journeys need no file of this repository."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2019, 6, 28, 9, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Bulletin de salaire - document fictif")
    return {"name": "bulletin-de-salaire.pdf", "mimeType": "application/pdf", "buffer": bytes(pdf.output())}


def reach(visitor: Visitor, screen: str) -> Locator:
    """Bring the visitor's page to ``screen``; the returned locator proves the arrival."""
    journey = JOURNEYS.get(screen)
    if journey is None:
        raise LookupError(f"no journey reaches the screen {screen!r}: add one to {__name__}.JOURNEYS")
    return journey(visitor)


# --- the journeys ------------------------------------------------------------------------------


def _closed(journey: Journey) -> Journey:
    """The same screen between two windows."""
    def closed(v: Visitor) -> Locator:
        v.time_travel.to(CLOSED)
        return journey(v)
    return closed


def _identifiant(v: Visitor) -> Locator:
    DepartementPage(v.page).open()
    DepartementPage(v.page).submit(v.persona.department)
    return IdentifiantPage(v.page).identifiant


def _mot_de_passe(v: Visitor) -> Locator:
    expect(_identifiant(v)).to_be_visible()
    IdentifiantPage(v.page).submit(v.persona.identifiant)
    return MotDePassePage(v.page).mot_de_passe


def _identifiant_oublie_canal(v: Visitor) -> Locator:
    IdentifiantOubliePage(v.page).open()
    IdentifiantOubliePage(v.page).identify(v.identity.nom, v.identity.prenom, v.identity.date_naissance)
    return IdentifiantOublieCanalPage(v.page).channel("email")


def _identifiant_envoye(v: Visitor) -> Locator:
    expect(_identifiant_oublie_canal(v)).to_be_visible()
    IdentifiantOublieCanalPage(v.page).choose("sms")
    return v.h1("Demande enregistrée")


def _mot_de_passe_oublie_canal(v: Visitor) -> Locator:
    MotDePasseOubliePage(v.page).open()
    MotDePasseOubliePage(v.page).identify(v.identity.identifiant, v.identity.date_naissance)
    return MotDePasseOublieCanalPage(v.page).channel("email")


def _code_recu(v: Visitor) -> Locator:
    expect(_mot_de_passe_oublie_canal(v)).to_be_visible()
    MotDePasseOublieCanalPage(v.page).choose("email")
    return MotDePasseOublieCodePage(v.page).code


def _nouveau_mot_de_passe(v: Visitor) -> Locator:
    expect(_code_recu(v)).to_be_visible()  # the code is in the outbox once its page shows
    MotDePasseOublieCodePage(v.page).submit(v.outbox.latest_code(v.persona, "email"))
    return MotDePasseOublieNouveauPage(v.page).new_password


def _mot_de_passe_modifie(v: Visitor) -> Locator:
    expect(_nouveau_mot_de_passe(v)).to_be_visible()
    MotDePasseOublieNouveauPage(v.page).choose("Nouveau-2019!")
    return v.h1("Votre mot de passe a été modifié")


def _outbox(v: Visitor) -> Locator:
    expect(_code_recu(v)).to_be_visible()
    OutboxPage(v.page).open()
    return OutboxPage(v.page).messages


def _espace_personnel(v: Visitor) -> Locator:
    v.logged_in(EspacePersonnelPage.path)
    return EspacePersonnelPage(v.page).heading


def _formulaire(v: Visitor) -> Locator:
    v.logged_in(FermeePage.path)  # /actualisation: the form while the window is open
    return FormulairePage(v.page).question(TRAVAIL)


def _answered(situation: Situation, shown: Callable[[FormulairePage], Locator]) -> Journey:
    def journey(v: Visitor) -> Locator:
        expect(_formulaire(v)).to_be_visible()
        form = FormulairePage(v.page)
        form.fill_situation(situation)
        return shown(form)
    return journey


def _confirmation(v: Visitor) -> Locator:
    expect(_formulaire(v)).to_be_visible()
    FormulairePage(v.page).declare(Situation())  # the tutorial's example: « Non » everywhere
    return ConfirmationPage(v.page).validate_answer_button


def _validation(situation: Situation, shown: Callable[[ValidationPage], Locator]) -> Journey:
    def journey(v: Visitor) -> Locator:
        expect(_formulaire(v)).to_be_visible()
        FormulairePage(v.page).declare(situation)
        ConfirmationPage(v.page).confirm()
        return shown(ValidationPage(v.page))
    return journey


_validated = _validation(Situation(), lambda validation: validation.validated)


def _deja_declare(v: Visitor) -> Locator:
    expect(_validated(v)).to_be_visible()
    v.page.goto(FermeePage.path)
    return v.h1("Vous avez déjà déclaré votre situation pour cette période")


def _modification_refusee(v: Visitor) -> Locator:
    expect(_validated(v)).to_be_visible()
    # The next morning: past the deadline, and the session has expired meanwhile.
    v.time_travel.to("2019-06-29T08:00:00")
    v.logged_in("/actualisation/modifier")
    return v.h1("Modification impossible")


def _mes_echanges(v: Visitor) -> Locator:
    expect(_espace_personnel(v)).to_be_visible()
    MesEchangesPage(v.page).open_from_personal_space()
    return MesEchangesPage(v.page).no_documents


def _envoyer_un_document(v: Visitor) -> Locator:
    expect(_mes_echanges(v)).to_be_visible()
    MesEchangesPage(v.page).send_document_link.click()
    return EnvoyerUnDocumentPage(v.page).file_input


def _document_envoye(v: Visitor) -> Locator:
    expect(_envoyer_un_document(v)).to_be_visible()
    EnvoyerUnDocumentPage(v.page).send_document(payslip())
    return v.h1("Votre document a bien été envoyé")


def _mes_echanges_document(v: Visitor) -> Locator:
    expect(_document_envoye(v)).to_be_visible()
    MesEchangesPage(v.page).open()
    return MesEchangesPage(v.page).document_link(payslip()["name"])


def _aide(topic: str) -> Journey:
    def journey(v: Visitor) -> Locator:
        AidePage(v.page).open_topic(topic)
        return AidePage(v.page).back
    return journey


def _csrf(v: Visitor) -> Locator:
    DepartementPage(v.page).open()
    v.page.context.clear_cookies()  # the form's token no longer matches any cookie
    DepartementPage(v.page).submit(v.persona.department)
    return v.h1("Formulaire expiré ou non autorisé")


def _accueil_connecte(v: Visitor) -> Locator:
    v.logged_in(AccueilPage.path)
    return AccueilPage(v.page).my_personal_space_link


_accueil = _goto(AccueilPage.path, "Bienvenue sur votre portail emploi")

JOURNEYS: dict[str, Journey] = {
    "accueil": _accueil,
    "accueil@fermee": _closed(_accueil),
    "accueil@connecte": _accueil_connecte,
    "connexion/departement": _goto(DepartementPage.path, "Connexion candidat"),
    "connexion/identifiant": _identifiant,
    "connexion/mot_de_passe": _mot_de_passe,
    "connexion/identifiant_oublie": _goto(IdentifiantOubliePage.path, "J'ai oublié mon identifiant"),
    "connexion/identifiant_oublie_canal": _identifiant_oublie_canal,
    "connexion/identifiant_oublie_envoye": _identifiant_envoye,
    "connexion/mot_de_passe_oublie": _goto(MotDePasseOubliePage.path, "J'ai oublié mon mot de passe"),
    "connexion/mot_de_passe_oublie_canal": _mot_de_passe_oublie_canal,
    "connexion/mot_de_passe_oublie_code": _code_recu,
    "connexion/mot_de_passe_oublie_nouveau": _nouveau_mot_de_passe,
    "connexion/mot_de_passe_oublie_modifie": _mot_de_passe_modifie,
    "outbox@vide": _goto(OutboxPage.path, "Boîte d'envoi"),
    "outbox": _outbox,
    "espace_personnel": _espace_personnel,
    "espace_personnel@fermee": _closed(_espace_personnel),
    "actualisation/formulaire": _formulaire,
    # « Oui » to the first question reveals hours and salary (the tutorial's Etape 2 picture).
    "actualisation/formulaire@travail_oui": _answered(WORKED, lambda form: form.field(TRAVAIL, HOURS)),
    "actualisation/formulaire@details": _answered(
        Situation().answering(TRAVAIL, "Oui").answering(STAGE, "Oui").answering(RECHERCHE, "Non"),
        lambda form: form.field(RECHERCHE, "Depuis le")),
    "actualisation/confirmation": _confirmation,
    "actualisation/validation": _validated,
    "actualisation/validation@activite": _validation(WORKED, lambda validation: validation.activity),
    "actualisation/deja_declare": _deja_declare,
    "actualisation/modification_refusee": _modification_refusee,
    "actualisation/fermee": _closed(_goto(FermeePage.path, "La période d'actualisation est fermée")),
    "echanges/mes_echanges": _mes_echanges,
    "echanges/mes_echanges@document": _mes_echanges_document,
    "echanges/envoyer_un_document": _envoyer_un_document,
    "echanges/document_envoye": _document_envoye,
    **{f"aide/{topic}": _aide(topic) for topic in TOPICS},
    "errors/erreur@introuvable": _goto("/page-absente", "Page introuvable"),
    "errors/erreur@csrf": _csrf,
    **journeys_classe.JOURNEYS,
}

# The mistake a user makes on a screen: the same screen, with its error summary.
MISTAKES: dict[str, Callable[[Page], None]] = {
    "connexion/departement": lambda page: DepartementPage(page).submit("999"),
    "connexion/identifiant": lambda page: IdentifiantPage(page).submit(""),
    "connexion/mot_de_passe": lambda page: MotDePassePage(page).submit("mauvais"),
    "connexion/identifiant_oublie": lambda page: IdentifiantOubliePage(page).continue_.click(),
    "connexion/identifiant_oublie_canal": lambda page: IdentifiantOublieCanalPage(page).continue_.click(),
    "connexion/mot_de_passe_oublie": lambda page: MotDePasseOubliePage(page).continue_.click(),
    "connexion/mot_de_passe_oublie_canal": lambda page: MotDePasseOublieCanalPage(page).continue_.click(),
    "connexion/mot_de_passe_oublie_code": lambda page: MotDePasseOublieCodePage(page).submit("12"),
    "connexion/mot_de_passe_oublie_nouveau":
        lambda page: MotDePasseOublieNouveauPage(page).choose("court", "autre"),
    "actualisation/formulaire": lambda page: FormulairePage(page).validate_button.click(),
    "echanges/envoyer_un_document": lambda page: EnvoyerUnDocumentPage(page).send_button.click(),
    **journeys_classe.MISTAKES,
}


def _with_mistake(journey: Journey, mistake: Callable[[Page], None]) -> Journey:
    def wrong(v: Visitor) -> Locator:
        expect(journey(v)).to_be_visible()
        mistake(v.page)
        return v.page.get_by_role("alert")
    return wrong


JOURNEYS.update({f"{name}@erreur": _with_mistake(JOURNEYS[name], mistake)
                 for name, mistake in MISTAKES.items()})
