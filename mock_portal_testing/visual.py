"""Visual regression: each screen compared with its approved image, pixel by pixel.

``assert_screen(name)`` takes a full-page screenshot of the test's page at rest (no focus, no
hover, no caret, no animation, the values that change between runs masked) and compares it with
``<visual_snapshot_dir>/<name>.png`` through pixelmatch: a pixel differs when its colour is
further than ``visual_threshold`` (pixelmatch's YIQ distance, 0 to 1; anti-aliasing ignored), and
the screen fails when more than ``visual_max_diff_pixels`` pixels differ. A mismatch writes the
expected, actual and diff PNGs into the test's folder under ``--output`` (test-results/) and
lists them for the fidelity report. ``--update-snapshots`` writes the screenshots as the new
approved images instead.

Images depend on the fonts: the portal asks for Arial, which fontconfig resolves to Liberation
Sans (Debian's fonts-liberation, installed by ``make browser``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Locator, Page

from mock_portal_testing.fidelity_report import VISUAL_PROPERTY

# Text that differs from one run to the next on an otherwise identical screen: the justificatif's
# size follows its random reference. Times are frozen, masked all the same so that a suite run at
# another instant keeps its images.
DYNAMIC = (r"PDF, \d+ Ko", r"\b\d{2}h\d{2}\b")
MASK_COLOUR = "#c9ced6"
FONT = "Liberation Sans"


def _addoption(group: pytest.OptionGroup, *names: str, **kwargs: object) -> None:
    try:
        group.addoption(*names, **kwargs)  # type: ignore[arg-type]
    except ValueError:  # another plugin (e.g. pytest-playwright-visual) defines it already
        pass


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("visual", "visual regression")
    _addoption(group, "--update-snapshots", action="store_true", default=False,
               help="write the screens as the new approved images instead of comparing them")
    parser.addini("visual_snapshot_dir", "the approved images", default="tests/e2e/snapshots")
    parser.addini("visual_threshold", "pixelmatch's per-pixel colour tolerance (0-1)", default="0.1")
    parser.addini("visual_max_diff_pixels", "differing pixels a screen may have", default="0")


@dataclass(frozen=True)
class Mismatch:
    screen: str
    differing: int
    expected: Path
    actual: Path
    diff: Path


@dataclass
class Snapshots:
    directory: Path
    threshold: float = 0.1
    max_diff_pixels: int = 0

    def path(self, screen: str) -> Path:
        return self.directory / f"{screen}.png"

    def approve(self, screen: str, png: bytes) -> None:
        self.path(screen).parent.mkdir(parents=True, exist_ok=True)
        self.path(screen).write_bytes(png)

    def compare(self, screen: str, png: bytes, output: Path) -> Mismatch | None:
        """None when the screen matches its approved image; else the three images, in ``output``."""
        approved = self.path(screen)
        if approved.is_file() and approved.read_bytes() == png:
            return None  # the approved image is this very screenshot: nothing to decode
        actual = Image.open(BytesIO(png)).convert("RGBA")
        expected = Image.open(approved).convert("RGBA") if approved.is_file() else None
        differing = actual.width * actual.height
        if expected is not None:
            size = (max(actual.width, expected.width), max(actual.height, expected.height))
            actual_full, expected_full = _padded(actual, size), _padded(expected, size)
            if actual_full.tobytes() == expected_full.tobytes():
                return None  # the same pixels, encoded otherwise (another Chromium): no diff to draw
            differing, diff = _pixelmatch(expected_full, actual_full, self.threshold)
            if differing <= self.max_diff_pixels:
                return None
        stem = output / screen.replace("/", "-")
        stem.parent.mkdir(parents=True, exist_ok=True)
        files = Mismatch(screen, differing, Path(f"{stem}-expected.png"), Path(f"{stem}-actual.png"),
                         Path(f"{stem}-diff.png"))
        files.actual.write_bytes(png)  # the screenshot and the approved file as they are: no re-encoding
        if expected is None:  # nothing approved yet: the actual image stands in for the other two
            shutil.copyfile(files.actual, files.expected)
            shutil.copyfile(files.actual, files.diff)
        else:
            shutil.copyfile(approved, files.expected)
            diff.save(files.diff)
        return files


# pixelmatch's anti-aliasing check reads up to two pixels around a differing one: with this margin
# a region holds every pixel its verdicts read, and counts what the whole image would.
_MARGIN = 3


def _pixelmatch(expected: Image.Image, actual: Image.Image, threshold: float) -> tuple[int, Image.Image]:
    """pixelmatch's count and diff image, run only over the bands of rows that differ: a pure-Python
    loop over a whole page takes seconds, and a change is usually a few elements."""
    from pixelmatch.contrib.PIL import pixelmatch  # imported here: only a mismatch needs it

    diff = _greyed(expected)
    differing = 0
    for box in _changed_regions(expected, actual):
        part = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]))
        differing += pixelmatch(expected.crop(box), actual.crop(box), part, threshold=threshold)
        diff.paste(part, box[:2])
    return differing, diff


def _greyed(image: Image.Image) -> Image.Image:
    """What pixelmatch draws for an unchanged pixel: its luminance at 10 % over white."""
    grey = image.convert("L").point(lambda value: round(255 + (value - 255) * 0.1))
    return Image.merge("RGBA", (grey, grey, grey, Image.new("L", image.size, 255)))


def _changed_regions(expected: Image.Image, actual: Image.Image) -> list[tuple[int, int, int, int]]:
    """Disjoint boxes around the rows where any byte differs, ``_MARGIN`` pixels wider each way."""
    channels = ImageChops.difference(expected, actual).split()
    changed = channels[0]
    for channel in channels[1:]:
        changed = ImageChops.lighter(changed, channel)
    width, height = changed.size
    rows = [y for y in range(height) if changed.crop((0, y, width, y + 1)).getbbox()]
    bands: list[list[int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= 2 * _MARGIN:  # margins would overlap: one band
            bands[-1][1] = y
        else:
            bands.append([y, y])
    regions = []
    for top, bottom in bands:
        box = changed.crop((0, top, width, bottom + 1)).getbbox()
        assert box is not None
        regions.append((max(box[0] - _MARGIN, 0), max(top - _MARGIN, 0),
                        min(box[2] + _MARGIN, width), min(bottom + 1 + _MARGIN, height)))
    return regions


def _padded(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The image on a canvas of ``size``: a taller page differs by its extra rows, all of them."""
    if image.size == size:
        return image
    canvas = Image.new("RGBA", size, (255, 0, 255, 255))
    canvas.paste(image, (0, 0))
    return canvas


