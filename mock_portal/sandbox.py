"""Back to the start: the one reset shared by ``mock-portal reset`` and the testing API.

The seeded personas are reseeded from their file. Learners of a class keep their accounts as
printed on their cards (so the cards stay valid), and lose everything they did.
"""

from __future__ import annotations

from typing import Any

from mock_portal import classroom, documents, personas
from mock_portal.db import Database
from mock_portal.settings import Settings

# Tables that hold accounts (the trainer's code included); every other table holds what people did.
ACCOUNTS = ("personas", "learners", "trainer")


def reset(db: Database, settings: Settings, entries: list[dict[str, Any]]) -> None:
    with db.transaction():
        for table in db.tables():
            if table not in ACCOUNTS:
                db.execute(f'DELETE FROM "{table}"')
        db.execute("DELETE FROM personas WHERE id NOT IN (SELECT persona_id FROM learners)")
        personas.seed(db, entries)
        classroom.restore(db)
    # Rows are gone, so their files would only be orphans on disk.
    documents.wipe_files(documents.folder(settings))
