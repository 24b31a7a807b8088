from __future__ import annotations

from pathlib import Path

import pytest

from mock_portal.personas import load_file
from mock_portal.settings import DEFAULT_PERSONAS


def test_personas_fixture_covers_the_required_cases():
    entries = load_file(DEFAULT_PERSONAS)
    assert len(entries) >= 4
    assert entries[0]["key"] == "demo"
    assert any(not entry["email"] for entry in entries)
    assert any(entry["department"] == "2A" for entry in entries)
    assert any(entry["department"] in {"971", "972", "973", "974", "976"} for entry in entries)


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("personas: []", "non-empty"),
    ("personas:\n  - key: a\n    identifiant: '1'", "lacks"),
    ("personas:\n  - {key: a, identifiant: '1', password: p, department: '20', civility: M,"
     " first_name: A, last_name: B, email: a@b.c, phone: null}", "Corse"),
    ("personas:\n  - {key: a, identifiant: '1', password: p, department: '67', civility: M,"
     " first_name: A, last_name: B, email: null, phone: null}", "email or a phone"),
])
def test_personas_bad_file_says_why(tmp_path: Path, yaml_text: str, message: str):
    path = tmp_path / "personas.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ValueError, match=message):
        load_file(path)
