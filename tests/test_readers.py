"""Real-world readers: saved pages, feeds, CSV exports, gzip, stdin, content sniffing, encodings.

The fixtures in tests/data/readers/ wrap two corpus articles (a01, b10) in realistic page and
feed markup — menus, share buttons, photo credits, "Voir aussi" links, comments — plus short
items written for these tests.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal

from kg.build import GraphBuilder
from kg.errors import BadDateError, BinaryInputError, EmptyInputError, EncodingError, InputError
from kg.model import Article, Extraction
from kg.sources import _bytes, count_articles, read_paths, walk
from kg.vocab import KG, SCHEMA, XSD

DATA = Path(__file__).resolve().parent / "data" / "readers"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
A01 = (CORPUS / "a01-facebook-whatsapp.txt").read_text("utf-8")
B10 = (CORPUS / "b10-sigfox-unabiz.txt").read_text("utf-8")
A01_URL = "https://www.lefilnumerique.fr/entreprises/2014/02/20/facebook-s-offre-whatsapp"
BOILERPLATE = (
    "Accueil", "Se connecter", "Partager sur", "Envoyer par e-mail", "Crédit photo", "©",
    "Voir aussi", "Les opérateurs mobiles face", "commentaire", "Gégé_du_92", "chiffrées",
    "Mentions légales", "Tous droits réservés", "Mots-clés", "dataLayer", "Studio Lumière",
)
# What the two summary-only feed items read as (headline, blank line, summary).
FREE_SUMMARY = ("Free ouvre une boutique à Lille\n\nL'opérateur Free a inauguré jeudi une "
                "boutique dans le centre de Lille, sa troisième dans les Hauts-de-France.")
DEEZER_SUMMARY = ("Deezer recrute à Bordeaux\n\nLe service d'écoute de musique en ligne Deezer va "
                  "ouvrir un bureau à Bordeaux et y embaucher une trentaine d'ingénieurs.")


def read(*paths, default_date=None) -> list:
    return list(read_paths([str(p) for p in paths], default_date=default_date))


def copy(name: str, dest: Path, as_name: str | None = None) -> Path:
    target = dest / (as_name or name)
    shutil.copyfile(DATA / name, target)
    return target


# --- saved web pages -------------------------------------------------------------------


def test_html_page_main_text_and_metadata():
    [page] = read(DATA / "facebook-whatsapp.html")
    assert page.text == A01.rstrip("\n")
    assert (page.id, page.title, page.date, page.url) == (
        "lefilnumerique.fr/entreprises/2014/02/20/facebook-s-offre-whatsapp",
        "Facebook s’offre WhatsApp pour 19 milliards de dollars",
        dt.date(2014, 2, 20),
        A01_URL,
    )
    assert (page.author, page.site, page.summary_only, page.warnings) == (
        "Claire Martin", "Le Fil Numérique", False, ())


@pytest.mark.parametrize("boilerplate", BOILERPLATE)
def test_html_page_boilerplate_is_left_out(boilerplate):
    [page] = read(DATA / "facebook-whatsapp.html")
    assert boilerplate not in page.text


def test_html_date_from_json_ld_and_url_from_canonical(tmp_path):
    path = tmp_path / "capgemini.html"
    path.write_text(PAGE_JSON_LD, "utf-8")
    [page] = read(path)
    assert page.date == dt.date(2022, 2, 15)
    assert page.url == "https://www.exemple-depeches.fr/services/capgemini-recrute"
    assert page.id == "exemple-depeches.fr/services/capgemini-recrute"
    assert page.text.startswith("Capgemini recrute 5 000 personnes en France\n\nLe groupe de")


def test_html_without_url_is_named_by_its_file(tmp_path):
    path = tmp_path / "capgemini-sans-url.html"
    path.write_text(PAGE_JSON_LD.replace('<link rel="canonical" href="https://www.exemple-'
                                         'depeches.fr/services/capgemini-recrute">', ""), "utf-8")
    [page] = read(path)
    assert (page.id, page.url) == ("capgemini-sans-url", None)


@pytest.mark.parametrize(
    "markup",
    [
        "<!DOCTYPE html><html><head><title>Accueil</title></head><body><nav><ul>"
        "<li><a href='/'>Accueil</a></li><li><a href='/tech'>Tech</a></li></ul></nav></body></html>",
        "<!DOCTYPE html><html><body><nav><a href='/'>Accueil</a></nav></body></html>",
        "<html><body><div><div><span></span></div></div></body></html>",
        "<html><<<<>>>>&&&",
    ],
)
def test_html_page_without_article_text_is_an_error(tmp_path, markup):
    path = tmp_path / "menu.html"
    path.write_text(markup, "utf-8")
    [err] = read(path)
    assert isinstance(err, InputError) and "no article text" in err.message
    assert err.source == str(path)


def test_html_declared_latin1_charset_is_honoured_without_warning(tmp_path):
    path = tmp_path / "latin1.html"
    path.write_bytes(PAGE_JSON_LD.replace('charset="utf-8"', 'charset="iso-8859-1"')
                     .encode("latin-1"))
    [page] = read(path)
    assert "Le groupe de services numériques" in page.text and page.warnings == ()


# --- feeds -----------------------------------------------------------------------------


def test_rss_items_with_content_dates_links_and_a_summary_only_item():
    full, short = read(DATA / "sigfox-unabiz.rss")
    assert full.text == B10.rstrip("\n")
    # pubDate 00:20 +0200 is still 22 April where it was written (21 April in UTC).
    assert (full.date, full.summary_only) == (dt.date(2022, 4, 22), False)
    assert full.url.startswith("https://www.lefilnumerique.fr/start-up/2022/04/22/sigfox-unabiz")
    assert full.id == "lefilnumerique.fr/start-up/2022/04/22/sigfox-unabiz"  # no utm_ tracking
    assert (full.author, full.site) == ("Luc Moreau", "Le Fil Numérique – Start-up")
    assert "Crédit photo" not in full.text and "Voir aussi" not in full.text
    assert (short.text, short.summary_only, short.date) == (
        FREE_SUMMARY, True, dt.date(2022, 4, 21))
    assert short.url == "https://www.lefilnumerique.fr/telecoms/2022/04/21/free-boutique-lille.html"


def test_atom_entries_content_and_summary_only():
    full, short = read(DATA / "facebook-whatsapp.atom")
    assert full.text == A01.rstrip("\n")
    assert (full.date, full.url, full.author, full.site, full.summary_only) == (
        dt.date(2014, 2, 20), A01_URL, "Claire Martin", "Le Fil Numérique", False)
    # The page and the feed entry of one article share its id: read twice, stored once.
    assert full.id == read(DATA / "facebook-whatsapp.html")[0].id
    assert (short.text, short.summary_only, short.date, short.url) == (
        DEEZER_SUMMARY, True, dt.date(2014, 2, 19), None)
    assert short.id == "lefilnumerique.fr/tag:lefilnumerique.fr,2014-02-19:deezer-bordeaux"


def test_malformed_feed_is_one_clear_error():
    [err] = read(DATA / "malformed.rss")
    assert isinstance(err, InputError)
    assert err.message.startswith("malformed feed XML (line 9, column 4: mismatched tag)")


@pytest.mark.parametrize(
    "xml, error, words",
    [
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title></channel></rss>',
         EmptyInputError, "no items"),
        ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         "<url><loc>https://e.fr/</loc></url></urlset>", InputError, "not an RSS or Atom feed"),
    ],
)
def test_feed_without_items_or_not_a_feed(tmp_path, xml, error, words):
    path = tmp_path / "flux.xml"
    path.write_text(xml, "utf-8")
    [err] = read(path)
    assert isinstance(err, error) and words in err.message


def test_feed_in_windows_1252_declared_utf8_comes_with_a_warning(tmp_path):
    path = tmp_path / "flux.rss"
    path.write_bytes(('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                      "<title>Flux</title><item><title>Free baisse ses prix</title><description>"
                      "L’opérateur Free baisse le prix de son forfait “illimité”.</description>"
                      "</item></channel></rss>").encode("cp1252"))
    [item] = read(path)
    assert item.text.endswith("forfait “illimité”.")
    assert "windows-1252" in item.warnings[0]


# --- CSV -------------------------------------------------------------------------------


def test_csv_columns_mapped_from_french_headers():
    first, second, third = read(DATA / "depeches.csv")
    assert first == Article(
        id="dep-001",
        text="Ubisoft ouvre un studio à Bordeaux\n\nL'éditeur de jeux vidéo Ubisoft ouvre un "
             "studio à Bordeaux.\n\nIl prévoit d'y recruter une centaine de personnes d'ici "
             "trois ans.",
        title="Ubisoft ouvre un studio à Bordeaux",
        date=dt.date(2017, 9, 12),
        url="https://www.exemple-depeches.fr/jeux/ubisoft-bordeaux",
        source="Dépêches Tech",
        path=str(DATA / "depeches.csv"),
        author="Marc Petit",
        site="Dépêches Tech",
    )
    assert second.id == "exemple-depeches.fr/cloud/ovhcloud-gravelines"  # from the link
    assert (third.id, third.date, third.url) == ("dep-003", None, None)
    assert third.title == third.text  # no title column value: the first line


def test_csv_english_headers_comma_delimited(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('ID,Headline,Body,Link,Published,Publisher\n'
                    '7,Atos rachète Bull,"Le groupe Atos lance une offre sur Bull.",'
                    'https://e.fr/atos,2014-05-27,Le Site\n', "utf-8")
    [row] = read(path)
    assert (row.id, row.title, row.date, row.url, row.site) == (
        "7", "Atos rachète Bull", dt.date(2014, 5, 27), "https://e.fr/atos", "Le Site")
    assert row.text == "Atos rachète Bull\n\nLe groupe Atos lance une offre sur Bull."


def test_csv_without_text_column_is_one_error_naming_file_and_column():
    [err] = read(DATA / "sans-texte.csv")
    assert isinstance(err, InputError) and err.source == str(DATA / "sans-texte.csv")
    assert err.message.startswith("CSV has no text column (header: titre, lien, date)")
    assert "contenu" in err.message


def test_csv_bad_rows_are_reported_and_others_come(tmp_path):
    path = tmp_path / "lot.csv"
    path.write_text("titre;contenu;date\nUn;Premier texte.;2020-01-02\nDeux;;2020-01-03\n"
                    "Trois;Troisième texte.;03/01/2020\nQuatre;Quatrième texte.;\n", "utf-8")
    one, empty, bad_date, four = read(path)
    assert one.date == dt.date(2020, 1, 2) and four.date is None
    assert isinstance(empty, InputError) and empty.message.startswith("row 3: the text column")
    assert isinstance(bad_date, BadDateError) and bad_date.message.startswith("row 4: date")


# --- gzip and stdin --------------------------------------------------------------------


def test_gzipped_feed_and_text_are_read_by_content(tmp_path):
    (tmp_path / "flux.rss.gz").write_bytes(gzip.compress((DATA / "sigfox-unabiz.rss").read_bytes()))
    (tmp_path / "a01.txt.gz").write_bytes(gzip.compress(A01.encode("utf-8")))
    (tmp_path / "a01.json").write_text(json.dumps({"date": "2014-02-20"}), "utf-8")
    (tmp_path / "sauvegarde.tar.gz").write_bytes(gzip.compress(b"pas un article"))
    items = read(tmp_path)
    assert [a.id for a in items] == [
        "a01", "lefilnumerique.fr/start-up/2022/04/22/sigfox-unabiz",
        "lefilnumerique.fr/telecoms/2022/04/21/free-boutique-lille"]
    assert items[0].text == A01 and items[0].date == dt.date(2014, 2, 20)
    assert items[0].path == str(tmp_path / "a01.txt.gz")


def test_truncated_gzip_is_a_clear_error(tmp_path):
    path = tmp_path / "a01.txt.gz"
    path.write_bytes(gzip.compress(A01.encode("utf-8"))[:200])
    [err] = read(path)
    assert isinstance(err, InputError) and err.message.startswith("truncated gzip archive")


def test_gzip_bomb_is_refused_past_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(_bytes, "MAX_DECOMPRESSED", 1000)
    path = tmp_path / "gros.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5000))
    [err] = read(path)
    assert "expands beyond" in err.message


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_is_read_by_content(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin((DATA / "facebook-whatsapp.html").read_bytes()))
    [page] = read_paths(["-"])
    assert page.text == A01.rstrip("\n") and page.path == "<stdin>"


def test_stdin_text_gets_an_id_from_its_content(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(B10.encode("utf-8")))
    [article] = read_paths(["-"])
    assert article.text == B10 and article.id.startswith("stdin-") and len(article.id) == 18


# --- content sniffing, encodings, bad files ----------------------------------------------


def test_txt_that_holds_html_is_read_as_html(tmp_path):
    path = copy("facebook-whatsapp.html", tmp_path, "page.txt")
    [page] = read(path)
    assert page.text == A01.rstrip("\n") and page.url == A01_URL


def test_txt_that_holds_json_lines_and_xml_named_feed(tmp_path):
    lines = tmp_path / "export.txt"
    lines.write_text('{"text": "Orange lance une offre."}\n{"text": "SFR aussi."}\n', "utf-8")
    feed = copy("facebook-whatsapp.atom", tmp_path, "flux.xml")
    assert [a.text for a in read(lines)] == ["Orange lance une offre.", "SFR aussi."]
    assert [a.summary_only for a in read(feed)] == [False, True]


def test_windows_1252_text_is_recovered_with_a_warning():
    [article] = read(DATA / "cp1252-depeche.txt")
    assert article.title == "Le “cloud” souverain séduit les collectivités"
    assert "2 millions d’euros" in article.text
    assert article.warnings == (
        "not valid UTF-8 (byte 0x93 at offset 3): read as Windows-1252; "
        "re-save the file as UTF-8",)


def test_mixed_encodings_are_not_guessed(tmp_path):
    path = tmp_path / "melange.txt"
    path.write_bytes("Société ".encode("utf-8") + "générale".encode("cp1252"))
    [err] = read(path)
    assert isinstance(err, EncodingError) and "mixes encodings" in err.message


@pytest.mark.parametrize("name", ["vide.html", "vide.rss", "vide.csv", "vide.txt.gz"])
def test_empty_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"  \n") if name.endswith(".gz") else b"\n")
    [err] = read(path)
    assert isinstance(err, EmptyInputError) and err.source == str(path)


@pytest.mark.parametrize("name", ["article.html", "rapport.pdf", "flux.rss"])
def test_pdf_by_mistake(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    [err] = read(path)
    assert isinstance(err, BinaryInputError) and "PDF" in err.message


def test_folder_walk_reads_every_format_and_counts_items(tmp_path):
    for name in ("facebook-whatsapp.html", "sigfox-unabiz.rss", "facebook-whatsapp.atom",
                 "depeches.csv"):
        copy(name, tmp_path)
    copy("facebook-whatsapp.html", tmp_path, "index.html")  # a saved page, not folder docs
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    found = [p.name for p in walk(tmp_path)]
    assert found == ["depeches.csv", "facebook-whatsapp.atom", "facebook-whatsapp.html",
                     "index.html", "sigfox-unabiz.rss"]
    assert count_articles([str(tmp_path)]) == len(read(tmp_path)) == 9



def test_count_judges_the_format_by_content_not_by_name(tmp_path):
    """The progress bar's count reads a file's first bytes to judge it: JSON Lines saved as
    .txt (with a BOM) count one per line, a long plain text counts one."""
    lines = [f'{{"id": "a{i}", "text": "Orange rachète une start-up."}}' for i in range(3)]
    (tmp_path / "export.txt").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
    (tmp_path / "long.txt").write_text("Titre\n\n" + "Orange investit. " * 2000, "utf-8")
    assert count_articles([str(tmp_path / "export.txt")]) == len(read(tmp_path / "export.txt")) == 3
    assert count_articles([str(tmp_path)]) == 4

# --- what the graph says about an article's origin ----------------------------------------


def test_article_metadata_in_the_graph():
    [short] = [a for a in read(DATA / "facebook-whatsapp.atom") if a.summary_only]
    graph = GraphBuilder().build(Extraction(article=short))
    triples = {(q.predicate, q.object) for q in graph.quads if q.subject == graph.iri}
    assert (SCHEMA.publisher, Literal("Le Fil Numérique")) in triples
    assert (KG.summaryOnly, Literal("true", datatype=XSD.boolean)) in triples
    [page] = read(DATA / "facebook-whatsapp.html")
    graph = GraphBuilder().build(Extraction(article=page))
    triples = {(q.predicate, q.object) for q in graph.quads if q.subject == graph.iri}
    assert (SCHEMA.author, Literal("Claire Martin")) in triples
    assert not any(p == KG.summaryOnly for p, _ in triples)


PAGE_JSON_LD = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Capgemini recrute 5 000 personnes en France - Dépêches Tech</title>
  <link rel="canonical" href="https://www.exemple-depeches.fr/services/capgemini-recrute">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "NewsArticle",
   "headline": "Capgemini recrute 5 000 personnes en France",
   "datePublished": "2022-02-15T06:30:00+01:00"}
  </script>
</head>
<body>
  <nav><a href="/">Accueil</a> <a href="/services">Services</a> <a href="/connexion">Se connecter</a></nav>
  <article>
    <h1>Capgemini recrute 5 000 personnes en France</h1>
    <p>Le groupe de services numériques Capgemini prévoit d'embaucher 5 000 personnes en
    France cette année, principalement des ingénieurs débutants, a annoncé sa direction.</p>
    <p>L'entreprise, dont le siège est à Paris, veut renforcer ses équipes dans le cloud et la
    cybersécurité, deux activités qui ont porté sa croissance l'an dernier.</p>
    <p>Les recrutements concerneront surtout les agences de Toulouse, de Lyon et de Nantes,
    où le groupe ouvre de nouveaux plateaux techniques.</p>
  </article>
  <div class="partage">Partager sur Facebook · Partager sur LinkedIn</div>
  <footer>Mentions légales · © Dépêches Tech</footer>
</body>
</html>
"""


