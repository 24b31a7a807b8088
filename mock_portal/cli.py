"""``mock-portal serve`` and ``mock-portal reset``."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import socket
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from mock_portal.clock import parse_instant
from mock_portal.settings import DEFAULT_DATABASE, DEFAULT_PERSONAS, LOOPBACK_HOSTS, Settings
from mock_portal.startup import StartupError, check_database, check_personas

if TYPE_CHECKING:
    from starlette.applications import Starlette

# The instants the portal can show and compute with (the testing API keeps the same bounds).
_YEARS = range(1970, 2101)


class _Parser(argparse.ArgumentParser):
    """argparse, but every error is one line on stderr and exit code 2: no usage block to scroll."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mock-portal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start the training portal")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8000, help="0 to 65535 (0: any free port)")
    serve.add_argument("--db", type=Path, default=DEFAULT_DATABASE, help="SQLite file (kept)")
    serve.add_argument("--now", type=_instant, help="start the clock at this instant "
                       "(ISO-8601, Paris time without offset), e.g. 2019-06-28T09:00")
    serve.add_argument("--frozen", action="store_true", help="with --now: the clock stands still")
    serve.add_argument("--modification-deadline", default="fin-de-journee", metavar="POLICY", type=_policy,
                       help="how long a validated declaration stays modifiable: 'fin-de-journee' "
                       "(23h59 the same day, the default) or 'heures:N'")
    serve.add_argument("--testing", action="store_true",
                       help="expose the /_testing JSON API (clock, reset, personas with their "
                       "passwords, outbox, declarations, sessions, classe, formateur); refused on a host "
                       "other than loopback")
    serve.add_argument("--testing-on-public-host", action="store_true",
                       help="with --testing: accept a non-loopback --host anyway, so that anyone "
                       "who reaches it can read every password and reset the data")
    serve.add_argument("--personas", type=Path, default=DEFAULT_PERSONAS,
                       help="YAML file of personas seeded into an empty database")
    serve.add_argument("--workers", type=_workers, default=1,
                       help="server processes sharing the SQLite file (WAL); not with --testing")
    # A listening socket inherited from the test harness: no race for a free port.
    serve.add_argument("--fd", type=int, help=argparse.SUPPRESS)
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME", type=_host_name,
                       help="also answer requests for this host name (repeatable; loopback names "
                       "and --host are always allowed), e.g. the name learners type")
    serve.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDRESS",
                       help="believe X-Forwarded-Proto/For from this proxy address (repeatable)")
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


def _port(text: str) -> int:
    if not text.strip().isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535, not {text!r}")
    return int(text)


def _workers(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"a number of processes from 1 to 64, not {text!r}")
    return int(text)


def _instant(text: str) -> datetime:
    # clock.parse_instant speaks French (the testing API answers testers in the portal's
    # language); the command line speaks English.
    try:
        instant = parse_instant(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"an ISO-8601 date and time (Paris time) such as 2019-06-28T09:00, not {text!r}") from None
    if instant.year not in _YEARS:
        raise argparse.ArgumentTypeError(f"a year from {_YEARS[0]} to {_YEARS[-1]}, not {text!r}")
    return instant


