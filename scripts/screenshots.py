"""`make screenshots`: the tutorial's images, regenerated from the portal, with its blue arrows.

Starts its own portal (a throw-away database, both clocks frozen on 28/06/2019, Paris time),
reaches each screen the tutorial shows as the demo persona through the suite's journeys
(mock_portal_testing/journeys.py) and writes into ``reports/screenshots/`` the three connexion
screens, the form, the confirmation and the validation page. Each element the tutorial points at
gets a blue outline and a blue arrow.

Two runs give byte-identical files: same data, same instants, fixed viewport, no caret, no
animation, no focus ring or hover; the only random text on these screens (the justificatif's size
in Ko, which follows its random reference) is masked.

    python scripts/screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright

from mock_portal_testing import config as suite
from mock_portal_testing.fixtures import LoginAs
from mock_portal_testing.journeys import Visitor, reach
from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import (
    ConfirmationPage,
    DepartementPage,
    FormulairePage,
    IdentifiantPage,
    MotDePassePage,
    ValidationPage,
)
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.situations import HOURS, SALARY, TRAVAIL
from mock_portal_testing.time_travel import TimeTravel, paris
from mock_portal_testing.visual import DYNAMIC, isolate, settle

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports" / "screenshots"
START = "2019-06-28T09:00:00"
# « validée le 28/06/2019 à 09h12 »: a few minutes after the start, like a real user.
VALIDATED_AT = "2019-06-28T09:12:00"
# The tutorial's images are desktop screenshots; fixed here whatever the suite's settings say.
VIEWPORT = {"width": 1280, "height": 900}
# Settings for identical pixels on any run: sRGB whatever the display, no scrollbar.
STABLE_ARGS = ["--force-color-profile=srgb", "--hide-scrollbars", "--font-render-hinting=none"]


@dataclass(frozen=True)
class Arrow:
    """An outline around what the tutorial points at, and an arrow coming from one side."""

    target: Locator
    side: str | None = "right"  # where the arrow comes from: "left", "right", or None (outline only)


# Drawn with DOM elements styled through CSSOM and SVG attributes: the portal's CSP forbids
# inline <style> and style="" attributes, not these.
OVERLAY = """([boxes, color]) => {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const doc = document.documentElement;
  svg.setAttribute("width", doc.scrollWidth);
  svg.setAttribute("height", doc.scrollHeight);
  svg.style.position = "absolute";
  svg.style.left = "0";
  svg.style.top = "0";
  svg.style.pointerEvents = "none";
  svg.style.zIndex = "1000";
  const make = (name, attributes) => {
    const node = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    return node;
  };
  const defs = make("defs", {});
  const marker = make("marker", {id: "tutorial-head", viewBox: "0 0 10 10", refX: "8", refY: "5",
                                 markerWidth: "4", markerHeight: "4", orient: "auto-start-reverse"});
  marker.appendChild(make("path", {d: "M0,0 L10,5 L0,10 z", fill: color}));
  defs.appendChild(marker);
  svg.appendChild(defs);
  for (const box of boxes) {
    svg.appendChild(make("rect", {x: box.x - 5, y: box.y - 5, width: box.width + 10, height: box.height + 10,
                                  rx: 6, fill: "none", stroke: color, "stroke-width": 3}));
    if (!box.side) continue;
    const middle = box.y + box.height / 2;
    const edge = box.side === "left" ? box.x - 10 : box.x + box.width + 10;
    const start = box.side === "left" ? edge - 80 : edge + 80;
    svg.appendChild(make("line", {x1: start, y1: middle, x2: edge, y2: middle, stroke: color,
                                  "stroke-width": 6, "stroke-linecap": "round",
                                  "marker-end": "url(#tutorial-head)"}));
  }
  document.body.appendChild(svg);
}"""
BLUE = "#1a73e8"


def shoot(page: Page, path: Path, arrows: list[Arrow]) -> Path:
    """Full page, as the user sees it at rest: no focus, no hover, no caret, no animation."""
    settle(page)
    boxes = []
    for arrow in arrows:
        box = arrow.target.bounding_box()
        assert box is not None, f"{path.name}: nothing to point at for {arrow}"
        scroll = page.evaluate("() => [window.scrollX, window.scrollY]")
        boxes.append({"x": box["x"] + scroll[0], "y": box["y"] + scroll[1], "width": box["width"],
                      "height": box["height"], "side": arrow.side})
    page.evaluate(OVERLAY, [boxes, BLUE])
    # Only the justificatif's size changes between runs (it follows its random reference).
    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide",
                    mask=[isolate(page, DYNAMIC[0])], mask_color="#c9ced6")
    return path


def _form(page: Page) -> list[Arrow]:
    form = FormulairePage(page)
    return [
        Arrow(form.online_help_link),
        Arrow(form.question(TRAVAIL).get_by_label("Oui", exact=True), "left"),
        # Outlines only: an arrow would hide the field's « [?] » or its unit.
        Arrow(form.field(TRAVAIL, HOURS), None),
        Arrow(form.field(TRAVAIL, SALARY), None),
    ]


@dataclass(frozen=True)
class Shot:
    file: str
    screen: str  # a journey's name
    arrows: Callable[[Page], list[Arrow]]
    at: str = START


# The tutorial's images, in its order: Etape 3 shows its all-« Non » example, the validation
# page the declaration with an activity of Etape 2.
SHOTS = [
    Shot("01-connexion-departement.png", "connexion/departement", lambda page: [
        Arrow(DepartementPage(page).departement), Arrow(DepartementPage(page).help_link),
        Arrow(DepartementPage(page).continue_, "left")]),
    Shot("02-connexion-identifiant.png", "connexion/identifiant", lambda page: [
        Arrow(IdentifiantPage(page).identifiant), Arrow(IdentifiantPage(page).forgotten_link),
        Arrow(IdentifiantPage(page).continue_, "left")]),
    Shot("03-connexion-mot-de-passe.png", "connexion/mot_de_passe", lambda page: [
        Arrow(MotDePassePage(page).nom_utilisateur), Arrow(MotDePassePage(page).mot_de_passe),
        Arrow(MotDePassePage(page).log_in_button)]),
    Shot("04-formulaire.png", "actualisation/formulaire@travail_oui", _form),
    Shot("05-confirmation.png", "actualisation/confirmation", lambda page: [
        Arrow(ConfirmationPage(page).validate_answer_button)]),
    Shot("06-validation.png", "actualisation/validation@activite", lambda page: [
        Arrow(ValidationPage(page).download_link), Arrow(ValidationPage(page).send_document_link),
        Arrow(ValidationPage(page).modify_link)], at=VALIDATED_AT),
]
FILES = tuple(shot.file for shot in SHOTS)


def take(browser: Browser, portal: Portal, shot: Shot, out: Path) -> Path:
    """One picture from a fresh portal and a fresh context: each journey starts from nothing."""
    portal.reset()
    context = browser.new_context(
        base_url=portal.base_url, locale=suite.LOCALE, timezone_id=suite.TIMEZONE,
        viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]},
        device_scale_factor=1, reduced_motion="reduce",
    )
    try:
        page = context.new_page()
        time_travel = TimeTravel(portal, context)
        time_travel.to(paris(shot.at))
        entries = portal.personas()
        demo = next(Persona.from_json(p) for p in entries if p["key"] == "demo")
        identity = next(Identity.from_json(p) for p in entries if p["key"] == "demo")
        visitor = Visitor(page, LoginAs(portal, page), demo, identity, time_travel, Outbox(portal))
        expect(reach(visitor, shot.screen)).to_be_visible()
        return shoot(page, out / shot.file, shot.arrows(page))
    finally:
        context.close()


@contextmanager
def running_portal(folder: Path) -> Iterator[Portal]:
    portal = Portal.start(folder / "portal.sqlite3", folder / "portal.log")
    try:
        yield portal
    finally:
        portal.stop()


def run(out: Path) -> list[Path]:
    with sync_playwright() as playwright:
        return render(playwright, out)


def render(playwright: Playwright, out: Path) -> list[Path]:
    """The images into ``out``, from a portal of their own and a browser launched for them."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder, running_portal(Path(folder)) as portal:
        browser = playwright.chromium.launch(executable_path=suite.find_browser(headed=False),
                                             args=[*suite.CHROMIUM_ARGS, *STABLE_ARGS])
        try:
            return [take(browser, portal, shot, out) for shot in SHOTS]
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the images (default: {OUT})")
    args = parser.parse_args(argv)
    for path in run(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
