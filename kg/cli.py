"""The ``kg`` command: thin click commands over the library functions.

Data goes to stdout; progress, summaries and errors go to stderr. A KgError becomes one line
``error [KG104] path: message`` and exit code 1. Heavy modules (spaCy via ingest/eval,
matplotlib via export) are imported inside the commands that need them, so ``kg query`` and
``kg stats`` start fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.config import Settings
from kg.errors import KgError
from kg.query import FORMATS, bindings, format_result, list_queries, resolve, run
from kg.stats import format_stats, stats
from kg.store import open_store, store_prefixes

EXPORT_FORMATS = ("html", "graphml", "gexf", "json", "svg", "png",
                  "turtle", "trig", "nquads", "jsonld")
EXPORT_VIEWS = ("entities", "relations", "co-mentions", "timeline")
STORE_HELP = "store directory [default: kg-data, or $KG_STORE]"


class KgGroup(click.Group):
    """A click group that reports KgErrors as one line on stderr and exits 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"error {err}", err=True)
            ctx.exit(1)


def _settings(**overrides: Any) -> Settings:
    return Settings.load(overrides)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge graph of French tech news.

    \b
    Example:
      kg ingest corpus/ && kg query works_for --param orgLabel=IDC
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--store", help=STORE_HELP)
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="publication date for articles that carry none (YYYY-MM-DD)")
@click.option("--model", help="spaCy model [default: fr_core_news_md, or $KG_MODEL]")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], store: str | None,
           date: dt.datetime | None, model: str | None) -> None:
    """Read articles (files, folders, or - for stdin) into the graph.

    Only new or changed articles go through the NLP (content hash); the summary says how many
    were new, updated, unchanged, skipped (not French) and failed. A bad article is reported
    and the others still go in (exit code 1 if any failed). Each article is written in one
    transaction: Ctrl-C stops cleanly (exit code 130) and a re-run completes the job.

    \b
    Example:
      kg ingest corpus/ extra/article.txt --date 2012-09-24 --store kg-data
    """
    from kg.ingest import ingest as run_ingest  # imports spaCy: only here

    settings = _settings(store=store, model=model)
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        report = run_ingest(list(paths), settings,
                            default_date=date.date() if date else None, progress=progress)
    finally:
        if progress:
            progress.close()
    for warning in report.warnings:
        click.echo(f"warning {warning}", err=True)
    for err in report.failed:
        click.echo(f"error {err}", err=True)
    if report.interrupted:
        click.echo("interrupted: every article written so far is whole; run the same command "
                   "again to finish", err=True)
    click.echo(report.summary(settings.store), err=True)
    if report.interrupted:
        ctx.exit(130)
    if report.failed:
        ctx.exit(1)


@cli.command("articles")
@click.option("--store", help=STORE_HELP)
@click.option("--json", "as_json", is_flag=True, help="print the list as JSON")
def articles_command(store: str | None, as_json: bool) -> None:
    """List the stored articles: id, date, title, source and fact counts, newest first.

    \b
    Example:
      kg articles --json
    """
    from kg.articles import list_articles

    with open_store(_settings(store=store), read_only=True) as kg_store:
        rows = list_articles(kg_store)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False))
        return
    header = ("id", "date", "ent", "rel", "quo", "evt", "source", "title")
    table = [(r.id, r.date, str(r.entities), str(r.relations), str(r.quotes), str(r.events),
              r.source, r.title) for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h)
              for i, h in enumerate(header)]
    for row in [header, *table]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths)) + "  " + row[-1])
    click.echo(f"{len(rows)} articles", err=True)


@cli.command("delete")
@click.argument("ids", nargs=-1, required=True)
@click.option("--store", help=STORE_HELP)
def delete_command(ids: tuple[str, ...], store: str | None) -> None:
    """Remove articles (ids as `kg articles` prints them, or IRIs) and their facts.

    Entities still mentioned by another article stay; the others go. If an id is unknown,
    nothing is deleted.

    \b
    Example:
      kg delete 000-5f6b052bc33bd45f a01-facebook-whatsapp
    """
    from kg.articles import delete_articles
    from kg.vocab import Minter

    settings = _settings(store=store)
    with open_store(settings) as kg_store:
        deleted = delete_articles(kg_store, list(ids), Minter(settings.base_iri))
    click.echo(f"deleted {len(deleted)} articles from {settings.store}", err=True)


