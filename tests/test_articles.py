"""Tests of bordermap.geo.articles: every kind of INPUT, and every kind of bad input."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from bordermap.geo import articles as articles_module
from bordermap.geo.articles import Article, InputProblem, iter_articles, parse_published, read_articles
from bordermap.geo._errors import BordermapError, InputError

# Short, made-up news pages: navigation, an <article>, a footer.
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Shelling reported near frontier crossing | The Frontier Courier</title>
<meta property="og:title" content="Shelling reported near frontier crossing">
<meta property="article:published_time" content="2025-10-12T06:30:00+05:00">
<link rel="canonical" href="https://courier.example.org/2025/10/crossing-shelling">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/region">Region</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<article>
<h1>Shelling reported near frontier crossing</h1>
<p>Artillery fire was heard near the Torkham crossing late on Saturday, according to
traders who had been waiting to cross with their lorries since the afternoon.</p>
<p>Officials on both sides said the crossing would stay closed on Sunday while elders from
the nearby villages tried to arrange a ceasefire between the border forces.</p>
<p>No casualties were reported by Sunday morning, a district official told reporters.</p>
</article>
<footer><p>Copyright The Frontier Courier. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>
</body></html>
"""

PAGE_NO_DATE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Talks on the border resume</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/about">About</a></nav>
<article>
<h1>Talks on the border resume</h1>
<p>Delegations from the two neighbours met again in a third country to discuss the
reopening of the trade routes that were closed after last month's clashes.</p>
<p>Both delegations described the meeting as constructive, and a further round of talks
is expected before the end of the winter, a mediator said in a short statement.</p>
</article>
</body></html>
"""

PAGE_EMPTY = """<!DOCTYPE html>
<html><head><title>Loading</title><script>window.app = {};</script></head>
<body><script>document.write("");</script></body></html>
"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def only_problem(problems: list[InputProblem]) -> InputProblem:
    assert len(problems) == 1, problems
    return problems[0]


# ---------------------------------------------------------------- the data classes


def test_article_and_problem_are_frozen_value_types():
    a = Article("x", "text")
    assert (a.title, a.url, a.published, a.source) == (None, None, None, None)
    with pytest.raises(AttributeError):
        a.text = "other"  # type: ignore[misc]
    assert not hasattr(a, "__dict__")  # slots
    assert str(InputProblem("a.jsonl", 4, "bad")) == "a.jsonl:4: bad"
    assert str(InputProblem("a.txt", None, "bad")) == "a.txt: bad"


def test_public_names():
    assert {"Article", "InputProblem", "iter_articles", "read_articles"} <= set(articles_module.__all__)


# ---------------------------------------------------------------- text files


def test_txt_and_md_one_article_each_id_is_stem(tmp_path):
    t = write(tmp_path / "kurram-report.txt", "Clashes in Kurram district.\n")
    m = write(tmp_path / "notes.md", "# Notes\n\nTalks in Doha.")
    arts, problems = read_articles([t, str(m)])
    assert problems == []
    assert [(a.id, a.text, a.source) for a in arts] == [
        ("kurram-report", "Clashes in Kurram district.\n", str(t)),
        ("notes", "# Notes\n\nTalks in Doha.", str(m)),
    ]
    assert all(a.published is None and a.title is None and a.url is None for a in arts)


def test_extension_is_case_insensitive(tmp_path):
    t = write(tmp_path / "UPPER.TXT", "Shelling near Chaman.")
    arts, problems = read_articles([t])
    assert problems == [] and arts[0].id == "UPPER"


def test_text_kept_exactly_offsets_index_it(tmp_path):
    # CRLF, tabs, non-ASCII and trailing spaces survive; only the BOM goes.
    raw = "Spīn Boldak\r\n\tnear  Chaman — 2,600-km frontier  \r\n"
    p = write(tmp_path / "a.txt", "\ufeff" + raw)
    (art,), problems = read_articles([p])
    assert problems == []
    assert art.text == raw
    assert "\r\n" in art.text
    start = art.text.index("Chaman")
    assert art.text[start:start + 6] == "Chaman"
    assert start == raw.index("Chaman")  # offset counted from after the BOM


