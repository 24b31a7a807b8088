"""The fictitious job seekers: loaded from ``fixtures/personas.yaml`` into the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from mock_portal import lockout
from mock_portal.db import Database
from mock_portal.departements import DepartementError, normalize
from mock_portal.identite import fold
from mock_portal.passwords import seed_hash

REQUIRED = (
    "key", "identifiant", "password", "department", "civility", "first_name", "last_name",
    "email", "phone",
)


@dataclass(frozen=True)
class Persona:
    id: int
    key: str
    identifiant: str
    department: str
    civility: str
    first_name: str
    last_name: str
    birth_date: str | None
    email: str | None
    phone: str | None
    # Kept out of repr: a Persona is logged and shown in tracebacks.
    password_hash: str = field(default="", repr=False)

    @property
    def full_name(self) -> str:
        return f"{self.civility} {self.first_name} {self.last_name}"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Persona:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    def address(self, channel: str) -> str | None:
        """Where a message on this channel (``email`` or ``sms``) goes, if the record has one."""
        return (self.email if channel == "email" else self.phone) or None


class PersonasFileError(ValueError):
    """A personas file that cannot be used; the message names the file and the line or entry."""


# Dozens of personas fit in a few kilobytes: a bigger file is a wrong path, not a fixture.
MAX_FILE_BYTES = 1024 * 1024
# Scalars only: a list or a mapping where a name is expected would reach the database as garbage.
_SCALARS = (str, int)


def load_file(path: Path) -> list[dict[str, Any]]:
    """Read and check the YAML file; a mistake there should stop the start with its reason."""
    document = _read_yaml(path)
    entries = document.get("personas") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise PersonasFileError(f"{path}: a non-empty 'personas' list is required")
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{path}: persona #{index + 1}"
        if not isinstance(entry, dict):
            raise PersonasFileError(f"{where} is not a mapping of fields")
        missing = [key for key in REQUIRED if key not in entry]
        if missing:
            raise PersonasFileError(f"{where} lacks {', '.join(missing)}")
        where = f"{path}: persona {entry['key']!r}"
        for name, value in entry.items():
            if value is not None and (not isinstance(value, _SCALARS) or isinstance(value, bool)):
                # An unquoted 1985-04-12 is a date to YAML: say what to type instead.
                nested = isinstance(value, list | dict)
                what = f"a {type(value).__name__}" if nested else f"{value} (quote it)"
                raise PersonasFileError(f"{where}: {name} must be text, not {what}")
        try:
            entry["department"] = normalize(str(entry["department"]))
        except DepartementError as exc:
            raise PersonasFileError(f"{where}: {exc}") from exc
        if not entry.get("email") and not entry.get("phone"):
            raise PersonasFileError(f"{where} needs an email or a phone")
        for unique in ("key", "identifiant"):
            marker = f"{unique}:{entry[unique]}"
            if marker in seen:
                raise PersonasFileError(f"{path}: duplicate {unique} {entry[unique]!r}")
            seen.add(marker)
    return entries


# libyaml's safe loader when PyYAML has it: every app the unit tests create reads this file, and
# the pure-Python loader took 2.6 ms of it (~0.8 s per run). Same documents, same errors.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PersonasFileError(f"{path}: no such personas file") from None
    except OSError as exc:
        raise PersonasFileError(f"{path}: cannot read the personas file ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise PersonasFileError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB, not a personas file")
    try:
        return yaml.load(data.decode("utf-8"), Loader=_SAFE_LOADER)
    except UnicodeDecodeError as exc:
        raise PersonasFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise PersonasFileError(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise PersonasFileError(f"{path}: invalid YAML: {exc}") from None


def seed(db: Database, entries: list[dict[str, Any]]) -> None:
    with db.transaction():
        for entry in entries:
            db.execute(
                "INSERT INTO personas (key, identifiant, password_hash, department, civility,"
                " first_name, last_name, birth_date, email, phone)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry["key"], str(entry["identifiant"]), seed_hash(str(entry["password"])),
                    entry["department"], entry["civility"], entry["first_name"],
                    entry["last_name"], entry.get("birth_date"), entry.get("email"),
                    entry.get("phone"),
                ),
            )


def seed_if_empty(db: Database, entries: list[dict[str, Any]]) -> None:
    row = db.one("SELECT COUNT(*) AS n FROM personas")
    if row is not None and row["n"] == 0:
        seed(db, entries)


def get(db: Database, persona_id: int) -> Persona | None:
    row = db.one("SELECT * FROM personas WHERE id = ?", (persona_id,))
    return None if row is None else Persona.from_row(row)


def by_identifiant(db: Database, identifiant: str) -> Persona | None:
    row = db.one("SELECT * FROM personas WHERE identifiant = ? COLLATE NOCASE", (identifiant,))
    return None if row is None else Persona.from_row(row)


def by_identity(db: Database, nom: str, prenom: str, born: date) -> Persona | None:
    """The persona with this birth date whose names match as people type them (identite.fold)."""
    for row in db.all("SELECT * FROM personas WHERE birth_date = ?", (born.isoformat(),)):
        if fold(row["last_name"]) == fold(nom) and fold(row["first_name"]) == fold(prenom):
            return Persona.from_row(row)
    return None


def record_login(db: Database, persona_id: int, at: datetime) -> None:
    db.execute("INSERT INTO logins (persona_id, last_login_at) VALUES (?, ?) ON CONFLICT (persona_id)"
               " DO UPDATE SET last_login_at = excluded.last_login_at", (persona_id, at.isoformat()))


def ever_logged_in(db: Database, persona_id: int) -> bool:
    return db.one("SELECT 1 FROM logins WHERE persona_id = ?", (persona_id,)) is not None


def change_password(db: Database, persona: Persona, new_hash: str) -> None:
    """A new password lifts the lockout and ends every session opened with the old one."""
    with db.transaction():
        db.execute("UPDATE personas SET password_hash = ? WHERE id = ?", (new_hash, persona.id))
        lockout.clear(db, persona.identifiant)
        db.execute("DELETE FROM sessions WHERE persona_id = ?", (persona.id,))


def public_json(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The personas as the testing API shows them (passwords included: test accounts only)."""
    return [dict(entry) for entry in entries]
