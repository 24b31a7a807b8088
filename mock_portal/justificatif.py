"""« Télécharger le justificatif d'actualisation »: a real PDF made with fpdf2."""

from __future__ import annotations

import math
from datetime import datetime

from mock_portal import questions
from mock_portal.clock import to_paris
from mock_portal.declarations import Declaration
from mock_portal.formats import date_fr, heure_fr
from mock_portal.personas import Persona

# Where « voie postale » proofs go; fictitious on purpose.
POSTAL_ADDRESS = (
    "Portail d'entraînement - Centre de traitement fictif",
    "1 rue de l'Exemple",
    "00000 SIMULATION",
)


def filename(declaration: Declaration) -> str:
    return f"justificatif-actualisation-{declaration.period.key}.pdf"


def size_label(content: bytes) -> str:
    """« PDF, 3 Ko »: the real size of the file served, rounded up."""
    return f"PDF, {math.ceil(len(content) / 1024)} Ko"


def _pdf_text(text: str) -> str:
    # The PDF core fonts are Latin-1: spell out what they cannot draw.
    return (text.replace("€", "euros").replace("\u202f", " ").replace("\u00a0", " ")
            .replace("«", '"').replace("»", '"').replace("…", "...").replace("’", "'"))


# The validation page shows the file's size, so the same bytes are built for the page and the
# download; a version is immutable, so (reference, version) identifies them.
_cache: dict[tuple[str, int], bytes] = {}


def render(declaration: Declaration, persona: Persona) -> bytes:
    key = (declaration.reference, declaration.version)
    if key not in _cache:
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = _build(declaration, persona)
    return _cache[key]


def _build(declaration: Declaration, persona: Persona) -> bytes:
    # Imported on the first justificatif only: fpdf2 is 16 MB and 190 modules at start otherwise.
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(declaration.validated_at)
    pdf.set_title(f"Justificatif d'actualisation {declaration.period.key}")
    pdf.set_author("Portail d'entraînement (simulation)")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()

    def line(text: str, size: int = 11, style: str = "", height: float = 6) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, height, _pdf_text(text), new_x="LMARGIN", new_y="NEXT")

    line("SIMULATION D'ENTRAINEMENT - document sans aucune valeur", 9, "B")
    pdf.ln(2)
    line("Justificatif d'actualisation", 16, "B", 9)
    period = declaration.period
    line(f"Pour la période du {date_fr(period.first_day)} au {date_fr(period.last_day)}", 12, "B")
    pdf.ln(2)
    line(f"{persona.civility} {persona.first_name} {persona.last_name}")
    line(f"Identifiant : {persona.identifiant}")
    line(f"Département : {persona.department}")
    line(f"Référence : {declaration.reference}")
    pdf.ln(3)
    line("Vos réponses", 12, "B")
    answers = declaration.answers
    for question in questions.QUESTIONS:
        line(f"{question.label} {questions.ANSWERS[answers[question.name]]}", 10, "B", 5)
    pdf.ln(2)
    line("Vous avez déclaré :", 12, "B")
    for sentence in questions.sentences(answers):
        line(f"- {sentence}", 10, "", 5)
    pdf.ln(3)
    line(_stamp("Déclaration validée le", declaration.first_validated_at))
    if declaration.version > 1:
        line(_stamp("Dernière modification le", declaration.validated_at))
    pdf.ln(3)
    line("Pour envoyer un justificatif d'activité par voie postale :", 10, "B", 5)
    for address_line in POSTAL_ADDRESS:
        line(address_line, 10, "", 5)
    return bytes(pdf.output())


def _stamp(label: str, moment: datetime) -> str:
    return f"{label} {date_fr(to_paris(moment))} à {heure_fr(moment)}."
