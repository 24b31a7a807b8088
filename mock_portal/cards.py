"""``fiches-apprenants.pdf``: one card per learner, six to an A4 page, to cut out and hand over.

A card holds what the tutorial asks the learner to type, what the recovery screens ask them
(nom, prénom, date de naissance), the contacts their codes go to, and their own messages page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from mock_portal.classroom import Learner

if TYPE_CHECKING:
    from fpdf import FPDF

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
COLUMNS, ROWS = 2, 3
MARGIN, GAP = 10.0, 4.0
PADDING, LINE = 4.0, 4.8


def _latin1(text: str) -> str:
    # The PDF core fonts draw Latin-1 only: « é », « ï » and « ç » are fine, anything else
    # becomes « ? » rather than an exception.
    return text.encode("latin-1", "replace").decode("latin-1")


def render(learners: Sequence[Learner], base_url: str, created: datetime) -> bytes:
    # Imported here: fpdf2 is 16 MB and 190 modules, and only this command needs it.
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(created)
    pdf.set_title("Fiches apprenants")
    pdf.set_author("Portail d'entraînement (simulation)")
    pdf.set_auto_page_break(auto=False)
    width = (pdf.w - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS
    height = (pdf.h - 2 * MARGIN - (ROWS - 1) * GAP) / ROWS
    per_page = COLUMNS * ROWS
    for index, learner in enumerate(learners):
        if index % per_page == 0:
            pdf.add_page()
        column, row = index % COLUMNS, index % per_page // COLUMNS
        x, y = MARGIN + column * (width + GAP), MARGIN + row * (height + GAP)
        _card(pdf, learner, base_url.rstrip("/"), x, y, width, height)
    return bytes(pdf.output())


def _card(pdf: FPDF, learner: Learner, base_url: str, x: float, y: float, width: float,
          height: float) -> None:
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.set_draw_color(120)
    pdf.rect(x, y, width, height)
    pdf.set_dash_pattern()
    inner = width - 2 * PADDING
    top = [y + PADDING]

    def write(parts: Sequence[tuple[str, str, str]], size: float, at: float) -> None:
        """Parts of one line as (font, style, text), shrunk together if they would overflow."""
        texts = [(font, style, _latin1(text)) for font, style, text in parts]

        def total(points: float) -> float:
            widths = []
            for font, style, text in texts:
                pdf.set_font(font, style, points)
                widths.append(pdf.get_string_width(text))
            return sum(widths)

        size = min(size, size * inner / max(total(size), 0.1))
        pdf.set_xy(x + PADDING, at)
        for font, style, text in texts:
            pdf.set_font(font, style, size)
            pdf.cell(text=text)

    def line(label: str, value: str = "", *, size: float = 9, mono: bool = False, gap: float = 0) -> None:
        top[0] += gap
        parts = [("Helvetica", "" if value else "B", label)]
        if value:
            parts.append(("Courier" if mono else "Helvetica", "B", value))
        write(parts, size + (1 if mono else 0), top[0])
        top[0] += LINE

    line(f"Fiche apprenant n° {learner.seat} - simulation d'entraînement", size=8)
    line(f"{learner.civility} {learner.first_name} {learner.last_name}", size=11, gap=0.5)
    line("Nom : ", learner.last_name, gap=0.5)
    line("Prénom : ", learner.first_name)
    line("Date de naissance : ", learner.birth_date.strftime("%d/%m/%Y"))
    line("Pour vous connecter :", gap=1.5)
    line("Votre numéro de département : ", learner.department)
    line("Identifiant : ", learner.identifiant, mono=True)
    line("Mot de passe : ", learner.password, mono=True)
    line("Vos coordonnées enregistrées :", gap=1.5)
    line("Mail : ", learner.email or "aucun (SMS uniquement)")
    line("Téléphone portable : ", learner.phone or "aucun")
    line("Vos messages (codes et identifiant reçus) :", gap=1.5)
    write([("Courier", "B", f"{base_url}{learner.outbox_path}")], 8, top[0])
    write([("Helvetica", "I", "Personne fictive : ce compte n'existe que sur le portail d'entraînement.")],
          6.5, y + height - PADDING - 3)
