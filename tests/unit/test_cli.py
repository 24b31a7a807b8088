from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import uvicorn
from pypdf import PdfReader

from mock_portal import classroom, desk, personas, startup
from mock_portal.cli import _parser, main
from mock_portal.db import Database
from mock_portal.settings import DEFAULT_PERSONAS
from tests.support.paths import ROOT

PERSONA = """personas:
  - key: a
    identifiant: "1"
    password: p
    department: "67"
    civility: M
    first_name: A
    last_name: B
    email: a@b.c
    phone: null
"""


def test_cli_serve_defaults():
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.testing, args.now) == ("127.0.0.1", 8000, False, None)
    assert args.modification_deadline == "fin-de-journee"
    assert args.testing_on_public_host is False


def test_cli_now_is_paris_time():
    args = _parser().parse_args(["serve", "--now", "2019-06-28T09:00"])
    assert args.now.isoformat() == "2019-06-28T09:00:00+02:00"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "notdb").write_text("hello, not SQLite\n" * 10)
    (tmp_path / "malformed.yaml").write_text("personas:\n  - key: a\n   identifiant: [\n")
    (tmp_path / "strings.yaml").write_text("personas:\n  - just a name\n")
    (tmp_path / "no-list.yaml").write_text("personas: 3\n")
    (tmp_path / "date.yaml").write_text(PERSONA + "    birth_date: 1980-01-02\n")
    (tmp_path / "nested.yaml").write_text(PERSONA.replace("first_name: A", "first_name: [A, B]"))
    (tmp_path / "latin1.yaml").write_bytes(PERSONA.replace("B\n", "Bé\n").encode("latin-1"))
    return tmp_path


