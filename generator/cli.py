"""Command line: `python -m generator COMMAND`. Each command's help says what it does."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from generator.errors import Failure, UsageFailure
from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError, plural_warnings
from generator.factbase.models import DECLARATIONS

DEFAULT_CONTENT = Path("content")
content_argument = click.argument(
    "content_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CONTENT, required=False
)


def _require_folder(content_dir: Path) -> None:
    """A missing content folder is a usage error, not an empty fact base to write into."""
    if not content_dir.is_dir():
        raise UsageFailure(f"content folder not found: {content_dir}")


class ReportCommands(click.Group):
    """Every command's failures reach the user the same way: the problems, then the exit status.

    Content problems print as `file:line:col: message [code]` with exit 1; a `Failure` as
    `error: message` with its status; a file system error as `error: path: reason` with 1; anything else (a bug)
    as one line naming the exception, with the traceback only when CRISIS_REPORT_TRACEBACK is set.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentError as error:
            click.echo(error.render())
            ctx.exit(1)
        except Failure as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"error: {where}{error.strerror or error}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if os.environ.get("CRISIS_REPORT_TRACEBACK"):
                raise
            click.echo(
                f"internal error: {type(error).__name__}: {error} "
                "(set CRISIS_REPORT_TRACEBACK=1 to see where, and report it)",
                err=True,
            )
            ctx.exit(3)


@click.group(cls=ReportCommands)
def main() -> None:
    """Crisis-report generator: check, format and export the fact base."""


@main.command()
@content_argument
@click.option(
    "--require-translations",
    is_flag=True,
    help="A missing translation is an error, not a warning (for release builds).",
)
def check(content_dir: Path, require_translations: bool) -> None:
    """Validate every record in CONTENT_DIR (default: content) and report all problems.

    Also checks each translation against its original (numbers, dates, citations) and prints the
    translation coverage per record kind and language.
    """
    from generator.factbase.checked import translation_coverage
    from generator.factbase.translation_checks import coverage_lines

    _require_folder(content_dir)
    loaded = load_checked(content_dir, require_translations=require_translations or None)
    for warning in loaded.warnings:
        click.echo(str(warning))
    for line in coverage_lines(translation_coverage(content_dir, loaded)):
        click.echo(f"translated: {line}")
    counts = Counter({kind: len(records) for kind, records in loaded.records.items()})
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"ok: {summary}{plural_warnings(len(loaded.warnings))}")


@main.command()
def codes() -> None:
    """Print the reference of problem codes (the Markdown of ERRORS.md)."""
    from generator.factbase.codes import reference_markdown

    click.echo(reference_markdown(), nl=False)


@main.command()
@content_argument
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed schemas differ from the models.")
def schema(content_dir: Path, check_only: bool) -> None:
    """Write the JSON Schemas of the record files into CONTENT_DIR/schema."""
    from generator.factbase.loader import read_vocabularies
    from generator.factbase.schema import SCHEMA_FOLDER, render_schemas, render_vocabularies_schema, write_schemas

    _require_folder(content_dir)
    if not check_only:
        (content_dir / SCHEMA_FOLDER).mkdir(parents=True, exist_ok=True)
    vocabularies = read_vocabularies(content_dir)
    if check_only:
        folder = content_dir / SCHEMA_FOLDER
        stale = [
            name
            for name, text in [*render_schemas(vocabularies).items(), render_vocabularies_schema()]
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            click.echo(f"schemas out of date: {', '.join(stale)}; run `python -m generator schema`")
            sys.exit(1)
        click.echo("schemas up to date")
        return
    written = write_schemas(content_dir, vocabularies)
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's MkDocs configuration.",
)
def export(out_dir: Path, config_file: Path) -> None:
    """Write the whole docs tree (pages, chapters, charts, data) and an mkdocs.yml into OUT_DIR.

    The result builds with plain `mkdocs build` (Material theme), without this generator.
    """
    from generator.integration.export import export_site

    count = export_site(config_file, out_dir, progress=lambda message: click.echo(message, err=True))
    click.echo(f"exported {count} files to {out_dir}; build them with: mkdocs build -f {out_dir / 'mkdocs.yml'}")


