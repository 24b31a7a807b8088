"""Property-based fuzzing of every form through the ASGI app: never a 5xx, nothing invalid stored.

Each test drives one family of forms with generated submissions (random and unicode strings,
huge values, missing and repeated fields, wrong content types, multipart garbage, a valid CSRF
token most of the time) and counts them; each asserts its own share, and the shares add up to
more than 5 000 (2 000 + 1 050 + 960 + 500 + 500). Hypothesis is derandomized, so every run
sends the same submissions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from mock_portal import documents, questions, window
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.sessions import COOKIE, Session
from mock_portal.settings import Settings

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "files"
FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- generated values -------------------------------------------------------------------------

TRICKY = ["", " ", "0", "-1", "oui", "non", "Oui", "NaN", "1e309", "99999999999999999999", "12,5", "35",
          "1 234,56", "15/06/2019", "31/02/2019", "01/06/2019", "2019-06-15", "../../etc/passwd",
          "<script>alert(1)</script>", "'; DROP TABLE personas; --", "\u202e", "\x00", "\r\n", "%00", "+",
          "reprise", "retraite", "autre", "email", "sms", "retour", "abandonner", "🙂" * 3]
HUGE = st.builds(lambda char, count: char * count, st.sampled_from(["a", "é", "9", "🙂", " ", "/"]),
                 st.integers(1_000, 200_000))
_JUNK_KINDS = (st.sampled_from(TRICKY), st.text(max_size=40), st.text(st.characters(codec="utf-8"), max_size=12))
# Huge values are rare (4 %): each one is up to a megabyte to encode, send and parse.
JUNK = st.integers(0, 99).flatmap(lambda n: HUGE if n >= 96 else _JUNK_KINDS[n % 3])


def field(*valid: str, share: int = 60) -> st.SearchStrategy[str]:
    """A plausible value ``share`` % of the time (so that deeper states are reached), else junk.

    Not ``st.one_of``: it picks its branches evenly (and merges equal ones), whatever their count.
    """
    if not valid:
        return JUNK
    return st.integers(0, 99).flatmap(lambda n: st.sampled_from(valid) if n < share else JUNK)


CHARSETS = ["utf-8", "latin-1", "utf-16", "utf-7", "unicode_escape", "raw_unicode_escape", "bogus"]
ENCODING = st.sampled_from(["urlencoded"] * 6 + ["multipart"] * 2 + ["json", "text", "none", "raw-urlencoded",
                           "raw-multipart"])


@st.composite
def submission(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[str]],
               whole: st.SearchStrategy[dict[str, str]] | None = None) -> dict[str, Any]:
    """Some of the form's fields (any may be missing), maybe repeated, maybe extra ones, and a
    CSRF token that is right most of the time; then an encoding, usually the right one.
    ``whole`` draws all the values at once instead (a consistent form, then damaged)."""
    if whole is not None:
        pairs = list(draw(whole).items())
    else:
        pairs = [(name, draw(value)) for name, value in fields.items() if draw(st.integers(0, 99)) < 92]
    if draw(st.integers(0, 99)) < 25:
        names = st.sampled_from([*fields, "x", "csrf_token"]) if fields else st.just("x")
        pairs += draw(st.lists(st.tuples(names, JUNK), min_size=1, max_size=3))
    token = draw(st.sampled_from(["valid"] * 8 + ["missing", "wrong"]))
    return {"pairs": pairs, "token": token, "encoding": draw(ENCODING), "charset": draw(st.sampled_from(CHARSETS)),
            "raw": draw(st.binary(max_size=300)), "position": draw(st.integers(0, 5))}


def multipart(parts: list[tuple[str, str | None, bytes]], boundary: str = "fuzzBOUNDARY") -> bytes:
    """Written by hand, so that quotes or line breaks in a name give a malformed body, as sent."""
    out = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + ("" if filename is None else f'; filename="{filename}"')
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        head += "" if filename is None else "Content-Type: application/octet-stream\r\n"
        out += head.encode("utf-8") + b"\r\n" + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


# --- the portal under fuzz --------------------------------------------------------------------

class Fuzzed:
    """The app, a counter of submissions, and helpers that check every answer."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sent = 0

    def client(self, logged_in_as: str | None = None) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)
        client.get("/connexion/departement")  # the CSRF cookie, as a browser gets it
        if logged_in_as:
            session = Session()
            session.login(self.app.state.db.one("SELECT id FROM personas WHERE key = ?", (logged_in_as,))["id"])
            self.app.state.session_store.save(session)
            client.cookies.set(COOKIE, session.token or "")
        return client

    def send(self, client: TestClient, path: str, sub: dict[str, Any],
             files: list[tuple[str, str | None, bytes]] | None = None) -> Any:
        pairs = list(sub["pairs"])
        csrf = {"valid": client.cookies.get("pe_csrf") or "", "wrong": "forged", "missing": None}[sub["token"]]
        if csrf is not None:
            pairs.insert(min(sub["position"], len(pairs)), ("csrf_token", csrf))
        files = files or []
        encoding = "multipart" if files and sub["encoding"] == "urlencoded" else sub["encoding"]
        boundary = "fuzzBOUNDARY"
        headers, body = {}, b""
        if encoding == "urlencoded":
            headers["content-type"] = "application/x-www-form-urlencoded"
            body = urlencode(pairs).encode()
        elif encoding == "multipart":
            headers["content-type"] = f"multipart/form-data; boundary={boundary}; charset={sub['charset']}"
            body = multipart([(name, None, value.encode("utf-8", "surrogatepass")) for name, value in pairs]
                             + list(files), boundary)
        elif encoding == "json":
            headers["content-type"] = "application/json"
            body = json.dumps(dict(pairs)).encode()
        elif encoding == "text":
            headers["content-type"] = "text/plain"
            body = urlencode(pairs).encode()
        elif encoding == "raw-urlencoded":
            headers["content-type"] = f"application/x-www-form-urlencoded; charset={sub['charset']}"
            body = sub["raw"] + b"&" + urlencode(pairs).encode()
        elif encoding == "raw-multipart":
            headers["content-type"] = f"multipart/form-data; boundary={boundary}"
            body = f"--{boundary}\r\n".encode() + sub["raw"]
        else:
            body = urlencode(pairs).encode()
        response = client.post(path, content=body, headers=headers)
        self.sent += 1
        assert response.status_code < 500, (path, sub, response.text[:500])
        return response


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(Settings(database=folder / "portal.sqlite3", testing=True))
    yield Fuzzed(app)
    app.state.db.close()


