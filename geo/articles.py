"""Read articles from text, Markdown, HTML and JSONL files, directories and standard input.

This is the first stage of bordermap's data flow: every INPUT of the command line
(see DESIGN.md) becomes a stream of :class:`Article` objects. Bad input never raises:
each problem is reported as an :class:`InputProblem` and the remaining input is read.

Inputs
------
``.txt``, ``.md``
    One article; id = file stem; the text is the file exactly as decoded.
``.html``, ``.htm``
    One article; id = file stem; text, title, canonical url and publication date are
    extracted by trafilatura.
``.jsonl``
    One article a line: ``text`` (required), ``id``, ``title``, ``url``, ``published``
    (alias ``date``) optional; the default id is ``<file stem>:<line>``. Streamed line by
    line, so a JSONL file may be larger than memory.
directory
    Recursed depth-first, each directory's entries in sorted (code point) order; only
    files with the extensions above; names starting with ``.`` are skipped.
``-``
    Standard input: read as JSONL if its first non-blank character is ``{``, else as one
    text article with id ``stdin``.

Text and offsets
----------------
Offsets computed downstream are Python string indices into ``Article.text``, so this
module never normalises the text. Text and JSONL files are decoded as UTF-8; the only
change is that a leading byte order mark (U+FEFF) is removed, so offset 0 is the first
character after it. Line ends are kept as they are: a file written with ``\\r\\n`` keeps
``\\r\\n`` in ``Article.text``. A file beginning with a UTF-16 byte order mark is decoded
as UTF-16.

Bad bytes
---------
A file with NUL bytes, or where more than 10 % of the first 64 KiB are invalid UTF-8 or
control characters, "looks binary" and is skipped with a problem. A text file with a few
invalid UTF-8 bytes is kept: each bad byte becomes U+FFFD (one character, so offsets stay
consistent with the text) and one problem names the byte offset of the first bad byte.
JSONL lines are decoded the same way, line by line. HTML without a byte order mark that
is not valid UTF-8 is decoded with the charset its ``<meta>`` declares, if any.

Duplicate ids
-------------
Ids are unique within one call. A later article whose id was already used is not dropped:
it gets the first free id ``<id>#2``, ``<id>#3``, ... and a problem names both places.

Sizes
-----
``max_bytes`` bounds one article: a whole ``.txt``/``.md``/``.html`` file, one JSONL line,
or standard input read as text. Larger ones are skipped with a problem; JSONL files as a
whole have no size limit.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from bordermap.geo._errors import InputError

__all__ = [
    "Article",
    "InputProblem",
    "STDIN_SOURCE",
    "SUPPORTED_EXTENSIONS",
    "iter_articles",
    "read_articles",
    "parse_published",
]

logger = logging.getLogger(__name__)

_TEXT_EXTS = frozenset({".txt", ".md"})
_HTML_EXTS = frozenset({".html", ".htm"})
_JSONL_EXTS = frozenset({".jsonl"})
#: File extensions read as articles (compared case-insensitively).
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".jsonl")
_SUPPORTED_HINT = "give .txt, .md, .html, .htm or .jsonl"

#: `Article.source` and `InputProblem.source` of standard input.
STDIN_SOURCE = "<stdin>"
_SNIFF_BYTES = 65_536
_BINARY_RATIO = 0.10
# C0 controls other than \t \n \v \f \r, and DEL: rare in text, common in binary files.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_REPLACEMENT_UTF8 = "\ufffd".encode()
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"  # the date
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"  # an optional time
    r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",  # and time zone
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, the unit every later stage works on.

    Attributes
    ----------
    id
        Unique within one read: the file stem, the JSONL ``id`` (or ``<stem>:<line>``),
        or ``"stdin"``.
    text
        The article text exactly as read; downstream offsets index this string.
    title, url
        From JSONL fields or HTML metadata (the canonical url), else None.
    published
        Publication date as ``YYYY-MM-DD``, else None.
    source
        The path (as given or found in a directory) the article came from, or
        ``"<stdin>"``.

    Examples
    --------
    >>> Article("a1", "Shelling near Torkham.", published="2025-10-12").published
    '2025-10-12'
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something wrong with one input file or JSONL line; reported, never raised.

    Examples
    --------
    >>> str(InputProblem("news.jsonl", 3, "line is not valid JSON"))
    'news.jsonl:3: line is not valid JSON'
    >>> str(InputProblem("scan.pdf", None, "unsupported file type '.pdf'"))
    "scan.pdf: unsupported file type '.pdf'"
    """

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