@main.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project whose templates and style sheets the new report uses.",
)
def init(target: Path, project: Path) -> None:
    """Create a new report in TARGET: mkdocs.yml, content/ with report.yml, vocabularies.yml, one sample
    record of each kind, page stubs, fragments and a map frame to fill in. It builds at once with
    `mkdocs build --strict` run in TARGET."""
    from generator.editing.init import InitError, init_report

    try:
        written = init_report(target, project)
    except InitError as error:
        raise Failure(str(error)) from None
    except OSError as error:
        raise Failure(f"cannot create the report: {error.strerror or error}") from None
    click.echo(
        f"created a report of {len(written)} files in {target}; replace the samples in {target / 'content'}, "
        f"then run `mkdocs build --strict` there"
    )


@main.command()
@click.argument("kind", type=click.Choice([declared.noun for declared in DECLARATIONS]))
@click.argument("record_id")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="The content folder.",
)
def new(kind: str, record_id: str, content_dir: Path) -> None:
    """Create a record file KIND/RECORD_ID.yml listing every field, required ones first.

    Refuses an id that is already used by any record.
    """
    from generator.editing.scaffold import create_record

    _require_folder(content_dir)
    try:
        path = create_record(content_dir, kind, record_id)
    except (ValueError, FileExistsError) as error:
        raise Failure(str(error)) from None
    except OSError as error:
        raise Failure(f"cannot create the record: {error.strerror or error}") from None
    click.echo(f"created {path}; fill in the required fields, then run `python -m generator check`")


@main.command()
@content_argument
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not formatted.")
def fmt(content_dir: Path, check_only: bool) -> None:
    """Normalise key order and quoting of the YAML files in CONTENT_DIR, keeping comments.

    Files already in canonical form are not touched; others are rewritten atomically.
    """
    from generator.editing.fmt import data_files, format_file
    from generator.factbase.codes import with_code

    _require_folder(content_dir)
    files = data_files(content_dir)
    outcomes = []
    with click.progressbar(files, label="formatting", file=sys.stderr, show_pos=True) as bar:
        for path, model in bar:
            outcomes.append(format_file(path, model, write=not check_only))
    problems = [o for o in outcomes if o.problem]
    changed = [o for o in outcomes if o.changed]
    for outcome in problems:
        click.echo(with_code(outcome.problem or ""))
    for outcome in changed:
        click.echo(f"{'would reformat' if check_only else 'reformatted'} {outcome.path}")
    click.echo(
        f"{len(files)} files, {len(changed)} {'to reformat' if check_only else 'reformatted'}, {len(problems)} with problems"
    )
    if problems or (check_only and changed):
        sys.exit(1)


