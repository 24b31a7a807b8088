"""Fuzzing the declaration (form and confirmation) and the document upload."""

from __future__ import annotations

import json
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mock_portal import documents, questions, window
from tests.support.fuzzing import FUZZ, JUNK, SAMPLES, START, Fuzzed, field, inside_the_window, submission

DATES = ("15/06/2019", "01/06/2019", "30/06/2019", "1/6/2019", "31/05/2019", "01/07/2019")
DECLARATION = {
    # Mostly right answers, « non » above all: a submission must pass all seven to go further.
    **{q.name: field("non", "non", "oui", share=92) for q in questions.QUESTIONS},
    "recherche": field("oui", "oui", "oui", "non", share=92),
    "heures": field("35", "0", "151", "744", "1000"), "salaire": field("1 234,56", "0", "12,345", "-3"),
    **{f"{name}_{end}": field(*DATES) for name in ("stage", "maladie") for end in ("du", "au")},
    **{name: field(*DATES) for name in ("maternite_debut", "retraite_depuis", "invalidite_depuis",
                                          "recherche_depuis")},
    "recherche_motif": field("reprise", "retraite", "autre"), "action": field("abandonner", share=8),
}
FOLLOW_UPS = {"heures": "35", "salaire": "1 234,56", "stage_du": "03/06/2019", "stage_au": "14/06/2019",
              "maladie_du": "01/06/2019", "maladie_au": "30/06/2019", "maternite_debut": "10/06/2019",
              "retraite_depuis": "01/06/2019", "invalidite_depuis": "15/06/2019", "recherche_depuis": "20/06/2019",
              "recherche_motif": "reprise"}


@st.composite
def declaration(draw: st.DrawFn) -> dict[str, str]:
    """A consistent, valid form (what a person sends), then zero to three fields damaged."""
    values: dict[str, str] = {}
    for question in questions.QUESTIONS:
        values[question.name] = draw(st.sampled_from(["oui", "non"]))
        if values[question.name] == question.details_on:
            values.update({f.name: FOLLOW_UPS[f.name] for f in question.follow_ups})
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(sorted(DECLARATION)))
        if draw(st.booleans()):
            values[name] = draw(DECLARATION[name])
        else:
            values.pop(name, None)
    return values


BROUILLON = re.compile(r'name="brouillon" value="([^"]+)"')
# Run first in every profile: a clean declaration, confirmed, so that the checks on what was stored
# never depend on the draw (30 derandomized examples may all be refused, and did once).
CLEAN = {"token": "valid", "encoding": "urlencoded", "charset": "utf-8", "raw": b"", "position": 0}
CLEAN_FORM = {**CLEAN, "pairs": [(q.name, "non" if q.details_on == "oui" else "oui") for q in questions.QUESTIONS]}
CLEAN_CONFIRMATION = {**CLEAN, "pairs": []}


def test_fuzz_declaration_form_and_confirmation(fuzzed: Fuzzed):
    client = fuzzed.client(logged_in_as="demo")
    before = fuzzed.sent

    @settings(FUZZ)
    @given(submission(DECLARATION, declaration()), submission({"brouillon": JUNK, "action": field("abandonner", share=8)}),
           st.sampled_from(["draft", "draft", "draft", "junk", "missing"]))
    @example(CLEAN_FORM, CLEAN_CONFIRMATION, "draft")
    def declare(form: dict, confirm: dict, brouillon: str) -> None:
        client.get("/actualisation/modifier")  # once declared, only a modification reaches the form
        response = fuzzed.send(client, "/actualisation/formulaire", form)
        found = None
        if response.status_code == 303 and response.headers["location"].endswith("/confirmation"):
            found = BROUILLON.search(client.get("/actualisation/confirmation").text)
        # Confirmed in every example, with a refused form too: a draft the session does not hold.
        pairs = [(k, v) for k, v in confirm["pairs"] if k != "brouillon"]
        if brouillon == "draft" and found:
            pairs.append(("brouillon", found.group(1)))
        elif brouillon == "junk":
            pairs.append(("brouillon", "x" * 22))
        fuzzed.send(client, "/actualisation/confirmation", {**confirm, "pairs": pairs})

    with inside_the_window():
        declare()
        assert client.get("/espace-personnel").status_code == 200  # the session survived it all
    assert fuzzed.sent - before >= FUZZ.max_examples
    fuzzed.check_sessions()
    # Stored answers read back into the form's strings validate again, to the same answers.
    db = fuzzed.app.state.db
    period = window.declared_period(START)
    stored = [json.loads(row["answers"]) for row in db.all("SELECT answers FROM declarations")]
    stored += [json.loads(row["answers"]) for row in db.all("SELECT answers FROM declaration_versions")]
    assert stored, "the fuzzer never got a declaration through"
    for answers in stored:
        assert questions.validate(questions.to_form(answers), period) == (answers, {})


