"""One-time codes: 6 digits, 15 minutes, single use, a few tries.

Two kinds, each in its own table, so that a code sent for one purpose never serves the other:
« J'ai oublié mon mot de passe » (``password``) and the confirmation of a new e-mail or mobile in
« Mes coordonnées » (``contact``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from mock_portal.clock import clock, plus
from mock_portal.db import Database

CODE_VALIDITY = timedelta(minutes=15)
CODE_ATTEMPTS = 5
CODE = re.compile(r"[0-9]{6}")
# At most this many codes per person and kind within CODE_VALIDITY: nobody floods an inbox.
CODE_REQUESTS = 5
TABLES = {"password": "reset_codes", "contact": "contact_codes"}


def _code_hash(persona_id: int, code: str) -> str:
    return hashlib.sha256(f"{persona_id}:{code}".encode()).hexdigest()


def issue_code(db: Database, persona_id: int, kind: str = "password") -> tuple[str, datetime]:
    """A new 6-digit code; only the latest one counts, so the older ones end now."""
    table = TABLES[kind]
    now = clock.now()
    code = f"{secrets.randbelow(10**6):06d}"
    expires = plus(now, CODE_VALIDITY)
    with db.transaction():
        db.execute(f"UPDATE {table} SET expires_at = ? WHERE persona_id = ? AND used_at IS NULL",
                   (now.isoformat(), persona_id))
        db.execute(
            f"INSERT INTO {table} (persona_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (persona_id, _code_hash(persona_id, code), now.isoformat(), expires.isoformat()),
        )
    return code, expires


def too_many_requests(db: Database, persona_id: int, kind: str = "password") -> bool:
    since = plus(clock.now(), -CODE_VALIDITY).isoformat()
    row = db.one(f"SELECT count(*) AS n FROM {TABLES[kind]} WHERE persona_id = ?"
                 " AND julianday(created_at) > julianday(?)", (persona_id, since))
    return row is not None and row["n"] >= CODE_REQUESTS


def check_code(db: Database, persona_id: int, code: str, kind: str = "password") -> str | None:
    """None when the code is good (it is then used up), else the message for the field."""
    table = TABLES[kind]
    now = clock.now()
    with db.transaction():
        found = db.one(f"SELECT * FROM {table} WHERE persona_id = ? AND code_hash = ?"
                       " ORDER BY id DESC LIMIT 1", (persona_id, _code_hash(persona_id, code)))
        if found is not None:
            if found["used_at"]:
                return "Ce code a déjà été utilisé : un code ne sert qu'une fois. Demandez un nouveau code."
            if now >= datetime.fromisoformat(found["expires_at"]):
                return ("Ce code n'est plus valable : il expire au bout de 15 minutes, et seul le dernier "
                        "code reçu compte. Demandez un nouveau code.")
            db.execute(f"UPDATE {table} SET used_at = ? WHERE id = ?", (now.isoformat(), found["id"]))
            return None
        latest = db.one(f"SELECT * FROM {table} WHERE persona_id = ? ORDER BY id DESC LIMIT 1",
                        (persona_id,))
        active = latest is not None and not latest["used_at"]
        if latest is not None and active and now < datetime.fromisoformat(latest["expires_at"]):
            # A 6-digit code must not be guessable: after a few tries it is worth nothing.
            attempts = latest["attempts"] + 1
            expires = now.isoformat() if attempts >= CODE_ATTEMPTS else latest["expires_at"]
            db.execute(f"UPDATE {table} SET attempts = ?, expires_at = ? WHERE id = ?",
                       (attempts, expires, latest["id"]))
            if attempts >= CODE_ATTEMPTS:
                return (f"Ce code est incorrect. Après {CODE_ATTEMPTS} essais, le code n'est plus valable : "
                        "demandez un nouveau code.")
    return "Ce code est incorrect. Vérifiez le code du dernier message reçu."

