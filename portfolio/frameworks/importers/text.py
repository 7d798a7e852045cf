"""HTML descriptions (as Mahara allows) turned into plain text a learner can read."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_INDENT = "  "
_INDENTED_ITEM = re.compile(r"^((?:  )+)(?:- |[0-9]+\. )")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[str | None] = []
        self._skip = 0
        # One counter per open list: None for <ul>, the next item number for <ol>.
        self._lists: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))
        if tag in ("ul", "ol"):
            if not self._lists:
                self.parts.append("\n")  # a list starts a block; a nested one only a line
            self._lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            # Nested lists keep their depth as two spaces per level (a '- ' or '1. ' marker).
            depth = max(len(self._lists) - 1, 0)
            counter = self._lists[-1] if self._lists else None
            marker = f"{counter}. " if counter is not None else "- "
            if counter is not None:
                self._lists[-1] = counter + 1
            self.parts.append("\n" + _INDENT * depth + marker)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            if not self._lists:
                self.parts.append("\n")
        elif tag == "li" and not self._lists:
            self.parts.append("\n")  # a stray item outside any list ends its line
        elif tag == "a" and self._links:
            href = self._links.pop()
            if href and href.startswith(("http://", "https://")):
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Plain text from simple HTML: tags dropped, entities decoded, links kept as '(url)'.

    Paragraphs and line breaks become new lines; runs of spaces collapse. Plain text passes
    through unchanged apart from whitespace tidying.
    """
    if "<" not in value and "&" not in value:
        return _tidy(value)
    # convert_charrefs decodes entities (&amp; &nbsp; &#39;) as the text is read.
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    lines = [_tidy_line(line) for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _tidy_line(line: str) -> str:
    """Spaces collapsed and trimmed, except a list item's leading indent (its nesting)."""
    item = _INDENTED_ITEM.match(line)
    indent = item.group(1) if item else ""
    return indent + _SPACES.sub(" ", line).strip()
