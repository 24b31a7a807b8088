"""Parsing what people type in the declaration: hours, euros, dates. Pure functions.

Each parser returns the value or raises SaisieError with the French message shown next to the
field, so that the form and the tests share one wording.
"""

from __future__ import annotations

import re
from datetime import date

from mock_portal.formats import DateFormatError, NoSuchDate, date_fr, parse_date_fr

MAX_HOURS = 420  # the real form refused more than 420 hours in a month
MAX_CENTS = 99_999_999  # 999 999,99 €: anything above is a typing error, not a salary
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# [0-9] rather than \d: int() would happily read Arabic-Indic or full-width digits.
_AMOUNT = re.compile(r"(?P<sign>[-+]?)(?P<units>[0-9]+)(?:[.,](?P<decimals>[0-9]+))?")


class SaisieError(ValueError):
    """Carries the message for the field."""


def parse_hours(raw: str) -> int:
    text = _SPACES.sub("", raw or "")
    if not text:
        raise SaisieError("Indiquez le nombre d'heures travaillées dans le mois.")
    if not re.fullmatch(r"[-+]?[0-9]+", text):
        raise SaisieError("Saisissez un nombre entier d'heures, sans virgule (exemple : 35).")
    # int() refuses more than 4 300 digits with its own ValueError (a 500): past 6 significant
    # digits the number is out of range anyway, on the side its sign says.
    if len(text.lstrip("+-").lstrip("0")) > 6:
        hours = -1 if text.startswith("-") else MAX_HOURS + 1
    else:
        hours = int(text)
    if hours < 1:
        raise SaisieError(
            "Le nombre d'heures doit être d'au moins 1. Si vous n'avez pas travaillé, répondez « Non »."
        )
    if hours > MAX_HOURS:
        raise SaisieError(f"Le nombre d'heures ne peut pas dépasser {MAX_HOURS} dans le mois.")
    return hours


def parse_amount(raw: str) -> int:
    """Euros to cents: accepts ``1234``, ``1 234,56``, ``1234.56`` and a trailing « € »."""
    text = _SPACES.sub("", raw or "").removesuffix("€").removesuffix("EUR")
    if not text:
        raise SaisieError("Indiquez le montant total de vos salaires bruts.")
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise SaisieError("Saisissez un montant en euros, en chiffres (exemple : 1 234,56).")
    if match["sign"] == "-":
        raise SaisieError("Le montant ne peut pas être négatif.")
    decimals = match["decimals"] or ""
    if len(decimals) > 2:
        raise SaisieError("Le montant ne peut pas avoir plus de 2 chiffres après la virgule.")
    if len(match["units"]) > 7:
        raise SaisieError("Ce montant est trop élevé : vérifiez votre saisie.")
    cents = int(match["units"]) * 100 + int(decimals.ljust(2, "0") or 0)
    if cents == 0:
        raise SaisieError(
            "Le montant doit être supérieur à 0. Si vous n'avez pas travaillé, répondez « Non »."
        )
    if cents > MAX_CENTS:
        raise SaisieError("Ce montant est trop élevé : vérifiez votre saisie.")
    return cents


def parse_date(raw: str) -> date:
    """JJ/MM/AAAA (as the form asks), or AAAA-MM-JJ (what a date picker sends)."""
    if not (raw or "").strip():
        raise SaisieError("Indiquez une date.")
    try:
        return parse_date_fr(raw, iso=True)
    except DateFormatError:
        raise SaisieError("Saisissez une date au format JJ/MM/AAAA (exemple : 15/06/2019).") from None
    except NoSuchDate:
        raise SaisieError("Cette date n'existe pas : vérifiez le jour et le mois.") from None


def format_amount_input(cents: int) -> str:
    """How a stored amount is put back in the field: « 1234,56 »."""
    return f"{cents // 100},{cents % 100:02d}"


def format_date_input(value: date) -> str:
    return date_fr(value)
