"""One page object per screen; locators only by role, label or visible text.

Every class listed in PAGES becomes a fixture named after it in snake case
(``DepartementPage`` → ``departement_page``): adding a screen means adding its class here.
"""

from tests.e2e.pages.accueil import AccueilPage
from tests.e2e.pages.actualisation import FermeePage, FormulairePage
from tests.e2e.pages.base import BasePage, Persona
from tests.e2e.pages.connexion import DepartementPage, IdentifiantPage, MotDePassePage
from tests.e2e.pages.espace_personnel import EspacePersonnelPage

PAGES: list[type[BasePage]] = [
    AccueilPage,
    DepartementPage,
    IdentifiantPage,
    MotDePassePage,
    EspacePersonnelPage,
    FormulairePage,
    FermeePage,
]

__all__ = [
    "PAGES", "AccueilPage", "BasePage", "DepartementPage", "EspacePersonnelPage", "FermeePage",
    "FormulairePage", "IdentifiantPage", "MotDePassePage", "Persona",
]