def test_bom_only_stripped_at_start(tmp_path):
    p = write(tmp_path / "a.txt", "\ufeffA\ufeffB")
    (art,), _ = read_articles([p])
    assert art.text == "A\ufeffB"


def test_utf16_with_bom_is_decoded(tmp_path):
    p = write(tmp_path / "wide.txt", b"\xff\xfe" + "Kabul and Islamabad".encode("utf-16-le"))
    (art,), problems = read_articles([p])
    assert problems == []
    assert art.text == "Kabul and Islamabad"


def test_published_default_applies_to_articles_without_date(tmp_path):
    t = write(tmp_path / "a.txt", "Text.")
    j = write(tmp_path / "b.jsonl", jsonl({"id": "own", "text": "T", "published": "2024-01-02"},
                                          {"id": "none", "text": "T"}))
    arts, problems = read_articles([t, j], published="2025-10-30")
    assert problems == []
    assert {a.id: a.published for a in arts} == {"a": "2025-10-30", "own": "2024-01-02", "none": "2025-10-30"}


def test_published_default_datetime_is_trimmed(tmp_path):
    t = write(tmp_path / "a.txt", "Text.")
    (art,), _ = read_articles([t], published="2025-10-30T23:59:00Z")
    assert art.published == "2025-10-30"


@pytest.mark.parametrize("bad", ["30/10/2025", "2025-13-01", "", "yesterday", "2025-10-30T"])
def test_bad_published_default_raises_input_error_at_call(bad, tmp_path):
    with pytest.raises(InputError, match="published") as info:
        iter_articles([tmp_path], published=bad)  # raises before any iteration
    assert isinstance(info.value, ValueError) and isinstance(info.value, BordermapError)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize("bad", [0, -5, 1.5, True])
