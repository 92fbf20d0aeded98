"""``testimony import``: bring testimonies in from spreadsheets, Martus, Uwazi and JSON Lines."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from cli.context import CliContext
from cli.session import open_vault
from cli.terminal import printable
from vault import imports
from vault.imports import fields
from vault.imports import mapping as mappings
from vault.imports.report import ReportWriter, open_report
from vault.imports.rows import Defaults

pass_ctx = click.make_pass_decorator(CliContext)
_SHOWN_PROBLEMS = 20


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", *imports.FORMATS]), default="auto", show_default=True,
              help="Format of the files (auto: from the name and the first bytes).")
@click.option("--mapping", "mapping_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Column mapping (TOML); without it, columns are recognised by name, or asked on a terminal.")
@click.option("--dry-run", is_flag=True, help="Check every row and write the report; store nothing.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a CSV report: every row, its status, its testimony id or what is wrong (no content).")
@pass_ctx
def import_(ctx: CliContext, files: tuple[Path, ...], fmt: str, mapping_path: Path | None, dry_run: bool,
            report_path: Path | None) -> None:
    """Import testimonies from CSV, XLSX, JSON Lines, Martus XML or Uwazi CSV files.

    Each row becomes a testimony only if it is whole; a row with a problem is reported
    (row, column, what is wrong) and skipped. Running the same import again imports
    nothing twice. Imported ids are printed on stdout; progress, problems and the
    summary on stderr. Exit code 1 if any row was refused.
    """
    mapping = mappings.load(mapping_path) if mapping_path else mappings.Mapping()
    sources = [imports.Input.from_path(path) for path in files]
    jobs = [imports.job_for(source, fmt, mapping) for source in sources]
    interactive = mapping_path is None and sys.stdin.isatty() and sys.stderr.isatty()
    with open_vault(ctx) as vault:
        if interactive:
            jobs = [_ask_mapping(job, source) for job, source in zip(jobs, sources, strict=True)]
        stream: TextIO | None = open_report(report_path) if report_path else None
        try:
            writer = ReportWriter(stream) if stream else None
            shown = _Echo(writer)
            importer = imports.Importer(vault, dry_run=dry_run, on_outcome=shown.outcome,
                                        on_progress=_ProgressLine().show)
            summary = importer.run(jobs)
        finally:
            if stream:
                stream.close()
    _summarise(summary, dry_run, report_path, shown.hidden)
    if summary.refused:
        raise click.exceptions.Exit(1)


class _Echo:
    def __init__(self, writer: ReportWriter | None) -> None:
        self.writer = writer
        self.shown = 0
        self.hidden = 0

    def outcome(self, outcome: imports.RowOutcome) -> None:
        if self.writer:
            self.writer.write(outcome)
        if outcome.status == "imported":
            click.echo(f"{outcome.testimony_id}\t{printable(outcome.file)} row {outcome.row}")
        elif outcome.status == "refused":
            if self.shown >= _SHOWN_PROBLEMS:
                self.hidden += 1
                return
            self.shown += 1
            for problem in outcome.problems:
                where = f", column {printable(problem.column)}" if problem.column else ""
                click.echo(f"{printable(outcome.file)} row {outcome.row}{where}: {problem.message}", err=True)


class _ProgressLine:
    """Items, rate and time left on stderr: redrawn in place on a terminal, else a line every few seconds."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.finished = False

    def show(self, progress: imports.Progress) -> None:
        final = progress.done >= progress.total
        if self.finished or (progress.done == 0 and not self.tty):
            return
        if self.last == 0.0:
            self.last = progress.started
        interval = 0.2 if self.tty else 5.0
        if not final and progress.now - self.last < interval:
            return
        self.last = progress.now
        self.finished = final
        left = progress.seconds_left
        eta = f", about {_duration(left)} left" if left is not None and not final else ""
        line = f"{progress.done:,}/{progress.total:,} rows, {progress.rate:,.0f} rows/s{eta}"
        if self.tty:
            click.echo("\r" + line.ljust(60), err=True, nl=final)
        else:
            click.echo(line, err=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _summarise(summary: imports.Summary, dry_run: bool, report: Path | None, hidden: int) -> None:
    c = summary.counts
    if hidden:
        click.echo(f"... and {hidden} more refused row(s)" + (f": see {report}" if report else
                                                               ": add --report FILE to list them all"), err=True)
    if dry_run:
        click.echo(f"dry run: {c['checked']:,} row(s) would be imported, {c['already-imported']:,} already "
                   f"imported, {c['duplicate']:,} duplicate(s), {c['refused']:,} refused; nothing was stored",
                   err=True)
        return
    click.echo(f"imported {c['imported']:,} row(s); {c['already-imported']:,} already imported, "
               f"{c['duplicate']:,} duplicate(s), {c['refused']:,} refused"
               + (f" (report: {report})" if report else ""), err=True)


# -- interactive mapping ---------------------------------------------------------------------


def _ask_mapping(job: imports.Job, source: imports.Input) -> imports.Job:
    """Show the first rows, let the person confirm or change each column's field, save the mapping."""
    reader = job.reader
    if not isinstance(reader, imports.SheetReader):  # CSV, XLSX and Uwazi have columns to map
        return job if job.defaults.consent or reader.format == "jsonl" else _with_consent(job)
    sample = reader.preview()
    headers = list(reader.headers)
    click.echo(f"\n{printable(source.name)}: {len(headers)} columns. The first rows:", err=True)
    for index, header in enumerate(headers):
        cells = [_short(row[index]) if index < len(row) else "" for row in sample]
        click.echo(f"  {mappings.column_name(index, header)}: " + " | ".join(cells), err=True)
    choices = [t.name for t in fields.TARGETS]
    click.echo("\nFields: " + ", ".join(choices), err=True)
    current = getattr(reader, "mapping", mappings.Mapping())
    columns: dict[str, str] = {}
    for index, header in enumerate(headers):
        guess = current.target_for(header) or fields.IGNORE
        columns[header] = click.prompt(f"  {mappings.column_name(index, header)} ->", default=guess,
                                       type=click.Choice(choices), show_choices=False, err=True)
    defaults = current.defaults
    if "consent" not in columns.values() and not defaults.consent:
        defaults = Defaults(defaults.language, fields.consent(click.prompt(
            "No column holds consent. Consent for every row (archive_only, research, public)",
            type=click.Choice(["archive_only", "research", "public"]), err=True)))
    chosen = mappings.Mapping(columns, defaults)
    target = source.folder / f"{Path(source.name).stem}.mapping.toml" if source.folder else Path("mapping.toml")
    if click.confirm(f"Save this mapping to {target} for next time?", default=True, err=True):
        mappings.save(chosen, target)
        click.echo(f"saved {target}; next time: --mapping {target}", err=True)
    return imports.job_for(source, reader.format, chosen)


def _with_consent(job: imports.Job) -> imports.Job:
    consent = click.prompt(f"{printable(job.name)} gives no consent. Consent for every testimony "
                           "(archive_only, research, public)", type=click.Choice(["archive_only", "research",
                                                                                    "public"]), err=True)
    return imports.Job(job.name, job.reader, Defaults(job.defaults.language, consent), job.folder)


def _short(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return printable(text[:24] + ("…" if len(text) > 24 else ""))
