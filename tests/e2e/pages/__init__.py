"""One page object per screen; locators only by role, label or visible text."""

from tests.e2e.pages.accueil import AccueilPage
from tests.e2e.pages.actualisation import FermeePage, FormulairePage
from tests.e2e.pages.base import Persona
from tests.e2e.pages.connexion import DepartementPage, IdentifiantPage, MotDePassePage
from tests.e2e.pages.espace_personnel import EspacePersonnelPage

__all__ = [
    "AccueilPage", "DepartementPage", "EspacePersonnelPage", "FermeePage", "FormulairePage",
    "IdentifiantPage", "MotDePassePage", "Persona",
]
