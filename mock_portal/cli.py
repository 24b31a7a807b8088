"""``mock-portal serve`` and ``mock-portal reset``."""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from mock_portal.clock import parse_instant
from mock_portal.settings import DEFAULT_DATABASE, Settings


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
    serve.add_argument("--testing", action="store_true",
                       help="expose the /_testing JSON API (clock, reset, personas)")
    # A listening socket inherited from the test harness: no race for a free port.
    serve.add_argument("--fd", type=int, help=argparse.SUPPRESS)
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info"])

    reset = commands.add_parser("reset", help="empty the database and reseed the personas")
    reset.add_argument("--db", type=Path, default=DEFAULT_DATABASE)
    return parser


def _instant(text: str) -> object:
    try:
        return parse_instant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from mock_portal.app import create_app

    settings = Settings(database=args.db, testing=args.testing, now=args.now, frozen=args.frozen)
    app = create_app(settings)
    config = uvicorn.Config(
        app, host=args.host, port=args.port, log_level=args.log_level,
        timeout_graceful_shutdown=1, server_header=False, lifespan="off",
    )
    server = uvicorn.Server(config)
    if args.fd is not None:
        server.run(sockets=[socket.socket(fileno=args.fd)])
    else:
        server.run()


def reset(args: argparse.Namespace) -> None:
    from mock_portal import personas
    from mock_portal.db import Database

    settings = Settings(database=args.db)
    db = Database(settings.database)
    db.init_schema()
    db.wipe()
    personas.seed(db, personas.load_file(settings.personas_file))
    print(f"{settings.database}: reset to the seeded personas")


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    {"serve": serve, "reset": reset}[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
