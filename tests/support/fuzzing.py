"""Property-based fuzzing of every form through the ASGI app: the strategies and the harness.

The tests are in tests/fuzzing/ (test_connexion.py and test_actualisation.py); they must never get a
5xx, and nothing invalid may be stored.

Each test drives one family of forms with generated submissions (random and unicode strings,
huge values, missing and repeated fields, wrong content types, multipart garbage, a valid CSRF
token most of the time) and counts them, each form once per example. Two Hypothesis profiles:

- ``suite`` (``make test``): 30 examples per test, derandomized, so that the suite stays within
  its CPU budget and a failure there replays the same on any machine;
- ``campaign`` (``make fuzz``, ``MOCK_PORTAL_FUZZ=campaign``): 5 000 examples per test, so every
  form gets at least 5 000 submissions, not derandomized, so that each campaign explores new
  inputs (a failure prints the blob that replays it).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mock_portal import passwords
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.middleware.sessions import COOKIE, Session
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "files"
_COMMON = settings(database=None, deadline=None, print_blob=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("suite", _COMMON, max_examples=30, derandomize=True)
settings.register_profile("campaign", _COMMON, max_examples=5_000, derandomize=False)
# Read here, not through Hypothesis's --hypothesis-profile: this module is imported by a conftest,
# before that option is applied, and the profile must not change the other tests' settings.
FUZZ = settings.get_profile(os.environ.get("MOCK_PORTAL_FUZZ", "suite"))
# Examples per test: each form of a test gets at least this many submissions.
EXAMPLES = FUZZ.max_examples
# Submissions by path and by status class, for ``make fuzz``'s summary (bench/fuzz_report.py).
TALLY: Counter[tuple[str, str]] = Counter()

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

    def __init__(self, app: Any, clients: ExitStack) -> None:
        self.app = app
        self.sent = 0
        self._clients = clients

    @contextmanager
    def visitor(self, logged_in_as: str | None = None) -> Iterator[InProcessClient]:
        """A new browser for one example, closed with it (tests/support/asgi_client.py)."""
        with InProcessClient(self.app, base_url="http://127.0.0.1", follow_redirects=False) as client:
            client.get("/connexion/departement")  # the CSRF cookie, as a browser gets it
            if logged_in_as:
                self.log_in(client, logged_in_as)
            yield client

    def client(self, logged_in_as: str | None = None) -> InProcessClient:
        """A browser for a whole test, closed with the portal."""
        return self._clients.enter_context(self.visitor(logged_in_as))

    def log_in(self, client: InProcessClient, key: str) -> None:
        """A stored session for that persona, on the client's cookie: what a login leaves."""
        session = Session()
        session.login(self.app.state.db.one("SELECT id FROM personas WHERE key = ?", (key,))["id"])
        self.app.state.session_store.save(session)
        client.cookies.delete(COOKIE)  # the portal's own cookie, if any, has a domain: not replaced
        client.cookies.set(COOKIE, session.token or "")

    @staticmethod
    def logged_out(client: InProcessClient) -> bool:
        return not any(cookie.name == COOKIE and cookie.value for cookie in client.cookies.jar)

    def send(self, client: InProcessClient, path: str, sub: dict[str, Any],
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
        TALLY[path, f"{response.status_code // 100}xx"] += 1
        assert response.status_code < 500, (path, sub, response.text[:500])
        return response

    def check_sessions(self) -> None:
        """Every stored session is readable and points at a persona, or at nobody."""
        db = self.app.state.db
        personas = {row["id"] for row in db.all("SELECT id FROM personas")}
        rows = db.all("SELECT persona_id, data FROM sessions")
        assert rows, "the fuzzed forms stored no session at all"
        for row in rows:
            assert isinstance(json.loads(row["data"]), dict)
            assert row["persona_id"] is None or row["persona_id"] in personas


@contextmanager
def fuzzed_portal(folder: Path) -> Iterator[Fuzzed]:
    """The app, its passwords hashed at a trivial cost: a well-formed identifiant costs a real
    verification, and the fuzzer sends hundreds."""
    with passwords.costing(passwords.TESTING), ExitStack() as clients:
        app = create_app(Settings(database=folder / "portal.sqlite3", testing=True))
        yield Fuzzed(app, clients)
        clients.close()
        app.state.db.close()


@contextmanager
def inside_the_window() -> Iterator[None]:
    """The portal clock inside the window, for a test's body. Hypothesis runs all the examples
    of a test within one call, so this frames them where a fixture would be set up once and
    torn down once; freezegun already leaves pytest's own timer alone (tests/conftest.py)."""
    clock.set(START, frozen=True)
    try:
        yield
    finally:
        clock.reset()


def persona(fuzzed: Fuzzed, key: str) -> dict[str, Any]:
    return next(entry for entry in fuzzed.app.state.personas if entry["key"] == key)


def birth(entry: dict[str, Any]) -> str:
    year, month, day = str(entry["birth_date"]).split("-")
    return f"{day}/{month}/{year}"
