"""The `kg` command line: parse, call the library, render. No logic lives here."""
from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from typing import Any

import click

from kg.budget import DEFAULT_ARTICLE_TIMEOUT
from kg.errors import KgError


def fail(err: KgError) -> None:
    click.echo(f"Error: {err}", err=True)
    sys.exit(err.exit_code)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r} is not NAME=VALUE", param_hint="--param")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pilkada-kg")
def cli() -> None:
    """pilkada-kg: a knowledge graph of Indonesian regional elections from news articles."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="build folder (created or replaced)")
@click.option("--strict", is_flag=True, help="exit 1 when any file was skipped")
@click.option("--quiet", "-q", is_flag=True, help="print only problems")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="worker processes for per-article work [default: all cores]")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="where per-article work runs: local processes, or a Dask distributed cluster")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); "
              "without it --executor dask starts a local cluster")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=DEFAULT_ARTICLE_TIMEOUT, show_default=True,
              metavar="SECONDS", help="time budget of one article: past it the article is skipped with one line "
              "(0: no limit)")
@click.option("--curations", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="folder of curation files (kg curate) [default: SOURCE/curations of the first folder given, "
              "when it exists]")
def build(sources: tuple[Path, ...], out: Path, strict: bool, quiet: bool, jobs: int | None, executor: str,
          scheduler: str | None, article_timeout: float, curations: Path | None) -> None:
    """Build the graph from article files or folders into OUT (atomically).

    Articles whose bytes did not change since the last build into OUT are reused; curations are applied
    after extraction, every build.
    """
    from kg.curate.files import default_folder
    from kg.build import build as run_build

    for s in sources:
        if not s.exists():
            fail(KgError("no such file or folder", culprit=str(s)))
    if curations is not None and not curations.is_dir():
        fail(KgError("no such curations folder", culprit=str(curations), hint="create it, or leave --curations out"))
    curations = curations or default_folder(sources)
    show = not quiet and sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get("CI")
    progress = ArticleProgress() if show else None
    try:
        # once the new build is current, nothing is left to interrupt: a late Ctrl-C must not break the clean-up
        # (a KeyboardInterrupt inside a finaliser is printed as a traceback, not raised)
        report = run_build(list(sources), out, progress=progress, jobs=jobs, executor=executor,
                           scheduler=scheduler, article_timeout=article_timeout,
                           on_published=_ignore_interrupts if _console else None, curations=curations)
    except KgError as err:
        if progress:
            progress.close()            # before the error line, which would otherwise land on the bar's line
        fail(err)
        return
    finally:
        if progress:
            progress.close()
    for p in report.problems:
        click.echo(p.line(), err=True)
    if not quiet:
        c = report.counts
        click.echo(f"built {report.articles_built} of {report.articles_seen} articles into {out}: "
                   f"{c.get('tickets', 0)} tickets, {c.get('backings', 0)} backings, {c.get('offices', 0)} holdings, "
                   f"{c.get('statements', 0)} statements, {report.quads} quads; "
                   f"validation {'passed' if report.conforms else 'FAILED'} "
                   f"({report.warnings} warnings) in {sum(report.seconds.values()):.1f} s")
        if report.curations:
            k = report.curated
            click.echo(f"curations from {report.curations}: {k.get('applied', 0)} applied, "
                       f"{k.get('stale', 0)} stale, {k.get('redundant', 0)} redundant, "
                       f"{k.get('contradicted', 0)} contradicted, {k.get('invalid', 0) + k.get('unreadable', 0)} "
                       "invalid")
    if strict and report.skipped:
        fail(KgError(f"{len(report.skipped)} of {report.articles_seen} files skipped (--strict); "
                     "the build was written without them"))


class ArticleProgress:
    """``kg build``'s progress on a terminal: click's progress bar with articles done, rate and ETA.

    The bar opens at the first article and counts from there: articles reused from the last build are
    done at once and would make the rate and the ETA meaningless.
    """

    def __init__(self) -> None:
        self.bar: Any = None
        self.first = 0
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.first = done - 1
            label = f"articles ({self.first} reused)" if self.first else "articles"
            self.bar = click.progressbar(length=total - self.first, label=label, show_eta=True,
                                         show_pos=True, file=sys.stderr, item_show_func=lambda rate: rate)
            self.bar.__enter__()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = f"{(done - self.first) / elapsed:.1f}/s"
        self.bar.update(done - self.first - self.bar.pos, rate)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="worker processes for the per-article shapes [default: all cores]")
def validate(data: Path, jobs: int | None) -> None:
    """Validate a build as `kg build` does: the SHACL shapes on each article graph on its own, then the
    whole-graph checks (articles that disagree are a warning); exit 3 on violations."""
    from kg.validate.run import validate_build

    try:
        report = validate_build(data, jobs=jobs)
    except KgError as err:
        fail(err)
        return
    click.echo(report.to_text())
    if not report.conforms:
        sys.exit(3)


class Seconds(click.ParamType):
    """A time limit: a positive, finite number of seconds (0, negative, nan and inf are usage errors)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        import math

        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (math.isfinite(seconds) and seconds > 0):
            self.fail(f"{value!r} is not a positive, finite number of seconds", param, ctx)
        return seconds


