"""One page object per screen; locators only by role, label or visible text.

Every class listed in PAGES becomes a fixture named after it in snake case
(``DepartementPage`` → ``departement_page``): adding a screen means adding its class here.
"""

from mock_portal_testing.pages.accueil import AccueilPage
from mock_portal_testing.pages.actualisation import (
    ConfirmationPage,
    DejaDeclarePage,
    FermeePage,
    FormulairePage,
    ModificationRefuseePage,
    Situation,
    ValidationPage,
)
from mock_portal_testing.pages.aide import AidePage
from mock_portal_testing.pages.base import BasePage, Persona
from mock_portal_testing.pages.connexion import DepartementPage, IdentifiantPage, MotDePassePage
from mock_portal_testing.pages.coordonnees import (
    CodeCoordonneesPage,
    CoordonneesModifieesPage,
    CoordonneesPage,
    ModifierCoordonneesPage,
)
from mock_portal_testing.pages.echanges import DocumentEnvoyePage, EnvoyerUnDocumentPage, MesEchangesPage
from mock_portal_testing.pages.espace_personnel import EspacePersonnelPage
from mock_portal_testing.pages.formateur import FormateurConnexionPage, FormateurPage
from mock_portal_testing.pages.oubli import (
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
    FormateurConnexionPage,
    FormateurPage,
    CoordonneesPage,
    ModifierCoordonneesPage,
    CodeCoordonneesPage,
    CoordonneesModifieesPage,
]

__all__ = [
    "PAGES",
    "AccueilPage",
    "AidePage",
    "BasePage",
    "CodeCoordonneesPage",
    "CodeRecuPage",
    "ConfirmationPage",
    "CoordonneesModifieesPage",
    "CoordonneesPage",
    "DejaDeclarePage",
    "DepartementPage",
    "DocumentEnvoyePage",
    "EnvoyerUnDocumentPage",
    "EspacePersonnelPage",
    "FermeePage",
    "FormateurConnexionPage",
    "FormateurPage",
    "FormulairePage",
    "IdentifiantEnvoyePage",
    "IdentifiantOublieCanalPage",
    "IdentifiantOubliePage",
    "IdentifiantPage",
    "Identity",
    "MesEchangesPage",
    "ModificationRefuseePage",
    "ModifierCoordonneesPage",
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
