"""Command line: `python -m generator COMMAND`. Each command's help says what it does."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from .diagnostics import ContentError
from .factbase import load_checked

DEFAULT_CONTENT = Path("content")
content_argument = click.argument(
    "content_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CONTENT, required=False
)


@click.group()
def main() -> None:
    """Crisis-report generator: check, format and export the fact base."""


@main.command()
@content_argument
def check(content_dir: Path) -> None:
    """Validate every record in CONTENT_DIR (default: content) and report all problems."""
    try:
        loaded = load_checked(content_dir)
    except ContentError as error:
        click.echo(error.render(), err=False)
        sys.exit(1)
    except FileNotFoundError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    counts = Counter({kind: len(records) for kind, records in loaded.records.items()})
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"ok: {summary}")


@main.command()
@content_argument
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed schemas differ from the models.")
def schema(content_dir: Path, check_only: bool) -> None:
    """Write the JSON Schemas of the record files into CONTENT_DIR/schema."""
    from .schema import SCHEMA_FOLDER, render_schemas, write_schemas

    if check_only:
        folder = content_dir / SCHEMA_FOLDER
        stale = [name for name, text in render_schemas().items()
                 if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
        if stale:
            click.echo(f"schemas out of date: {', '.join(stale)}; run `python -m generator schema`")
            sys.exit(1)
        click.echo("schemas up to date")
        return
    for path in write_schemas(content_dir):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=Path("mkdocs.yml"), show_default=True, help="The project's MkDocs configuration.")
def export(out_dir: Path, config_file: Path) -> None:
    """Write the whole docs tree (pages, chapters, charts, data) and an mkdocs.yml into OUT_DIR.

    The result builds with plain `mkdocs build` (Material theme), without this generator.
    """
    from .export import export_site

    try:
        count = export_site(config_file, out_dir, progress=lambda message: click.echo(message, err=True))
    except ContentError as error:
        click.echo(error.render())
        sys.exit(1)
    click.echo(f"exported {count} files to {out_dir}; build them with: mkdocs build -f {out_dir / 'mkdocs.yml'}")


@main.command()
@click.argument("kind", type=click.Choice(["event", "reaction", "source", "actor", "place", "figure", "measure"]))
@click.argument("record_id")
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CONTENT,
              show_default=True, help="The content folder.")
def new(kind: str, record_id: str, content_dir: Path) -> None:
    """Create a record file KIND/RECORD_ID.yml listing every field, required ones first.

    Refuses an id that is already used by any record.
    """
    from .scaffold import create_record

    try:
        path = create_record(content_dir, kind, record_id)
    except (ValueError, FileExistsError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"created {path}; fill in the required fields, then run `python -m generator check`")


@main.command()
@content_argument
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file is not formatted.")
def fmt(content_dir: Path, check_only: bool) -> None:
    """Normalise key order and quoting of the YAML files in CONTENT_DIR, keeping comments.

    Files already in canonical form are not touched; others are rewritten atomically.
    """
    from .fmt import data_files, format_file

    files = data_files(content_dir)
    outcomes = []
    with click.progressbar(files, label="formatting", file=sys.stderr, show_pos=True) as bar:
        for path, model in bar:
            outcomes.append(format_file(path, model, write=not check_only))
    problems = [o for o in outcomes if o.problem]
    changed = [o for o in outcomes if o.changed]
    for outcome in problems:
        click.echo(f"cannot format: {outcome.problem}")
    for outcome in changed:
        click.echo(f"{'would reformat' if check_only else 'reformatted'} {outcome.path}")
    click.echo(f"{len(files)} files, {len(changed)} {'to reformat' if check_only else 'reformatted'}, {len(problems)} with problems")
    if problems or (check_only and changed):
        sys.exit(1)


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="The built site (make site).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=Path("site/report.pdf"),
              show_default=True, help="Where to write the PDF.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=DEFAULT_CONTENT / "report.yml", show_default=True, help="Its `updated:` dates the PDF.")
@click.option("--chromium", type=click.Path(dir_okay=False, path_type=Path), default=Path("/usr/bin/chromium"),
              show_default=True, help="The Chromium (or Chrome) executable that prints.")
def pdf(site_dir: Path, out_file: Path, report_file: Path, chromium: Path) -> None:
    """Print the built site's chapters (places and actors left out) as one PDF with contents and page numbers."""
    from .pdf import PdfError, build_pdf

    try:
        pages, chapters = build_pdf(site_dir, out_file, report_file, chromium,
                                    progress=lambda message: click.echo(message, err=True))
    except PdfError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"wrote {out_file}: {len(chapters)} chapters, {pages} pages")
