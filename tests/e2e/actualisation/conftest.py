"""Fixtures of the declaration scenarios."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from mock_portal_testing.pages import FormulairePage, ValidationPage
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import Situation


@pytest.fixture
def on_form(login_as: Any, demo: Persona, formulaire_page: FormulairePage) -> FormulairePage:
    login_as(demo).goto("/actualisation")
    return formulaire_page


@pytest.fixture
def declared(login_as: Any, demo: Persona, portal: Portal, validation_page: ValidationPage) -> ValidationPage:
    """The demo persona has just validated the tutorial's all-« Non » declaration at 09:00, and is
    on the validation page. Through the testing API: these tests are about what comes after;
    the form and its confirmation are walked by test_formulaire.py and test_confirmation.py."""
    portal.declare(demo.identifiant, Situation())
    login_as(demo).goto(validation_page.path)
    expect(validation_page.validated).to_be_visible()
    return validation_page
