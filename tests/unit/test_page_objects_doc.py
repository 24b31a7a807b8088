"""docs/page-objects.md is what `make docs` writes from the page objects today."""

from __future__ import annotations

from scripts.page_objects_doc import TARGET, render


def test_page_objects_doc_is_up_to_date():
    assert TARGET.read_text(encoding="utf-8") == render(), "docs/page-objects.md is stale: run `make docs`"


def test_page_objects_doc_lists_every_page_and_its_fixture():
    from mock_portal_testing.pages import PAGES

    text = render()
    assert all(f"### `{page.__name__}`" in text for page in PAGES)
    assert "fixture `mot_de_passe_oublie_code_page`" in text