def _policy(text: str) -> str:
    from mock_portal.declarations import check_policy

    try:
        check_policy(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything, so it counts as public


def _check_serve_arguments(args: argparse.Namespace) -> None:
    if args.frozen and args.now is None:
        raise StartupError("--frozen needs --now: it stops the clock at that instant")
    if args.testing_on_public_host and not args.testing:
        raise StartupError("--testing-on-public-host only makes sense with --testing")
    if args.testing and not _is_loopback(args.host) and not args.testing_on_public_host:
        raise StartupError(f"--testing on --host {args.host} would show every persona's password to "
                           "the network; use a loopback host (127.0.0.1) or add --testing-on-public-host")
    if args.workers > 1 and (args.testing or args.fd is not None):
        raise StartupError("--testing needs a single worker: the test clock and fault injection live "
                           "in one process, and a second worker would keep its own time")


def _host_name(text: str) -> str:
    # TrustedHostMiddleware asserts this on the first request; say it at start instead.
    if "*" in text[1:] or (text.startswith("*") and text != "*" and not text.startswith("*.")):
        raise argparse.ArgumentTypeError(f"{text!r}: a wildcard only as '*' or '*.example.org'")
    return text


def _allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...]:
    """Loopback names, --host and every --allowed-host, as Host headers write them."""
    names = [*LOOPBACK_HOSTS, host, *extra]
    return tuple(dict.fromkeys(f"[{name}]" if ":" in name and not name.startswith("[") else name.lower()
                               for name in names))


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from mock_portal import passwords
    from mock_portal.app import SETTINGS_ENV, create_app

    settings = Settings(database=args.db, personas_file=args.personas, testing=args.testing, now=args.now,
                        frozen=args.frozen, modification_deadline=args.modification_deadline,
                        testing_public_host=args.testing_on_public_host,
                        allowed_hosts=_allowed_hosts(args.host, args.allowed_host),
                        trusted_proxies=tuple(args.trusted_proxy))
    check_personas(settings.personas_file)
    check_database(settings.database)
    if settings.testing_public_host:
        print(f"mock-portal: WARNING: --testing-on-public-host: /_testing on {args.host}:{args.port} "
              "lets anyone who reaches it read every persona's password, move the clock and erase "
              "the data", file=sys.stderr, flush=True)
    # Forwarded headers are the app's business (Settings.trusted_proxies), not uvicorn's, which
    # would otherwise believe them from 127.0.0.1.
    common = {"host": args.host, "port": args.port, "log_level": args.log_level, "proxy_headers": False,
              "timeout_graceful_shutdown": 1, "server_header": False, "lifespan": "off"}
    if args.workers > 1:
        # Each worker builds its own app from the same settings; the database is the only state
        # they share (sessions included), so any worker can answer any request.
        os.environ[SETTINGS_ENV] = settings.to_json()
        first = _built(create_app, settings)  # seed once, before the workers race to
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
    if settings.testing:
        # A portal for a test suite (one worker, see above): logins, resets and the seeding of
        # each reset hash at the testing cost, recorded in each hash; ~37 ms of CPU less a hash.
        passwords.use(passwords.TESTING)
    app = _built(create_app, settings)
    server = uvicorn.Server(uvicorn.Config(app, **common))
    _announce_desk(app)
    if args.fd is not None:
        server.run(sockets=[socket.socket(fileno=args.fd)])
    else:
        server.run()


def _built(create_app: Callable[[Settings], Starlette], settings: Settings) -> Starlette:
    # The checks passed a moment ago; a file changed since (disk just full) still gets one line.
    from mock_portal import shared_clock

    try:
        app = create_app(settings)
        if settings.now is not None:
            # Before any worker starts: --now wins over the desk's choice of an earlier run.
            shared_clock.forget(app.state.db)
        return app
    except (sqlite3.Error, OSError) as exc:
        raise StartupError(f"--db {settings.database}: {exc}") from None
    except ValueError as exc:  # a setting read from the environment (MOCK_PORTAL_CRASH_AT)
        raise StartupError(str(exc)) from None


def _announce_desk(app: Any) -> None:
    """The trainer code, at every start. After uvicorn.Config, which sets up the logging."""
    from mock_portal import desk

    logging.getLogger("uvicorn.error").info(
        "Trainer's desk at /formateur, trainer code: %s", desk.trainer_code(app.state.db))


def reset(args: argparse.Namespace) -> None:
    from mock_portal import personas, sandbox
    from mock_portal.db import Database

    settings = Settings(database=args.db, personas_file=args.personas)
    check_personas(settings.personas_file)
    check_database(settings.database)
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
    try:
        if args.command == "serve":
            _check_serve_arguments(args)
        {"serve": serve, "reset": reset, "classe": classe}[args.command](args)
    except StartupError as exc:
        parser.exit(2, f"mock-portal {args.command}: error: {exc}\n")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
