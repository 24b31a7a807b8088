"""Fixtures of the declaration scenarios."""

from __future__ import annotations

import io
from typing import Any

import pytest
from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader

from mock_portal_testing.pages import ConfirmationPage, DepartementPage, FormulairePage, ValidationPage
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import Situation


def login_for_actualisation(page: Page, persona: Persona) -> None:
    """Open « M'actualiser » and log in on the way, as the tutorial's orange button does."""
    page.goto("/actualisation")
    DepartementPage(page).login_as(persona)


@pytest.fixture
def on_form(login_as: Any, demo: Persona, formulaire_page: FormulairePage) -> FormulairePage:
    login_as(demo).goto("/actualisation")
    return formulaire_page


def declare(page: Page, situation: Situation) -> None:
    """From the form to the validation page."""
    FormulairePage(page).declare(situation)
    ConfirmationPage(page).confirm()
    # Wait for the answer: a time_travel right after must not race the request in flight.
    expect(ValidationPage(page).validated).to_be_visible()


@pytest.fixture
def declared(on_form: FormulairePage, validation_page: ValidationPage) -> ValidationPage:
    """The demo persona has just validated the tutorial's all-« Non » declaration at 09:00."""
    declare(on_form.page, Situation())
    return validation_page


def pdf_text(download: Download) -> str:
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)
