"""Who someone says they are: identifiants, names and birth dates, and the means of contact
offered in a recovery. Each check returns the French message for the field, or None."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from mock_portal.clock import clock
from mock_portal.formats import DateFormatError, NoSuchDate, parse_date_fr

# Always both, whatever the record holds: offering only the means on record would tell that
# the account exists (and which means it has).
CHANNELS = ("email", "sms")
IDENTIFIANT = re.compile(r"[0-9A-Za-z]{1,20}")
# Even what « Retour » keeps in the session for later is bounded (the real format is 8 characters).
IDENTIFIANT_MAX = 64
NAME = re.compile(r"[^\W\d_]+(?:[ '’-]+[^\W\d_]+)*")


def fold(name: str) -> str:
    """Names compare without accents, case, hyphens or apostrophes: « Léa » is « lea »."""
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in bare if not unicodedata.combining(char))
    return " ".join(re.sub(r"[-'’]", " ", bare).casefold().split())


def identifiant_too_long(typed: str) -> bool:
    return len(typed) > IDENTIFIANT_MAX


def identifiant_error(typed: str) -> str | None:
    if not typed:
        return "Saisissez votre identifiant."
    if identifiant_too_long(typed):
        return f"L'identifiant ne doit pas dépasser {IDENTIFIANT_MAX} caractères (exemple : 1234567A)."
    if not IDENTIFIANT.fullmatch(typed):
        return "L'identifiant ne contient que des chiffres et des lettres (exemple : 1234567A)."
    return None


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
    try:
        born = parse_date_fr(typed)
    except DateFormatError:
        return None, "Saisissez votre date de naissance au format JJ/MM/AAAA, par exemple 12/04/1985."
    except NoSuchDate:
        return None, "Cette date n'existe pas : vérifiez le jour et le mois."
    if born >= clock.now().date() or born.year < 1900:
        return None, "Saisissez une date de naissance passée, par exemple 12/04/1985."
    return born, None