def test_bad_max_bytes_raises(bad):
    with pytest.raises(InputError, match="max_bytes"):
        iter_articles([], max_bytes=bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-30", "2025-10-30"),
        ("2025-10-30T08:00:00Z", "2025-10-30"),
        ("2025-10-30T08:00", "2025-10-30"),
        ("2025-10-30T08:00:00.123+05:30", "2025-10-30"),
        ("2009-03-20 12:24:52.002364-05", "2009-03-20"),
        ("  2025-01-05  ", "2025-01-05"),
        ("2024-02-29", "2024-02-29"),
        ("2025-02-29", None),
        ("20251030", None),
        ("Oct 30, 2025", None),
        ("2025-10-30 garbage", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


# ---------------------------------------------------------------- HTML


def test_html_text_title_url_and_published_from_metadata(tmp_path):
    p = write(tmp_path / "crossing.html", PAGE)
    (art,), problems = read_articles([p])
    assert problems == []
    assert art.id == "crossing"
    assert art.source == str(p)
    assert art.published == "2025-10-12"
    assert art.title == "Shelling reported near frontier crossing"
    assert art.url == "https://courier.example.org/2025/10/crossing-shelling"
    assert "Artillery fire was heard near the Torkham crossing" in art.text
    assert "tried to arrange a ceasefire" in art.text
    # navigation and footer boilerplate are not article text
    assert "Subscribe" not in art.text and "Privacy" not in art.text and "All rights reserved" not in art.text
    assert "<p>" not in art.text


def test_html_date_beats_published_default_and_default_fills_missing(tmp_path):
    a = write(tmp_path / "a.htm", PAGE)
    b = write(tmp_path / "b.htm", PAGE_NO_DATE)
    arts, problems = read_articles([a, b], published="2020-01-01")
    assert problems == []
    assert [(x.id, x.published) for x in arts] == [("a", "2025-10-12"), ("b", "2020-01-01")]
    assert arts[1].url is None


def test_html_without_date_stays_undated(tmp_path):
    b = write(tmp_path / "b.html", PAGE_NO_DATE)
    (art,), _ = read_articles([b])
    assert art.published is None  # never guessed
    assert art.text.count("Delegations from the two neighbours") == 1


def test_html_legacy_charset_from_meta(tmp_path):
    page = PAGE_NO_DATE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Delegations", "Délégations"
    )
    p = write(tmp_path / "latin.html", page.encode("cp1252"))
    (art,), problems = read_articles([p])
    assert problems == []
    assert "Délégations" in art.text


def test_html_with_utf8_bom(tmp_path):
    p = write(tmp_path / "bom.html", "\ufeff" + PAGE_NO_DATE.replace("Delegations", "Delegaciones café"))
    (art,), problems = read_articles([p])
    assert problems == []
    assert "café" in art.text and "Ã" not in art.text


def test_html_without_article_text_is_a_problem(tmp_path):
    bad = write(tmp_path / "a-empty.html", PAGE_EMPTY)
    good = write(tmp_path / "b-good.html", PAGE_NO_DATE)
    arts, problems = read_articles([bad, good])
    assert [a.id for a in arts] == ["b-good"]
    p = only_problem(problems)
    assert p.source == str(bad) and p.line is None
    assert "no article text found in HTML" in p.message


# ---------------------------------------------------------------- JSONL


def test_jsonl_fields_and_default_ids(tmp_path):
    p = write(tmp_path / "corpus.jsonl", jsonl(
        {"id": "a1", "text": "Airstrike in Paktika.", "title": "Strike", "url": "https://x.example/1",
         "published": "2025-10-30T08:00:00Z", "extra": [1, 2]},
        {"text": "No id here."},
        {"id": 17, "text": "Integer id.", "date": "2009-03-20 12:24:52.002364-05"},
    ))
    arts, problems = read_articles([p])
    assert problems == []
    assert arts[0] == Article("a1", "Airstrike in Paktika.", title="Strike", url="https://x.example/1",
                              published="2025-10-30", source=str(p))
    assert arts[1].id == "corpus:2" and arts[1].published is None
    assert arts[2].id == "17" and arts[2].published == "2009-03-20"  # `date` alias, LGL style


def test_jsonl_published_wins_over_date(tmp_path):
    p = write(tmp_path / "c.jsonl", jsonl({"text": "T", "published": "2025-01-01", "date": "1999-01-01"}))
    (art,), _ = read_articles([p])
    assert art.published == "2025-01-01"


def test_jsonl_text_kept_exactly(tmp_path):
    text = "Line one\r\nLine two\u2028with a separator\tand \"quotes\" — Spīn Boldak\n"
    p = write(tmp_path / "c.jsonl", jsonl({"id": "x", "text": text}))
    (art,), problems = read_articles([p])
    assert problems == []
    assert art.text == text
    assert art.text[art.text.index("Spīn"):].startswith("Spīn Boldak")


def test_jsonl_blank_lines_crlf_and_bom_are_fine(tmp_path):
    data = "\ufeff" + json.dumps({"text": "A"}) + "\r\n\r\n   \n" + json.dumps({"text": "B"}) + "\r\n"
    p = write(tmp_path / "c.jsonl", data)
    arts, problems = read_articles([p])
    assert problems == []
    assert [(a.id, a.text) for a in arts] == [("c:1", "A"), ("c:4", "B")]


def test_jsonl_bad_date_is_a_problem_but_article_kept(tmp_path):
    p = write(tmp_path / "c.jsonl", jsonl({"id": "a", "text": "T"},
                                          {"id": "b", "text": "T", "published": "30/10/2025"}))
    arts, problems = read_articles([p], published="2025-01-01")
    assert [(a.id, a.published) for a in arts] == [("a", "2025-01-01"), ("b", "2025-01-01")]
    prob = only_problem(problems)
    assert (prob.source, prob.line) == (str(p), 2)
    assert "'30/10/2025'" in prob.message and "YYYY-MM-DD" in prob.message


def test_jsonl_bad_date_without_default_gives_none(tmp_path):
    p = write(tmp_path / "c.jsonl", jsonl({"text": "T", "date": 20251030}))
    (art,), problems = read_articles([p])
    assert art.published is None
    assert only_problem(problems).line == 1


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"text": "unterminated', ["not valid JSON", "column"]),
        ("[1, 2, 3]", ["array", "not an object"]),
        ('"just a string"', ["string", "not an object"]),
        ('{"id": "x", "title": "no text"}', ['no "text"']),
        ('{"text": 42}', ['"text"', "number", "not a string"]),
        ('{"text": null}', ['"text"', "null"]),
        ('{"text": "   \\n  "}', ['"text" is empty']),
    ],
)
def test_jsonl_bad_line_reported_with_line_number_others_kept(tmp_path, line, words):
    data = jsonl({"id": "first", "text": "Good one."}, line, {"id": "third", "text": "Good too."})
    p = write(tmp_path / "mixed.jsonl", data)
    arts, problems = read_articles([p])
    assert [a.id for a in arts] == ["first", "third"]
    prob = only_problem(problems)
    assert prob.source == str(p) and prob.line == 2
    for word in words:
        assert word in prob.message
    assert str(prob).startswith(f"{p}:2: ")


