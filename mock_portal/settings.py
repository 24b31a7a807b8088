"""Everything that differs between a sandbox, a test worker and a unit test."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PERSONAS = PROJECT_ROOT / "fixtures" / "personas.yaml"
DEFAULT_DATABASE = PROJECT_ROOT / "var" / "portal.sqlite3"


def _secret_from_env() -> str:
    # A fresh secret per start is fine: sessions live server-side, and only CSRF cookies of
    # pages opened before a restart stop matching.
    return os.environ.get("MOCK_PORTAL_SECRET") or secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Settings:
    database: Path = DEFAULT_DATABASE
    personas_file: Path = DEFAULT_PERSONAS
    secret_key: str = field(default_factory=_secret_from_env, repr=False)
    # Exposes /_testing/*: only ever switched on by ``--testing``.
    testing: bool = False
    # Initial instant of the clock (sandbox rehearsal or tests); None means real time.
    now: datetime | None = None
    frozen: bool = False
    # « Vous avez la possibilité de la modifier jusqu'à HHhMM »: "fin-de-journee" (23h59 the
    # same day, Paris time) or "heures:N" (N hours after validation).
    modification_deadline: str = "fin-de-journee"
    session_idle_minutes: int = 30