class QueryCommand(click.Command):
    """`kg query NAME --help` shows the saved query's own parameters."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["kg_query_args"] = list(args)      # --help is eager: NAME is not parsed yet
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        args = ctx.meta.get("kg_query_args", [])
        name = next((a for i, a in enumerate(args) if not a.startswith("-")
                     and (i == 0 or args[i - 1] not in VALUE_OPTIONS)), None)
        base = super().get_help(ctx)
        if not name:
            return base
        from kg.query.service import describe_query

        try:
            return describe_query(name) + "\n\n" + base
        except KgError as err:
            return f"{err}\n\n{base}"


VALUE_OPTIONS = {"--data", "--param", "--format", "--file", "--endpoint", "--timeout", "--max-response", "--out"}
QUERY_FORMATS = ["table", "csv", "tsv", "json", "ndjson", "sparql-json", "md", "parquet"]


@cli.command(cls=QueryCommand)
@click.argument("name", required=False)
@click.option("--data", type=click.Path(path_type=Path), help="build folder to query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="bind a parameter (repeatable)")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="json: a list of records with typed values; ndjson: one record a line; sparql-json: SPARQL 1.1 "
              "Query Results JSON; parquet (needs --out and the parquet extra)")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="write the rows to this file (atomically) instead of printing them")
@click.option("--list", "list_", is_flag=True, help="list the saved queries")
@click.option("--file", "file_", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="run an ad-hoc .rq file")
@click.option("--endpoint", metavar="URL", help="run on a remote SPARQL 1.1 endpoint instead of --data "
              "(credentials: KG_ENDPOINT_USER, KG_ENDPOINT_PASSWORD, or user:pw@ in the URL; "
              "sent to that origin only)")
@click.option("--timeout", type=Seconds(), default=None, metavar="SECONDS",
              help="seconds the whole query may take, on a build or an endpoint; past them it is stopped "
              "[default: 60 on an endpoint, no limit on a build]")
@click.option("--max-response", type=click.FloatRange(min=0.001), default=100.0, show_default=True, metavar="MB",
              help="largest answer read from the endpoint, in megabytes")
@click.option("--allow-service", is_flag=True, help="let an ad-hoc query (--file) call other servers with SERVICE")
@click.option("--curated/--extracted", default=True, show_default=True,
              help="read the facts as curated (analysts' corrections applied), or as extraction alone made them "
              "(a build only)")
def query(name: str | None, data: Path | None, params: tuple[str, ...], fmt: str, out: Path | None, list_: bool,
          file_: Path | None, endpoint: str | None, timeout: float | None, max_response: float,
          allow_service: bool, curated: bool) -> None:
    """Run a saved query NAME (or --file) on a build or an endpoint and print the rows."""
    from kg.query.service import list_queries, run_named
    from kg.render import render_table

    try:
        if list_:
            click.echo(list_queries())
            return
        if not name and not file_:
            raise click.UsageError("give a query NAME, --file or --list")
        if data is None and not endpoint:
            raise click.UsageError("--data DIR (a folder made by `kg build`) or --endpoint URL is required")
        if fmt == "parquet" and out is None:
            raise click.UsageError("--format parquet is binary: give --out FILE")
        if fmt == "parquet":
            from kg.export.tables import require_pyarrow

            require_pyarrow()
        table = run_named(name, data, parse_params(params), file_, endpoint=endpoint, timeout=timeout,
                          allow_service=allow_service, max_bytes=int(max_response * 2**20), extracted=not curated)
        if out is not None:
            from kg.export.tables import write_table

            write_table(table, fmt, out)
    except KgError as err:
        fail(err)
        return
    if out is None:
        click.echo(render_table(table, fmt), nl=False)
    else:
        click.echo(f"wrote {len(table.rows)} rows as {fmt} to {out}", err=True)


@cli.group()
def curate() -> None:
    """Analysts' curations of a build: list them, find the stale ones, apply a folder, score extraction
    against them, write the curated articles as an evaluation set."""


_CURATIONS = click.option("--curations", type=click.Path(path_type=Path, file_okay=False), default=None,
                          help="curations folder [default: the one the build applied]")


@curate.command("list")
@click.argument("data", type=click.Path(path_type=Path))
@_CURATIONS
def curate_list(data: Path, curations: Path | None) -> None:
    """Every curation with its verdict against the build at DATA (applied, stale, redundant…)."""
    _print_verdicts(data, curations, only_problems=False, strict=False)


@curate.command("stale")
@click.argument("data", type=click.Path(path_type=Path))
@_CURATIONS
@click.option("--strict", is_flag=True, help="exit 1 when any curation does not apply")
def curate_stale(data: Path, curations: Path | None, strict: bool) -> None:
    """The curations that no longer apply to the build at DATA: stale, redundant, contradicted, invalid."""
    _print_verdicts(data, curations, only_problems=True, strict=strict)


def _print_verdicts(data: Path, curations: Path | None, only_problems: bool, strict: bool) -> None:
    from kg.curate.service import check_curations

    try:
        plan = check_curations(data, curations)
    except KgError as err:
        fail(err)
        return
    for problem in plan.problems:
        click.echo(f"unreadable: {problem}")
    for v in plan.verdicts:
        if not only_problems or v.status != "applied":
            click.echo(v.line())
    k = plan.summary()
    click.echo(", ".join(f"{n} {s}" for s, n in k.items()), err=True)
    if strict and sum(n for s, n in k.items() if s != "applied"):
        sys.exit(1)


@curate.command("apply")
@click.argument("data", type=click.Path(path_type=Path))
@_CURATIONS
def curate_apply(data: Path, curations: Path | None) -> None:
    """Build DATA again from its sources with the curations (unchanged articles are reused)."""
    from kg.curate.service import apply_curations

    try:
        report = apply_curations(data, curations)
    except KgError as err:
        fail(err)
        return
    for p in report.problems:
        if p.stage == "curate":
            click.echo(p.line(), err=True)
    k = report.curated
    click.echo(f"curations from {report.curations} applied to {data}: " + ", ".join(f"{n} {s}" for s, n in k.items()))


_ASSUME = click.option("--assume-confirmed", is_flag=True,
                       help="a curated article was read whole: extraction's facts no curation marks count as right "
                       "[default: only the facts curations name count]")


@curate.command("score")
@click.argument("data", type=click.Path(path_type=Path))
@_CURATIONS
@_ASSUME
@click.option("--verbose", "-v", is_flag=True, help="list every missed fact and every extra row")
def curate_score(data: Path, curations: Path | None, assume_confirmed: bool, verbose: bool) -> None:
    """Score extraction of the build at DATA (without its curations) against the curated articles' truth."""
    from kg.curate.score import score_curations

    try:
        result = score_curations(data, curations, assume_confirmed=assume_confirmed)
    except KgError as err:
        fail(err)
        return
    for line in [f"unreadable: {p}" for p in result.problems] + result.notes:
        click.echo(line, err=True)
    click.echo(f"{len(result.articles)} curated articles, {result.curations} curations "
               f"({'extraction assumed confirmed' if assume_confirmed else 'only the facts curations name'})")
    click.echo(f"{'query':<16}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for k in result.kinds.values():
        click.echo(f"{k.kind:<16}{k.gold:>6}{k.pred:>6}{k.precision:>7.2f}{k.recall:>7.2f}{k.f1:>7.2f}")
        for d in result.differences if verbose else ():
            if d.kind == k.kind:
                click.echo(f"  {d.what:<7} {d.article}: " + ", ".join(f"{f}={v}" for f, v in d.row.items()))
    click.echo(result.f1_line())


@curate.command("gold")
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="folder to write STEM.txt + STEM.gold.yaml pairs into (created)")
@_CURATIONS
@_ASSUME
def curate_gold(data: Path, out: Path, curations: Path | None, assume_confirmed: bool) -> None:
    """Write the curated articles of the build at DATA as an evaluation set: text and curated truth."""
    from kg.curate.service import write_gold_set

    try:
        report = write_gold_set(data, out, curations, assume_confirmed=assume_confirmed)
    except KgError as err:
        fail(err)
        return
    for line in [f"left out: {p}" for p in report.problems] + report.gold.notes:
        click.echo(line, err=True)
    click.echo(f"wrote {len(report.stems)} articles ({report.gold.curations} curations) to {out}")


