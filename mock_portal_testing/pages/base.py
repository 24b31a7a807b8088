from __future__ import annotations

from typing import ClassVar

from playwright.sync_api import Locator, Page


class BasePage:
    """What every screen has: a heading, the error summary, the notice, the sandbox banner."""

    path: ClassVar[str]

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> None:
        self.page.goto(self.path)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert")

    @property
    def notice(self) -> Locator:
        """The page's one-off message (« Votre session a expiré… », a flash after a redirect)."""
        return self.page.get_by_role("status")

    def inline_error(self, field: Locator) -> Locator:
        """The message next to ``field`` (GOV.UK's inline error), in its innermost form group."""
        return self.page.locator(".form-group", has=field).last.locator(".field-error")

    @property
    def sandbox_banner(self) -> Locator:
        return self.page.get_by_role("note", name="Avertissement : simulation")