def _looks_like_article(text: str) -> bool:
    """Extracted HTML text that reads as an article: some words and at least one sentence.

    A page of navigation links ("Home | About") is not an article.
    """
    words = text.split()
    return len(words) >= 8 and re.search(r"[.!?…][\"'”’)]?(?:\s|$)", text) is not None


def parse_published(value: str) -> str | None:
    """Normalise a publication date to ``YYYY-MM-DD``; None if it is not a date.

    Accepts ``YYYY-MM-DD`` and ISO 8601 datetimes with ``T`` or a space, optional
    seconds, fractions and time zone (``Z``, ``+05:30``, ``-05``). The date is taken as
    written, not converted to UTC.

    Examples
    --------
    >>> parse_published("2025-10-30T08:00:00Z")
    '2025-10-30'
    >>> parse_published("2009-03-20 12:24:52.002364-05")
    '2009-03-20'
    >>> parse_published("2025-02-30") is None
    True
    >>> parse_published("yesterday") is None
    True
    """
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return _dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: str | None = None,
    problems: list[InputProblem] | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = 100_000_000,
) -> Iterator[Article]:
    """Yield the articles of every input, one at a time, in input order.

    Parameters
    ----------
    inputs
        Paths of ``.txt``, ``.md``, ``.html``, ``.htm`` or ``.jsonl`` files, directories
        (recursed), or ``"-"`` for standard input. A single path is accepted too.
    published
        Default publication date (``--published``) for articles that carry none;
        ``YYYY-MM-DD`` or an ISO 8601 datetime.
    problems
        List to which every :class:`InputProblem` is appended as it is found. When None,
        problems are logged as warnings on the ``bordermap.geo.articles`` logger.
    stdin
        Stream read for ``"-"``; default ``sys.stdin`` (its bytes, decoded as UTF-8).
    max_bytes
        Largest article accepted: a whole text or HTML file, one JSONL line, or
        standard input read as text.

    Yields
    ------
    Article
        With unique ids (a repeated id gets ``#2``, ``#3``, ... and a problem).

    Raises
    ------
    InputError
        If `published` is not a date or `max_bytes` is not a positive integer (bad
        usage; problems with the input itself are never raised).

    Examples
    --------
    >>> import io
    >>> found = []
    >>> stream = io.StringIO('{"id": "a", "text": "Clashes at Chaman.", "date": "2025-10-15"}\\n')
    >>> [(a.id, a.published) for a in iter_articles(["-"], stdin=stream, problems=found)]
    [('a', '2025-10-15')]
    >>> found
    []
    """
    if published is not None:
        default = parse_published(published) if isinstance(published, str) else None
        if default is None:
            msg = f"published={published!r} is not a date; give it as YYYY-MM-DD, e.g. '2025-10-30'"
            raise InputError(msg)
        published = default
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        msg = f"max_bytes={max_bytes!r} must be a positive integer (a size in bytes)"
        raise InputError(msg)
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    # Validated above, at the call; the reading itself is lazy.
    reader = _Reader(published=published, problems=problems, stdin=stdin, max_bytes=max_bytes)
    return _generate(reader, inputs)


def _generate(reader: _Reader, inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Article]:
    for item in inputs:
        yield from reader.read_input(item)


