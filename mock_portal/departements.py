"""The « Votre numéro de département » field: which codes exist and what to say otherwise."""

from __future__ import annotations

OVERSEAS = {"971", "972", "973", "974", "976"}
VALID = (
    {f"{n:02d}" for n in range(1, 96) if n != 20}
    | {"2A", "2B"}
    | OVERSEAS
)


class DepartementError(ValueError):
    """Carries the French message shown next to the field."""


def normalize(raw: str) -> str:
    """Return the canonical code (``"2A"``, ``"06"``, ``"971"``) or raise DepartementError."""
    code = raw.strip().upper().replace(" ", "")
    if not code:
        raise DepartementError("Saisissez votre numéro de département.")
    if len(code) == 1 and code.isdigit():
        code = "0" + code
    if code in VALID:
        return code
    if code == "20":
        raise DepartementError("Pour la Corse, saisissez 2A (Corse-du-Sud) ou 2B (Haute-Corse).")
    if code == "975":
        raise DepartementError(
            "Saint-Pierre-et-Miquelon n'est pas géré par ce portail : contactez votre agence."
        )
    raise DepartementError(
        "Ce numéro de département n'existe pas. Saisissez 2 chiffres (exemple : 67), 2A ou 2B "
        "pour la Corse, ou 3 chiffres pour l'outre-mer (971 à 974, 976)."
    )
