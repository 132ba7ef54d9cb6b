"""The build's ``graph.trig``: the ontology and reference head, then one block per article graph.

The manifest records where each article's block sits, so a rebuild copies the
blocks of unchanged articles (:class:`BlockCopier`) and a build that drops or
replaces graphs after the checks rewrites the file (:func:`rewrite_trig`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class BlockCopier:
    """Copy TriG blocks of the previous graph.trig into the new one, in a thread, run by run.

    ``entries`` (reused manifest entries) get their new place: after ``head``, in the order of their old
    offsets, so that adjacent blocks are copied as one run (``os.copy_file_range``: no Python in the loop).
    """

    def __init__(self, src: Path, dst: Path, head: int, entries: list[Any]) -> None:
        import threading

        runs: list[list[int]] = []          # [src offset, dst offset, length]
        pos = head
        for e in sorted((e for e in entries if e.trig), key=lambda e: e.trig[0]):
            start, length = e.trig
            if runs and runs[-1][0] + runs[-1][2] == start:
                runs[-1][2] += length
            else:
                runs.append([start, pos, length])
            e.trig = (pos, length)
            pos += length
        for e in entries:
            if not e.trig:
                e.trig = (pos, 0)
        self.end = pos
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._copy, args=(src, dst, runs), daemon=True)
        self.thread.start()

    def _copy(self, src: Path, dst: Path, runs: list[list[int]]) -> None:
        try:
            fin = os.open(src, os.O_RDONLY)
            fout = os.open(dst, os.O_WRONLY)
            try:
                for start, at, length in runs:
                    done = 0
                    while done < length:
                        n = _copy_range(fin, fout, length - done, start + done, at + done)
                        if n <= 0:
                            raise OSError(f"graph.trig: short copy at {start + done}")
                        done += n
            finally:
                os.close(fin)
                os.close(fout)
        except BaseException as err:  # noqa: BLE001 - handed to the build by join()
            self.error = err

    def join(self, raise_error: bool = True) -> None:
        self.thread.join()
        if raise_error and self.error is not None:
            err, self.error = self.error, None
            raise err


def _copy_range(fin: int, fout: int, count: int, src: int, dst: int) -> int:
    """Copy up to ``count`` bytes between two files at these offsets (in the kernel when it can)."""
    if hasattr(os, "copy_file_range"):
        try:
            return os.copy_file_range(fin, fout, count, src, dst)
        except OSError:
            pass
    data = os.pread(fin, min(count, 1 << 22), src)
    return os.pwrite(fout, data, dst) if data else 0


def rewrite_trig(path: Path, manifest: Any, replaced: dict[str, bytes]) -> None:
    """graph.trig without the blocks of dropped article graphs, and with the ``replaced`` blocks (by key)."""
    tmp = path.with_suffix(".trig.tmp")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        dst.write(src.read(manifest.head))
        for key, entry in manifest.articles.items():
            if entry.trig and entry.graph is not None:
                if key in replaced:
                    block = replaced[key]
                else:
                    src.seek(entry.trig[0])
                    block = src.read(entry.trig[1])
                entry.trig = (dst.tell(), len(block))
                dst.write(block)
            else:
                entry.trig = None
    os.replace(tmp, path)
