"""One fixture per page object, named after its class in snake case (``IdentifiantPage`` →
``identifiant_page``): the last link of the naming chain (README « Layout »), greppable as
``def identifiant_page``. tests/unit/test_naming_chain.py checks that every page has its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mock_portal_testing.pages import (
    AccueilPage,
    AidePage,
    CodePage,
    ConfirmationPage,
    ConnexionPage,
    CoordonneesPage,
    DejaDeclarePage,
    DepartementPage,
    DocumentEnvoyePage,
    EnvoyerUnDocumentPage,
    EspacePersonnelPage,
    FermeePage,
    FormateurPage,
    FormulairePage,
    IdentifiantOublieCanalPage,
    IdentifiantOublieEnvoyePage,
    IdentifiantOubliePage,
    IdentifiantPage,
    MesEchangesPage,
    ModificationRefuseePage,
    ModifieesPage,
    ModifierPage,
    MotDePasseOublieCanalPage,
    MotDePasseOublieCodePage,
    MotDePasseOublieModifiePage,
    MotDePasseOublieNouveauPage,
    MotDePasseOubliePage,
    MotDePassePage,
    OutboxPage,
    ValidationPage,
)


@pytest.fixture
def accueil_page(page: Page) -> AccueilPage:
    """The AccueilPage (/) on the test's page."""
    return AccueilPage(page)


@pytest.fixture
def departement_page(page: Page) -> DepartementPage:
    """The DepartementPage (/connexion/departement) on the test's page."""
    return DepartementPage(page)


@pytest.fixture
def identifiant_page(page: Page) -> IdentifiantPage:
    """The IdentifiantPage (/connexion/identifiant) on the test's page."""
    return IdentifiantPage(page)


@pytest.fixture
def mot_de_passe_page(page: Page) -> MotDePassePage:
    """The MotDePassePage (/connexion/mot-de-passe) on the test's page."""
    return MotDePassePage(page)


@pytest.fixture
def espace_personnel_page(page: Page) -> EspacePersonnelPage:
    """The EspacePersonnelPage (/espace-personnel) on the test's page."""
    return EspacePersonnelPage(page)


@pytest.fixture
def identifiant_oublie_page(page: Page) -> IdentifiantOubliePage:
    """The IdentifiantOubliePage (/connexion/identifiant-oublie) on the test's page."""
    return IdentifiantOubliePage(page)


@pytest.fixture
def identifiant_oublie_canal_page(page: Page) -> IdentifiantOublieCanalPage:
    """The IdentifiantOublieCanalPage (/connexion/identifiant-oublie/canal) on the test's page."""
    return IdentifiantOublieCanalPage(page)


@pytest.fixture
def identifiant_oublie_envoye_page(page: Page) -> IdentifiantOublieEnvoyePage:
    """The IdentifiantOublieEnvoyePage (/connexion/identifiant-oublie/envoye) on the test's page."""
    return IdentifiantOublieEnvoyePage(page)


@pytest.fixture
def mot_de_passe_oublie_page(page: Page) -> MotDePasseOubliePage:
    """The MotDePasseOubliePage (/connexion/mot-de-passe-oublie) on the test's page."""
    return MotDePasseOubliePage(page)


@pytest.fixture
def mot_de_passe_oublie_canal_page(page: Page) -> MotDePasseOublieCanalPage:
    """The MotDePasseOublieCanalPage (/connexion/mot-de-passe-oublie/canal) on the test's page."""
    return MotDePasseOublieCanalPage(page)


@pytest.fixture
def mot_de_passe_oublie_code_page(page: Page) -> MotDePasseOublieCodePage:
    """The MotDePasseOublieCodePage (/connexion/mot-de-passe-oublie/code) on the test's page."""
    return MotDePasseOublieCodePage(page)


@pytest.fixture
def mot_de_passe_oublie_nouveau_page(page: Page) -> MotDePasseOublieNouveauPage:
    """The MotDePasseOublieNouveauPage (/connexion/mot-de-passe-oublie/nouveau) on the test's page."""
    return MotDePasseOublieNouveauPage(page)


@pytest.fixture
def mot_de_passe_oublie_modifie_page(page: Page) -> MotDePasseOublieModifiePage:
    """The MotDePasseOublieModifiePage (/connexion/mot-de-passe-oublie/modifie) on the test's page."""
    return MotDePasseOublieModifiePage(page)


@pytest.fixture
def outbox_page(page: Page) -> OutboxPage:
    """The OutboxPage (/outbox) on the test's page."""
    return OutboxPage(page)


@pytest.fixture
def formulaire_page(page: Page) -> FormulairePage:
    """The FormulairePage (/actualisation/formulaire) on the test's page."""
    return FormulairePage(page)


@pytest.fixture
def fermee_page(page: Page) -> FermeePage:
    """The FermeePage (/actualisation) on the test's page."""
    return FermeePage(page)


@pytest.fixture
def confirmation_page(page: Page) -> ConfirmationPage:
    """The ConfirmationPage (/actualisation/confirmation) on the test's page."""
    return ConfirmationPage(page)


@pytest.fixture
def validation_page(page: Page) -> ValidationPage:
    """The ValidationPage (/actualisation/validation) on the test's page."""
    return ValidationPage(page)


@pytest.fixture
def deja_declare_page(page: Page) -> DejaDeclarePage:
    """The DejaDeclarePage (/actualisation/deja-declare) on the test's page."""
    return DejaDeclarePage(page)


@pytest.fixture
def modification_refusee_page(page: Page) -> ModificationRefuseePage:
    """The ModificationRefuseePage (/actualisation/modifier) on the test's page."""
    return ModificationRefuseePage(page)


@pytest.fixture
def mes_echanges_page(page: Page) -> MesEchangesPage:
    """The MesEchangesPage (/mes-echanges) on the test's page."""
    return MesEchangesPage(page)


@pytest.fixture
def envoyer_un_document_page(page: Page) -> EnvoyerUnDocumentPage:
    """The EnvoyerUnDocumentPage (/mes-echanges/envoyer-un-document) on the test's page."""
    return EnvoyerUnDocumentPage(page)


@pytest.fixture
def document_envoye_page(page: Page) -> DocumentEnvoyePage:
    """The DocumentEnvoyePage (/mes-echanges/document-envoye) on the test's page."""
    return DocumentEnvoyePage(page)


@pytest.fixture
def aide_page(page: Page) -> AidePage:
    """The AidePage (/aide/actualisation) on the test's page."""
    return AidePage(page)


@pytest.fixture
def connexion_page(page: Page) -> ConnexionPage:
    """The ConnexionPage (/formateur/connexion), the trainer's sign-in, on the test's page."""
    return ConnexionPage(page)


@pytest.fixture
def formateur_page(page: Page) -> FormateurPage:
    """The FormateurPage (/formateur), the trainer's desk, on the test's page."""
    return FormateurPage(page)


@pytest.fixture
def coordonnees_page(page: Page) -> CoordonneesPage:
    """The CoordonneesPage (/coordonnees) on the test's page."""
    return CoordonneesPage(page)


@pytest.fixture
def modifier_page(page: Page) -> ModifierPage:
    """The ModifierPage (/coordonnees/modifier), changing one's contacts, on the test's page."""
    return ModifierPage(page)


@pytest.fixture
def code_page(page: Page) -> CodePage:
    """The CodePage (/coordonnees/code), confirming a new contact, on the test's page."""
    return CodePage(page)


@pytest.fixture
def modifiees_page(page: Page) -> ModifieesPage:
    """The ModifieesPage (/coordonnees/modifiees) on the test's page."""
    return ModifieesPage(page)