def test_jsonl_bad_optional_fields(tmp_path):
    p = write(tmp_path / "f.jsonl", jsonl({"id": ["x"], "text": "T", "title": 5, "url": {"u": 1}}))
    (art,), problems = read_articles([p])
    assert art.id == "f:1" and art.title is None and art.url is None
    assert [pr.line for pr in problems] == [1, 1, 1]
    assert any('"id"' in pr.message for pr in problems)
    assert any('"title"' in pr.message for pr in problems)


def test_jsonl_invalid_utf8_in_a_line(tmp_path):
    good = json.dumps({"id": "a", "text": "Caf"}).encode()
    bad = b'{"id": "b", "text": "Caf\xe9 near Chaman"}'
    p = write(tmp_path / "enc.jsonl", good + b"\n" + bad + b"\n")
    arts, problems = read_articles([p])
    assert [a.id for a in arts] == ["a", "b"]
    assert arts[1].text == "Caf\ufffd near Chaman"
    prob = only_problem(problems)
    assert prob.line == 2 and "invalid UTF-8 at byte offset 24 of the line" in prob.message


def test_jsonl_with_no_usable_lines_is_a_problem(tmp_path):
    p = write(tmp_path / "none.jsonl", jsonl({"x": 1}))
    arts, problems = read_articles([p])
    assert arts == []
    assert [pr.line for pr in problems] == [1, None]
    assert "no articles" in problems[1].message


def test_jsonl_line_longer_than_max_bytes_skipped(tmp_path):
    p = write(tmp_path / "long.jsonl", jsonl({"id": "a", "text": "short"}, {"id": "b", "text": "x" * 5000},
                                             {"id": "c", "text": "short"}))
    arts, problems = read_articles([p], max_bytes=1000)
    assert [a.id for a in arts] == ["a", "c"]
    prob = only_problem(problems)
    assert prob.line == 2 and "max_bytes" in prob.message


def test_jsonl_is_streamed(tmp_path):
    """The first article comes out before the rest of the file is parsed."""
    p = write(tmp_path / "s.jsonl", jsonl({"id": "a", "text": "one"}, {"id": "b", "text": "two"}))
    problems: list[InputProblem] = []
    it = iter_articles([p], problems=problems)
    assert next(it).id == "a"
    with p.open("ab") as f:  # appended after the first article was read
        f.write(b'{"id": "c", "text": "three"}\n')
    assert [a.id for a in it] == ["b", "c"]
    assert problems == []


def test_jsonl_larger_than_max_bytes_is_still_read(tmp_path):
    lines = [{"id": f"n{i}", "text": f"Article number {i} about the frontier."} for i in range(500)]
    p = write(tmp_path / "big.jsonl", jsonl(*lines))
    assert p.stat().st_size > 10_000
    arts, problems = read_articles([p], max_bytes=10_000)
    assert problems == [] and len(arts) == 500


# ---------------------------------------------------------------- ids


def test_duplicate_ids_suffixed_and_reported(tmp_path):
    p = write(tmp_path / "d.jsonl", jsonl({"id": "x", "text": "first"}, {"id": "x", "text": "second"},
                                          {"id": "x", "text": "third"}, {"id": "x#2", "text": "fourth"}))
    arts, problems = read_articles([p])
    assert [(a.id, a.text) for a in arts] == [("x", "first"), ("x#2", "second"), ("x#3", "third"),
                                              ("x#2#2", "fourth")]
    assert [pr.line for pr in problems] == [2, 3, 4]
    assert "duplicate id 'x'" in problems[0].message and f"{p}:1" in problems[0].message
    assert len({a.id for a in arts}) == len(arts)


