"""The visual comparison's arithmetic (mock_portal_testing/visual.py), without a browser."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from mock_portal_testing.visual import Snapshots
from tests.support.paths import ROOT


def _png(image: Image.Image, compress_level: int = 6) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "PNG", compress_level=compress_level)
    return buffer.getvalue()


def test_visual_diff_counts_what_pixelmatch_counts_on_the_whole_image(tmp_path: Path):
    """A mismatch runs pixelmatch over the rows that changed only: the count must be the one of the
    whole image, anti-aliased edges included, for changes close together, far apart and at a corner."""
    from pixelmatch.contrib.PIL import pixelmatch

    labels = Image.open(ROOT / "tests/e2e/snapshots/connexion/departement.png").convert("RGBA")
    expected = labels.crop((280, 240, 560, 340))
    actual = expected.copy()
    actual.paste(expected.crop((20, 20, 260, 45)), (23, 22))  # text moved: anti-aliased edges
    draw = ImageDraw.Draw(actual)
    draw.rectangle((40, 44, 60, 45), fill="red")  # a few rows under the text: the same band
    draw.rectangle((260, 90, 279, 99), fill="blue")  # the bottom right corner
    whole = pixelmatch(expected, actual, Image.new("RGBA", expected.size), threshold=0.1)

    snapshots = Snapshots(tmp_path / "approved", threshold=0.1)
    snapshots.approve("screen", _png(expected))
    mismatch = snapshots.compare("screen", _png(actual), tmp_path / "out")

    assert whole > 200
    assert mismatch is not None and mismatch.differing == whole
    assert snapshots.compare("screen", _png(expected), tmp_path / "out") is None
    assert snapshots.compare("screen", _png(expected, compress_level=1), tmp_path / "out") is None  # other bytes