@cli.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--endpoint", metavar="URL", help="the server's SPARQL query URL (the store URL is derived)")
@click.option("--store-url", metavar="URL", help="the Graph Store Protocol URL, when it cannot be derived")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="seconds each request (one chunk of a graph) may take")
@click.option("--chunk", metavar="TRIPLES", default=None,
              help="triples per request: a bigger graph goes in several (PUT, then POSTs) [default: 100000]")
def push(data: Path, endpoint: str | None, store_url: str | None, timeout: float, chunk: str | None) -> None:
    """Upload every named graph of a build to a SPARQL server (PUT, replacing each graph; big ones in chunks)."""
    from kg.query.push import DEFAULT_CHUNK, check_chunk, push_build

    try:
        size = DEFAULT_CHUNK if chunk is None else check_chunk(chunk)
        if not endpoint and not store_url:
            raise click.UsageError("give --endpoint URL (or --store-url URL)")
        report = push_build(data, endpoint, store_url, timeout=timeout, chunk=size)
    except KgError as err:
        fail(err)
        return
    click.echo(f"pushed {len(report.graphs)} graphs ({report.triples} triples, {report.requests} requests) "
               f"to {report.store_url}")


@cli.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--location", type=click.Path(path_type=Path, file_okay=False),
              help="new folder for the server's store (default: a temporary one, deleted on exit)")
