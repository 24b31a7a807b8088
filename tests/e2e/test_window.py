"""The window rule through the browser: 28th (26th in February) 00:00 → 15th 23:59:59, Paris."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import (
    AccueilPage,
    DepartementPage,
    EspacePersonnelPage,
    FermeePage,
    FormulairePage,
)
from mock_portal_testing.people import Persona
from mock_portal_testing.time_travel import TimeTravel, paris


# Every instant of the rule is a unit case (tests/unit/test_window.py): the browser shows once
# that the home page follows it, on either side of an opening.
@pytest.mark.parametrize(("instant", "is_open"), [
    ("2019-06-27T23:59:59", False),
    ("2019-06-28T00:00:00", True),
])
@pytest.mark.tutorial("AS-fenetre-28-15", "E1-lien-visible-en-periode")
def test_window_boundaries_on_the_home_page(
    accueil_page: AccueilPage, time_travel: TimeTravel, instant: str, is_open: bool
):
    time_travel.to(instant)
    accueil_page.open()
    expect(accueil_page.actualise_link).to_have_count(1 if is_open else 0)
    expect(accueil_page.window_notice).to_have_count(0 if is_open else 1)


def test_window_browser_clock_matches_the_portal(page: Page, time_travel: TimeTravel):
    time_travel.to("2019-07-15T23:59:59")
    page.goto("/")
    assert page.evaluate("Date.now()") == int(paris("2019-07-15T23:59:59").timestamp() * 1000)
    assert page.evaluate("new Date().getHours()") == 23


@pytest.mark.parametrize("path", ["/actualisation", "/actualisation/formulaire"])
@pytest.mark.tutorial("PR-periode-actualisation")
def test_window_direct_url_refused_when_closed(
    page: Page, fermee_page: FermeePage, time_travel: TimeTravel, path: str
):
    time_travel.to("2019-07-16T00:00:00")
    response = page.goto(path)
    assert response is not None and response.status == 403
    expect(fermee_page.heading).to_have_text("La période d'actualisation est fermée")
    expect(fermee_page.next_opening("28/07/2019")).to_be_visible()


@pytest.mark.tutorial("PR-periode-actualisation", "AS-fenetre-28-15")
def test_window_closing_while_logged_in_refuses_the_form(
    page: Page, departement_page: DepartementPage, fermee_page: FermeePage,
    formulaire_page: FormulairePage, time_travel: TimeTravel, demo: Persona,
):
    time_travel.to("2019-07-15T23:50:00")
    page.goto("/actualisation")
    departement_page.log_in(demo, FormulairePage)
    expect(formulaire_page.heading).to_have_text("Déclarez votre situation mensuelle")
    time_travel.forward(minutes=10)
    page.reload()
    expect(fermee_page.heading).to_have_text("La période d'actualisation est fermée")


@pytest.mark.tutorial("AS-fenetre-fevrier-26")
def test_window_february_declares_february(
    page: Page, time_travel: TimeTravel, departement_page: DepartementPage,
    formulaire_page: FormulairePage, demo: Persona,
):
    time_travel.to("2020-02-26T08:00")
    page.goto("/actualisation")
    departement_page.log_in(demo, FormulairePage)
    expect(formulaire_page.period("01/02/2020", "29/02/2020")).to_be_visible()


@pytest.mark.tutorial("AS-fenetre-28-15", "E3-pour-la-periode")
def test_window_july_declares_june(
    page: Page, time_travel: TimeTravel, departement_page: DepartementPage,
    formulaire_page: FormulairePage, demo: Persona,
):
    time_travel.to("2019-07-10T14:00")
    page.goto("/actualisation")
    departement_page.log_in(demo, FormulairePage)
    expect(formulaire_page.period("01/06/2019", "30/06/2019")).to_be_visible()


@pytest.mark.tutorial("E1-lien-visible-en-periode")
def test_espace_personnel_shows_period_state_and_actualiser(
    logged_in: Page, espace_personnel_page: EspacePersonnelPage
):
    expect(espace_personnel_page.period_state).to_contain_text("Période de juin 2019")
    expect(espace_personnel_page.period_state).to_contain_text("avant le 15/07/2019 à 23h59")
    expect(espace_personnel_page.actualise_link).to_be_visible()


@pytest.mark.tutorial("E1-lien-visible-en-periode")
def test_espace_personnel_hides_actualiser_outside_window(
    page: Page, time_travel: TimeTravel, departement_page: DepartementPage,
    espace_personnel_page: EspacePersonnelPage, demo: Persona,
):
    time_travel.to("2019-07-20T09:00")
    page.goto(EspacePersonnelPage.path)
    departement_page.log_in(demo)
    expect(espace_personnel_page.window_closed).to_contain_text("ouvrira le 28/07/2019")
    expect(espace_personnel_page.actualise_link).to_have_count(0)
