"""How the portal writes and reads dates, times and amounts, the French way.

Pure functions: the domain (questions, the PDF justificatif) formats with them without pulling
in the Jinja layer, and ``templating`` exposes them as filters.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from mock_portal.clock import to_paris

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# [0-9] rather than \d: int() would happily read Arabic-Indic or full-width digits.
_DATE = re.compile(r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})")
_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")


class DateFormatError(ValueError):
    """Not written JJ/MM/AAAA."""


class NoSuchDate(ValueError):
    """Written JJ/MM/AAAA, but no such day: 31/02/2019."""


def date_fr(value: date | datetime) -> str:
    """« 28/06/2019 », in Paris time for an instant."""
    if isinstance(value, datetime):
        value = to_paris(value)
    return value.strftime("%d/%m/%Y")


def heure_fr(value: datetime) -> str:
    """« 09h05 », as the tutorial writes times."""
    return to_paris(value).strftime("%Hh%M")


def mois_fr(value: Any) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def montant_fr(cents: int) -> str:
    """1234.56 € written the French way: « 1 234,56 € » (narrow no-break spaces kept plain)."""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", " ")
    sign = "-" if cents < 0 else ""
    return f"{sign}{grouped},{rest:02d} €"


def parse_date_fr(typed: str, *, iso: bool = False) -> date:
    """JJ/MM/AAAA, spaces ignored; with ``iso``, AAAA-MM-JJ too (what a date picker sends)."""
    text = _SPACES.sub("", typed or "")
    match = _DATE.fullmatch(text) or (_ISO_DATE.fullmatch(text) if iso else None)
    if match is None:
        raise DateFormatError(typed)
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise NoSuchDate(typed) from None