@pytest.fixture
def never_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused command must stop before the server: if it starts, the test fails at once."""
    def started(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server started")
    monkeypatch.setattr(uvicorn.Server, "run", started)


@pytest.mark.parametrize(("argv", "says"), [
    (["serve", "--port", "99999"], "argument --port: a port is a number from 0 to 65535, not '99999'"),
    (["serve", "--port", "http"], "argument --port"),
    (["serve", "--workers", "0"], "argument --workers: a number of processes from 1 to 64"),
    (["serve", "--frozen"], "--frozen needs --now"),
    (["serve", "--now", "demain"], "an ISO-8601 date and time (Paris time) such as 2019-06-28T09:00"),
    (["serve", "--now", "0001-01-01T00:00"], "a year from 1970 to 2100"),
    (["serve", "--modification-deadline", "minuit"], "'fin-de-journee' or 'heures:N'"),
    (["serve", "--testing", "--host", "0.0.0.0"], "use a loopback host (127.0.0.1) or add --testing-on"),
    (["serve", "--testing", "--host", "portal.example"], "--testing on --host portal.example"),
    (["serve", "--testing-on-public-host"], "--testing-on-public-host only makes sense with --testing"),
    (["serve", "--testing", "--workers", "2"], "--testing needs a single worker"),
    (["serve", "--unknown"], "unrecognized arguments: --unknown"),
    (["serve", "--db", "{tmp}/notdb"], "--db {tmp}/notdb: not a usable SQLite database (file is not a database)"),
    (["reset", "--db", "{tmp}/notdb"], "--db {tmp}/notdb: not a usable SQLite database"),
    (["serve", "--db", "{tmp}"], "--db {tmp}: is a folder, not a database file"),
    (["serve", "--db", "{tmp}/notdb/portal.sqlite3"], "--db {tmp}/notdb/portal.sqlite3: {tmp}/notdb is not a folder"),
    (["serve", "--personas", "{tmp}/missing.yaml"], "--personas {tmp}/missing.yaml: no such personas file"),
    (["serve", "--personas", "{tmp}"], "--personas {tmp}: cannot read the personas file"),
    (["serve", "--personas", "{tmp}/malformed.yaml"], "--personas {tmp}/malformed.yaml:3:4: invalid YAML"),
    (["reset", "--personas", "{tmp}/malformed.yaml"], "{tmp}/malformed.yaml:3:4: invalid YAML"),
    (["serve", "--personas", "{tmp}/latin1.yaml"], "{tmp}/latin1.yaml: not UTF-8 text"),
    (["serve", "--personas", "{tmp}/no-list.yaml"], "a non-empty 'personas' list is required"),
    (["serve", "--personas", "{tmp}/strings.yaml"], "{tmp}/strings.yaml: persona #1 is not a mapping"),
    (["serve", "--personas", "{tmp}/date.yaml"], "persona 'a': birth_date must be text, not 1980-01-02 (quote it)"),
    (["serve", "--personas", "{tmp}/nested.yaml"], "persona 'a': first_name must be text, not a list"),
])
def test_cli_refuses_bad_input_in_one_line(argv, says, files, never_started, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([arg.format(tmp=files) for arg in argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.count("\n") == 1, err
    assert err.startswith((f"mock-portal {argv[0]}: error: ", "mock-portal: error: "))
    assert says.format(tmp=files) in err
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="procfs accepts no new file: Linux only")
def test_cli_refuses_a_database_in_a_folder_it_cannot_write(never_started, capsys):
    # Root writes into a chmod 555 folder, procfs refuses everyone: the test holds under root too.
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--db", "/proc/portal.sqlite3"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err == "mock-portal serve: error: --db /proc/portal.sqlite3: not a usable SQLite database " \
                  "(unable to open database file)\n"


def test_cli_reports_a_database_check_killed_by_a_signal(tmp_path, never_started, monkeypatch, capsys):
    # SQLite dies of SIGBUS when it cannot back the memory-mapped -shm file; the check runs in a
    # child process so that the parent can say so.
    monkeypatch.setattr(startup, "_probe", lambda path: os.kill(os.getpid(), signal.SIGBUS))
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--db", str(tmp_path / "portal.sqlite3")])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.count("\n") == 1
    assert "opening it killed the process (SIGBUS)" in err


def test_cli_database_check_leaves_a_usable_database(tmp_path):
    database = tmp_path / "portal.sqlite3"
    startup.check_database(database)
    startup.check_database(database)  # twice: an existing database passes too
    with sqlite3.connect(database) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "personas" in tables
    assert "startup_probe" not in tables


def test_cli_testing_on_public_host_warns_and_says_so_in_settings(tmp_path, monkeypatch, capsys):
    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, **kw: served.append(server.config))
    main(["serve", "--testing", "--host", "0.0.0.0", "--port", "0", "--testing-on-public-host",
          "--db", str(tmp_path / "portal.sqlite3")])
    (config,) = served
    assert config.app.state.settings.testing_public_host is True
    assert config.host == "0.0.0.0"
    config.app.state.db.close()
    err = capsys.readouterr().err
    assert err.startswith("mock-portal: WARNING: --testing-on-public-host")
    assert "every persona's password" in err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_cli_testing_on_loopback_starts_without_warning(host, tmp_path, monkeypatch, capsys):
    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, **kw: served.append(server.config))
    main(["serve", "--testing", "--host", host, "--port", "0", "--db", str(tmp_path / "p.sqlite3")])
    (config,) = served
    assert config.app.state.settings.testing_public_host is False
    code = desk.trainer_code(config.app.state.db)
    config.app.state.db.close()
    # No warning: the one line says where the trainer's desk is, with its code.
    assert capsys.readouterr().err.splitlines() == [
        f"INFO:     Trainer's desk at /formateur, trainer code: {code}"]


def test_cli_reset_reseeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # In this process, at the tests' hashing cost: a process of its own hashed six passwords at the
    # production cost (0.35 s of CPU); the installed command is run by the test below.
    database = tmp_path / "p.sqlite3"
    main(["reset", "--db", str(database)])
    assert "reset to the seeded personas" in capsys.readouterr().out
    with sqlite3.connect(database) as conn:
        seeded = sorted(row[0] for row in conn.execute("SELECT identifiant FROM personas"))
    assert seeded == sorted(str(entry["identifiant"]) for entry in personas.load_file(DEFAULT_PERSONAS))


def test_cli_error_from_the_installed_command_has_no_traceback(tmp_path: Path):
    (tmp_path / "notdb").write_text("not a database")
    result = subprocess.run([sys.executable, "-m", "mock_portal", "serve", "--db", str(tmp_path / "notdb")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == f"mock-portal serve: error: --db {tmp_path / 'notdb'}: not a usable SQLite " \
                            "database (file is not a database)\n"


def test_make_serve_passes_each_allowed_host_to_the_portal():
    """The classroom recipe: learners' machines reach the portal by an address of the LAN."""
    dry = subprocess.run(["make", "-n", "serve", "HOST=0.0.0.0", "ALLOWED_HOSTS=192.168.1.20 formation.local"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = next(line for line in dry.replace("\\\n", " ").splitlines() if "mock-portal serve" in line)
    assert "--host 0.0.0.0" in command
    assert "--allowed-host 192.168.1.20" in command and "--allowed-host formation.local" in command


# --- classe: learners and their cards ------------------------------------------------------

def _classe(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(["classe", *argv])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_classe_adds_learners_once_and_writes_the_cards(tmp_path: Path, capsys):
    database, cards = tmp_path / "p.sqlite3", tmp_path / "fiches.pdf"
    args = ("--db", str(database), "--out", str(cards), "--base-url", "http://10.0.0.5:8000/")
    assert _classe(capsys, "5", *args)[:2] == (0, f"5 learners added, 0 kept: cards for learners 1 to 5 "
                                                   f"in {cards}\n")
    assert _classe(capsys, "5", *args)[1].startswith("0 learners added, 5 kept")
    assert _classe(capsys, "12", *args)[1].startswith("7 learners added, 5 kept")

    db = Database(database)
    learners = classroom.learners(db)
    assert [row["key"] for row in db.all("SELECT key FROM personas ORDER BY id")][:1] == ["demo"]
    db.close()
    text = "\n".join(page.extract_text() for page in PdfReader(cards).pages)
    assert len(learners) == 12
    for learner in learners:
        assert learner.identifiant in text and learner.password in text
        assert f"http://10.0.0.5:8000/outbox/{learner.token}" in text
    assert "Hélène" in text and "17/03/1984" in text and "aucun (SMS uniquement)" in text


@pytest.mark.parametrize(("argv", "message"), [
    (["4"], "a class has 5 to 30 learners, not 4"),
    (["31"], "a class has 5 to 30 learners, not 31"),
    (["5", "--base-url", "127.0.0.1:8000"], "--base-url must start with http://"),
    (["5", "--out", "/nonexistent-folder/f.pdf"], "--out: no folder"),
])
def test_cli_classe_refuses_bad_arguments_and_stores_nothing(tmp_path: Path, capsys, argv, message):
    database = tmp_path / "p.sqlite3"
    code, out, err = _classe(capsys, "--db", str(database), "--out", str(tmp_path / "f.pdf"), *argv)
    assert code == 2
    assert message in err and out == ""
    assert not database.exists() and not (tmp_path / "f.pdf").exists()


def test_cli_classe_not_a_number_is_a_usage_error(capsys):
    assert _classe(capsys, "douze")[0] == 2
