"""Classroom mode: one account per learner, so that a group rehearses on one portal at once.

Each learner is a persona with a seat number. What a seat is called (name, birth date,
département, contacts) comes from a fixed list, so a card reprinted tomorrow says the same thing;
what must stay secret (identifiant, password, the messages page token) is drawn at random once
and stored. Creating a class of N only fills the seats that are still empty.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from mock_portal.db import Database
from mock_portal.identite import fold
from mock_portal.passwords import hash_password

MIN_CLASS, MAX_CLASS = 5, 30
# Every fourth learner has no e-mail: a class should rehearse the SMS-only recovery too.
SMS_ONLY_EVERY = 4
# Outbox tokens are typed from a paper card: no 0/O, 1/l/i look-alikes.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOKEN_LENGTH = 16
PASSWORD_WORDS = (
    "Cerise", "Prune", "Mangue", "Figue", "Citron", "Myrtille", "Abricot", "Pomme",
    "Tomate", "Navet", "Radis", "Poivron", "Fraise", "Papaye", "Banane", "Carotte",
)
EMAIL_DOMAIN = "exemple.fr"


@dataclass(frozen=True)
class Seat:
    """The fictitious person sitting at one seat of the class."""

    civility: str
    first_name: str
    last_name: str
    birth_date: date
    department: str


# Nobody here exists: French-sounding names picked not to match the seeded personas, with
# accents on purpose (the recovery screens compare names without them).
_PEOPLE = (
    ("Madame", "Hélène", "Dubreuil", "1984-03-17", "67"),
    ("Monsieur", "Loïc", "Garnier", "1991-08-02", "67"),
    ("Madame", "Noémie", "Lefranc", "1987-12-09", "59"),
    ("Monsieur", "Jérôme", "Castel", "1976-05-23", "13"),
    ("Madame", "Chloé", "Renaudin", "1998-01-30", "69"),
    ("Monsieur", "Mathis", "Arnoult", "2000-10-11", "33"),
    ("Madame", "Inès", "Bouchard", "1993-06-05", "2A"),
    ("Monsieur", "François", "Delmas", "1969-02-14", "31"),
    ("Madame", "Sophie", "Verdier", "1982-09-27", "44"),
    ("Monsieur", "Yanis", "Haddad", "1995-04-08", "93"),
    ("Madame", "Élodie", "Marchal", "1989-11-19", "06"),
    ("Monsieur", "Hugo", "Perrin", "1999-07-03", "35"),
    ("Madame", "Aïcha", "Diallo", "1986-08-21", "974"),
    ("Monsieur", "Bastien", "Rolland", "1980-03-12", "2B"),
    ("Madame", "Margaux", "Tessier", "1994-12-25", "67"),
    ("Monsieur", "Rémi", "Lagarde", "1973-09-06", "64"),
    ("Madame", "Océane", "Fabre", "1997-05-14", "34"),
    ("Monsieur", "Antoine", "Giraud", "1985-01-22", "75"),
    ("Madame", "Nathalie", "Boyer", "1971-10-30", "971"),
    ("Monsieur", "Kévin", "Lemaire", "1990-06-18", "62"),
    ("Madame", "Justine", "Carré", "1992-02-07", "76"),
    ("Monsieur", "Damien", "Roussel", "1983-11-11", "57"),
    ("Madame", "Laëtitia", "Navarro", "1979-04-26", "972"),
    ("Monsieur", "Sébastien", "Hamon", "1988-08-13", "29"),
    ("Madame", "Amandine", "Collet", "1996-03-01", "21"),
    ("Monsieur", "Julien", "Ferrand", "1977-07-29", "38"),
    ("Madame", "Fatou", "Ndiaye", "1990-09-09", "973"),
    ("Monsieur", "Grégoire", "Bazin", "1968-12-03", "01"),
    ("Madame", "Pauline", "Brunet", "2001-01-15", "67"),
    ("Monsieur", "Théo", "Maillard", "1999-10-24", "976"),
)
SEATS = tuple(Seat(civility, first, last, date.fromisoformat(born), department)
              for civility, first, last, born, department in _PEOPLE)
assert len(SEATS) == MAX_CLASS


class ClassSizeError(ValueError):
    """A class size outside what the seats and the cards are made for."""


def check_class_size(n: int, minimum: int = MIN_CLASS) -> None:
    if not minimum <= n <= MAX_CLASS:
        raise ClassSizeError(f"a class has {minimum} to {MAX_CLASS} learners, not {n}")


def email_of(seat: int) -> str | None:
    if seat % SMS_ONLY_EVERY == 0:
        return None
    person = SEATS[seat - 1]
    return f"{_ascii(person.first_name)}.{_ascii(person.last_name)}@{EMAIL_DOMAIN}"


def phone_of(seat: int) -> str:
    # 06 39 98 xx xx is the mobile range ARCEP reserves for fiction: it reaches nobody.
    return f"06 39 98 {seat // 100:02d} {seat % 100:02d}"


def _ascii(name: str) -> str:
    return fold(name).replace(" ", "-")


@dataclass(frozen=True)
class Learner:
    seat: int
    persona_id: int
    identifiant: str
    password: str
    token: str
    civility: str
    first_name: str
    last_name: str
    birth_date: date
    department: str
    email: str | None
    phone: str | None

    @property
    def key(self) -> str:
        return f"apprenant-{self.seat:02d}"

    @property
    def outbox_path(self) -> str:
        return f"/outbox/{self.token}"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Learner:
        return cls(row["seat"], row["persona_id"], row["identifiant"], row["card_password"],
                   row["outbox_token"], row["civility"], row["first_name"], row["last_name"],
                   date.fromisoformat(row["birth_date"]), row["department"], row["email"], row["phone"])

    def public_json(self) -> dict[str, Any]:
        """The shape of a seeded persona in the testing API, plus the messages page."""
        return {"key": self.key, "identifiant": self.identifiant, "password": self.password,
                "department": self.department, "civility": self.civility,
                "first_name": self.first_name, "last_name": self.last_name,
                "birth_date": self.birth_date.isoformat(), "email": self.email, "phone": self.phone,
                "outbox_path": self.outbox_path}


@dataclass(frozen=True)
class Credentials:
    """What is drawn at random for one seat; the hash is why drawing takes time."""

    seat: int
    identifiant: str
    password: str
    password_hash: str
    token: str


_SELECT = ("SELECT l.*, p.identifiant, p.civility, p.first_name, p.last_name, p.birth_date,"
           " p.department, p.email, p.phone FROM learners l JOIN personas p ON p.id = l.persona_id")


def learners(db: Database) -> list[Learner]:
    return [Learner.from_row(row) for row in db.all(f"{_SELECT} ORDER BY l.seat")]


def by_token(db: Database, token: str) -> Learner | None:
    if len(token) != TOKEN_LENGTH:
        return None
    row = db.one(f"{_SELECT} WHERE l.outbox_token = ?", (token,))
    return None if row is None else Learner.from_row(row)


def empty_seats(db: Database, n: int) -> list[int]:
    taken = {row["seat"] for row in db.all("SELECT seat FROM learners")}
    return [seat for seat in range(1, n + 1) if seat not in taken]


def taken_identifiants(db: Database) -> set[str]:
    return {row["identifiant"].upper() for row in db.all("SELECT identifiant FROM personas")}


def draw_credentials(seats: Collection[int], taken: Collection[str]) -> list[Credentials]:
    """Random identifiants, passwords and tokens; slow (one password hash each): keep it off the
    event loop."""
    used = set(taken)
    drawn = []
    for seat in seats:
        identifiant = _identifiant(used)
        used.add(identifiant)
        # « Cerise-4827 »: easy to type from paper, and it meets every rule of password_rules.
        password = f"{secrets.choice(PASSWORD_WORDS)}-{secrets.randbelow(9000) + 1000}"
        token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
        drawn.append(Credentials(seat, identifiant, password, hash_password(password), token))
    return drawn


def _identifiant(used: set[str]) -> str:
    # 234 million possibilities for at most 36 accounts: a clash is rare, and this loop ends.
    while True:
        candidate = f"{secrets.randbelow(10**7):07d}{secrets.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
        if candidate not in used:
            return candidate


def store(db: Database, drawn: Collection[Credentials]) -> int:
    """Seat the drawn learners; a seat filled meanwhile (two runs at once) keeps its first one."""
    added = 0
    with db.transaction():
        for credentials in drawn:
            if db.one("SELECT 1 FROM learners WHERE seat = ?", (credentials.seat,)) is not None:
                continue
            persona_id = _insert_persona(db, credentials)
            db.execute("INSERT INTO learners (seat, persona_id, card_password, card_hash, outbox_token)"
                       " VALUES (?, ?, ?, ?, ?)",
                       (credentials.seat, persona_id, credentials.password, credentials.password_hash,
                        credentials.token))
            added += 1
    return added


def _insert_persona(db: Database, credentials: Credentials) -> int:
    person = SEATS[credentials.seat - 1]
    cursor = db.execute(
        "INSERT INTO personas (key, identifiant, password_hash, department, civility, first_name,"
        " last_name, birth_date, email, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (f"apprenant-{credentials.seat:02d}", credentials.identifiant, credentials.password_hash,
         person.department, person.civility, person.first_name, person.last_name,
         person.birth_date.isoformat(), email_of(credentials.seat), phone_of(credentials.seat)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def create(db: Database, n: int, minimum: int = MIN_CLASS) -> tuple[int, list[Learner]]:
    """Fill seats 1..n (blocking: for the CLI or a thread); returns how many were added and the
    class's first n learners."""
    check_class_size(n, minimum)
    added = store(db, draw_credentials(empty_seats(db, n), taken_identifiants(db)))
    return added, [learner for learner in learners(db) if learner.seat <= n]


def restore(db: Database) -> None:
    """Back to the card: password and the seat's identity and contacts (the lockout lives in
    ``login_failures``, which the reset empties)."""
    with db.transaction():
        for row in db.all("SELECT seat, persona_id, card_hash FROM learners"):
            _restore_row(db, row)


def restore_one(db: Database, persona_id: int) -> bool:
    """One learner's account back to their card (the trainer's « réinitialiser ce compte »);
    False when that persona is not a learner."""
    row = db.one("SELECT seat, persona_id, card_hash FROM learners WHERE persona_id = ?", (persona_id,))
    if row is not None:
        _restore_row(db, row)
    return row is not None


def _restore_row(db: Database, row: sqlite3.Row) -> None:
    person = SEATS[row["seat"] - 1]
    db.execute(
        "UPDATE personas SET password_hash = ?,"
        " department = ?, civility = ?, first_name = ?, last_name = ?, birth_date = ?,"
        " email = ?, phone = ? WHERE id = ?",
        (row["card_hash"], person.department, person.civility, person.first_name,
         person.last_name, person.birth_date.isoformat(), email_of(row["seat"]),
         phone_of(row["seat"]), row["persona_id"]),
    )
