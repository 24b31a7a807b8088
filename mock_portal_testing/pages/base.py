from __future__ import annotations

from typing import ClassVar

from playwright.sync_api import Locator, Page


class BasePage:
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
    def sandbox_banner(self) -> Locator:
        return self.page.get_by_role("note", name="Avertissement : simulation")
