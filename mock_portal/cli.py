"""``mock-portal serve`` and ``mock-portal reset``."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from pathlib import Path
from typing import Any

from mock_portal.clock import parse_instant
from mock_portal.settings import DEFAULT_DATABASE, DEFAULT_PERSONAS, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mock-portal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start the training portal")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--db", type=Path, default=DEFAULT_DATABASE, help="SQLite file (kept)")
    serve.add_argument("--now", type=_instant, help="start the clock at this instant "
                       "(ISO-8601, Paris time without offset), e.g. 2019-06-28T09:00")
    serve.add_argument("--frozen", action="store_true", help="with --now: the clock stands still")
    serve.add_argument("--modification-deadline", default="fin-de-journee", metavar="POLICY", type=_policy,
                       help="how long a validated declaration stays modifiable: 'fin-de-journee' "
                       "(23h59 the same day, the default) or 'heures:N'")
    serve.add_argument("--testing", action="store_true",
                       help="expose the /_testing JSON API (clock, reset, personas)")
    # A listening socket inherited from the test harness: no race for a free port.
    serve.add_argument("--personas", type=Path, default=DEFAULT_PERSONAS,
                       help="YAML file of personas seeded into an empty database")
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes sharing the SQLite file (WAL); not with --testing")
    serve.add_argument("--fd", type=int, help=argparse.SUPPRESS)
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info"])

    reset = commands.add_parser("reset", help="empty the database and reseed the personas")
    reset.add_argument("--db", type=Path, default=DEFAULT_DATABASE)
    reset.add_argument("--personas", type=Path, default=DEFAULT_PERSONAS)

    classe = commands.add_parser("classe", help="create N learner accounts (5 to 30) and print their cards")
    classe.add_argument("n", type=int, metavar="N", help="how many learners (5 to 30); learners "
                        "already in the database are kept, only the missing ones are added")
    classe.add_argument("--db", type=Path, default=DEFAULT_DATABASE, help="SQLite file of the portal")
    classe.add_argument("--out", type=Path, default=Path("fiches-apprenants.pdf"),
                        help="the cards PDF (default: fiches-apprenants.pdf in the current folder)")
    classe.add_argument("--base-url", default="http://127.0.0.1:8000",
                        help="the portal's address as learners reach it, printed on each card "
                        "before /outbox/<token>")
    return parser


def _instant(text: str) -> object:
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _policy(text: str) -> str:
    from mock_portal.declarations import check_policy

    try:
        check_policy(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from mock_portal.app import SETTINGS_ENV, create_app

    settings = Settings(database=args.db, personas_file=args.personas, testing=args.testing, now=args.now,
                        frozen=args.frozen, modification_deadline=args.modification_deadline)
    common = {"host": args.host, "port": args.port, "log_level": args.log_level,
              "timeout_graceful_shutdown": 1, "server_header": False, "lifespan": "off"}
    if args.workers > 1:
        # Each worker builds its own app from the same settings; the database is the only state
        # they share (sessions included), so any worker can answer any request.
        os.environ[SETTINGS_ENV] = settings.to_json()
        first = create_app(settings)  # seed once, before the workers race to
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config("mock_portal.app:create_app_from_environment", factory=True,
                                workers=args.workers, **common)
        _announce_desk(first)
        first.state.db.close()
        # Listening before the address is announced and before the workers start: a client that
        # connects as soon as it reads the announcement waits in the backlog instead of being
        # refused. (uvicorn's bind_socket() announces first and leaves listen() to the workers.)
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.create_server((args.host, args.port), family=family, backlog=2048)
        logging.getLogger("uvicorn.error").info(
            "Uvicorn running on http://%s:%d with %d workers (Press CTRL+C to quit)",
            f"[{args.host}]" if family == socket.AF_INET6 else args.host, sock.getsockname()[1], args.workers)
        Multiprocess(config, sockets=[sock]).run()
        return
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, **common))
    _announce_desk(app)
    if args.fd is not None:
        server.run(sockets=[socket.socket(fileno=args.fd)])
    else:
        server.run()


def _announce_desk(app: Any) -> None:
    """The trainer code, at every start. After uvicorn.Config, which sets up the logging."""
    from mock_portal import desk

    logging.getLogger("uvicorn.error").info(
        "Trainer's desk at /formateur, trainer code: %s", desk.trainer_code(app.state.db))


def reset(args: argparse.Namespace) -> None:
    from mock_portal import personas, sandbox
    from mock_portal.db import Database

    settings = Settings(database=args.db, personas_file=args.personas)
    db = Database(settings.database)
    db.init_schema()
    sandbox.reset(db, settings, personas.load_file(settings.personas_file))
    print(f"{settings.database}: reset to the seeded personas")


def classe(args: argparse.Namespace) -> None:
    import sqlite3

    from mock_portal import cards, classroom, personas
    from mock_portal.clock import clock
    from mock_portal.db import Database

    try:
        classroom.check_class_size(args.n)
        if not args.base_url.startswith(("http://", "https://")):
            raise ValueError(f"--base-url must start with http:// or https://, not {args.base_url!r}")
        if not args.out.resolve().parent.is_dir():
            raise ValueError(f"--out: no folder {args.out.resolve().parent}")
    except ValueError as exc:
        print(f"mock-portal classe: error: {exc}", file=sys.stderr)
        sys.exit(2)
    try:
        db = Database(args.db)
        db.init_schema()
        # The portal seeds its personas only into an empty database: seed them first, or the
        # demo account would never appear once learners exist.
        personas.seed_if_empty(db, personas.load_file(DEFAULT_PERSONAS))
        added, learners = classroom.create(db, args.n)
        content = cards.render(learners, args.base_url, clock.now())
        # Written beside and renamed: a card sheet is never half there.
        partial = args.out.with_name(f".{args.out.name}.part")
        partial.write_bytes(content)
        partial.replace(args.out)
    except (OSError, sqlite3.Error) as exc:
        sys.exit(f"mock-portal classe: error: {exc}")
    print(f"{added} learners added, {len(learners) - added} kept: cards for learners 1 to {args.n} "
          f"in {args.out.resolve()}")


def main(argv: list[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "serve" and args.workers > 1 and (args.testing or args.fd is not None):
        parser.error("--testing needs a single worker: the test clock and fault injection live in "
                     "one process, and a second worker would keep its own time")
    if args.command == "serve" and args.workers < 1:
        parser.error("--workers must be at least 1")
    {"serve": serve, "reset": reset, "classe": classe}[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
