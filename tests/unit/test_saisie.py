from __future__ import annotations

from datetime import date

import pytest

from mock_portal.saisie import (
    SaisieError,
    format_amount_input,
    parse_amount,
    parse_date,
    parse_hours,
)


@pytest.mark.parametrize(("raw", "cents"), [
    ("1234", 123400), ("1 234,56", 123456), ("1234.56", 123456), ("1234,5", 123450),
    ("1\u00a0234,56", 123456), ("1\u202f234,56 €", 123456), ("0,01", 1), ("  42  ", 4200),
    ("999999,99", 99_999_999), ("+12", 1200),
])
def test_saisie_amount_accepted(raw: str, cents: int):
    assert parse_amount(raw) == cents


@pytest.mark.parametrize(("raw", "message"), [
    ("", "Indiquez le montant"), ("-1", "négatif"), ("-0,5", "négatif"), ("0", "supérieur à 0"),
    ("0,00", "supérieur à 0"), ("abc", "en chiffres"), ("12a", "en chiffres"), ("1,234,56", "en chiffres"),
    ("12,345", "plus de 2 chiffres"), ("1.5.6", "en chiffres"), ("12345678", "trop élevé"),
    ("1e5", "en chiffres"), ("١٢٣", "en chiffres"), ("１２", "en chiffres"),
])
def test_saisie_amount_refused(raw: str, message: str):
    with pytest.raises(SaisieError, match=message):
        parse_amount(raw)


@pytest.mark.parametrize(("raw", "hours"), [("1", 1), ("35", 35), ("420", 420), (" 151 ", 151)])
def test_saisie_hours_accepted(raw: str, hours: int):
    assert parse_hours(raw) == hours


@pytest.mark.parametrize(("raw", "message"), [
    ("", "Indiquez"), ("0", "au moins 1"), ("421", "420"), ("35,5", "entier"), ("-3", "au moins 1"),
    ("x", "entier"), ("9" * 50, "420"), ("٣٥", "entier"),
])
def test_saisie_hours_refused(raw: str, message: str):
    with pytest.raises(SaisieError, match=message):
        parse_hours(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    ("15/06/2019", date(2019, 6, 15)), ("1/6/2019", date(2019, 6, 1)), ("2019-06-15", date(2019, 6, 15)),
    ("29/02/2020", date(2020, 2, 29)),
])
def test_saisie_date_accepted(raw: str, expected: date):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("", "Indiquez une date"), ("15-06-2019", "JJ/MM/AAAA"), ("15/06/19", "JJ/MM/AAAA"),
    ("31/06/2019", "n'existe pas"), ("١٥/٠٦/٢٠١٩", "JJ/MM/AAAA"), ("29/02/2019", "n'existe pas"), ("00/01/2019", "n'existe pas"),
])
def test_saisie_date_refused(raw: str, message: str):
    with pytest.raises(SaisieError, match=message):
        parse_date(raw)


def test_saisie_amount_round_trips_into_the_field():
    assert format_amount_input(123456) == "1234,56"
    assert parse_amount(format_amount_input(5)) == 5