def isolate(page: Page, pattern: str) -> Locator:
    """Each text matching ``pattern`` in the page's main content in its own element, to mask it."""
    marker = "data-visual-dynamic"
    page.evaluate("""([pattern, marker]) => {
      const main = document.querySelector("main") || document.body;
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      const re = new RegExp(pattern);
      const found = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.hasAttribute(marker) && re.test(node.data)) found.push(node);
      }
      for (let node of found) {
        let match;
        while (node && (match = re.exec(node.data))) {
          const text = node.splitText(match.index);
          node = text.splitText(match[0].length);
          const span = document.createElement("span");
          span.setAttribute(marker, "");
          text.replaceWith(span);
          span.appendChild(text);
        }
      }
    }""", [pattern, marker])
    return page.locator(f"[{marker}]")


def settle(page: Page) -> None:
    """The page at rest: loaded, fonts ready, nothing focused or hovered."""
    page.wait_for_load_state()
    page.evaluate("() => document.fonts.ready.then(() => document.activeElement?.blur())")
    page.mouse.move(0, 0)


def capture(page: Page, mask: list[Locator] | None = None) -> bytes:
    settle(page)
    dynamic = [isolate(page, pattern) for pattern in DYNAMIC]
    return page.screenshot(full_page=True, animations="disabled", caret="hide", scale="css",
                           mask=[*dynamic, *(mask or [])], mask_color=MASK_COLOUR)


def font_problem() -> str | None:
    """Why the images would not match here: the portal's Arial is not the approved images' font."""
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(["fc-match", "-f", "%{family}", "Arial"], capture_output=True, text=True,
                           timeout=10, check=False).stdout
    if FONT in found:
        return None
    return (f"Arial resolves to {found or 'nothing'}, not {FONT}: install fonts-liberation "
            f"(make browser does, as root) or the screens cannot match their approved images")


AssertScreen = Callable[..., None]


@pytest.fixture(scope="session")
def snapshots(pytestconfig: pytest.Config) -> Snapshots:
    """The approved images of this project (the ``visual_snapshot_dir`` ini value)."""
    directory = Path(pytestconfig.getini("visual_snapshot_dir"))
    return Snapshots(directory if directory.is_absolute() else pytestconfig.rootpath / directory,
                     float(pytestconfig.getini("visual_threshold")),
                     int(pytestconfig.getini("visual_max_diff_pixels")))


@pytest.fixture
def assert_screen(page: Page, snapshots: Snapshots, output_path: str, request: pytest.FixtureRequest,
                  pytestconfig: pytest.Config) -> AssertScreen:
    """``assert_screen("connexion/identifiant")``: the page must look like its approved image.

    ``update=False`` compares even under ``--update-snapshots`` (for tests that break a screen on
    purpose)."""
    def check(screen: str, mask: list[Locator] | None = None, update: bool = True) -> None:
        png = capture(page, mask)
        if update and pytestconfig.getoption("update_snapshots"):
            snapshots.approve(screen, png)
            return
        mismatch = snapshots.compare(screen, png, Path(output_path))
        if mismatch is None:
            return
        invocation = request.config.invocation_params.dir
        entry = {"screen": screen, **{kind: _relative(getattr(mismatch, kind), invocation)
                                      for kind in ("expected", "actual", "diff")}}
        properties = request.node.user_properties
        previous = next((value for key, value in properties if key == VISUAL_PROPERTY), [])
        properties[:] = [(key, value) for key, value in properties if key != VISUAL_PROPERTY]
        properties.append((VISUAL_PROPERTY, [*previous, entry]))
        missing = "" if snapshots.path(screen).is_file() else " (no approved image yet)"
        fonts = font_problem()
        raise AssertionError(
            f"{screen}: {mismatch.differing} pixels differ from {snapshots.path(screen)}{missing}; "
            f"see {entry['diff']} (run with --update-snapshots to approve the new look)"
            + (f"\n{fonts}" if fonts else ""))
    return check


def _relative(path: Path, start: Path) -> str:
    try:
        return path.relative_to(start).as_posix()
    except ValueError:
        return str(path)
