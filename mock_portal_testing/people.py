"""Who a test acts as: personas as the testing API gives them, and what the recovery screens
ask them. Test data, not page objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Persona:
    """A persona as the testing API gives it (the test's view, not the portal's)."""

    key: str
    identifiant: str
    password: str
    department: str
    civility: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Persona:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})

    @property
    def full_name(self) -> str:
        return f"{self.civility} {self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Identity:
    """What the recovery screens ask a persona: who they are, as they would type it."""

    key: str
    identifiant: str
    nom: str
    prenom: str
    date_naissance: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Identity:
        born = date.fromisoformat(data["birth_date"])
        return cls(data["key"], data["identifiant"], data["last_name"], data["first_name"],
                   born.strftime("%d/%m/%Y"))