# --- end to end: the same articles from pages and feeds, or from .txt, make the same graph ---

_RELATIONS = """SELECT DISTINCT ?s ?p ?o WHERE {
  ?ev a kg:Evidence ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o }"""
_ENTITIES = "SELECT DISTINCT ?e WHERE { ?a a schema:NewsArticle ; schema:mentions ?e }"
_EVENTS = """SELECT DISTINCT ?type ?agent ?date WHERE {
  ?e a kg:Event, ?type ; kg:agent ?agent . FILTER(?type != kg:Event) OPTIONAL { ?e kg:date ?date } }"""
_TEXTS = "SELECT ?a ?text WHERE { ?a a schema:NewsArticle ; schema:text ?text }"
_SUMMARY_ONLY = "SELECT ?title WHERE { ?a kg:summaryOnly true ; schema:headline ?title }"


def _rows(store, sparql: str) -> set[tuple]:
    return {tuple(v.value if v is not None else None for v in row) for row in store.query(sparql)}


def _plain_folder(folder: Path) -> Path:
    """The four articles as .txt files with sibling dates: the reference."""
    folder.mkdir()
    for stem, text, date in (("a01", A01, "2014-02-20"), ("b10", B10, "2022-04-22"),
                             ("free", FREE_SUMMARY, "2022-04-21"),
                             ("deezer", DEEZER_SUMMARY, "2014-02-19")):
        (folder / f"{stem}.txt").write_text(text, "utf-8")
        (folder / f"{stem}.json").write_text(json.dumps({"date": date}), "utf-8")
    return folder


