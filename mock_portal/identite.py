"""Who is asking, in a recovery: names and birth dates, and the means of contact offered."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from mock_portal.clock import clock

# Always both, whatever the record holds: offering only the means on record would tell that
# the account exists (and which means it has).
CHANNELS = ("email", "sms")
# [0-9], not \d: int() would read Arabic-Indic or full-width digits too.
DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
NAME = re.compile(r"[^\W\d_]+(?:[ '’-]+[^\W\d_]+)*")


def fold(name: str) -> str:
    """Names compare without accents, case, hyphens or apostrophes: « Léa » is « lea »."""
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in bare if not unicodedata.combining(char))
    return " ".join(re.sub(r"[-'’]", " ", bare).casefold().split())


def name_error(typed: str, what: str) -> str | None:
    if not typed:
        return f"Saisissez votre {what}."
    if len(typed) > 60:
        return f"Votre {what} ne doit pas dépasser 60 caractères."
    if not NAME.fullmatch(typed):
        return f"Votre {what} ne contient que des lettres, des espaces, des tirets ou des apostrophes."
    return None


def parse_birth_date(typed: str) -> tuple[date | None, str | None]:
    if not typed:
        return None, "Saisissez votre date de naissance."
    found = DATE.fullmatch(typed.replace(" ", ""))
    if not found:
        return None, "Saisissez votre date de naissance au format JJ/MM/AAAA, par exemple 12/04/1985."
    day, month, year = (int(part) for part in found.groups())
    try:
        born = date(year, month, day)
    except ValueError:
        return None, "Cette date n'existe pas : vérifiez le jour et le mois."
    if born >= clock.now().date() or year < 1900:
        return None, "Saisissez une date de naissance passée, par exemple 12/04/1985."
    return born, None

