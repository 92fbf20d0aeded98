"""Running an import: check every file, then store whole rows in batches, each row exactly once.

::

    check every file (one pass each)   -> a malformed file stops everything; nothing stored
    for each row:
        assemble                        -> problems: reported, skipped
        keyed content hash              -> in the ledger: "already imported as T-..."
                                           same as an earlier row of this run: "duplicate"
        attachments encrypted into blobs/ (staged, not yet recorded)
    every BATCH rows, one transaction:
        per row (a savepoint): testimony, attachments, private notes, ledger entry
    after COMMIT the rows are acknowledged (reported as imported)

A kill -9 loses at most the batch in flight, which was never acknowledged; running
the same import again skips every row already in the ledger and completes the rest.
``dry_run`` does every check and stores nothing.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from keys.bundle import ensure_attachment_name
from keys.errors import BundleError
from vault import attachments, testimonies
from vault.archive import OpenVault
from vault.attachments import kinds
from vault.attachments.store import Staged
from vault.errors import InvalidInput, Locked, MediaError, NotFound
from vault.imports import ledger, notes
from vault.imports.rows import Assembled, Context, Defaults, Problem, assemble, violation_lookup
from vault.imports.source import Reader
from vault.records import TestimonyInput
from vault.store import transaction

Status = Literal["imported", "already-imported", "duplicate", "refused", "checked"]
BATCH = 250


@dataclass(frozen=True)
class RowOutcome:
    """What became of one row; holds no content from the row."""

    file: str
    row: int
    status: Status
    testimony_id: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    acknowledged: int = 0
    started: float = 0.0
    now: float = 0.0

    @property
    def rate(self) -> float:
        elapsed = self.now - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("imported", "already-imported", "duplicate", "refused", "checked"), 0))
    imported_ids: list[str] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return self.counts["refused"]


@dataclass
class _Pending:
    file: str
    row: int
    assembled: Assembled | None = None
    key: str = ""
    staged: list[Staged] = field(default_factory=list)
    outcome: RowOutcome | None = None


@dataclass
class Job:
    """One file to import: its reader, and the defaults its mapping gives."""

    name: str
    reader: Reader
    defaults: Defaults = Defaults()
    folder: Path | None = None


class Importer:
    """Import jobs into an open vault; see the module docstring."""

    def __init__(self, vault: OpenVault, *, dry_run: bool = False, batch: int = BATCH,
                 on_outcome: Callable[[RowOutcome], None] | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 clock: Callable[[], float] = time.monotonic, now: datetime | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> None:
        self.vault = vault
        self.cancelled = cancelled
        self.dry_run = dry_run
        self.batch = max(1, batch)
        self.on_outcome = on_outcome or (lambda outcome: None)
        self.on_progress = on_progress or (lambda progress: None)
        self.clock = clock
        self.now = now
        self.summary = Summary()
        self.progress = Progress()
        self._pending: list[_Pending] = []
        self._seen: dict[str, tuple[str, int]] = {}

    def check(self, jobs: Sequence[Job]) -> int:
        """Read every file once; raise InvalidInput for a malformed one before anything is stored."""
        total = 0
        for job in jobs:
            total += job.reader.check()
            targets = getattr(job.reader, "targets", [])
            if job.reader.format != "jsonl" and "consent" not in targets and job.defaults.consent is None:
                raise InvalidInput(f"{job.name}: no column holds the witness's consent and the mapping gives no "
                                   "default: add a consent column, or consent = \"archive_only\", \"research\" "
                                   "or \"public\" under [defaults] in the mapping")
        return total

    def run(self, jobs: Sequence[Job]) -> Summary:
        total = self.check(jobs)
        conn = self.vault.conn
        types = violation_lookup(conn.execute("SELECT code, label_en, label_ko FROM violation_types").fetchall())
        self._secret = ledger.key(self.vault, create=not self.dry_run)
        self._known = ledger.Known(conn)
        self.progress = Progress(total=total, started=self.clock(), now=self.clock())
        self.on_progress(self.progress)
        try:
            for job in jobs:
                context = Context(job.defaults, types, job.folder)
                for row in job.reader.rows():
                    if self.cancelled():
                        raise Locked("the vault was locked during the import: the rows imported so far are kept; "
                                     "import the same file again to bring in the rest")
                    self._take(job.name, assemble(row, context))
                    self.progress.done += 1
                    self.progress.now = self.clock()
                    if len(self._pending) >= self.batch:
                        self._flush()
                    self.on_progress(self.progress)
            self._flush()
        finally:
            for item in self._pending:  # an error left a batch unwritten: its blobs go
                for staged in item.staged:
                    staged.discard()
        self.progress.now = self.clock()
        self.on_progress(self.progress)
        return self.summary

    # -- rows ---------------------------------------------------------------------------

    def _take(self, file: str, result: Assembled | list[Problem]) -> None:
        if isinstance(result, list):
            number = result[0].row if result else 0
            self._queue(_Pending(file, number, outcome=RowOutcome(file, number, "refused", problems=tuple(result))))
            return
        item = _Pending(file, result.number, result)
        try:
            digests = [self._check_attachment(path) for path in result.attachments]
        except MediaError as exc:
            self._refuse(item, "attachments", str(exc))
            return
        item.key = ledger.row_key(self._secret, result.record, result.notes, digests)
        if item.key in self._known:
            tid = self._known.testimony_of(item.key)
            self._queue(_Pending(file, result.number, outcome=RowOutcome(
                file, result.number, "already-imported", tid,
                (Problem(result.number, "", f"already imported as {tid}"),))))
            return
        if item.key in self._seen:
            first_file, first_row = self._seen[item.key]
            where = f"row {first_row}" + (f" of {first_file}" if first_file != file else "")
            self._queue(_Pending(file, result.number, outcome=RowOutcome(
                file, result.number, "duplicate", None,
                (Problem(result.number, "", f"the same testimony as {where}: imported once"),))))
            return
        self._seen[item.key] = (file, result.number)
        if self.dry_run:
            item.outcome = RowOutcome(file, result.number, "checked")
        else:
            try:
                item.staged = [self._stage(path) for path in result.attachments]
            except MediaError as exc:
                for staged in item.staged:
                    staged.discard()
                self._refuse(item, "attachments", str(exc))
                return
        self._queue(item)

    def _refuse(self, item: _Pending, column: str, message: str) -> None:
        item.outcome = RowOutcome(item.file, item.row, "refused", problems=(Problem(item.row, column, message),))
        item.staged = []
        self._queue(item)

    def _queue(self, item: _Pending) -> None:
        self._pending.append(item)

    def _check_attachment(self, path: Path) -> str:
        try:
            ensure_attachment_name(path.name)
        except BundleError as exc:
            raise MediaError(str(exc)) from None
        with path.open("rb") as handle:
            kinds.inspect(path.name, handle)
        return ledger.file_sha256(path)

    def _stage(self, path: Path) -> Staged:
        staged = attachments.stage(self.vault.archive, path.name)
        try:
            with path.open("rb") as handle:
                while block := handle.read(1024 * 1024):
                    staged.write(block)
            return staged.finish()
        except BaseException:
            staged.discard()
            raise

    # -- storing ------------------------------------------------------------------------

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not self.dry_run and any(item.outcome is None for item in batch):
            self._write(batch)
        for item in batch:
            assert item.outcome is not None
            self._report(item.outcome)

    def _write(self, batch: list[_Pending]) -> None:
        conn = self.vault.conn
        written: list[tuple[_Pending, str]] = []
        try:
            with transaction(conn):  # BEGIN IMMEDIATE: another importer waits here
                self._known.refresh()
                fresh = [item for item in batch if item.outcome is None and not self._imported_meanwhile(item)]
                try:
                    with transaction(conn):  # the whole batch at once (a savepoint) ...
                        ids = testimonies.add_many(conn, [self._record(item) for item in fresh],
                                                   actor=self.vault.actor, now=self.now)
                        for item, tid in zip(fresh, ids, strict=True):
                            self._beside(item, tid)
                        written = list(zip(fresh, ids, strict=True))
                except (InvalidInput, NotFound, MediaError):
                    written = self._one_by_one(fresh)  # ... else row by row, to refuse only the bad one
        except BaseException:
            for item in batch:
                for staged in item.staged:
                    staged.discard()
            raise
        for item in batch:
            if item.outcome is not None:
                for staged in item.staged:
                    staged.discard()
        for item, tid in written:
            self._known.add(item.key, tid)
            item.outcome = RowOutcome(item.file, item.row, "imported", tid)

    def _imported_meanwhile(self, item: _Pending) -> bool:
        if item.key not in self._known:
            return False
        tid = self._known.testimony_of(item.key)
        item.outcome = RowOutcome(item.file, item.row, "already-imported", tid,
                                  (Problem(item.row, "", f"already imported as {tid}"),))
        return True

    @staticmethod
    def _record(item: _Pending) -> TestimonyInput:
        assert item.assembled is not None
        return item.assembled.record

    def _beside(self, item: _Pending, tid: str) -> None:
        """What is stored beside the testimony in its transaction: attachments, notes, the ledger entry."""
        conn, actor, now = self.vault.conn, self.vault.actor, self.now
        assert item.assembled is not None
        for staged in item.staged:
            staged.record(conn, tid, actor=actor, now=now)
        notes.add(conn, tid, item.assembled.notes, actor=actor, now=now)
        ledger.record(conn, item.key, tid, actor=actor, now=now)

    def _one_by_one(self, fresh: list[_Pending]) -> list[tuple[_Pending, str]]:
        written = []
        for item in fresh:
            try:
                with transaction(self.vault.conn):  # a savepoint: a refused row leaves the others whole
                    tid = testimonies.add(self.vault.conn, self._record(item), actor=self.vault.actor, now=self.now)
                    self._beside(item, tid)
            except (InvalidInput, NotFound, MediaError) as exc:
                item.outcome = RowOutcome(item.file, item.row, "refused", problems=(Problem(item.row, "", str(exc)),))
                continue
            written.append((item, tid))
        return written

    def _report(self, outcome: RowOutcome) -> None:
        self.summary.counts[outcome.status] += 1
        if outcome.status == "imported":
            assert outcome.testimony_id is not None
            self.summary.imported_ids.append(outcome.testimony_id)
            self.progress.acknowledged += 1
        self.on_outcome(outcome)
