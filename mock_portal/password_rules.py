"""The rules a new password must follow, with the French message for each."""

from __future__ import annotations

import sqlite3

from mock_portal.passwords import verify_password


def password_rule_error(password: str, identifiant: str) -> str | None:
    if len(password) > 64:
        return "Le mot de passe ne doit pas dépasser 64 caractères."
    missing = [label for ok, label in (
        (len(password) >= 8, "8 caractères"),
        (any(char.isupper() for char in password), "une majuscule"),
        (any(char.islower() for char in password), "une minuscule"),
        (any(char.isdigit() for char in password), "un chiffre"),
        (any(not char.isalnum() for char in password), "un caractère spécial (! ? @ # - …)"),
    ) if not ok]
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " et " + missing[-1]
        return f"Le mot de passe doit contenir au moins {listed}."
    if identifiant.casefold() in password.casefold():
        return "Le mot de passe ne doit pas contenir votre identifiant."
    return None


def password_errors(password: str, confirmation: str, row: sqlite3.Row) -> dict[str, str]:
    errors: dict[str, str] = {}
    error = "Saisissez un nouveau mot de passe." if not password else password_rule_error(
        password, row["identifiant"])
    if error is None and verify_password(password, row["password_hash"]):
        error = "Choisissez un mot de passe différent de l'ancien."
    if error:
        errors["nouveau_mot_de_passe"] = error
    if not confirmation:
        errors["confirmation"] = "Saisissez une deuxième fois le nouveau mot de passe."
    elif password and confirmation != password:
        errors["confirmation"] = "Les deux mots de passe saisis ne sont pas identiques."
    return errors

