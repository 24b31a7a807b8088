"""Channels are an enum that still accepts the plain strings older scenarios pass."""

from __future__ import annotations

import pytest

from mock_portal_testing import Channel
from mock_portal_testing.outbox import address
from mock_portal_testing.people import Persona


def _persona() -> Persona:
    return Persona.from_json({
        "key": "demo", "identifiant": "1234567A", "password": "x", "departement": "67",
        "first_name": "Camille", "last_name": "Martin", "email": "c@exemple.fr", "phone": "0612345678",
    })


def test_channel_accepts_the_plain_strings_of_older_callers() -> None:
    assert Channel.parse("email") is Channel.EMAIL
    assert Channel.SMS == "sms"
    assert address(_persona(), "sms") == address(_persona(), Channel.SMS) == "0612345678"


def test_channel_unknown_value_is_a_value_error_listing_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown channel 'mail': use one of 'email' .*'sms'"):
        address(_persona(), "mail")