def test_duplicate_stems_across_files(tmp_path):
    a = write(tmp_path / "one" / "report.txt", "A")
    b = write(tmp_path / "two" / "report.md", "B")
    arts, problems = read_articles([tmp_path])
    assert [(a_.id, a_.source) for a_ in arts] == [("report", str(a)), ("report#2", str(b))]
    prob = only_problem(problems)
    assert prob.source == str(b) and "duplicate id 'report'" in prob.message


# ---------------------------------------------------------------- directories


def test_directory_recursed_sorted_known_extensions_hidden_skipped(tmp_path):
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "a.md", "a")
    write(tmp_path / "c" / "z.txt", "cz")
    write(tmp_path / "c" / "d" / "y.htm", PAGE_NO_DATE)
    write(tmp_path / "c" / "a.jsonl", jsonl({"id": "ca1", "text": "x"}, {"id": "ca2", "text": "y"}))
    write(tmp_path / "d.txt", "d")
    write(tmp_path / "notes.pdf", b"%PDF-1.4 ...")  # unknown type inside a directory: ignored
    write(tmp_path / "README", "no extension")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "x.txt", "hidden dir")
    write(tmp_path / "e" / ".cache" / "x.txt", "hidden subdir")
    arts, problems = read_articles([tmp_path])
    assert problems == []
    assert [a.id for a in arts] == ["a", "b", "ca1", "ca2", "y", "z", "d"]
    assert arts[-2].source == str(tmp_path / "c" / "z.txt")
    again, _ = read_articles([str(tmp_path)])
    assert again == arts  # deterministic


def test_directory_without_articles_is_a_problem(tmp_path):
    empty = tmp_path / "empty"
    write(empty / "photo.jpg", b"\xff\xd8\xff")
    write(empty / ".hidden.txt", "x")
    arts, problems = read_articles([empty])
    assert arts == []
    prob = only_problem(problems)
    assert prob.source == str(empty) and "no readable articles" in prob.message


def test_directory_whose_files_all_fail_reports_each_and_the_directory(tmp_path):
    d = tmp_path / "bad"
    write(d / "a.txt", "")
    write(d / "b.jsonl", "not json\n")
    arts, problems = read_articles([d])
    assert arts == []
    assert [(pr.source, pr.line) for pr in problems] == [
        (str(d / "a.txt"), None), (str(d / "b.jsonl"), 1), (str(d / "b.jsonl"), None), (str(d), None)]


def test_symlink_loop_does_not_hang(tmp_path):
    write(tmp_path / "a" / "x.txt", "x")
    try:
        os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    except OSError:
        pytest.skip("symbolic links not available")
    arts, problems = read_articles([tmp_path])
    assert [a.id for a in arts] == ["x"]
    assert problems == []


# ---------------------------------------------------------------- standard input


def test_stdin_text():
    text = "Clashes near Torkham.\r\nBorder closed."
    arts, problems = read_articles(["-"], stdin=io.StringIO(text), published="2025-10-12")
    assert problems == []
    assert arts == [Article("stdin", text, published="2025-10-12", source="<stdin>")]


def test_stdin_text_starting_with_blank_lines_is_kept_exactly():
    text = "\n\n  Shelling in Kurram. {not json}"
    (art,), _ = read_articles(["-"], stdin=io.StringIO(text))
    assert art.text == text


def test_stdin_jsonl():
    data = "\n  " + jsonl({"id": "s1", "text": "One", "date": "2025-10-30"}, "oops", {"text": "Two"})
    arts, problems = read_articles(["-"], stdin=io.StringIO(data))
    assert [(a.id, a.published, a.source) for a in arts] == [("s1", "2025-10-30", "<stdin>"),
                                                             ("stdin:4", None, "<stdin>")]
    prob = only_problem(problems)
    assert (prob.source, prob.line) == ("<stdin>", 3)
    assert str(prob).startswith("<stdin>:3: ")