@main.command()
@content_argument
@click.option("--write", is_flag=True, help="Record the archived copy found for each dead link as `archive_url:`.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the table to this Markdown file.",
)
@click.option(
    "--max-age",
    default=7,
    show_default=True,
    type=click.IntRange(0),
    help="Reuse cached results younger than this many days (0: check everything again).",
)
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".cache/crisis-report/links.json"),
    show_default=True,
    help="Where results are kept.",
)
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(0.1), help="Seconds per request.")
@click.option("--per-host", default=2, show_default=True, type=click.IntRange(1), help="Requests at once to one host.")
@click.option(
    "--availability-api", default=None, help="The web archive's availability service (for tests and mirrors)."
)
def links(
    content_dir: Path,
    write: bool,
    report_file: Path | None,
    max_age: int,
    cache_file: Path,
    timeout: float,
    per_host: int,
    availability_api: str | None,
) -> None:
    """Check every source URL; list dead, moved and changed links; find archived copies of dead ones.

    Needs the network. Results are cached with their date; with --write, each dead link's closest
    archived snapshot is recorded in the source's YAML (comments kept; a file saved meanwhile is skipped).
    """
    from datetime import date

    from generator.editing.linkcheck import LinkChecker, Settings, load_results, save_results, still_fresh
    from generator.editing.linkreport import record_snapshots, source_links, summary, table
    from generator.factbase.loader import display_path

    _require_folder(content_dir)
    loaded = load_checked(content_dir)
    sources = source_links(loaded)
    settings = Settings(timeout=timeout, per_host=per_host)
    if availability_api:
        settings.availability_api = availability_api
    cached = load_results(cache_file)
    today = date.today()
    fresh = {url: result for url, result in cached.items() if still_fresh(result, today, max_age)}
    to_check = sorted({s.url for s in sources} - fresh.keys())
    click.echo(f"checking {len(to_check)} links ({len(fresh)} checked in the last {max_age} days)", err=True)

    def progress(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            click.echo(f"  {done}/{total}", err=True)

    results = {**fresh, **LinkChecker(settings).check_all(to_check, cached, progress)}
    save_results(cache_file, {**cached, **results})
    text = table(sources, results)
    click.echo(text)
    click.echo(summary(sources, results))
    if report_file:
        report_file.write_text(
            f"# Source links, {today.isoformat()}\n\n{summary(sources, results)}\n\n{text}", encoding="utf-8"
        )
    if write:
        written, skipped = record_snapshots(sources, results)
        for path in written:
            click.echo(f"recorded an archived copy in {display_path(path)}")
        for reason in skipped:
            click.echo(f"skipped: {reason}")


@main.command()
@click.argument("revisions", required=False)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="The content folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON (the site's changes.json).")
def changes(revisions: str | None, content_dir: Path, as_json: bool) -> None:
    """What changed in the fact base, record by record, from git's history (REVISIONS: e.g. v1.0..HEAD).

    Records added, removed and renamed; figures revised from one value to another; stances
    reclassified; sources replaced; other fields edited. Outside git it says so and prints nothing else.
    """
    from generator.history.changelog import NOUNS, describe
    from generator.history.changelog import as_json as history_json
    from generator.history.revisions import read_history

    _require_folder(content_dir)
    history = read_history(content_dir, revisions)
    if as_json:
        click.echo(history_json(history), nl=False)
        return
    if history.note:
        click.echo(f"note: {history.note}", err=True)
    for revision in history.revisions:
        click.echo(f"{revision.date} {revision.commit[:10]} {revision.subject}")
        for change in revision.changes:
            click.echo(f"  {NOUNS.get(change.kind, change.kind)} {change.record_id}: {'; '.join(describe(change))}")


@main.command()
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's MkDocs configuration.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to serve on.")
@click.option("--poll", is_flag=True, help="Poll for changes instead of using file-system events.")
def serve(config_file: Path, host: str, port: int, poll: bool) -> None:
    """Preview the site on http://HOST:PORT, rebuilding only what each save affects.

    Pages are exactly those of a full build; an invalid edit shows the validator's messages in the
    terminal and over the page, and the last good pages stay until the next good save.
    """
    from generator.preview import serve as run_preview

    try:
        run_preview(config_file, host, port, poll, click.echo)
    except OSError as error:
        raise UsageFailure(f"cannot serve on {host}:{port}: {error.strerror}") from None


@main.command()
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The built site (make site).",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the PDF.  [default: report.pdf in the edition's folder of the site]",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=DEFAULT_CONTENT / "report.yml",
    show_default=True,
    help="Its `updated:` dates the PDF.",
)
@click.option(
    "--chromium",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("/usr/bin/chromium"),
    show_default=True,
    help="The Chromium (or Chrome) executable that prints.",
)
@click.option(
    "--edition",
    "language",
    default=None,
    metavar="LANG",
    help="The language edition to print (its folder: SITE/LANG/).  [default: the first of report.yml's languages]",
)
@click.option("--every-edition", is_flag=True, help="Print each language edition into its own folder (no --out).")
def pdf(
    site_dir: Path, out_file: Path | None, report_file: Path, chromium: Path, language: str | None, every_edition: bool
) -> None:
    """Print the built site's chapters (places and actors left out) as one PDF with contents and page numbers."""
    from generator.integration.pdf import build_pdf, edition_folder, read_report, report_languages

    languages = report_languages(read_report(report_file))
    if every_edition and (out_file or language):
        raise UsageFailure("--every-edition prints each edition into its own folder: leave out --out and --edition")
    for edition in languages if every_edition else [language or languages[0]]:
        folder = edition_folder(site_dir, edition, languages)
        out = out_file or folder / "report.pdf"
        pages, chapters = build_pdf(
            folder, out, report_file, chromium, progress=lambda message: click.echo(message, err=True), language=edition
        )
        click.echo(f"wrote {out}: {len(chapters)} chapters, {pages} pages")