class _Progress:
    """A ``progress(done, total)`` callback drawing a bar on stderr."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="ingest", file=sys.stderr,
                                          show_pos=True)
            self._bar.__enter__()
        self._bar.update(max(0, done - self._done))
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expr", "sparql", metavar="SPARQL", help="a query given inline")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="bind ?NAME: <iri> for an IRI, anything else is a plain literal (repeatable)")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="json/csv/tsv are the W3C SPARQL results formats")
@click.option("--list", "list_only", is_flag=True, help="list the saved queries and exit")
@click.option("--store", help=STORE_HELP)
def query(query: str | None, sparql: str | None, params: tuple[str, ...], fmt: str,
          list_only: bool, store: str | None) -> None:
    """Run a SPARQL query: a FILE.rq, the NAME of a saved query, or -e TEXT.

    The default graph is the union of all articles' graphs; the prefixes kg:, kgr:, schema:,
    rdf:, rdfs:, skos:, owl:, xsd:, prov:, nif:, itsrdf: are predeclared. A parameter binds a
    variable the query SELECTs; a saved query's header gives its parameters and defaults.

    \b
    Examples:
      kg query --list
      kg query works_for --param orgLabel=IDC
      kg query -e 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }' --format csv
    """
    settings = _settings(store=store)
    if list_only:
        click.echo(_format_list(settings.queries_dir))
        return
    if (query is None) == (sparql is None):
        raise click.UsageError("give one of QUERY (a .rq file or saved query name) or -e SPARQL")
    text = sparql if sparql is not None else resolve(query, settings.queries_dir)
    source = query or "-e"
    values = bindings(text, _parse_params(params), source=source)
    with open_store(settings, read_only=True) as kg_store:
        result = run(kg_store, text, values, source=source)
        output = format_result(result, fmt, prefixes=store_prefixes(settings))
    click.echo(output, nl=not output.endswith("\n"))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        parsed[name.strip()] = value
    return parsed


def _format_list(directory: str) -> str:
    saved = list_queries(directory)
    if not saved:
        return f"no saved queries in {directory}/"
    width = max(len(q.name) for q in saved)
    lines = []
    for q in saved:
        lines.append(f"{q.name:<{width}}  {q.title}")
        if q.description:
            lines.append(f"{'':<{width}}  {q.description}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default is not None else ""
            lines.append(f"{'':<{width}}    --param {p.name}=…  {p.help}{default}")
    return "\n".join(lines)


@cli.command("stats")
@click.option("--store", help=STORE_HELP)
@click.option("--json", "as_json", is_flag=True, help="print everything as JSON (for scripts)")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="entities listed per ranking and per community")
@click.option("--counts-only", is_flag=True,
              help="print the counts only, without the graph analytics (faster on big stores)")
def stats_command(store: str | None, as_json: bool, top: int, counts_only: bool) -> None:
    """Counts of the store and the shape of its entity graph.

    Articles, entities, relations, quotes, events and triples; the most active predicates
    and sources; the top entities by degree and PageRank, connected components and
    communities of the graph of related or co-mentioned entities.

    \b
    Example:
      kg stats --top 5
      kg stats --json | jq '.top.pagerank[0].label'
    """
    with open_store(_settings(store=store), read_only=True) as kg_store:
        counts = stats(kg_store, top=None if counts_only else top)
    click.echo(json.dumps(counts, indent=2) if as_json else format_stats(counts))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="html: interactive page; graphml, gexf: Gephi/yEd; json: node-link; svg, "
                   "png: pictures; turtle, trig, nquads, jsonld: the whole store as RDF")
@click.option("--out", type=click.Path(dir_okay=False),
              help="output file, '-' for stdout [default: kg-graph.EXT]")
@click.option("--view", type=click.Choice(EXPORT_VIEWS), default="entities", show_default=True,
              help="entities: relations + co-mentions; relations: typed directed edges; "
                   "co-mentions: weighted by shared articles; timeline: events and their entities")
@click.option("--entity", metavar="NAME", help="ego graph around this entity (label or alias)")
@click.option("--hops", type=click.IntRange(0), default=1, show_default=True,
              help="ego graph radius, with --entity")
@click.option("--since", metavar="DATE",
              help="articles published on or after YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD")
@click.option("--until", metavar="DATE",
              help="articles published on or before YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD")
@click.option("--type", "types", multiple=True,
              type=click.Choice(("Person", "Organization", "Place", "Product")),
              help="keep entities of this type (repeatable)")
@click.option("--predicate", "predicates", multiple=True, metavar="NAME",
              help="keep relations with this predicate, e.g. worksFor (repeatable)")
@click.option("--min-mentions", type=click.IntRange(0), default=0,
              help="drop entities mentioned by fewer articles")
@click.option("--min-weight", type=click.FloatRange(0), default=0,
              help="drop lighter edges (articles in common, or evidence for relations)")
@click.option("--top", type=click.IntRange(1), help="keep the N best-ranked entities")
@click.option("--rank", type=click.Choice(("degree", "pagerank")), default="degree",
              show_default=True, help="ranking for --top (weighted)")
@click.option("--title", help="title of the page or picture")
@click.option("--store", help=STORE_HELP)
def export(fmt: str, out: str | None, view: str, entity: str | None, hops: int,
           since: str | None, until: str | None, types: tuple[str, ...],
           predicates: tuple[str, ...], min_mentions: int, min_weight: float, top: int | None,
           rank: str, title: str | None, store: str | None) -> None:
    """Draw a view of the graph (HTML, SVG, PNG), save it for Gephi or notebooks (GraphML,
    GEXF, node-link JSON), or dump the store as RDF.

    \b
    Examples:
      kg export --format html --out kg-graph.html
      kg export --format png --view relations --entity RIM --hops 2 --out rim.png
      kg export --format gexf --view co-mentions --since 2012 --top 50 --rank pagerank
      kg export --format trig --out kg.trig
    """
    from kg.export import EXTENSIONS, Filters, render  # matplotlib/networkx: only here

    filters = Filters(since=since, until=until, types=types or None,
                      predicates=predicates or None, min_mentions=min_mentions,
                      min_weight=min_weight, entity=entity, hops=hops, top=top, rank=rank)
    options = {"title": title} if title else {}
    with open_store(_settings(store=store), read_only=True) as kg_store:
        data = render(kg_store, fmt, view=view, filters=filters, **options)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    out = out or f"kg-graph.{EXTENSIONS[fmt]}"
    if out == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    try:
        with open(out, "wb") as fh:
            fh.write(payload)
    except OSError as exc:
        raise click.FileError(out, hint=exc.strerror or str(exc)) from None
    click.echo(f"wrote {out} ({len(payload)} bytes)", err=True)


@cli.command("validate")
@click.option("--store", help=STORE_HELP)
@click.option("--article", "article_id", metavar="ID",
              help="check one article (id as `kg articles` prints it) instead of the whole store")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False),
              help="a SHACL shapes file [default: kg's own kg/data/shapes.ttl]")
@click.option("--limit", type=int, default=50, show_default=True,
              help="violations listed (the summary counts them all)")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
@click.pass_context
def validate_command(ctx: click.Context, store: str | None, article_id: str | None,
                     shapes: str | None, limit: int, as_json: bool) -> None:
    """Check the store against the SHACL shapes of the public vocabulary (pySHACL).

    Prints one line per violation (focus node, property, message, shape) and a summary;
    exit code 1 when the graph does not conform.

    \b
    Example:
      kg validate --store kg-data
    """
    from kg.articles import resolve_article
    from kg.validate import validate_article, validate_store
    from kg.vocab import Minter

    settings = _settings(store=store)
    with open_store(settings, read_only=True) as kg_store:
        if article_id:
            iri = resolve_article(article_id, Minter(settings.base_iri))
            report = validate_article(kg_store, iri, shapes)
        else:
            report = validate_store(kg_store, shapes)
    click.echo(report.to_json() if as_json else report.format_text(limit=limit))
    if not report.conforms:
        ctx.exit(1)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="print the scores as JSON")
@click.option("--misses", is_flag=True,
              help="also list every false positive and false negative with its sentence")
@click.option("--baseline", is_flag=True,
              help="score the plain spaCy model instead (NER only, no kg components)")
@click.option("--calibrate", type=click.Path(dir_okay=False), metavar="FILE",
              help="write per-rule relation confidences measured on this gold set to FILE")
@click.option("--model", help="spaCy model [default: fr_core_news_md, or $KG_MODEL]")
def eval_command(gold_dir: str, as_json: bool, misses: bool, baseline: bool,
                 calibrate: str | None, model: str | None) -> None:
    """Score the extraction against a folder of gold annotations (NAME.txt + NAME.json).

    Prints precision, recall and F1 per category, then per entity type, predicate and event
    type, then the near misses: quotes and events a prediction gets right in every field but
    one (the speaker; the date, agent or type), counted by that field.

    \b
    Examples:
      kg eval ../shared/gold/dev --json
      kg eval corpus --misses
      kg eval corpus --baseline
      kg eval corpus --calibrate kg/data/confidence.json
    """
    from kg.evaluate import calibration, evaluate  # imports spaCy: only here

    report = evaluate(gold_dir, _settings(model=model, baseline=baseline or None))
    if calibrate:
        Path(calibrate).write_text(
            json.dumps(calibration(report), indent=1, ensure_ascii=False) + "\n", "utf-8")
        click.echo(f"wrote {calibrate} ({len(report.rules)} rules)", err=True)
    if as_json:
        click.echo(json.dumps(report.to_json(misses=misses), indent=2, ensure_ascii=False))
    else:
        click.echo(report.format_text(misses=misses))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``kg = "kg.cli:main"``)."""
    cli.main(args=argv, prog_name="kg")


if __name__ == "__main__":
    main()
