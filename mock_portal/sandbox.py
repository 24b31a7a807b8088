"""Back to the seeded personas: the one reset shared by ``mock-portal reset`` and the testing API."""

from __future__ import annotations

from typing import Any

from mock_portal import documents, personas
from mock_portal.db import Database
from mock_portal.settings import Settings


def reset(db: Database, settings: Settings, entries: list[dict[str, Any]]) -> None:
    db.wipe()
    personas.seed(db, entries)
    # Rows are gone, so their files would only be orphans on disk.
    documents.wipe_files(documents.folder(settings))
