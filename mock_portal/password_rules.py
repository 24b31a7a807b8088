"""The rules a new password must follow, with the French message for each.

Checked on the NFC form, the one that is hashed. Strict on what cannot be seen: a password
someone cannot read back is one they cannot type again on another keyboard. Refused: control
and format characters (Unicode categories Cc, Cf: NUL, tab, zero-width space, soft hyphen…),
surrogates, private-use and unassigned code points (Cs, Co, Cn), line and paragraph separators
(Zl, Zp), every space other than the plain space U+0020 (no-break, thin, ideographic… : Zs), the
other default-ignorable code points (Hangul fillers, variation selectors), and a plain space at
the start or the end. The special character must be one that shows: punctuation or a symbol
(categories P and S), never a space.
"""

from __future__ import annotations

import unicodedata

from mock_portal.passwords import normalized, verify_in_thread

MAX_LENGTH = 64
# Default-ignorable code points outside the C categories: they show nothing either.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0") | frozenset(
    chr(code) for code in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))
)


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return (category[0] == "C" or category in ("Zl", "Zp") or (category == "Zs" and char != " ")
            or char in _IGNORABLE)


def _visible_special(char: str) -> bool:
    return unicodedata.category(char)[0] in ("P", "S")


def password_rule_error(password: str, identifiant: str) -> str | None:
    password = normalized(password)
    if len(password) > MAX_LENGTH:
        return f"Le mot de passe ne doit pas dépasser {MAX_LENGTH} caractères."
    if any(_invisible(char) for char in password):
        return ("Le mot de passe contient un caractère invisible ou de contrôle (espace insécable, "
                "tabulation, espace de largeur nulle…) : retirez-le. Seule l'espace ordinaire est "
                "acceptée, entre deux caractères.")
    if password != password.strip(" "):
        return "Le mot de passe ne doit pas commencer ni finir par une espace."
    missing = [label for ok, label in (
        (len(password) >= 8, "8 caractères"),
        (any(char.isupper() for char in password), "une majuscule"),
        (any(char.islower() for char in password), "une minuscule"),
        (any(char.isdigit() for char in password), "un chiffre"),
        (any(_visible_special(char) for char in password), "un caractère spécial (! ? @ # - …)"),
    ) if not ok]
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " et " + missing[-1]
        return f"Le mot de passe doit contenir au moins {listed}."
    if identifiant.casefold() in password.casefold():
        return "Le mot de passe ne doit pas contenir votre identifiant."
    return None


async def password_errors(password: str, confirmation: str, identifiant: str,
                          password_hash: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    error = "Saisissez un nouveau mot de passe." if not password else password_rule_error(
        password, identifiant)
    if error is None and await verify_in_thread(password, password_hash):
        error = "Choisissez un mot de passe différent de l'ancien."
    if error:
        errors["nouveau_mot_de_passe"] = error
    if not confirmation:
        errors["confirmation"] = "Saisissez une deuxième fois le nouveau mot de passe."
    elif password and normalized(confirmation) != normalized(password):
        errors["confirmation"] = "Les deux mots de passe saisis ne sont pas identiques."
    return errors
