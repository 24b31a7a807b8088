"""« Mes coordonnées »: the e-mail and mobile on record, changed only once the new one is proven.

A change waits in ``contact_changes`` until the 6-digit code sent to the new address or number is
typed (reset_codes.py, kind ``contact``: 15 minutes, once, 5 tries, 5 codes and 10 wrong codes
per hour). Then, in one transaction, the persona's contact changes and the old one is told. The
recovery screens read the persona, so they follow the new contact from that moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from mock_portal import outbox, reset_codes
from mock_portal.clock import clock, to_paris
from mock_portal.db import Database
from mock_portal.personas import Persona

CHANNELS = {"email": "email", "sms": "phone"}  # channel -> personas column
MAX_EMAIL = 254
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
MOBILE = re.compile(r"0[67][0-9]{8}")
EMAIL_ERROR = "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."
MOBILE_ERROR = ("Saisissez un numéro de portable français : 10 chiffres commençant par 06 ou 07, "
                "par exemple 06 12 34 56 78.")


class ContactError(ValueError):
    """Typed contact refused; the message is for the field."""


class TooManyRequests(Exception):
    pass


def normalize_email(typed: str) -> str:
    email = typed.strip()
    if len(email) > MAX_EMAIL or not EMAIL.fullmatch(email):
        raise ContactError(EMAIL_ERROR)
    local, _, domain = email.partition("@")
    return f"{local}@{domain.lower()}"


def normalize_mobile(typed: str) -> str:
    """« +33 6 12 34 56 78 », « 06.12.34.56.78 »… → « 06 12 34 56 78 »."""
    digits = re.sub(r"[\s.\-]", "", typed.strip()[:40])
    for prefix in ("+33", "0033"):
        if digits.startswith(prefix):
            digits = "0" + digits.removeprefix(prefix)
    if not MOBILE.fullmatch(digits):
        raise ContactError(MOBILE_ERROR)
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))


def mask(channel: str, value: str) -> str:
    """What the old address is told of the new one: enough to recognise it, not to use it."""
    if channel == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = "".join(char for char in value if char.isdigit())
    if len(digits) == 10:
        return f"{digits[:2]} ** ** ** {digits[-2:]}"
    return digits[:2] + "*" * max(len(digits) - 4, 0) + digits[-2:]


@dataclass(frozen=True)
class Change:
    id: int
    persona_id: int
    channel: str
    new_value: str
    old_value: str | None


def pending(db: Database, persona_id: int) -> Change | None:
    row = db.one("SELECT * FROM contact_changes WHERE persona_id = ? AND confirmed_at IS NULL"
                 " ORDER BY id DESC LIMIT 1", (persona_id,))
    if row is None:
        return None
    return Change(row["id"], row["persona_id"], row["channel"], row["new_value"], row["old_value"])


def request_change(db: Database, persona: Persona, channel: str, new_value: str) -> Change:
    """Record the change as pending and send its code to the new contact; nothing else changes."""
    if reset_codes.too_many_requests(db, persona.id, "contact"):
        raise TooManyRequests
    old = getattr(persona, CHANNELS[channel])
    now = clock.now()
    with db.transaction():
        # Only the latest request counts, like its code.
        db.execute("DELETE FROM contact_changes WHERE persona_id = ? AND confirmed_at IS NULL", (persona.id,))
        cursor = db.execute(
            "INSERT INTO contact_changes (persona_id, channel, new_value, old_value, created_at)"
            " VALUES (?, ?, ?, ?, ?)", (persona.id, channel, new_value, old, now.isoformat()))
        issued = reset_codes.issue_code(db, persona.id, "contact")
        if issued is None:  # a limit reached between the check above and now
            raise TooManyRequests
        code, expires = issued
        body = (f"Votre code de confirmation est : {code}. Il confirme le changement de vos "
                f"coordonnées et reste valable jusqu'à {_heure(expires)}. Ne le communiquez à personne.")
        outbox.send(db, _channel(channel), new_value, "Confirmez vos nouvelles coordonnées", body)
    assert cursor.lastrowid is not None
    return Change(cursor.lastrowid, persona.id, channel, new_value, old)


def resend(db: Database, persona: Persona) -> Change | None:
    """A new code for the pending change (the previous one ends)."""
    change = pending(db, persona.id)
    if change is None:
        return None
    return request_change(db, persona, change.channel, change.new_value)


def confirm(db: Database, persona: Persona, typed: str) -> str | None:
    """None when the code confirmed the pending change (now on record), else the field's message."""
    change = pending(db, persona.id)
    if change is None:
        return "Aucune modification n'attend de code : recommencez la modification de vos coordonnées."
    if not reset_codes.CODE.fullmatch(typed):
        return "Saisissez le code à 6 chiffres reçu, sans espace."
    column = CHANNELS[change.channel]
    now = clock.now()
    with db.transaction():
        outcome = reset_codes.check_code(db, persona.id, typed, "contact")
        if outcome != "ok":
            return _code_error(db, persona.id, outcome)
        db.execute(f"UPDATE personas SET {column} = ? WHERE id = ?", (change.new_value, persona.id))
        db.execute("UPDATE contact_changes SET confirmed_at = ? WHERE id = ?", (now.isoformat(), change.id))
        if change.old_value:
            what = "adresse e-mail" if change.channel == "email" else "numéro de portable"
            body = (f"Bonjour {persona.first_name} {persona.last_name}, le {_date(now)} à {_heure(now)}, "
                    f"votre {what} a été remplacé(e) par {mask(change.channel, change.new_value)} dans "
                    "votre espace personnel. Les prochains messages y seront envoyés. Si vous n'êtes "
                    "pas à l'origine de ce changement, contactez votre conseiller.")
            outbox.send(db, _channel(change.channel), change.old_value, "Vos coordonnées ont changé", body)
    return None


def addresses_of(db: Database, persona_id: int) -> list[str]:
    """Every contact this persona has had, and the one waiting for its code, unless it is
    someone else's on record: a learner's messages page shows what was sent to them."""
    rows = db.all("SELECT new_value, old_value FROM contact_changes WHERE persona_id = ?", (persona_id,))
    values = {value for row in rows for value in (row["new_value"], row["old_value"]) if value}
    taken = db.all("SELECT email, phone FROM personas WHERE id != ?", (persona_id,))
    others = {outbox.recipient_key(v) for row in taken for v in (row["email"], row["phone"]) if v}
    return sorted(value for value in values if outbox.recipient_key(value) not in others)


def _channel(channel: str) -> outbox.Channel:
    return "email" if channel == "email" else "sms"


def _date(instant: datetime) -> str:
    return to_paris(instant).strftime("%d/%m/%Y")


def _heure(instant: datetime) -> str:
    return to_paris(instant).strftime("%Hh%M")


def _code_error(db: Database, persona_id: int, outcome: reset_codes.Outcome) -> str:
    if outcome == "used":
        return "Ce code a déjà été utilisé : un code ne sert qu'une fois. Demandez un nouveau code."
    if outcome == "expired":
        return ("Ce code n'est plus valable : il expire au bout de 15 minutes, et seul le dernier "
                "code reçu compte. Demandez un nouveau code.")
    if reset_codes.tries_left(db, persona_id, "contact") == 0:
        return (f"Ce code est incorrect. Après {reset_codes.CODE_ATTEMPTS} essais, le code n'est plus "
                "valable : demandez un nouveau code.")
    return "Ce code est incorrect. Vérifiez le code du dernier message reçu."
