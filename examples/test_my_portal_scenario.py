"""A scenario written in another repository, after `pip install` of this project."""

from playwright.sync_api import Page, expect

from mock_portal_testing.pages import DepartementPage, FormulairePage
from mock_portal_testing.people import Persona
from mock_portal_testing.time_travel import TimeTravel


def test_july_10th_still_declares_june(page: Page, time_travel: TimeTravel, demo: Persona) -> None:
    time_travel.to("2019-07-10T14:00")  # naive times are Paris time
    page.goto("/actualisation")
    DepartementPage(page).log_in(demo, FormulairePage)
    expect(FormulairePage(page).period("01/06/2019", "30/06/2019")).to_be_visible()
