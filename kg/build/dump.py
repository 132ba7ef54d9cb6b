"""The TriG dump of a build (``graph.trig``): a head (ontology and reference data), then one block per article
graph, whose (offset, length) the manifest records so that the next build can copy it unchanged."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph

from kg.manifest import Entry


class TrigDump:
    """``graph.trig`` being written, and the previous build's one to copy reused blocks from."""

    def __init__(self, path: Path, previous: Path | None = None) -> None:
        self.file: IO[bytes] = open(path, "wb")
        self.previous: IO[bytes] | None = open(previous, "rb") if previous is not None else None

    def write_head(self, previous_head: int, fixed: Sequence[Any]) -> int:
        """Copy the previous build's head (``previous_head`` bytes), or write ``fixed`` as the head when there is
        no previous dump; return where the first article block goes."""
        if self.previous is not None:
            self.file.write(self.previous.read(previous_head))
        else:
            self.file.write(pyoxigraph.serialize(fixed, format=pyoxigraph.RdfFormat.TRIG) or b"")
        return self.file.tell()

    def previous_block(self, entry: Entry) -> bytes | None:
        """The block of a reused article in the previous dump (None without one)."""
        if self.previous is None or not entry.trig:
            return None
        self.previous.seek(entry.trig[0])
        return self.previous.read(entry.trig[1])

    def append(self, block: bytes) -> tuple[int, int]:
        """Write an article's block; its (offset, length) in the dump."""
        offset = self.file.tell()
        self.file.write(block)
        return offset, len(block)

    def skip_to(self, offset: int) -> None:
        """Continue writing at ``offset`` (what a :class:`~kg.graph.trig.BlockCopier` fills before it)."""
        self.file.flush()
        self.file.seek(offset)

    def close(self) -> None:
        self.file.close()
        if self.previous is not None:
            self.previous.close()