@contextmanager
def inside_the_window() -> Iterator[None]:
    """Within the test's body, not a fixture: pytest's own timings would read the frozen clock."""
    clock.set(START, frozen=True)
    try:
        yield
    finally:
        clock.reset()


def _persona(fuzzed: Fuzzed, key: str) -> dict[str, Any]:
    return next(entry for entry in fuzzed.app.state.personas if entry["key"] == key)


def _birth(entry: dict[str, Any]) -> str:
    year, month, day = str(entry["birth_date"]).split("-")
    return f"{day}/{month}/{year}"


# --- the forms ---------------------------------------------------------------------------------

POST_FORMS = ["/connexion/departement", "/connexion/identifiant", "/connexion/mot-de-passe",
              "/connexion/deconnexion", "/connexion/identifiant-oublie", "/connexion/identifiant-oublie/canal",
              "/connexion/mot-de-passe-oublie", "/connexion/mot-de-passe-oublie/canal",
              "/connexion/mot-de-passe-oublie/code", "/connexion/mot-de-passe-oublie/nouveau",
              "/actualisation/formulaire", "/actualisation/confirmation", "/mes-echanges/envoyer-un-document"]


def test_fuzz_any_form_with_any_body(fuzzed: Fuzzed):
    """Every form, logged in, with anything at all: the cheapest submissions, so the most of them."""
    client = fuzzed.client(logged_in_as="outre_mer")
    before = fuzzed.sent

    @settings(FUZZ, max_examples=2000)
    @given(st.sampled_from(POST_FORMS), submission({"x": JUNK}))
    def any_form(path: str, sub: dict[str, Any]) -> None:
        fuzzed.send(client, path, sub)

    with inside_the_window():
        any_form()
    assert fuzzed.sent - before >= 2000


def test_fuzz_connexion_and_logout(fuzzed: Fuzzed):
    demo, corse = _persona(fuzzed, "demo"), _persona(fuzzed, "corse")
    identifiants = (demo["identifiant"], corse["identifiant"], "0000000Z")
    before = fuzzed.sent

    @settings(FUZZ, max_examples=350)
    @given(submission({"departement": field("67", "2A", "2a", "971", "75", "20", "099")}),
           submission({"identifiant": field(*identifiants), "action": field("retour", share=15)}),
           # Mostly junk identifiants: each well-formed one costs a real scrypt verification.
           submission({"nom_utilisateur": st.one_of(JUNK, JUNK, JUNK, st.sampled_from(identifiants)),
                       "mot_de_passe": field(demo["password"], corse["password"]), "action": field("retour", share=15)}),
           submission({}), st.booleans())
    def connexion(departement: dict, identifiant: dict, mot_de_passe: dict, logout: dict, out: bool) -> None:
        client = fuzzed.client()
        fuzzed.send(client, "/connexion/departement", departement)
        fuzzed.send(client, "/connexion/identifiant", identifiant)
        fuzzed.send(client, "/connexion/mot-de-passe", mot_de_passe)
        if out:
            fuzzed.send(client, "/connexion/deconnexion", logout)

    with inside_the_window():
        connexion()
    assert fuzzed.sent - before >= 350 * 3