def read_articles(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: str | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = 100_000_000,
) -> tuple[list[Article], list[InputProblem]]:
    """Read every article into a list; return it with the problems found.

    The options are those of :func:`iter_articles`.

    Examples
    --------
    >>> import io
    >>> articles, problems = read_articles(["-"], stdin=io.StringIO("Talks resumed in Doha."))
    >>> articles[0].id, articles[0].text, articles[0].source
    ('stdin', 'Talks resumed in Doha.', '<stdin>')
    >>> problems
    []
    """
    problems: list[InputProblem] = []
    articles = list(
        iter_articles(inputs, published=published, problems=problems, stdin=stdin, max_bytes=max_bytes)
    )
    return articles, problems


# --------------------------------------------------------------------------- internals


@dataclass(slots=True)
class _Reader:
    """The state of one :func:`iter_articles` call: problems, ids seen, stdin used."""

    published: str | None
    problems: list[InputProblem] | None
    stdin: TextIO | None
    max_bytes: int
    seen: dict[str, str] = field(default_factory=dict)
    stdin_used: bool = False

    # ---- reporting and ids

    def report(self, source: str, line: int | None, message: str) -> None:
        problem = InputProblem(source, line, message)
        if self.problems is None:
            logger.warning("%s", problem)
        else:
            self.problems.append(problem)

    def make(
        self,
        id_: str,
        text: str,
        *,
        source: str,
        line: int | None = None,
        title: str | None = None,
        url: str | None = None,
        published: str | None = None,
    ) -> Article:
        where = source if line is None else f"{source}:{line}"
        unique = id_
        if id_ in self.seen:
            n = 2
            while f"{id_}#{n}" in self.seen:
                n += 1
            unique = f"{id_}#{n}"
            self.report(
                source,
                line,
                f"duplicate id {id_!r} (first used at {self.seen[id_]}); this article is kept as "
                f"{unique!r}; give each article its own id",
            )
        self.seen[unique] = where
        return Article(
            id=unique,
            text=text,
            title=title,
            url=url,
            published=published or self.published,
            source=source,
        )

    # ---- dispatch

    def read_input(self, item: str | os.PathLike[str]) -> Iterator[Article]:
        if not isinstance(item, (str, os.PathLike)):
            self.report(repr(item), None, f"input {item!r} is not a path; give a file, a directory or '-'")
            return
        if isinstance(item, str) and item == "-":
            yield from self.read_stdin()
            return
        path = Path(item)
        source = os.fspath(item)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:  # e.g. a name too long, or a path through an unreadable directory
            self.report(source, None, _os_message(exc))
            return
        if not exists:
            self.report(source, None, "no such file or directory; check the path")
        elif is_dir:
            yield from self.read_directory(path, source)
        else:
            yield from self.read_file(path, source, explicit=True)

    def read_file(self, path: Path, source: str, *, explicit: bool) -> Iterator[Article]:
        ext = path.suffix.lower()
        if ext in _TEXT_EXTS:
            yield from self.read_text_file(path, source)
        elif ext in _HTML_EXTS:
            yield from self.read_html_file(path, source)
        elif ext in _JSONL_EXTS:
            yield from self.read_jsonl_file(path, source)
        elif explicit:
            shown = repr(ext) if ext else "(no extension)"
            self.report(source, None, f"unsupported file type {shown}; {_SUPPORTED_HINT}")

    def read_directory(self, root: Path, source: str) -> Iterator[Article]:
        before = len(self.seen)
        yield from self.walk(root, set())
        if len(self.seen) == before:
            self.report(
                source,
                None,
                f"no readable articles in this directory (looked for {', '.join(SUPPORTED_EXTENSIONS)} "
                "files; hidden ones are skipped)",
            )

    def walk(self, directory: Path, visited: set[tuple[int, int]]) -> Iterator[Article]:
        """Read one directory depth-first, entries in sorted order, hidden ones skipped."""
        try:
            info = directory.stat()
            key = (info.st_dev, info.st_ino)
            if key in visited:  # a symbolic link loop
                return
            visited.add(key)
            with os.scandir(directory) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            self.report(os.fspath(directory), None, _os_message(exc))
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                self.report(entry.path, None, _os_message(exc))
                continue
            if is_dir:
                yield from self.walk(Path(entry.path), visited)
            elif is_file and Path(entry.name).suffix.lower() in SUPPORTED_EXTENSIONS:
                yield from self.read_file(Path(entry.path), entry.path, explicit=False)

    # ---- whole-file articles

    def read_bytes(self, path: Path, source: str) -> bytes | None:
        """The file's bytes, or None after reporting why they cannot be used."""
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size > self.max_bytes:
                    self.report(source, None, _too_large(size, self.max_bytes))
                    return None
                data = f.read(self.max_bytes + 1)
        except OSError as exc:
            self.report(source, None, _os_message(exc))
            return None
        if len(data) > self.max_bytes:  # grew, or a special file whose size was unknown
            self.report(source, None, _too_large(len(data), self.max_bytes))
            return None
        if not data:
            self.report(source, None, "file is empty")
            return None
        return data

    def read_text_file(self, path: Path, source: str) -> Iterator[Article]:
        data = self.read_bytes(path, source)
        if data is None:
            return
        text = self.decode(data, source, None)
        if text is None:
            return
        if not text.strip():
            self.report(source, None, "file has only whitespace, no text")
            return
        yield self.make(path.stem, text, source=source)

    def read_html_file(self, path: Path, source: str) -> Iterator[Article]:
        data = self.read_bytes(path, source)
        if data is None:
            return
        html = self.decode(data, source, None, html=True)
        if html is None:
            return
        meta = self.extract_html(html, source)
        if meta is None:
            return
        text = meta.get("text")
        if not isinstance(text, str) or not _looks_like_article(text):
            self.report(
                source,
                None,
                "no article text found in HTML; give the article's own page, or save its text as .txt",
            )
            return
        date = meta.get("date")
        published = parse_published(date) if isinstance(date, str) else None
        if published and published.endswith("-01-01") and published not in html:
            # htmldate turns a bare year ("Copyright 2025") into January 1st: not a date we know
            published = None
        title = meta.get("title")
        url = meta.get("url") or meta.get("source")
        yield self.make(
            path.stem,
            text,
            source=source,
            title=title if isinstance(title, str) and title else None,
            url=url if isinstance(url, str) and url else None,
            published=published,
        )

    def extract_html(self, html: str, source: str) -> dict[str, Any] | None:
        try:
            import trafilatura
        except ImportError as exc:  # pragma: no cover - trafilatura is a dependency
            msg = "reading HTML needs trafilatura: pip install 'trafilatura>=1.8'"
            raise ImportError(msg) from exc
        try:
            result = trafilatura.extract(
                html,
                output_format="json",
                with_metadata=True,
                include_comments=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # noqa: BLE001 - any parser failure is a problem with this file
            self.report(source, None, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
            return None
        if not result:
            return {}
        loaded = json.loads(result)
        return loaded if isinstance(loaded, dict) else {}

    # ---- JSONL

    def read_jsonl_file(self, path: Path, source: str) -> Iterator[Article]:
        try:
            f = open(path, "rb")
        except OSError as exc:
            self.report(source, None, _os_message(exc))
            return
        with f:
            try:
                head = f.read(_SNIFF_BYTES)
            except OSError as exc:  # e.g. a directory named *.jsonl on some systems
                self.report(source, None, _os_message(exc))
                return
            if not head.strip():
                self.report(source, None, "file is empty" if not head else "file has only whitespace, no JSON lines")
                return
            if head.startswith(_UTF16_BOMS):
                self.report(source, None, "file is UTF-16; JSONL must be UTF-8 (re-save it as UTF-8)")
                return
            if _looks_binary(head.removeprefix(_UTF8_BOM)):
                self.report(source, None, "looks binary, not text; give a UTF-8 JSONL file")
                return
            f.seek(0)
            yield from self.read_jsonl_lines(_Prepend(b"", f), source, path.stem)

    def read_jsonl_lines(self, stream: _Prepend, source: str, stem: str) -> Iterator[Article]:
        before = len(self.seen)
        lineno = 0
        for lineno, raw in _lines(stream, self.max_bytes):
            if raw is None:
                self.report(source, lineno, f"line is longer than max_bytes={self.max_bytes:,}; skipped")
                continue
            if isinstance(raw, bytes):
                if lineno == 1:
                    raw = raw.removeprefix(_UTF8_BOM)
                line = self.decode_line(raw, source, lineno)
            else:
                line = raw.removeprefix("\ufeff") if lineno == 1 else raw
            if not line.strip():
                continue
            article = self.parse_record(line, source, lineno, stem)
            if article is not None:
                yield article
        if lineno == 0:
            self.report(source, None, "no JSON lines found (input is empty)")
        elif len(self.seen) == before:
            self.report(source, None, "no articles found: no line had a usable \"text\"")

    def parse_record(self, line: str, source: str, lineno: int, stem: str) -> Article | None:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            self.report(
                source,
                lineno,
                f"line is not valid JSON: {exc.msg} at column {exc.colno}; write one JSON object per line",
            )
            return None
        except RecursionError:
            self.report(source, lineno, "line is not valid JSON: nested too deeply")
            return None
        if not isinstance(record, dict):
            self.report(
                source,
                lineno,
                f"line is a JSON {_json_type(record)}, not an object; write {{\"text\": ...}} on each line",
            )
            return None
        text = record.get("text")
        if "text" not in record:
            self.report(source, lineno, 'line has no "text"; every line needs the article text as "text"')
            return None
        if not isinstance(text, str):
            self.report(source, lineno, f'"text" is a JSON {_json_type(text)}, not a string; give the article text')
            return None
        if not text.strip():
            self.report(source, lineno, '"text" is empty; give the article text or remove the line')
            return None

        id_ = f"{stem}:{lineno}"
        raw_id = record.get("id")
        if isinstance(raw_id, str) and raw_id.strip():
            id_ = raw_id
        elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
            id_ = str(raw_id)
        elif raw_id is not None:
            self.report(
                source,
                lineno,
                f'"id" {raw_id!r} is not a non-empty string or integer; using {id_!r}',
            )

        fields: dict[str, str | None] = {}
        for key in ("title", "url"):
            value = record.get(key)
            if value is None or isinstance(value, str):
                fields[key] = value or None
            else:
                self.report(source, lineno, f'"{key}" is a JSON {_json_type(value)}, not a string; ignored')
                fields[key] = None

        key = "published" if record.get("published") is not None else "date"
        value = record.get(key)
        published = None
        if value is not None:
            published = parse_published(value) if isinstance(value, str) else None
            if published is None:
                self.report(
                    source,
                    lineno,
                    f'"{key}" {value!r} is not a date; use YYYY-MM-DD or an ISO 8601 datetime '
                    "(the article is read without a date)",
                )
        return self.make(
            id_,
            text,
            source=source,
            line=lineno,
            title=fields["title"],
            url=fields["url"],
            published=published,
        )

    # ---- standard input

    def read_stdin(self) -> Iterator[Article]:
        if self.stdin_used:
            self.report(STDIN_SOURCE, None, "standard input ('-') given more than once; it is read once")
            return
        self.stdin_used = True
        stream: IO[Any] | None = self.stdin if self.stdin is not None else sys.stdin
        if stream is None:
            self.report(STDIN_SOURCE, None, "there is no standard input; give a file instead of '-'")
            return
        if self.stdin is None and hasattr(stream, "buffer"):
            stream = stream.buffer  # bytes, so bad UTF-8 is reported like in files
        try:
            head, first = _sniff(stream)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.report(STDIN_SOURCE, None, f"standard input could not be read ({exc})")
            return
        if first in ("{", b"{"):
            yield from self.read_jsonl_lines(_Prepend(head, stream), STDIN_SOURCE, "stdin")
            return
        try:
            remaining = self.max_bytes + 1 - len(head)
            rest = stream.read(remaining) if remaining > 0 else head[:0]
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.report(STDIN_SOURCE, None, f"standard input could not be read ({exc})")
            return
        data = head + rest
        if len(data) > self.max_bytes:
            self.report(STDIN_SOURCE, None, f"standard input is larger than max_bytes={self.max_bytes:,}; skipped")
            return
        if not data.strip():
            self.report(STDIN_SOURCE, None, "standard input is empty")
            return
        text = self.decode(data, STDIN_SOURCE, None) if isinstance(data, bytes) else data.removeprefix("\ufeff")
        if text is None:
            return
        yield self.make("stdin", text, source=STDIN_SOURCE)

    # ---- decoding

    def decode(self, data: bytes, source: str, line: int | None, *, html: bool = False) -> str | None:
        """Decode a whole file (see the module docstring); None if it looks binary."""
        if data.startswith(_UTF16_BOMS):
            text = data.decode("utf-16", errors="replace")
            if "\ufffd" in text and _REPLACEMENT_UTF8 not in data:
                self.report(source, line, "invalid UTF-16; bad code units were replaced with U+FFFD")
            return text
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM):]
        elif html:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                declared = _declared_charset(data)
                if declared is not None:
                    return data.decode(declared, errors="replace")
        if _looks_binary(data[:_SNIFF_BYTES]) or b"\x00" in data:
            self.report(source, line, "looks binary, not text; give a UTF-8 text file")
            return None
        return self.decode_line(data, source, line)

    def decode_line(self, data: bytes, source: str, line: int | None) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            first = exc.start
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count(_REPLACEMENT_UTF8)
        where = f"byte offset {first}" if line is None else f"byte offset {first} of the line"
        self.report(
            source,
            line,
            f"invalid UTF-8 at {where} ({bad} bad byte sequence{'s' if bad != 1 else ''} "
            "replaced with U+FFFD); re-save the file as UTF-8",
        )
        return text


