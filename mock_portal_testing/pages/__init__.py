"""One page object per screen; locators only by role, label or visible text.

Each class is named after its route (``connexion:identifiant`` → ``IdentifiantPage``), lives in
the module named after its screen module (``screens/connexion.py`` → ``pages/connexion.py``), and
has a fixture of the same name in snake case (``identifiant_page``, in ``page_fixtures.py``).
PAGES lists them all, for the naming-chain test and the reference in docs/page-objects.md.
"""

from mock_portal_testing.pages.accueil import AccueilPage
from mock_portal_testing.pages.actualisation import (
    ConfirmationPage,
    DejaDeclarePage,
    FermeePage,
    FormulairePage,
    ModificationRefuseePage,
    ValidationPage,
)
from mock_portal_testing.pages.aide import AidePage
from mock_portal_testing.pages.base import BasePage
from mock_portal_testing.pages.connexion import DepartementPage, IdentifiantPage, MotDePassePage
from mock_portal_testing.pages.coordonnees import CodePage, CoordonneesPage, ModifieesPage, ModifierPage
from mock_portal_testing.pages.echanges import DocumentEnvoyePage, EnvoyerUnDocumentPage, MesEchangesPage
from mock_portal_testing.pages.espace_personnel import EspacePersonnelPage
from mock_portal_testing.pages.formateur import ConnexionPage, FormateurPage
from mock_portal_testing.pages.oubli import (
    IdentifiantOublieCanalPage,
    IdentifiantOublieEnvoyePage,
    IdentifiantOubliePage,
    MotDePasseOublieCanalPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieModifiePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
)
from mock_portal_testing.pages.outbox import OutboxPage

PAGES: list[type[BasePage]] = [
    AccueilPage,
    DepartementPage,
    IdentifiantPage,
    MotDePassePage,
    EspacePersonnelPage,
    IdentifiantOubliePage,
    IdentifiantOublieCanalPage,
    IdentifiantOublieEnvoyePage,
    MotDePasseOubliePage,
    MotDePasseOublieCanalPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOublieModifiePage,
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
    ConnexionPage,
    FormateurPage,
    CoordonneesPage,
    ModifierPage,
    CodePage,
    ModifieesPage,
]

__all__ = [
    "PAGES",
    "AccueilPage",
    "AidePage",
    "BasePage",
    "CodePage",
    "ConfirmationPage",
    "ConnexionPage",
    "CoordonneesPage",
    "DejaDeclarePage",
    "DepartementPage",
    "DocumentEnvoyePage",
    "EnvoyerUnDocumentPage",
    "EspacePersonnelPage",
    "FermeePage",
    "FormateurPage",
    "FormulairePage",
    "IdentifiantOublieCanalPage",
    "IdentifiantOublieEnvoyePage",
    "IdentifiantOubliePage",
    "IdentifiantPage",
    "MesEchangesPage",
    "ModificationRefuseePage",
    "ModifieesPage",
    "ModifierPage",
    "MotDePasseOublieCanalPage",
    "MotDePasseOublieCodePage",
    "MotDePasseOublieModifiePage",
    "MotDePasseOublieNouveauPage",
    "MotDePasseOubliePage",
    "MotDePassePage",
    "OutboxPage",
    "ValidationPage",
]
