"""``mock-portal serve --workers N``: several processes share one SQLite file without losing data."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import crowd
from tests.support.agent import Agent
from tests.support.seeding import seed_cheaply
from tests.support.serving import wait_until_listening

PERSONAS = 24


@pytest.fixture
def personas_file(tmp_path: Path) -> Path:
    return crowd.write_personas(tmp_path / "personas.yaml", PERSONAS)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_workers_share_the_database_without_losing_declarations(tmp_path: Path, personas_file: Path):
    port = _free_port()
    database = tmp_path / "shared.sqlite3"
    # Seeded here, as the server would seed an empty file (which test_formateur_workers.py
    # checks): 24 seeded and 24 verified production hashes were 2.4 s of CPU, and what is proved
    # here is that the workers' writes all land.
    seed_cheaply(database, personas_file)
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "serve", "--workers", "2", "--port", str(port),
         "--db", str(database), "--personas", str(personas_file), "--now", "2019-06-28T09:00",
         "--log-level", "info"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        # The parent binds the socket before it says so; connections then queue until a worker
        # accepts them, so this line is all the readiness there is to wait for.
        wait_until_listening(process)

        def declare(i: int) -> str:
            agent = Agent(f"http://127.0.0.1:{port}")
            try:
                landed = agent.login(crowd.DEPARTEMENT, crowd.identifiant(i), crowd.password(i))
                assert landed == "/espace-personnel", landed
                # Twice: the second attempt must find the first one.
                first = agent.declare()
                second = agent.declare()
                return f"{first} {second}"
            finally:
                agent.close()

        with ThreadPoolExecutor(max_workers=12) as pool:
            results = list(pool.map(declare, range(PERSONAS)))
        assert results == ["/actualisation/validation /actualisation/deja-declare"] * PERSONAS
    finally:
        process.terminate()
        process.wait(15)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM declarations").fetchone()[0] == PERSONAS
        assert conn.execute("SELECT COUNT(*) FROM declaration_versions").fetchone()[0] == PERSONAS
        assert conn.execute("SELECT COUNT(DISTINCT persona_id) FROM declarations").fetchone()[0] == PERSONAS


def test_workers_refuse_testing_mode():
    result = subprocess.run([sys.executable, "-m", "mock_portal", "serve", "--workers", "2", "--testing"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "--testing needs a single worker" in result.stderr