def _formats_folder(folder: Path) -> Path:
    """The same articles as a saved page, an RSS feed, an Atom feed, JSON Lines and a .gz."""
    folder.mkdir()
    for name in ("facebook-whatsapp.html", "sigfox-unabiz.rss", "facebook-whatsapp.atom"):
        copy(name, folder)
    (folder / "b10.jsonl").write_text(
        json.dumps({"id": "b10", "text": B10, "date": "2022-04-22"}, ensure_ascii=False) + "\n",
        "utf-8")
    (folder / "a01.txt.gz").write_bytes(gzip.compress(A01.encode("utf-8")))
    (folder / "a01.json").write_text(json.dumps({"date": "2014-02-20"}), "utf-8")
    return folder


@pytest.mark.slow
def test_pages_and_feeds_give_the_graph_of_the_plain_texts(tmp_path):
    from kg.config import Settings
    from kg.ingest import ingest
    from kg.store import open_store

    results = {}
    for name, folder in (("plain", _plain_folder(tmp_path / "plain")),
                         ("formats", _formats_folder(tmp_path / "formats"))):
        settings = Settings(store=str(tmp_path / f"store-{name}"))
        report = ingest([str(folder)], settings)
        assert report.failed == [], report.failed
        with open_store(settings, read_only=True) as store:
            results[name] = {q: _rows(store, q) for q in
                             (_RELATIONS, _ENTITIES, _EVENTS, _TEXTS, _SUMMARY_ONLY)}
    plain, formats = results["plain"], results["formats"]
    assert len(plain[_RELATIONS]) >= 10 and len(plain[_ENTITIES]) >= 20
    for query in (_RELATIONS, _ENTITIES, _EVENTS):
        assert formats[query] == plain[query]
    assert {t for (t,) in formats[_SUMMARY_ONLY]} == {
        "Free ouvre une boutique à Lille", "Deezer recrute à Bordeaux"}
    assert plain[_SUMMARY_ONLY] == set()
    for _, text in formats[_TEXTS]:
        assert not [b for b in BOILERPLATE if b in text]