class _Prepend:
    """A stream whose first bytes (or characters) were already read into `head`."""

    __slots__ = ("_head", "_stream")

    def __init__(self, head: bytes | str, stream: IO[Any]) -> None:
        self._head = head
        self._stream = stream

    def readline(self, size: int) -> bytes | str:
        if self._head:
            newline = b"\n" if isinstance(self._head, bytes) else "\n"
            end = self._head.find(newline)  # type: ignore[arg-type]
            if end >= 0:
                line, self._head = self._head[: end + 1], self._head[end + 1:]
                return line
            line, self._head = self._head, self._head[:0]
            return line + self._stream.readline(max(size - len(line), 1))
        return self._stream.readline(size)  # type: ignore[no-any-return]


def _lines(stream: _Prepend, max_bytes: int) -> Iterator[tuple[int, bytes | str | None]]:
    """Number the lines of `stream`; a line longer than `max_bytes` comes as None."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_bytes and not line.endswith(newline):  # type: ignore[arg-type]
            while True:  # skip the rest of the long line without holding it
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(newline):  # type: ignore[arg-type]
                    break
            yield lineno, None
        else:
            yield lineno, line


def _sniff(stream: IO[Any]) -> tuple[bytes | str, bytes | str]:
    """Read up to the first non-blank character; return what was read and that character."""
    head = stream.read(0)
    bom = _UTF8_BOM if isinstance(head, bytes) else "\ufeff"
    while True:
        char = stream.read(1)
        if not char:
            return head, char
        head += char
        if len(head) <= len(bom) and bom.startswith(head):
            continue  # (part of) a byte order mark
        if char.strip():
            return head, char


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    # A cut at the end of the sample may split one character: ignore the last 3 bytes.
    text = sample.decode("utf-8", errors="replace")
    cut = sample[-3:].decode("utf-8", errors="replace").count("\ufffd")
    bad = text.count("\ufffd") - sample.count(_REPLACEMENT_UTF8) - cut
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad + control > _BINARY_RATIO * len(sample)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _too_large(size: int, max_bytes: int) -> str:
    return f"file is {size:,} bytes, larger than max_bytes={max_bytes:,}; skipped (split it, or raise the limit)"


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory; check the path"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    if isinstance(exc, IsADirectoryError):
        return "is a directory where a file was expected"
    return f"cannot be read: {exc.strerror or exc}"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), type(value).__name__
    )

