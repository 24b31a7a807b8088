"""The home page: sandbox banner, the orange « M'actualiser » and the window notice."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mock_portal_testing.pages import AccueilPage, DepartementPage, FormulairePage
from mock_portal_testing.people import Persona
from mock_portal_testing.time_travel import TimeTravel


def test_accueil_banner_says_simulation_and_shows_demo_account(accueil_page: AccueilPage, demo: Persona):
    accueil_page.open()
    expect(accueil_page.sandbox_banner).to_contain_text("ce site n'est pas pole-emploi.fr")
    expect(accueil_page.sandbox_banner).to_contain_text("N'y saisissez jamais vos vrais identifiants")
    expect(accueil_page.sandbox_banner).to_contain_text(demo.identifiant)
    expect(accueil_page.sandbox_banner).to_contain_text(demo.password)


def test_accueil_is_not_indexed(page: Page):
    response = page.goto("/")
    assert response is not None
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    robots = page.request.get("/robots.txt")
    assert robots.text() == "User-agent: *\nDisallow: /\n"


@pytest.mark.tutorial("E1-m-actualiser-mene-au-formulaire")
def test_accueil_actualiser_logs_in_then_lands_on_the_form(
    accueil_page: AccueilPage, departement_page: DepartementPage,
    formulaire_page: FormulairePage, demo: Persona,
):
    accueil_page.open()
    accueil_page.start_actualisation()
    departement_page.log_in(demo, FormulairePage)
    expect(formulaire_page.heading).to_have_text("Déclarez votre situation mensuelle")
    expect(formulaire_page.period("01/06/2019", "30/06/2019")).to_be_visible()


@pytest.mark.tutorial("E1-lien-visible-en-periode", "PR-periode-actualisation")
def test_accueil_outside_window_shows_next_opening(accueil_page: AccueilPage, time_travel: TimeTravel):
    time_travel.to("2019-07-20T10:00")
    accueil_page.open()
    expect(accueil_page.actualise_link).to_have_count(0)
    expect(accueil_page.window_notice).to_contain_text("ouvrira le 28/07/2019 à 00h00")


def test_accueil_links_to_the_connexion(accueil_page: AccueilPage, departement_page: DepartementPage):
    accueil_page.open()
    accueil_page.personal_space_link.click()
    expect(departement_page.page).to_have_url(re.compile("/connexion/departement$"))


def test_accueil_title_is_plain_text(page: Page):
    page.goto("/")
    expect(page).to_have_title("Accueil – Simulation d'entraînement")


def test_accueil_next_page_takes_the_stylesheet_and_script_from_the_cache(
    page: Page, accueil_page: AccueilPage, departement_page: DepartementPage,
):
    # The portal's clock is in 2019: the files must still count as fresh (static_files.py).
    # Chromium's DevTools protocol is the one place that tells a kept file from one asked for
    # again (Playwright reports both as answered; the page's clock script hides Resource Timing).
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    requested: dict[str, str] = {}
    kept: set[str] = set()
    devtools.on("Network.requestWillBeSent", lambda event: requested.update({event["requestId"]: event["request"]["url"]}))
    devtools.on("Network.requestServedFromCache", lambda event: kept.add(event["requestId"]))
    accueil_page.open()
    page.wait_for_load_state("load")  # the script is deferred: both files asked for by then
    static = {key for key, url in requested.items() if "/static/" in url}
    assert len(static) == 2 and not static & kept
    accueil_page.start_actualisation()
    expect(departement_page.heading).to_have_text("Connexion candidat")
    page.wait_for_load_state("load")
    again = {key: url for key, url in requested.items() if "/static/" in url and key not in static}
    assert sorted(url.split("/static/")[1].split("?")[0] for url in again.values()) == ["portal.css", "portal.js"]
    assert set(again) <= kept, "asked the portal again: " + ", ".join(again[key] for key in set(again) - kept)
