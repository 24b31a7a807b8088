"""The fictitious job seekers: loaded from ``fixtures/personas.yaml`` into the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mock_portal.db import Database
from mock_portal.departements import DepartementError, normalize
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

    @property
    def full_name(self) -> str:
        return f"{self.civility} {self.first_name} {self.last_name}"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Persona:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})


def load_file(path: Path) -> list[dict[str, Any]]:
    """Read and check the YAML file; a mistake there should stop the start with its reason."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = document.get("personas")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{path}: a non-empty 'personas' list is required")
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        missing = [key for key in REQUIRED if key not in entry]
        if missing:
            raise ValueError(f"{path}: persona #{index + 1} lacks {', '.join(missing)}")
        try:
            entry["department"] = normalize(str(entry["department"]))
        except DepartementError as exc:
            raise ValueError(f"{path}: persona {entry['key']!r}: {exc}") from exc
        if not entry.get("email") and not entry.get("phone"):
            raise ValueError(f"{path}: persona {entry['key']!r} needs an email or a phone")
        for unique in ("key", "identifiant"):
            marker = f"{unique}:{entry[unique]}"
            if marker in seen:
                raise ValueError(f"{path}: duplicate {unique} {entry[unique]!r}")
            seen.add(marker)
    return entries


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


def by_identifiant(db: Database, identifiant: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM personas WHERE identifiant = ? COLLATE NOCASE", (identifiant,))


def public_json(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The personas as the testing API shows them (passwords included: test accounts only)."""
    return [dict(entry) for entry in entries]