def serve(data: Path, host: str, port: int, location: Path | None) -> None:
    """Serve a build with the Oxigraph server (saved queries read its consolidated graph)."""
    import signal

    from kg.query.serve import prepare_server, server_location, start_server

    try:
        with server_location(location) as where:
            plan = prepare_server(data, where, host, port)
            click.echo(f"serving {data} at {plan.query_url} (store: {plan.store_url}); Ctrl-C stops", err=True)
            server = start_server(plan)
            signal.signal(signal.SIGTERM, lambda *_: server.terminate())     # stop the server with us
            try:
                code = server.wait()
            except KeyboardInterrupt:
                server.terminate()
                code = server.wait()
    except KgError as err:
        fail(err)
        return
    sys.exit(max(code, 0))                   # stopped by a signal: a normal end


@cli.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--curations", type=click.Path(path_type=Path, file_okay=False),
              help="folder of curation files [default: the one the build recorded]")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True, help="0: any free port")
@click.option("--open/--no-open", "open_", default=False, show_default=True, help="open the page in a browser")
def review(data: Path, curations: Path | None, host: str, port: int, open_: bool) -> None:
    """Review a build in a local web page: confirm, reject, correct or add facts (each click writes a
    curation file); Ctrl-C stops."""
    from kg.review.data import curations_folder
    from kg.review.server import make_server

    try:
        server = make_server(data, curations_folder(data, curations), host, port)
    except KgError as err:
        fail(err)
        return
    click.echo(f"reviewing {data} at {server.url} (curations: {server.review.curations}); Ctrl-C stops", err=True)
    if not server.loopback:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the articles and write "
                   "curations", err=True)
    if open_:
        import webbrowser

        webbrowser.open(server.url)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


