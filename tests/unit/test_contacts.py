"""« Mes coordonnées »: what is a valid contact, and a change that happens whole or not at all."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from starlette.applications import Starlette

from mock_portal import classroom, contacts, outbox, personas, reset_codes
from mock_portal.clock import PARIS, clock
from mock_portal.contacts import ContactError
from mock_portal.db import Database
from mock_portal.personas import Persona

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
NEW = "nouvelle.adresse@exemple.fr"


@pytest.fixture
def db(app: Starlette) -> Database:
    clock.set(START, frozen=True)
    return app.state.db


@pytest.fixture
def demo(db: Database) -> Persona:
    row = db.one("SELECT id FROM personas WHERE key = 'demo'")
    assert row is not None
    found = personas.get(db, row["id"])
    assert found is not None
    return found


def _code(db: Database, to: str) -> str:
    return outbox.messages(db, to)[-1].body.split("est : ")[1][:6]


@pytest.mark.parametrize(("typed", "expected"), [
    ("06 12 34 56 78", "06 12 34 56 78"),
    ("0712345678", "07 12 34 56 78"),
    ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ("0033612345678", "06 12 34 56 78"),
    ("06.12.34.56.78", "06 12 34 56 78"),
    (" 06-12-34-56-78 ", "06 12 34 56 78"),
])
def test_contacts_mobile_accepts_french_spellings(typed: str, expected: str):
    assert contacts.normalize_mobile(typed) == expected


@pytest.mark.parametrize("typed", ["01 23 45 67 89", "06 12 34 56", "06 12 34 56 789", "+44 7911 123456",
                                   "O6 12 34 56 78", "06١٢٣٤٥٦٧٨", "0" * 5000])
def test_contacts_mobile_refuses_what_is_not_a_french_mobile(typed: str):
    with pytest.raises(ContactError, match="numéro de portable français"):
        contacts.normalize_mobile(typed)


@pytest.mark.parametrize("typed", ["prenom.nom", "prenom@", "@exemple.fr", "a b@exemple.fr", "a@exemple",
                                   "a@@exemple.fr", "a@exemple..fr", f"{'a' * 250}@exemple.fr"])
def test_contacts_email_refuses_what_is_not_an_address(typed: str):
    with pytest.raises(ContactError, match="adresse e-mail valide"):
        contacts.normalize_email(typed)


def test_contacts_email_keeps_the_name_and_lowers_the_domain():
    assert contacts.normalize_email(" Prenom.Nom@Exemple.FR ") == "Prenom.Nom@exemple.fr"


def test_contacts_change_waits_for_its_code_then_happens_whole(db: Database, demo: Persona):
    contacts.request_change(db, demo, "email", NEW)
    # Pending: nothing on record changed, the code went to the new address only.
    assert personas.get(db, demo.id).email == demo.email  # type: ignore[union-attr]
    assert [m.to for m in outbox.messages(db)] == [NEW]
    assert contacts.confirm(db, demo, _code(db, NEW)) is None
    assert personas.get(db, demo.id).email == NEW  # type: ignore[union-attr]
    told = outbox.messages(db, demo.email)
    assert [m.subject for m in told] == ["Vos coordonnées ont changé"]
    assert contacts.pending(db, demo.id) is None


def test_contacts_code_serves_once_expires_and_allows_five_tries(db: Database, demo: Persona):
    contacts.request_change(db, demo, "sms", "07 11 22 33 44")
    good = _code(db, "07 11 22 33 44")
    clock.set(START + reset_codes.CODE_VALIDITY)
    assert "n'est plus valable" in (contacts.confirm(db, demo, good) or "")
    contacts.resend(db, demo)
    fresh = _code(db, "07 11 22 33 44")
    wrong = "000000" if fresh != "000000" else "111111"
    for _ in range(reset_codes.CODE_ATTEMPTS - 1):
        assert "incorrect" in (contacts.confirm(db, demo, wrong) or "")
    assert "Après 5 essais" in (contacts.confirm(db, demo, wrong) or "")
    assert contacts.confirm(db, demo, fresh) is not None
    assert personas.get(db, demo.id).phone == demo.phone  # type: ignore[union-attr]


def test_contacts_limits_the_codes_requested(db: Database, demo: Persona):
    for _ in range(reset_codes.CODES_PER_HOUR):
        contacts.request_change(db, demo, "email", NEW)
    with pytest.raises(contacts.TooManyRequests):
        contacts.request_change(db, demo, "email", NEW)
    # A rolling hour: once those codes are an hour old, codes may be sent again.
    clock.set(START + reset_codes.WINDOW + timedelta(seconds=1))
    contacts.request_change(db, demo, "email", NEW)


def test_contacts_password_reset_code_never_confirms_a_new_address(db: Database, demo: Persona):
    contacts.request_change(db, demo, "email", NEW)
    reset_code, _ = reset_codes.issue_code(db, demo.id)
    assert contacts.confirm(db, demo, reset_code) is not None
    # And the contact code is still the one that works (the reset code did not end it).
    assert contacts.confirm(db, demo, _code(db, NEW)) is None


def test_contacts_addresses_of_never_include_someone_elses_contact(db: Database, demo: Persona):
    learner = classroom.create(db, 1, minimum=1)[1][0]
    # A pending change to another learner's address does not open their messages.
    contacts.request_change(db, demo, "email", learner.email or "")
    assert contacts.addresses_of(db, demo.id) == [demo.email]
    contacts.request_change(db, demo, "email", NEW)
    assert contacts.addresses_of(db, demo.id) == [demo.email, NEW]
    contacts.confirm(db, demo, _code(db, NEW))
    # The former address stays theirs: the notice of the change was sent there.
    assert contacts.addresses_of(db, demo.id) == [demo.email, NEW]
