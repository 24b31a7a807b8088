"""Posting the portal's forms the way a browser does, and reading the re-rendered form back, for
the HTTP-level unit tests."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx2 as httpx

from tests.support.asgi_client import InProcessClient


def txt(response: httpx.Response) -> str:
    """The page as a reader sees it: Jinja escapes apostrophes."""
    return html.unescape(response.text)


def post(client: InProcessClient, path: str, csrf: str, **data: str) -> httpx.Response:
    return client.post(path, data={"csrf_token": csrf, **data})


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text a reader sees, whitespace collapsed."""
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join(" ".join(parts).split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()  # character references converted: the text as a reader sees it
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        for node in (self.current, *self.current.ancestors()):
            if node.tag == tag and node.parent is not None:
                self.current = node.parent
                return

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


class RenderedForm:
    """A re-rendered form read the way the browser tests read it (the page objects'
    ``error_summary``, ``inline_error`` and field locators), for the HTTP-level unit tests."""

    def __init__(self, response: httpx.Response) -> None:
        builder = _TreeBuilder()
        builder.feed(response.text)
        builder.close()
        self.elements = list(builder.root.iter())

    def by_id(self, id_: str) -> Element:
        [element] = [e for e in self.elements if e.attrs.get("id") == id_]
        return element

    def summary_link(self, name: str) -> str:
        """The error summary's entry that links to the field ``name``."""
        [summary] = [e for e in self.elements if e.has_class("error-summary")]
        links = [e.text for e in summary.iter() if e.tag == "a" and e.attrs.get("href") == f"#{name}"]
        return " ".join(links)

    def inline_error(self, name: str) -> str:
        """The message next to the field: in its innermost form group, and the field described by it."""
        field_ = self.by_id(name)
        group = next(node for node in field_.ancestors() if node.has_class("form-group"))
        errors = [e for e in group.iter() if e.has_class("field-error")]
        described_by = field_.attrs.get("aria-describedby", "").split()
        return " ".join(e.text for e in errors if e.attrs.get("id") in described_by)

    def kept(self, name: str) -> str | list[str] | None:
        """What the field ``name`` holds: its value, or the values of its checked radios."""
        inputs = [e for e in self.elements if e.tag == "input" and e.attrs.get("name") == name]
        if inputs and inputs[0].attrs.get("type") == "radio":
            return [e.attrs["value"] for e in inputs if "checked" in e.attrs]
        return self.by_id(name).attrs.get("value")

    def assert_refused(self, name: str, message: str) -> None:
        """``message`` in the error summary and next to the field ``name``, which says it is invalid."""
        assert message in self.summary_link(name), (name, self.summary_link(name))
        assert message in self.inline_error(name), (name, self.inline_error(name))
        assert self.by_id(name).attrs.get("aria-invalid") == "true", name
