"""Many generated personas, for load and multi-process tests: one formula for their credentials."""

from __future__ import annotations

from pathlib import Path

import yaml

DEPARTEMENT = "75"


def identifiant(index: int) -> str:
    return f"{5000000 + index}L"


def password(index: int) -> str:
    return f"Charge-{index:03d}!"


def write_personas(path: Path, count: int) -> Path:
    entries = [{
        "key": f"charge{i}", "identifiant": identifiant(i), "password": password(i),
        "department": DEPARTEMENT, "civility": "Madame", "first_name": "Charge", "last_name": f"N{i}",
        "email": f"charge{i}@exemple.fr", "phone": None,
    } for i in range(count)]
    path.write_text(yaml.safe_dump({"personas": entries}), encoding="utf-8")
    return path