def test_stdin_empty():
    arts, problems = read_articles(["-"], stdin=io.StringIO("  \n"))
    assert arts == []
    assert only_problem(problems).source == "<stdin>"


def test_stdin_bytes_from_default_stream(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(b"\xef\xbb\xbfShelling at Chaman \xff here.")

    monkeypatch.setattr(articles_module.sys, "stdin", FakeStdin())
    (art,), problems = read_articles(["-"])
    assert art.text == "Shelling at Chaman \ufffd here."
    prob = only_problem(problems)
    assert "invalid UTF-8" in prob.message and "byte offset 19" in prob.message


def test_stdin_jsonl_bytes_from_default_stream(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(b"\xef\xbb\xbf" + jsonl({"id": "a", "text": "A"}, {"id": "b", "text": "B"}).encode())

    monkeypatch.setattr(articles_module.sys, "stdin", FakeStdin())
    arts, problems = read_articles(["-"])
    assert problems == [] and [a.id for a in arts] == ["a", "b"]


def test_stdin_given_twice():
    arts, problems = read_articles(["-", "-"], stdin=io.StringIO("Text."))
    assert len(arts) == 1
    assert "more than once" in only_problem(problems).message


def test_mixed_inputs_keep_order(tmp_path):
    t = write(tmp_path / "t.txt", "T")
    j = write(tmp_path / "j.jsonl", jsonl({"id": "j1", "text": "J"}))
    arts, problems = read_articles([j, "-", t], stdin=io.StringIO("S"))
    assert problems == [] and [a.id for a in arts] == ["j1", "stdin", "t"]


# ---------------------------------------------------------------- bad files


def test_missing_path_is_a_problem_and_rest_is_read(tmp_path):
    good = write(tmp_path / "good.txt", "Good.")
    missing = tmp_path / "missing.txt"
    arts, problems = read_articles([missing, good])
    assert [a.id for a in arts] == ["good"]
    prob = only_problem(problems)
    assert prob.source == str(missing) and "no such file or directory" in prob.message


def test_unsupported_type(tmp_path):
    pdf = write(tmp_path / "scan.pdf", b"%PDF-1.4")
    noext = write(tmp_path / "README", "text")
    _, problems = read_articles([pdf, noext])
    assert problems[0] == InputProblem(
        str(pdf), None, "unsupported file type '.pdf'; give .txt, .md, .html, .htm or .jsonl")
    assert "unsupported file type" in problems[1].message and problems[1].source == str(noext)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.md"])
def test_empty_file(tmp_path, name):
    p = write(tmp_path / name, b"")
    arts, problems = read_articles([p])
    assert arts == []
    prob = only_problem(problems)
    assert prob.source == str(p) and "file is empty" in prob.message


def test_whitespace_only_text_file(tmp_path):
    p = write(tmp_path / "blank.txt", " \n\t\r\n")
    arts, problems = read_articles([p])
    assert arts == [] and "only whitespace" in only_problem(problems).message


@pytest.mark.parametrize("name", ["image.txt", "image.md", "image.html", "image.jsonl"])
def test_binary_file_skipped(tmp_path, name):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    p = write(tmp_path / name, png)
    good = write(tmp_path / "good.txt", "Good.")
    arts, problems = read_articles([p, good])
    assert [a.id for a in arts] == ["good"]
    prob = only_problem(problems)
    assert prob.source == str(p) and "looks binary, not text" in prob.message


def test_binary_without_nul_bytes_skipped(tmp_path):
    noise = bytes((i * 197 + 11) % 256 for i in range(4096)).replace(b"\x00", b"\x01")
    p = write(tmp_path / "noise.txt", noise)
    arts, problems = read_articles([p])
    assert arts == [] and "looks binary" in only_problem(problems).message


def test_few_bad_utf8_bytes_replaced_and_reported(tmp_path):
    data = "Shelling near Chaman, ".encode() + b"caf\xe9 " + "and Spīn Boldak.".encode()
    p = write(tmp_path / "latin.txt", data)
    (art,), problems = read_articles([p])
    assert art.text == "Shelling near Chaman, caf\ufffd and Spīn Boldak."
    assert len(art.text) == len(data.decode("utf-8", errors="replace"))
    prob = only_problem(problems)
    assert prob.source == str(p) and prob.line is None
    assert "invalid UTF-8 at byte offset 25" in prob.message and "1 bad byte sequence " in prob.message


def test_legit_replacement_character_is_not_a_problem(tmp_path):
    p = write(tmp_path / "ok.txt", "already replaced: \ufffd")
    (art,), problems = read_articles([p])
    assert problems == [] and art.text.endswith("\ufffd")


def test_file_over_max_bytes_skipped(tmp_path):
    big = write(tmp_path / "big.txt", "x" * 2000)
    small = write(tmp_path / "small.txt", "y" * 100)
    arts, problems = read_articles([big, small], max_bytes=1000)
    assert [a.id for a in arts] == ["small"]
    prob = only_problem(problems)
    assert prob.source == str(big) and "max_bytes" in prob.message and "2,000" in prob.message


def test_file_exactly_max_bytes_accepted(tmp_path):
    p = write(tmp_path / "edge.txt", "z" * 1000)
    arts, problems = read_articles([p], max_bytes=1000)
    assert problems == [] and len(arts[0].text) == 1000


def test_fifty_megabyte_text_file(tmp_path):
    sentence = "Security forces exchanged fire near the Torkham crossing on Saturday night.\n"
    count = 50_000_000 // len(sentence) + 1
    p = tmp_path / "archive.txt"
    with p.open("w", encoding="utf-8", newline="") as f:
        f.write(sentence * count)
    size = p.stat().st_size
    assert size >= 50_000_000
    t0 = time.perf_counter()
    (art,), problems = read_articles([p])
    elapsed = time.perf_counter() - t0
    assert problems == []
    assert len(art.text) == size
    assert art.text.endswith(sentence)
    assert elapsed < 5, f"reading 50 MB took {elapsed:.1f} s"


def test_unreadable_file_reported(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.txt", "secret")
    good = write(tmp_path / "good.txt", "Good.")
    real_open = open

    def fake_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(articles_module, "open", fake_open, raising=False)
    arts, problems = read_articles([locked, good])
    assert [a.id for a in arts] == ["good"]
    prob = only_problem(problems)
    assert prob.source == str(locked) and "permission denied" in prob.message


def test_unreadable_jsonl_reported(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.jsonl", jsonl({"text": "x"}))

    def fake_open(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(articles_module, "open", fake_open, raising=False)
    arts, problems = read_articles([locked])
    assert arts == [] and "permission denied" in only_problem(problems).message


def test_unreadable_directory_reported(tmp_path, monkeypatch):
    write(tmp_path / "a" / "x.txt", "x")
    write(tmp_path / "b" / "y.txt", "y")
    real_scandir = os.scandir

    def fake_scandir(path):
        if Path(path) == tmp_path / "a":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(articles_module.os, "scandir", fake_scandir)
    arts, problems = read_articles([tmp_path])
    assert [a.id for a in arts] == ["y"]
    prob = only_problem(problems)
    assert prob.source == str(tmp_path / "a") and "permission denied" in prob.message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_real_permissions(tmp_path):
    locked = write(tmp_path / "locked.txt", "secret")
    locked.chmod(0)
    try:
        arts, problems = read_articles([locked])
    finally:
        locked.chmod(0o600)
    assert arts == [] and "permission denied" in only_problem(problems).message


def test_problems_none_logs_warnings(tmp_path, caplog):
    missing = tmp_path / "nope.txt"
    with caplog.at_level("WARNING", logger="bordermap.geo.articles"):
        assert list(iter_articles([missing])) == []
    assert "nope.txt: no such file or directory" in caplog.text


def test_single_path_accepted(tmp_path):
    p = write(tmp_path / "one.txt", "One.")
    arts, problems = read_articles(p)
    assert problems == [] and [a.id for a in arts] == ["one"]


def test_iter_articles_is_lazy(tmp_path):
    write(tmp_path / "a.txt", "A")
    problems: list[InputProblem] = []
    it = iter_articles([tmp_path / "missing.txt", tmp_path / "a.txt"], problems=problems)
    assert problems == []  # nothing read yet
    assert next(it).id == "a"
    assert len(problems) == 1
