"""A CSV of patients in (a header of personal field names and ``language``, one patient a row), one
``Personal`` per row out, each with what could not be read: streamed, bounded, every bad row said
with its line, never dropped or merged into another silently.

The values are read as the command line's are (``personal.parse``); they are checked against the
handout, row by row, by ``personal.check`` (``personalize``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import Finding, HandoutError, Location
from .fields import CSV_COLUMNS, ROW_COLUMNS
from .load import regular_file
from .model import Personal
from .personal import parse


MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_CELL = 4096  # a note is at most 300 characters: a longer cell is a broken file, not a patient


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM (what Excel writes); else a clear refusal."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            raise ValueError from None
    return "utf-8"


class Row(NamedTuple):
    """One CSV row: its line in the file, the patient (None if a value could not be read), what
    could not, the row's ``language`` column (the handout language for this patient) and its
    ``handout`` column (the one handout built for this row; "" when the file has the column and the
    row's cell is blank), if any."""

    line: int
    personal: Personal | None
    problems: list[Finding]
    language: str | None = None
    handout: str | None = None
    number: int = 0  # "row N": its row as a spreadsheet shows the file (the header is row 1)


def from_csv(path: Path, base: Personal | None, language_needed: bool = False) -> Iterator[Row]:
    """One Personal per CSV row (header: the field names, and ``language``), streamed; every bad row
    reported with its number (its *line* in the file), never dropped or merged into another silently.
    ``language_needed``: a file without a ``language`` column is refused."""
    import csv  # here: only a build from a CSV reads one

    file = str(path)
    st = regular_file(path)  # (a folder or a pipe given as the CSV: said, never opened)
    if st.st_size > MAX_CSV_BYTES:
        raise HandoutError.single(Location(file), "", f"is {st.st_size >> 20} MiB (expected at most "
                                  f"{MAX_CSV_BYTES >> 20} MiB: split it)")
    raw = open(path, "rb")
    with raw:
        try:
            encoding = _encoding(raw.read(65536))
        except ValueError:
            raise HandoutError.single(Location(file, 1, 1), "", "is not UTF-8 or UTF-16 text (it looks like "
                                      "Latin-1 / Windows-1252: in Excel, save as 'CSV UTF-8')") from None
        raw.seek(0)
        # Lines end at CR and LF only (newline=""), as in a spreadsheet: a codecs reader also ended them at
        # U+2028, a vertical tab or a form feed inside a cell, which cut a note ("Take") and said every
        # later row one too high (a review)
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        too_long: list[bool] = []
        reader = csv.reader(_bounded_lines(text, too_long), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise HandoutError.single(Location(file, 1, 1), "", "is empty (expected a header row and one patient "
                                      "per row)") from None
        except (csv.Error, UnicodeDecodeError, _TooLong) as exc:
            raise HandoutError.single(Location(file, 1, 1), "", f"the header row is unreadable ({_why(exc)})") from None
        # A spreadsheet's own spelling of a column name is the name: "Patient", "Weighed on", "weight-kg" (a clinic's
        # trial was told "none of its 5 cells is a column name"); a blank one is a column Excel adds, empty (below)
        header = [re.sub(r"[\s-]+", "_", h.strip().lstrip("\ufeff").strip()).lower() for h in header]
        unknown = [f for f in header if f and f not in CSV_COLUMNS and f not in ROW_COLUMNS]
        if unknown and len(header) == 1 and ";" in header[0]:
            raise HandoutError.single(Location(file, 1, 1), "", "the columns are separated by ';' (expected ',': in "
                                      "Excel, save as 'CSV UTF-8 (Comma delimited)')")
        if unknown and len(unknown) == len([f for f in header if f]):
            # No column it knows: most likely the first patient's row, whose values are never quoted
            # (a file exported without its header printed "unknown column(s) Ana Perez, 2026-12-20").
            raise HandoutError.single(Location(file, 1, 1), "", "the first line is not a header row: none of its "
                                      f"{len(header)} cells is a column name (expected a first line of column names, "
                                      f"some of: {', '.join(CSV_COLUMNS + ROW_COLUMNS)}; the file's separator is ',')")
        if unknown:
            hint = "; the file's separator is ',' (in Excel, save as 'CSV UTF-8')" if any(";" in f for f in unknown) else ""
            raise HandoutError.single(Location(file, 1, 1), "", f"unknown column(s) {', '.join(unknown)} "
                                      f"(expected some of: {', '.join(CSV_COLUMNS + ROW_COLUMNS)}{hint})")
        twice = sorted({f for f in header if f and header.count(f) > 1})
        if twice:  # "patient,patient" printed the second name without a word (an adversarial review)
            raise HandoutError.single(Location(file, 1, 1), "", f"column(s) {', '.join(twice)} given twice "
                                      "(expected each column once)")
        if language_needed and "language" not in header:  # each patient got every language: 12 PDFs
            raise HandoutError.single(Location(file, 1, 1), "language", "no 'language' column, and the handout is in "
                                      "several (expected each patient's language in a 'language' column, or --lang)")
        rows = 0
        number = 1  # the row's number as a spreadsheet shows it: the header is row 1, and every record, a
        # blank one too, is one more, a cell's quoted newline not counted ("row N" was the line less one:
        # every row after a two-line cell was said one too high, and the first patient, on a spreadsheet's
        # row 2, was "row 1": staff matching files by row gave one to the patient above, two reviews)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError, _TooLong) as exc:
                rows += 1
                number += 1
                why = (f"a quote (\") is not closed: lines {line} to {reader.line_num} were read as one row; close "
                       "the quote" if "end of data" in str(exc) else _why(exc))
                yield Row(line, None, [Finding(Location(file, line, 1), "", f"row {number}: unreadable ({why})")],
                          number=number)
                if isinstance(exc, UnicodeDecodeError):
                    return  # the decoder cannot resynchronise: stop here, said
                continue
            number += 1
            if too_long:
                too_long.clear()
                rows += 1
                yield Row(line, None, [Finding(Location(file, line, 1), "", f"row {number}: unreadable "
                                               f"({_why(_TooLong())})")], number=number)
                continue
            if not any(c.strip() for c in cells):
                continue
            rows += 1
            where = Location(file, line, 1)
            if reader.line_num != line:  # a quote left open swallowed the rows after it, or a cell holds a line break
                yield Row(line, None, [Finding(where, "", f"row {number}: lines {line} to {reader.line_num} were read "
                                               "as one row: a quote (\") is not closed, or a cell holds a line break "
                                               "(expected each patient on one line: close the quote, or take the "
                                               "line break out of the cell)")], number=number)
                continue
            if len(cells) != len(header):
                yield Row(line, None, [Finding(where, "", f"row {number}: {len(cells)} cells (expected {len(header)}, "
                                               "one per column)")], number=number)
                continue
            filled = [k for k, (name, c) in enumerate(zip(header, cells), 1) if not name and c.strip()]
            if filled:  # (a value under a blank column name: whose field it is, no one can say)
                yield Row(line, None, [Finding(where, "", f"row {number}: a value in column {filled[0]}, whose header "
                                               "cell is blank (expected a column name above it, or the cell empty)")],
                          number=number)
                continue
            row = {k: c.strip() or None for k, c in zip(header, cells) if k}
            # (a blank handout cell is "": in a file that names each row's handout, a row naming none
            # is an error, never every handout of the run: a patient was given another medicine's)
            language = row.pop("language", None)
            handout = (row.pop("handout") or "") if "handout" in row else None
            p, unread = parse(row, base, where, f"row {number}: ")
            yield Row(line, None if unread else p, unread, language, handout, number)
        if not rows:
            raise HandoutError.single(Location(file, 1, 1), "", "has a header but no patients (expected one per row)")


class _TooLong(Exception):
    pass


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):  # (read in blocks: the bad byte is here or in a row soon after)
        return ("not UTF-8 text, here or in a row soon after it; this row and every row after it were not read: "
                "save the file as 'CSV UTF-8'")
    if isinstance(exc, _TooLong):
        return f"a line over {MAX_CELL * 4} characters"
    return str(exc)


def _bounded_lines(text: io.TextIOWrapper, raise_next: list[bool]) -> Iterator[str]:
    """Lines of at most MAX_CELL * 4 characters: a 128 KB cell is a bad row, not a traceback."""
    pending = ""  # a character read after a piece ending in CR, to see whether LF follows

    def piece(size: int) -> str:
        nonlocal pending
        got, pending = pending + text.readline(size - len(pending)), ""
        if got.endswith("\r"):  # a CR LF the size cut between its two: one line end, never an empty row after
            nxt = text.read(1)  # (a review: every later row was said one too high)
            if nxt == "\n":
                got += nxt
            else:
                pending = nxt
        return got

    while True:
        line = piece(MAX_CELL * 4 + 2)  # (room for its CR LF: a line of exactly the most was refused)
        if not line:
            return
        if len(line) > MAX_CELL * 4 + 1 and not line.endswith(("\n", "\r")):
            # (to the line's end, CR in a CR-only file: waiting for LF dropped every later patient, a review)
            while line and not line.endswith(("\n", "\r")):
                line = piece(MAX_CELL * 4)
            raise_next.append(True)
            yield "\n"
            continue
        yield line