def _file_bytes() -> st.SearchStrategy[bytes]:
    real = [(SAMPLES / name).read_bytes() for name in ("bulletin-de-salaire.pdf", "bulletin-scan.png",
                                                        "bulletin-photo.jpg", "attestation-employeur-3-pages.pdf")]
    mutated = st.builds(lambda data, cut, flip: (data[:cut] + bytes([data[cut % len(data)] ^ 0xFF])
                                                 + data[cut + 1:]) if flip else data[:cut],
                        st.sampled_from(real), st.integers(0, 14_000), st.booleans())
    prefixed = st.builds(lambda magic, tail: magic + tail,
                         st.sampled_from([documents.PDF_MAGIC, documents.JPEG_MAGIC, documents.PNG_MAGIC, b""]),
                         st.binary(max_size=400))
    return st.one_of(st.sampled_from(real), mutated, prefixed)


def test_fuzz_document_upload(fuzzed: Fuzzed):
    client = fuzzed.client(logged_in_as="corse")
    before = fuzzed.sent
    names = st.one_of(st.sampled_from(["bulletin.pdf", "", "../../x.pdf", "a\\b.png", 'q"uote.pdf', "é.jpg",
                                       "\x07bell.pdf", "x" * 300 + ".pdf"]), st.text(max_size=30))

    fields = {"situation": field(*documents.SITUATIONS), "type_document": field(*documents.KINDS),
              "envoi": field("envoi-fixe", share=10)}
    one_file = st.tuples(st.just("fichier"), names, _file_bytes()).map(lambda part: [part])
    any_files = st.lists(st.tuples(st.sampled_from(["fichier"] * 5 + ["autre"]), names, _file_bytes()), max_size=3)

    @settings(FUZZ)
    @given(submission(fields, st.fixed_dictionaries({"situation": st.sampled_from(sorted(documents.SITUATIONS)),
                                                     "type_document": st.sampled_from(sorted(documents.KINDS))})),
           st.integers(0, 99).flatmap(lambda n: one_file if n < 70 else any_files))
    def upload(form: dict, files: list[tuple[str, str, bytes]]) -> None:
        fuzzed.send(client, "/mes-echanges/envoyer-un-document", form, files)

    with inside_the_window():
        upload()
    assert fuzzed.sent - before >= FUZZ.max_examples
    fuzzed.check_sessions()
    rows = fuzzed.app.state.db.all("SELECT * FROM documents")
    assert rows, "the fuzzer never got a document through"
    folder = documents.folder(fuzzed.app.state.settings)
    for row in rows:
        path = documents.stored_path(folder, row["stored_name"])
        assert path is not None, row["stored_name"]
        data = path.read_bytes()
        inspected = documents.inspect(data)
        assert (len(data), inspected.media_type, inspected.pages) == (row["size"], row["media_type"], row["pages"])
        assert row["situation"] in documents.SITUATIONS and row["kind"] in documents.KINDS
        assert row["file_name"] == documents.display_name(row["file_name"])
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]

