"""Checks ``serve`` and ``reset`` run before anything starts: a bad file is one line, not a crash.

The database check runs in a forked child: SQLite maps the ``-shm`` file into memory, and when
that mapping cannot be backed the process dies of SIGBUS, which no ``except`` can catch. The child
dies instead, and the parent says which file and why.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sqlite3
from pathlib import Path

from mock_portal import personas
from mock_portal.db import Database

_MESSAGE_BYTES = 1000


class StartupError(Exception):
    """What cannot work and where, in one line."""


def check_personas(path: Path) -> None:
    try:
        personas.load_file(path)
    except personas.PersonasFileError as exc:
        raise StartupError(f"--personas {exc}") from None


def check_database(path: Path) -> None:
    """Open the file, apply the schema, write and roll back, as the portal will."""
    if str(path) == ":memory:":
        return
    where = f"--db {path}"
    if path.is_dir():
        raise StartupError(f"{where}: is a folder, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise StartupError(f"{where}: {path.parent} is not a folder") from None
    except OSError as exc:
        raise StartupError(f"{where}: cannot create its folder ({exc.strerror})") from None
    if not hasattr(os, "fork"):
        _probe_here(path, where)
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_end)
        faulthandler.disable()  # the parent reports a fatal signal, in one line
        code = 0
        try:
            _probe(path)
        except (sqlite3.Error, OSError) as exc:
            os.write(write_end, str(exc).encode()[:_MESSAGE_BYTES])
            code = 1
        except BaseException:
            code = 3
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        reason = pipe.read(_MESSAGE_BYTES).decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise StartupError(f"{where}: opening it killed the process ({name}): is its file system "
                           "full, or its -wal or -shm file unwritable?")
    if os.waitstatus_to_exitcode(status) == 1:
        raise StartupError(f"{where}: not a usable SQLite database ({reason})")
    if os.waitstatus_to_exitcode(status) != 0:
        _probe_here(path, where)  # an unexpected failure: let it show itself in this process


def _probe_here(path: Path, where: str) -> None:
    try:
        _probe(path)
    except (sqlite3.Error, OSError) as exc:
        raise StartupError(f"{where}: not a usable SQLite database ({exc})") from None


def _probe(path: Path) -> None:
    db = Database(path)
    try:
        db.init_schema()
        # The write lock needs the -wal and -shm files: taking it proves they can be written.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE startup_probe (x)")
        finally:
            db.execute("ROLLBACK")
    finally:
        db.close()
