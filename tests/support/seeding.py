"""A database seeded as the portal seeds an empty file, but at the tests' hashing cost."""

from __future__ import annotations

from pathlib import Path

from mock_portal import passwords
from mock_portal.app import create_app
from mock_portal.settings import DEFAULT_PERSONAS, Settings


def seed_cheaply(database: Path, personas_file: Path = DEFAULT_PERSONAS) -> Path:
    """The schema and the personas, their passwords hashed at ``passwords.TESTING``: a server
    started on this file finds it seeded instead of computing a production hash per persona
    (~45 ms of CPU each). For tests that check what needs no production hash."""
    with passwords.costing(passwords.TESTING):
        create_app(Settings(database=database, personas_file=personas_file)).state.db.close()
    return database
