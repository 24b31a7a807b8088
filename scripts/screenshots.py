"""`make screenshots`: the tutorial's images, regenerated from the portal, with its blue arrows.

Starts its own portal (a throw-away database, both clocks frozen on 28/06/2019 at 09:00, Paris
time), walks the tutorial as the demo persona and writes into ``reports/screenshots/`` the screens
the tutorial shows: the three connexion screens, the form, the confirmation and the validation
page. Each element the tutorial points at gets a blue outline and a blue arrow.

Two runs give byte-identical files: same data, same instants, fixed viewport, no caret, no
animation, no focus ring or hover; the only random text on these screens (the justificatif's size
in Ko, which follows its random reference) is masked.

    python scripts/screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page, sync_playwright

from mock_portal_testing import config as suite
from mock_portal_testing.pages import (
    ConfirmationPage,
    DepartementPage,
    FormulairePage,
    IdentifiantPage,
    MotDePassePage,
    Persona,
    Situation,
    ValidationPage,
)
from mock_portal_testing.pages.actualisation import TRAVAIL
from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import paris

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports" / "screenshots"
START = "2019-06-28T09:00:00"
# « validée le 28/06/2019 à 09h12 »: a few minutes after the start, like a real user.
VALIDATED_AT = "2019-06-28T09:12:00"
HEURES = "Heures travaillées dans le mois"
SALAIRE = "Montant total de votre ou vos salaires bruts réels ou estimés"
# The tutorial's own example of Etape 2 with an activity (hours, gross salary).
WORKED = {HEURES: "35", SALAIRE: "1 234,56"}
SIZE = re.compile(r"\((PDF, \d+ Ko)\)")
FILES = ("01-connexion-departement.png", "02-connexion-identifiant.png", "03-connexion-mot-de-passe.png",
         "04-formulaire.png", "05-confirmation.png", "06-validation.png")
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


def shoot(page: Page, path: Path, arrows: list[Arrow], mask: list[Locator] | None = None) -> Path:
    """Full page, as the user sees it at rest: no focus, no hover, no caret, no animation."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    boxes = []
    for arrow in arrows:
        box = arrow.target.bounding_box()
        assert box is not None, f"{path.name}: nothing to point at for {arrow}"
        scroll = page.evaluate("() => [window.scrollX, window.scrollY]")
        boxes.append({"x": box["x"] + scroll[0], "y": box["y"] + scroll[1], "width": box["width"],
                      "height": box["height"], "side": arrow.side})
    page.evaluate(OVERLAY, [boxes, BLUE])
    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide",
                    mask=mask or [], mask_color="#c9ced6")
    return path


def _wrap_size(page: Page) -> Locator:
    """The « (PDF, N Ko) » of the download link in its own element, so that only it is masked."""
    page.evaluate("""(pattern) => {
      const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
      const re = new RegExp(pattern);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const found = re.exec(node.data);
        if (!found) continue;
        const size = node.splitText(found.index + 1);
        size.splitText(found[1].length);
        const span = document.createElement("span");
        size.replaceWith(span);
        span.appendChild(size);
        return;
      }
    }""", SIZE.pattern)
    return page.get_by_role("main").get_by_text(re.compile(r"^PDF, \d+ Ko$"))


def tutorial(page: Page, demo: Persona, out: Path, validate_at: Callable[[], None]) -> list[Path]:
    """Walk the tutorial and take its six pictures (written in the tutorial's order by name)."""
    shots = []
    departement = DepartementPage(page)
    departement.open()
    shots.append(shoot(page, out / FILES[0], [
        Arrow(departement.departement),
        Arrow(departement.aide),
        Arrow(departement.poursuivre, "left"),
    ]))
    departement.submit(demo.department)
    identifiant = IdentifiantPage(page)
    identifiant.identifiant.wait_for()
    shots.append(shoot(page, out / FILES[1], [
        Arrow(identifiant.identifiant),
        Arrow(identifiant.oublie),
        Arrow(identifiant.poursuivre, "left"),
    ]))
    identifiant.submit(demo.identifiant)
    mot_de_passe = MotDePassePage(page)
    mot_de_passe.mot_de_passe.wait_for()
    shots.append(shoot(page, out / FILES[2], [
        Arrow(mot_de_passe.nom_utilisateur),
        Arrow(mot_de_passe.mot_de_passe),
        Arrow(mot_de_passe.se_connecter),
    ]))
    mot_de_passe.submit(demo.password)
    page.get_by_role("button", name="Se déconnecter").wait_for()

    # Etape 3 first: its picture is the tutorial's all-« Non » example.
    page.goto("/actualisation")
    form = FormulairePage(page)
    form.declare(Situation())
    confirmation = ConfirmationPage(page)
    confirmation.valider_votre_reponse.wait_for()
    confirmation_shot = shoot(page, out / FILES[4], [
        Arrow(confirmation.valider_votre_reponse),
    ])

    # Etape 2: back to the form, « Oui » to the first question reveals hours and salary.
    confirmation.corriger.click()
    form.fill_situation(Situation().but(TRAVAIL, "Oui", **WORKED))
    shots.append(shoot(page, out / FILES[3], [
        Arrow(form.aide_en_ligne),
        Arrow(form.question(TRAVAIL).get_by_label("Oui", exact=True), "left"),
        # Outlines only: an arrow would hide the field's « [?] » or its unit.
        Arrow(form.field(TRAVAIL, HEURES), None),
        Arrow(form.field(TRAVAIL, SALAIRE), None),
    ]))
    shots.append(confirmation_shot)
    form.valider.click()
    confirmation.valider_votre_reponse.wait_for()
    validate_at()
    confirmation.confirm()
    validation = ValidationPage(page)
    validation.validated.wait_for()
    size = _wrap_size(page)
    shots.append(shoot(page, out / FILES[5], [
        Arrow(validation.telecharger),
        Arrow(validation.envoyer_un_document),
        Arrow(validation.modifier),
    ], mask=[size]))
    return shots


@contextmanager
def running_portal(folder: Path) -> Iterator[Portal]:
    portal = Portal.start(folder / "portal.sqlite3", folder / "portal.log")
    try:
        yield portal
    finally:
        portal.stop()


def run(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder, running_portal(Path(folder)) as portal:
        portal.set_clock(paris(START), frozen=True)
        demo = next(Persona.from_json(p) for p in portal.personas() if p["key"] == "demo")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=suite.find_browser(headed=False),
                                                 args=[*suite.CHROMIUM_ARGS, *STABLE_ARGS])
            try:
                context = browser.new_context(
                    base_url=portal.base_url, locale=suite.LOCALE, timezone_id=suite.TIMEZONE,
                    viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]},
                    device_scale_factor=1, reduced_motion="reduce",
                )
                context.clock.set_fixed_time(paris(START))

                def validate_at() -> None:
                    portal.set_clock(paris(VALIDATED_AT), frozen=True)
                    context.clock.set_fixed_time(paris(VALIDATED_AT))

                return tutorial(context.new_page(), demo, out, validate_at)
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
