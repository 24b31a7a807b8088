from __future__ import annotations

import pytest

from mock_portal.departements import DepartementError, normalize


@pytest.mark.parametrize(("raw", "code"), [
    ("67", "67"), (" 01 ", "01"), ("6", "06"), ("19", "19"), ("21", "21"), ("95", "95"),
    ("2a", "2A"), ("2B", "2B"), ("971", "971"), ("974", "974"), ("976", "976"),
])
def test_departements_accepted(raw: str, code: str):
    assert normalize(raw) == code


@pytest.mark.parametrize(("raw", "message"), [
    ("", "Saisissez votre numéro de département."),
    ("   ", "Saisissez votre numéro de département."),
    ("20", "Pour la Corse"),
    ("975", "Saint-Pierre-et-Miquelon"),
    ("00", "n'existe pas"),
    ("96", "n'existe pas"),
    ("977", "n'existe pas"),
    ("2C", "n'existe pas"),
    ("abc", "n'existe pas"),
    ("6 7 8", "n'existe pas"),
])
def test_departements_refused_with_french_message(raw: str, message: str):
    with pytest.raises(DepartementError, match=message):
        normalize(raw)
