"""The new-password rules: the tutorial's cases, then what cannot be seen."""

from __future__ import annotations

import pytest

from mock_portal.password_rules import password_rule_error


@pytest.mark.parametrize(("password", "message"), [
    ("Ab1!", "au moins 8 caractères."),
    ("abcdefgh", "au moins une majuscule, un chiffre et un caractère spécial"),
    ("ABCDEFG1!", "au moins une minuscule."),
    ("Abcdefgh!", "au moins un chiffre."),
    ("Abcdefgh1", "au moins un caractère spécial"),
    ("x" * 65, "ne doit pas dépasser 64 caractères"),
    ("Ab!1234567a", "ne doit pas contenir votre identifiant"),
])
def test_password_rules_refuse_the_tutorial_cases(password: str, message: str):
    error = password_rule_error(password, "1234567A")
    assert error is not None and message in error


@pytest.mark.parametrize("password", ["Nouveau2019!", "été 2019 Éclair!", "Zz9-zzzz"])
def test_password_rules_accept_the_tutorial_examples(password: str):
    assert password_rule_error(password, "1234567A") is None


INVISIBLE = "caractère invisible ou de contrôle"
EDGE_SPACE = "ne doit pas commencer ni finir par une espace"
NO_SPECIAL = "au moins un caractère spécial"


@pytest.mark.parametrize(("password", "message"), [
    ("Ab1!" + "\u200b" * 4, INVISIBLE),          # zero-width spaces (Cf) filling up the length
    ("Abcdefg1\x00", INVISIBLE),                  # NUL (Cc)
    ("Abcdefg1\u00a0", INVISIBLE),                # no-break space as the « special character »
    ("Abcd efg1\u00a0!", INVISIBLE),
    ("Abcdefg1!\t", INVISIBLE),                   # tab (Cc)
    ("Abcd\nefg1!", INVISIBLE),                   # newline (Cc)
    ("Abcd\u2028efg1!", INVISIBLE),               # line separator (Zl)
    ("Abcd\u2029efg1!", INVISIBLE),               # paragraph separator (Zp)
    ("Abcd\u2009efg1!", INVISIBLE),               # thin space (Zs)
    ("Abcd\u3000efg1!", INVISIBLE),               # ideographic space (Zs)
    ("Abcd\u00adefg1!", INVISIBLE),               # soft hyphen (Cf)
    ("Abcd\u200defg1!", INVISIBLE),               # zero-width joiner (Cf)
    ("Abcd\ufeffefg1!", INVISIBLE),               # byte order mark (Cf)
    ("Abcd\u202eefg1!", INVISIBLE),               # right-to-left override (Cf)
    ("Abcd\ue000efg1!", INVISIBLE),               # private use (Co)
    ("Abcd\u3164efg1!", INVISIBLE),               # Hangul filler (a letter that shows nothing)
    ("Abcd\ufe0fefg1!", INVISIBLE),               # variation selector
    ("Abcdefg1 ", EDGE_SPACE),                    # a trailing space as the special character
    (" Abcdefg1!", EDGE_SPACE),
    ("Abcd efg1", NO_SPECIAL),                    # an inner space is allowed but is no special character
    ("Abcdefg1\u0301", NO_SPECIAL),               # a combining accent is not one either
])
def test_password_rules_refuse_what_cannot_be_seen(password: str, message: str):
    error = password_rule_error(password, "1234567A")
    assert error is not None and message in error


@pytest.mark.parametrize("password", ["Abcd efg1!", "Été-2019 déjà", "Mot€depasse1", "Ab1«»cdefg"])
def test_password_rules_accept_visible_characters(password: str):
    assert password_rule_error(password, "1234567A") is None
