"""Identity rules used by both recoveries: how names compare, how a birth date is read."""

from __future__ import annotations

from datetime import datetime

import pytest

from mock_portal.clock import PARIS, clock
from mock_portal.identite import fold, parse_birth_date

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _frozen(app) -> None:
    # « a birth date in the past » is judged against the tutorial's day
    clock.set(START, frozen=True)


@pytest.mark.parametrize(("typed", "stored"), [
    ("lea", "Léa"), ("MOREAU", "Moreau"), ("jean marc", "Jean-Marc"), ("  Jean -  Marc ", "Jean-Marc"),
    ("d'artagnan", "D’Artagnan"),
])
def test_identite_names_compare_loosely(typed: str, stored: str):
    assert fold(typed) == fold(stored)


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Saisissez votre date de naissance."),
    ("1985-04-12", "au format JJ/MM/AAAA"),
    ("12/04/85", "au format JJ/MM/AAAA"),
    ("31/02/1990", "Cette date n'existe pas"),
    ("00/01/1990", "Cette date n'existe pas"),
    ("01/01/2020", "date de naissance passée"),
    ("01/01/1850", "date de naissance passée"),
])
def test_identite_birth_date_errors(typed: str, message: str):
    born, error = parse_birth_date(typed)
    assert born is None and error is not None and message in error


def test_identite_birth_date_accepts_short_day_and_month():
    assert parse_birth_date("1/2/1990") == (datetime(1990, 2, 1).date(), None)
