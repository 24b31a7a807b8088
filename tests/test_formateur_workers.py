"""``serve --workers N``: the instant the trainer's desk sets holds in every worker process, and the
personas of an empty database are seeded once (the parent does it before the workers start)."""

from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mock_portal import personas
from mock_portal.settings import DEFAULT_PERSONAS
from tests.support.agent import Agent
from tests.support.serving import wait_until_listening
from tests.test_workers import _free_port

CODE = re.compile(r"trainer code: (\w+)")
CLOSED = "La période d'actualisation est fermée"
VISITS = 40


def test_formateur_clock_holds_in_every_worker(tmp_path: Path):
    port = _free_port()
    database = tmp_path / "classe.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "serve", "--workers", "2", "--port", str(port),
         "--db", str(database), "--now", "2019-06-28T09:00", "--log-level", "info"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        found = [match.group(1) for line in wait_until_listening(process) if (match := CODE.search(line))]
        assert found, "serve did not print the trainer code"
        code = found[-1]

        base = f"http://127.0.0.1:{port}"

        def home() -> str:
            visitor = Agent(base)
            try:
                return html.unescape(visitor.request("GET", "/")[2])
            finally:
                visitor.close()

        # Before: every worker is in the window (--now), so the closed notice shows nowhere.
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert not any(CLOSED in page for page in pool.map(lambda _: home(), range(VISITS)))

        trainer = Agent(base)
        trainer.request("GET", "/formateur/connexion")
        _, path, _ = trainer.request("POST", "/formateur/connexion", {"code": code})
        assert path == "/formateur"
        _, _, desk = trainer.request("POST", "/formateur/horloge", {"preset": "fermee"})
        assert "Horloge réglée : période fermée." in html.unescape(desk)
        trainer.close()

        # After: whichever worker answers (new connections spread over both), the window is closed.
        with ThreadPoolExecutor(max_workers=8) as pool:
            pages = list(pool.map(lambda _: home(), range(VISITS)))
        assert all(CLOSED in page for page in pages)
    finally:
        process.terminate()
        process.wait(15)
    # The empty file was seeded once, by the parent, not by each worker racing to.
    expected = sorted(str(entry["identifiant"]) for entry in personas.load_file(DEFAULT_PERSONAS))
    with sqlite3.connect(database) as conn:
        assert sorted(row[0] for row in conn.execute("SELECT identifiant FROM personas")) == expected