EXPORT_FORMATS = ["trig", "nquads", "turtle", "jsonld", "gexf", "graphml", "nodes-csv", "edges-csv", "html", "csv",
                  "parquet"]


def stderr_progress() -> Callable[[str], None] | None:
    """Progress messages on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    import time

    t0 = time.monotonic()

    def report(message: str) -> None:
        click.echo(f"\r\033[K[{time.monotonic() - t0:5.1f} s] {message}…", err=True, nl=False)

    report.done = lambda: click.echo("\r\033[K", err=True, nl=False)  # type: ignore[attr-defined]
    return report


@cli.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("--data", required=True, type=click.Path(path_type=Path), help="build folder")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="file to write")
@click.option("--network", default="party-ticket", show_default=True,
              help="network query in queries/network/ (gexf, graphml, nodes-csv, edges-csv, html)")
@click.option("--query", "query_name", help="saved query to export (csv, parquet)")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
def export(fmt: str, data: Path, out: Path, network: str, query_name: str | None, params: tuple[str, ...]) -> None:
    """Export a build as RDF, a network or a CSV table, to the file OUT.

    \b
    RDF:      trig, nquads (every named graph), turtle (their union), jsonld
    networks: gexf (GEXF 1.3 for Gephi, with time), graphml, nodes-csv and
              edges-csv (Gephi's spreadsheet import), html (an offline view)
    tables:   csv or parquet of a saved query (--query NAME)
    Networks: party-ticket, party-cobacking, person-post, speaker-theme,
    entities, or any queries/network/NAME.rq.
    """
    from kg.export import export_build

    progress = stderr_progress()
    try:
        summary = export_build(fmt, data, out, network=network, query=query_name, params=parse_params(params),
                               progress=progress)
    except KgError as err:
        if progress:
            progress.done()  # type: ignore[attr-defined]
        fail(err)
        return
    if progress:
        progress.done()  # type: ignore[attr-defined]
    click.echo(summary)


_console = False     # run as the console script (main), not inside another program (a test's CliRunner)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _redeliver_interrupt(unraisable: Any) -> None:
    """A Ctrl-C that lands in a finaliser (a weakref callback, ``__del__``) cannot be raised there, and Python
    would print it as a traceback and go on: deliver it again to the main thread, where it stops the command
    with one line (nothing happens once Ctrl-C is ignored, after a build is published)."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        import _thread
        import threading

        # from another thread, a moment later: raised here it would land in this hook, a finaliser again
        threading.Timer(0.01, _thread.interrupt_main, (signal.SIGINT,)).start()
        return
    sys.__unraisablehook__(unraisable)


def main() -> None:
    """The console script: run the CLI; Ctrl-C stops it with one line and exit code 130.

    Once the command is done, a late Ctrl-C is ignored, so that it cannot interrupt
    the interpreter's own shutdown and print a traceback.
    """
    global _console
    _console = True
    sys.unraisablehook = _redeliver_interrupt
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Error: interrupted; nothing was changed (the previous build is intact)", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
