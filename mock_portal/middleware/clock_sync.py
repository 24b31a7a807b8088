"""Every request first brings this process's clock to the instant the trainer's desk chose."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from mock_portal.db import Database
from mock_portal.shared_clock import Follower


class ClockSyncMiddleware:
    def __init__(self, app: ASGIApp, db: Database, follower: Follower) -> None:
        self.app = app
        self.db = db
        self.follower = follower

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # One read of a one-row table per page; static files never show the time.
        if scope["type"] == "http" and not scope["path"].startswith("/static/"):
            self.follower.follow(self.db)
        await self.app(scope, receive, send)
