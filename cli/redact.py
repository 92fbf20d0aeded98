"""``testimony redact``: run the redaction engine without a vault (detect, eval)."""
from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from cli.eval_score import format_confident, format_readability, format_table, readability, score
from vault.errors import RedactionError
from vault.redaction import detect
from vault.redaction.review import LOW_SCORE


@click.group("redact")
def redact() -> None:
    """Find identifiers in text (no vault needed)."""


def _iter_records(stream: IO[str]) -> Iterator[dict[str, object]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
            raise click.ClickException(f'line {number}: expected {{"id": ..., "text": "..."}}')
        yield record


def _records(stream: IO[str]) -> list[dict[str, object]]:
    return list(_iter_records(stream))


@redact.command("detect")
@click.option("--lang", type=click.Choice(["auto", "en", "ko"]), default="auto", show_default=True,
              help="Language of the text (advisory: every script present is analysed).")
def detect_command(lang: str) -> None:
    """Read JSON lines {"id", "text"} on stdin; write {"id", "spans"} per line."""
    out = sys.stdout
    for record in _iter_records(sys.stdin):  # streamed: one line out per line in
        try:
            spans = detect(str(record["text"]), lang=lang)
        except RedactionError as exc:
            raise click.ClickException(str(exc)) from None
        out.write(json.dumps({"id": record["id"], "spans": [s.to_dict() for s in spans]},
                             ensure_ascii=False) + "\n")
        out.flush()


@redact.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["auto", "en", "ko"]), default="auto", show_default=True)
@click.option("--memory/--no-memory", default=False, help="Also report peak traced memory (slower).")
def eval_command(gold: Path, lang: str, memory: bool) -> None:
    """Score detection on a labelled JSONL set (same table as score.py) + chars/second."""
    with gold.open(encoding="utf-8") as handle:
        records = _records(handle)
    predictions: list[dict[str, Any]] = []
    chars = sum(len(str(r["text"])) for r in records)
    loading = time.perf_counter()
    detect("준비 Ready 김철수", lang=lang)  # load word lists and the Korean model outside the timing
    loading = time.perf_counter() - loading
    if memory:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    for record in records:
        spans = detect(str(record["text"]), lang=lang)
        predictions.append({"id": record["id"], "spans": [s.to_dict() for s in spans]})
    elapsed = time.perf_counter() - started
    cpu = max(time.process_time() - cpu_started, 1e-9)
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    # score.py reads files; predictions go to a private temp file (labels and offsets only).
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as tmp, \
            tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as sure:
        for p in predictions:
            tmp.write(json.dumps(p) + "\n")
            sure.write(json.dumps({"id": p["id"], "spans": [
                s for s in p["spans"] if float(s["score"]) >= LOW_SCORE]}) + "\n")
        tmp.flush()
        sure.flush()
        report, total = score(str(gold), tmp.name)
        legible = readability(str(gold), tmp.name)
        confident = score(str(gold), sure.name)
        confident_legible = readability(str(gold), sure.name)
    click.echo(format_table(report, total))
    click.echo(format_readability(legible))
    click.echo(format_confident(*confident, confident_legible, LOW_SCORE))
    line = (f"characters {chars}  seconds {elapsed:.2f}  characters/second {chars / elapsed:,.0f}"
            f"  per CPU second {chars / cpu:,.0f}  (start-up {loading:.1f} s, not counted)")
    if memory:
        line += f"  peak traced memory {peak / 2**20:.1f} MiB"
    click.echo(line)
