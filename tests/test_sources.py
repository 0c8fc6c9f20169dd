"""Readers: good articles come through verbatim, each bad input becomes one clear error."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from kg.errors import (
    BadDateError,
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    JsonlError,
    MissingPathError,
    UnsupportedInputError,
)
from kg.model import Article
from kg.sources import read_paths

TEXT = "Orange rachète une start-up lyonnaise\n\nL’opérateur a annoncé mardi l’opération.\n"


def read(*paths, default_date=None):
    return list(read_paths([str(p) for p in paths], default_date=default_date))


def test_txt_article_is_verbatim_with_title_id_and_path(tmp_path):
    path = tmp_path / "orange-rachat.txt"
    path.write_text("\n  " + TEXT, "utf-8")
    [article] = read(path)
    assert article == Article(
        id="orange-rachat",
        text="\n  " + TEXT,
        title="Orange rachète une start-up lyonnaise",
        date=None,
        path=str(path),
    )


def test_crlf_and_bom_are_normalised_and_offsets_match(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"))
    [article] = read(path)
    assert article.text == TEXT
    assert article.text[0:6] == "Orange"


def test_markdown_heading_marks_are_not_in_the_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Free lance une offre mobile\n\nLe texte.\n", "utf-8")
    [article] = read(path)
    assert article.title == "Free lance une offre mobile"
    assert article.text.startswith("# Free")


def test_default_date_and_sibling_gold_date(tmp_path):
    day = dt.date(2013, 1, 30)
    (tmp_path / "plain.txt").write_text(TEXT, "utf-8")
    (tmp_path / "gold.txt").write_text(TEXT, "utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({"id": "gold", "date": "2012-09-24"}), "utf-8")
    (tmp_path / "nodate.txt").write_text(TEXT, "utf-8")
    (tmp_path / "nodate.json").write_text(json.dumps({"date": None}), "utf-8")
    dates = {a.id: a.date for a in read(tmp_path, default_date=day)}
    assert dates == {"gold": dt.date(2012, 9, 24), "nodate": None, "plain": day}


def test_bad_sibling_date_is_reported(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, "utf-8")
    (tmp_path / "x.json").write_text(json.dumps({"date": "24/09/2012"}), "utf-8")
    [err] = read(tmp_path / "x.txt")
    assert isinstance(err, BadDateError) and "24/09/2012" in err.message


def test_folder_is_walked_recursively_sorted_ignoring_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("Titre Z\ncorps", "utf-8")
    (tmp_path / "a.txt").write_text("Titre A\ncorps", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("caché", "utf-8")
    assert [a.id for a in read(tmp_path)] == ["a", "z"]


def test_jsonl_articles_with_defaults(tmp_path):
    path = tmp_path / "flux.jsonl"
    lines = [
        {"id": "x1", "text": "Titre un\nCorps.", "date": "2014-02-03", "url": "https://e.fr/1",
         "source": "Le Site"},
        {"text": "Titre deux\nCorps.", "title": "Autre titre"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", "utf-8")
    one, two = read(path, default_date=dt.date(2020, 1, 1))
    assert one == Article("x1", "Titre un\nCorps.", "Titre un", dt.date(2014, 2, 3),
                          "https://e.fr/1", "Le Site", str(path), site="Le Site")
    assert (two.id, two.title, two.date) == ("flux-2", "Autre titre", dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    "line, problem",
    [
        ('{"text": "ok", ', "invalid JSON"),
        ('["une", "liste"]', "expected a JSON object"),
        ('{"title": "sans texte"}', '"text" is missing or empty'),
        ('{"text": "   "}', '"text" is missing or empty'),
        ('{"text": "ok", "date": "hier"}', "not an ISO date"),
    ],
)
def test_bad_jsonl_line_names_its_line_and_others_still_come(tmp_path, line, problem):
    path = tmp_path / "flux.jsonl"
    path.write_text('{"text": "Premier"}\n' + line + '\n{"text": "Troisième"}\n', "utf-8")
    first, err, third = read(path)
    assert isinstance(err, JsonlError)
    assert err.source == str(path)
    assert err.message.startswith("line 2: ") and problem in err.message
    assert str(err).startswith(f"[KG105] {path}: line 2:")
    assert (first.text, third.text) == ("Premier", "Troisième")


def test_jsonl_bad_utf8_line_is_reported_with_line_and_file_offset(tmp_path):
    path = tmp_path / "flux.jsonl"
    good = '{"text": "Premier"}\n'.encode("utf-8")
    # 0x81 is undefined in Windows-1252 too, so the line cannot be recovered.
    path.write_bytes(good + b'{"text": "caf\x81"}\n')
    first, err = read(path)
    assert first.text == "Premier"
    assert isinstance(err, EncodingError)
    assert err.message.startswith(f"line 2: not valid UTF-8 (byte 0x81 at offset {len(good) + 13})")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "vide.txt"
    path.write_bytes(content)
    [err] = read(path)
    assert isinstance(err, EmptyInputError) and err.source == str(path)


@pytest.mark.parametrize(
    "content, kind",
    [
        (b"%PDF-1.4\n%...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (gzip.compress(b"%PDF-1.4\n%..."), "PDF"),  # a .gz is opened, then judged
        (b"PK\x03\x04zipzip", "ZIP"),
        (b"du texte\x00puis des zeros", "NUL bytes"),
    ],
)
def test_binary_file(tmp_path, content, kind):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    [err] = read(path)
    assert isinstance(err, BinaryInputError) and kind in err.message


def test_invalid_utf8_names_byte_and_offset(tmp_path):
    # Windows-1252 quotes, then 0x81, a byte Windows-1252 does not define either.
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Le “cloud”".encode("cp1252") + b" \x81")
    [err] = read(path)
    assert isinstance(err, EncodingError)
    assert err.message.startswith(
        "not valid UTF-8 (byte 0x93 at offset 3) and not Windows-1252 either")
    assert str(err).startswith(f"[KG104] {path}: not valid UTF-8")


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfabc\x9d")
    [err] = read(path)
    assert "byte 0x9d at offset 6" in err.message


def test_missing_path_and_unsupported_extension(tmp_path):
    data = tmp_path / "export.json"
    data.write_text('[{"text": "un tableau JSON, pas des lignes"}]', "utf-8")
    missing, unsupported = read(tmp_path / "absent.txt", data)
    assert isinstance(missing, MissingPathError) and missing.source == str(tmp_path / "absent.txt")
    assert isinstance(unsupported, UnsupportedInputError) and "'.json'" in unsupported.message


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "1.txt").write_text("Un\ntexte", "utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Trois\ntexte", "utf-8")
    items = read(tmp_path)
    assert [type(x).__name__ for x in items] == ["Article", "EmptyInputError", "Article"]


def test_reads_the_gold_dev_folder_with_gold_dates():
    gold = Path("/work/shared/gold/dev")
    if not gold.is_dir():
        pytest.skip("shared gold folder not present")
    articles = {a.id: a for a in read(gold) if isinstance(a, Article)}
    seed = articles["seed-blackberry-panne"]
    assert seed.date == dt.date.fromisoformat(
        json.loads((gold / "seed-blackberry-panne.json").read_text("utf-8"))["date"]
    )
    assert seed.text == (gold / "seed-blackberry-panne.txt").read_text("utf-8")


def test_folder_walk_skips_folder_documentation(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "README.md").write_text("# Notes\n\nNot an article.\n", "utf-8")
    (tmp_path / "INDEX.md").write_text("# Index\n", "utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Titre\n\nUn article sur Orange.\n", "utf-8")
    from kg.sources import read_paths

    items = list(read_paths([str(tmp_path)]))
    assert [a.id for a in items] == ["a"]
