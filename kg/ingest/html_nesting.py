"""Pages nested deeper than an HTML parser goes: collapse the middle of each deep chain of elements.

libxml2 (lxml, and so trafilatura) stops building the tree 255 elements deep (2,048
with ``huge_tree``): the text below is lost and a page of 300 nested ``<div>`` has
"no main text". :func:`flatten_nesting` rewrites such a page with the standard
library's tokenizer (which has no depth limit): the start and end tags of an element
opened more than ``keep`` levels deep whose subtree is itself more than ``keep``
levels high are left out; text, attributes of the other elements, comments and
entities are written back as they were. The outermost and innermost ``keep``
levels of any chain stay, so the paragraphs at the bottom keep their tags, and the
result is at most ``2 * keep`` deep.
"""
from __future__ import annotations

from html.parser import HTMLParser

KEEP = 100

# elements that have no end tag: never on the stack of open elements
VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())


class _Tokens(HTMLParser):
    """The page as tokens (raw text of each) with, for each start tag, its depth and the height below it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.raw: list[str] = []
        self.depth: dict[int, int] = {}        # token index of a start tag -> its depth (1 = top level)
        self.height: dict[int, int] = {}       # token index of a start tag -> levels of elements below it
        self.closes: dict[int, int] = {}       # token index of an end tag -> the start tag it closes
        self.stack: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        i = len(self.raw)
        self.raw.append(self.get_starttag_text() or f"<{tag}>")
        if tag in VOID:
            return
        self.depth[i] = len(self.stack) + 1
        self.height[i] = 0
        self.stack.append((tag, i))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.raw.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        i = len(self.raw)
        self.raw.append(f"</{tag}>")
        if not any(t == tag for t, _ in self.stack):
            return                             # a stray end tag: written back, closes nothing
        while self.stack:
            t, start = self.stack.pop()
            self._closed(start)
            if t == tag:
                self.closes[i] = start
                return

    def _closed(self, start: int) -> None:
        if self.stack:
            parent = self.stack[-1][1]
            self.height[parent] = max(self.height[parent], self.height[start] + 1)

    def close(self) -> None:
        super().close()
        while self.stack:
            self._closed(self.stack.pop()[1])

    def handle_data(self, data: str) -> None:
        self.raw.append(data)

    def handle_entityref(self, name: str) -> None:
        self.raw.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.raw.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.raw.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.raw.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.raw.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.raw.append(f"<![{data}]>")


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest (as the standard tokenizer reads it)."""
    tokens = _Tokens()
    tokens.feed(html)
    tokens.close()
    return max(tokens.depth.values(), default=0)


def flatten_nesting(html: str, keep: int = KEEP) -> str | None:
    """``html`` with the middle of its chains deeper than ``2 * keep`` collapsed, or None when none is."""
    tokens = _Tokens()
    tokens.feed(html)
    tokens.close()
    drop = {i for i, d in tokens.depth.items() if d > keep and tokens.height[i] >= keep}
    if not drop:
        return None
    drop |= {end for end, start in tokens.closes.items() if start in drop}
    return "".join(raw for i, raw in enumerate(tokens.raw) if i not in drop)
