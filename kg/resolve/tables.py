"""Reading the reference CSV files with checks.

Every problem is reported as a ``ReferenceDataError`` (a ``ValueError``) whose
message names the file, the line and the column, then says how to fix it:
``data/reference/partai_politik.csv:7: column 'code': 'pks' is not an
upper-case party code; use capitals and digits only``.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class ReferenceDataError(ValueError):
    """A reference file that fails its check when loaded."""

    def __init__(self, path: Path, line: int, column: str | None, problem: str, fix: str = "") -> None:
        self.path = path
        self.line = line
        self.column = column
        where = f"{path}:{line}" + (f": column {column!r}" if column else "")
        super().__init__(f"{where}: {problem}" + (f"; {fix}" if fix else ""))


@dataclass(frozen=True)
class Row:
    """One data row of a reference file, with its line number for messages."""

    path: Path
    line: int
    values: Mapping[str, str]

    def fail(self, column: str | None, problem: str, fix: str = "") -> ReferenceDataError:
        return ReferenceDataError(self.path, self.line, column, problem, fix)

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values[column].strip()
        if required and not value:
            raise self.fail(column, "empty value", "fill it in or drop the row")
        if value != self.values[column]:
            raise self.fail(column, f"{self.values[column]!r} has spaces around it", "trim them")
        return value

    def matching(self, column: str, pattern: re.Pattern[str], what: str, *, required: bool = True) -> str:
        value = self.text(column, required=required)
        if value and not pattern.fullmatch(value):
            raise self.fail(column, f"{value!r} is not {what}", f"write {what}")
        return value

    def boolean(self, column: str, *, required: bool = True) -> bool | None:
        value = self.text(column, required=required)
        if not value:
            return None
        if value not in ("true", "false"):
            raise self.fail(column, f"{value!r} is not a boolean", "write true or false")
        return value == "true"

    def integer(self, column: str, *, required: bool = True) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        if not value.isdigit() or not value.isascii():
            raise self.fail(column, f"{value!r} is not a whole number", "write digits only")
        return int(value)


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """Yield the rows of a UTF-8 CSV file that has at least ``columns``."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(path, 0, None, f"cannot be opened ({exc.strerror})",
                                 "copy it from ../shared/data (see data/reference/README.md)") from exc
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
            missing = [name for name in columns if name not in header]
            if missing:
                raise ReferenceDataError(path, 1, missing[0], "missing from the header row",
                                         f"the header must name {', '.join(columns)}")
            for values in reader:
                row = Row(path, reader.line_num, values)
                if None in values:
                    raise row.fail(None, "more fields than the header has", "quote values that hold commas")
                absent = [name for name, value in values.items() if value is None]
                if absent:
                    raise row.fail(absent[0], "fewer fields than the header has", "add the missing fields")
                yield row
        except UnicodeDecodeError as exc:
            raise ReferenceDataError(path, reader.line_num + 1, None,
                                     f"not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                                     "re-save the file as UTF-8") from exc
        except csv.Error as exc:
            raise ReferenceDataError(path, reader.line_num, None, f"not valid CSV ({exc})",
                                     "check the quoting on this line") from exc