def test_fuzz_recovery_of_identifiant_and_password(fuzzed: Fuzzed):
    who = _persona(fuzzed, "sms_only")
    born = _birth(who)
    before = fuzzed.sent

    @settings(FUZZ, max_examples=160)
    @given(submission({"nom": field(who["last_name"], who["last_name"].upper()),
                       "prenom": field(who["first_name"]), "date_naissance": field(born, "3/11/1979")}),
           submission({"canal": field("sms", "email")}),
           submission({"identifiant": field(who["identifiant"]), "date_naissance": field(born)}),
           submission({"canal": field("sms", "email")}),
           submission({"code": field("000000", "12345")}), st.booleans(),
           submission({"nouveau_mot_de_passe": field("Nouveau-2019!", "Sms2019!", "court"),
                       "confirmation": field("Nouveau-2019!", "Sms2019!")}))
    def recovery(nom: dict, canal: dict, ident: dict, canal2: dict, code: dict, real_code: bool,
                 nouveau: dict) -> None:
        client = fuzzed.client()
        fuzzed.send(client, "/connexion/identifiant-oublie", nom)
        fuzzed.send(client, "/connexion/identifiant-oublie/canal", canal)
        fuzzed.send(client, "/connexion/mot-de-passe-oublie", ident)
        fuzzed.send(client, "/connexion/mot-de-passe-oublie/canal", canal2)
        if real_code:  # the code really sent, so that the last step is reached too
            sent = fuzzed.app.state.db.one("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
            found = re.search(r"\b(\d{6})\b", sent["body"]) if sent else None
            if found:
                code = {**code, "pairs": [("code", found.group(1))]}
        fuzzed.send(client, "/connexion/mot-de-passe-oublie/code", code)
        fuzzed.send(client, "/connexion/mot-de-passe-oublie/nouveau", nouveau)

    with inside_the_window():
        recovery()
    assert fuzzed.sent - before >= 160 * 6
    rows = fuzzed.app.state.db.all("SELECT identifiant, password_hash FROM personas")
    assert all(row["password_hash"].startswith("scrypt$") for row in rows)


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


def test_fuzz_declaration_form_and_confirmation(fuzzed: Fuzzed):
    client = fuzzed.client(logged_in_as="demo")
    before = fuzzed.sent

    @settings(FUZZ, max_examples=500)
    @given(submission(DECLARATION, declaration()), submission({"brouillon": JUNK, "action": field("abandonner", share=8)}),
           st.sampled_from(["draft", "draft", "draft", "junk", "missing"]))
    def declare(form: dict, confirm: dict, brouillon: str) -> None:
        client.get("/actualisation/modifier")  # once declared, only a modification reaches the form
        response = fuzzed.send(client, "/actualisation/formulaire", form)
        if response.status_code == 303 and response.headers["location"].endswith("/confirmation"):
            found = BROUILLON.search(client.get("/actualisation/confirmation").text)
            pairs = [(k, v) for k, v in confirm["pairs"] if k != "brouillon"]
            if brouillon == "draft" and found:
                pairs.append(("brouillon", found.group(1)))
            elif brouillon == "junk":
                pairs.append(("brouillon", "x" * 22))
            fuzzed.send(client, "/actualisation/confirmation", {**confirm, "pairs": pairs})

    with inside_the_window():
        declare()
        assert client.get("/espace-personnel").status_code == 200  # the session survived it all
    assert fuzzed.sent - before >= 500
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

    @settings(FUZZ, max_examples=500)
    @given(submission(fields, st.fixed_dictionaries({"situation": st.sampled_from(sorted(documents.SITUATIONS)),
                                                     "type_document": st.sampled_from(sorted(documents.KINDS))})),
           st.integers(0, 99).flatmap(lambda n: one_file if n < 70 else any_files))
    def upload(form: dict, files: list[tuple[str, str, bytes]]) -> None:
        fuzzed.send(client, "/mes-echanges/envoyer-un-document", form, files)

    with inside_the_window():
        upload()
    assert fuzzed.sent - before >= 500
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


def test_fuzz_sessions_stay_well_formed(fuzzed: Fuzzed):
    """Whatever ran before in this module: every stored session is readable and points at a persona."""
    db = fuzzed.app.state.db
    personas = {row["id"] for row in db.all("SELECT id FROM personas")}
    for row in db.all("SELECT persona_id, data FROM sessions"):
        assert isinstance(json.loads(row["data"]), dict)
        assert row["persona_id"] is None or row["persona_id"] in personas
