"""Helpers of the declaration scenarios (helpers live here, fixtures in conftest.py)."""

from __future__ import annotations

import io

from playwright.sync_api import Download, Page
from pypdf import PdfReader

from mock_portal_testing.pages import BasePage, DepartementPage, FormulairePage
from mock_portal_testing.people import Persona


def login_for_actualisation(page: Page, persona: Persona,
                            lands_on: type[BasePage] = FormulairePage) -> None:
    """Open « M'actualiser » and log in on the way, as the tutorial's orange button does: the form,
    or « déjà déclaré » once the month is declared."""
    page.goto("/actualisation")
    DepartementPage(page).log_in(persona, lands_on)


def pdf_text(download: Download) -> str:
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)
