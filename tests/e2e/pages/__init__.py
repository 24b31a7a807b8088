"""One page object per screen; locators only by role, label or visible text.

Every class listed in PAGES becomes a fixture named after it in snake case
(``DepartementPage`` → ``departement_page``): adding a screen means adding its class here.
"""

from tests.e2e.pages.accueil import AccueilPage
from tests.e2e.pages.actualisation import (
    ConfirmationPage,
    DejaDeclarePage,
    FermeePage,
    FormulairePage,
    ModificationRefuseePage,
    Situation,
    ValidationPage,
)
from tests.e2e.pages.aide import AidePage
from tests.e2e.pages.base import BasePage, Persona
from tests.e2e.pages.connexion import DepartementPage, IdentifiantPage, MotDePassePage
from tests.e2e.pages.echanges import DocumentEnvoyePage, EnvoyerUnDocumentPage, MesEchangesPage
from tests.e2e.pages.espace_personnel import EspacePersonnelPage
from tests.e2e.pages.oubli import (
    CodeRecuPage,
    IdentifiantEnvoyePage,
    IdentifiantOublieCanalPage,
    IdentifiantOubliePage,
    Identity,
    MotDePasseModifiePage,
    MotDePasseOublieCanalPage,
    MotDePasseOubliePage,
    NouveauMotDePassePage,
    OutboxPage,
)

PAGES: list[type[BasePage]] = [
    AccueilPage,
    DepartementPage,
    IdentifiantPage,
    MotDePassePage,
    EspacePersonnelPage,
    IdentifiantOubliePage,
    IdentifiantOublieCanalPage,
    IdentifiantEnvoyePage,
    MotDePasseOubliePage,
    MotDePasseOublieCanalPage,
    CodeRecuPage,
    NouveauMotDePassePage,
    MotDePasseModifiePage,
    OutboxPage,
    FormulairePage,
    FermeePage,
    ConfirmationPage,
    ValidationPage,
    DejaDeclarePage,
    ModificationRefuseePage,
    MesEchangesPage,
    EnvoyerUnDocumentPage,
    DocumentEnvoyePage,
    AidePage,
]

__all__ = [
    "PAGES",
    "AccueilPage",
    "AidePage",
    "BasePage",
    "CodeRecuPage",
    "ConfirmationPage",
    "DejaDeclarePage",
    "DepartementPage",
    "DocumentEnvoyePage",
    "EnvoyerUnDocumentPage",
    "EspacePersonnelPage",
    "FermeePage",
    "FormulairePage",
    "IdentifiantEnvoyePage",
    "IdentifiantOublieCanalPage",
    "IdentifiantOubliePage",
    "IdentifiantPage",
    "Identity",
    "MesEchangesPage",
    "ModificationRefuseePage",
    "MotDePasseModifiePage",
    "MotDePasseOublieCanalPage",
    "MotDePasseOubliePage",
    "MotDePassePage",
    "NouveauMotDePassePage",
    "OutboxPage",
    "Persona",
    "Situation",
    "ValidationPage",
]
