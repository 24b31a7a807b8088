"""Fixtures of the declaration scenarios."""

from __future__ import annotations

from typing import Any

import pytest

from mock_portal_testing.pages import ConfirmationPage, FormulairePage, ValidationPage
from mock_portal_testing.people import Persona
from mock_portal_testing.situations import Situation


@pytest.fixture
def on_form(login_as: Any, demo: Persona, formulaire_page: FormulairePage) -> FormulairePage:
    login_as(demo).goto("/actualisation")
    return formulaire_page


@pytest.fixture
def declared(on_form: FormulairePage, validation_page: ValidationPage) -> ValidationPage:
    """The demo persona has just validated the tutorial's all-« Non » declaration at 09:00."""
    on_form.declare(Situation())
    ConfirmationPage(on_form.page).confirm()
    return validation_page
