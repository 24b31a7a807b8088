from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from mock_portal import declarations
from mock_portal.clock import PARIS
from mock_portal.db import Database
from mock_portal.declarations import AlreadyDeclared, DeadlinePassed, modification_deadline, record
from mock_portal.personas import load_file, seed
from mock_portal.settings import DEFAULT_PERSONAS
from mock_portal.window import Period

JUNE = Period(2019, 6)


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "d.sqlite3")
    database.init_schema()
    seed(database, load_file(DEFAULT_PERSONAS))
    return database


def _record(db: Database, submission: str, at: str, *, modification: bool = False, travail: str = "non"):
    return record(db, persona_id=1, period=JUNE, answers={"travail": travail}, submission=submission,
                  now=paris(at), policy="fin-de-journee", modification=modification)


@pytest.mark.parametrize(("validated", "policy", "deadline"), [
    ("2019-06-28T09:00", "fin-de-journee", "2019-06-28T23:59:59"),
    ("2019-06-28T23:59", "fin-de-journee", "2019-06-28T23:59:59"),
    ("2019-06-28T09:00", "heures:4", "2019-06-28T13:00:00"),
    ("2019-07-15T22:00", "heures:24", "2019-07-15T23:59:59"),  # never past the window
    ("2018-10-28T01:00", "heures:24", "2018-10-29T00:00:00"),  # 24 real hours across the DST change
])
def test_declarations_deadline_policies(validated: str, policy: str, deadline: str):
    period = Period(2018, 10) if validated.startswith("2018-10") else JUNE
    assert modification_deadline(paris(validated), policy, period) == paris(deadline)


@pytest.mark.parametrize("policy", ["fin-de-journee", "heures:1", "heures:24"])
def test_declarations_policy_accepted(policy: str):
    declarations.check_policy(policy)


@pytest.mark.parametrize("policy", ["", "minuit", "heures:", "heures:0", "heures:-3", "heures:x"])
def test_declarations_policy_refused(policy: str):
    with pytest.raises(ValueError):
        declarations.check_policy(policy)


def test_declarations_same_submission_records_once(db: Database):
    first = _record(db, "s1", "2019-06-28T09:00")
    again = _record(db, "s1", "2019-06-28T09:00")
    assert first == again and len(declarations.versions(db, first.id)) == 1


def test_declarations_second_first_declaration_is_refused(db: Database):
    _record(db, "s1", "2019-06-28T09:00")
    with pytest.raises(AlreadyDeclared):
        _record(db, "s2", "2019-06-28T09:05")


def test_declarations_modification_keeps_history(db: Database):
    _record(db, "s1", "2019-06-28T09:00")
    modified = _record(db, "s2", "2019-06-28T12:00", modification=True, travail="oui")
    assert modified.version == 2 and modified.answers == {"travail": "oui"}
    assert modified.first_validated_at == paris("2019-06-28T09:00")
    assert [row["version"] for row in declarations.versions(db, modified.id)] == [1, 2]


def test_declarations_modification_after_deadline_changes_nothing(db: Database):
    first = _record(db, "s1", "2019-06-28T09:00")
    with pytest.raises(DeadlinePassed):
        _record(db, "s2", "2019-06-29T00:00", modification=True, travail="oui")
    assert declarations.find(db, 1, JUNE) == first
    assert len(declarations.versions(db, first.id)) == 1


@pytest.mark.parametrize(("at", "status"), [
    ("2019-06-28T09:00", "modification possible"),
    ("2019-06-28T23:59:59", "modification possible"),
    ("2019-06-29T00:00", "en cours de traitement"),
    ("2019-06-29T08:59:59", "en cours de traitement"),
    ("2019-06-29T09:00", "prise en compte"),
])
def test_declarations_status(db: Database, at: str, status: str):
    declaration = _record(db, "s1", "2019-06-28T09:00")
    assert declaration.status(paris(at)) == status
