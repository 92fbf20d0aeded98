"""Imports started from the web: the uploaded file held in memory, its mapping, and a worker thread.

An upload arrives through the encrypted spool (S24) and is read into this process's
memory only; it is never written to disk in plaintext. The import runs in a thread
with its own vault connection, so the archivist can watch the progress page; it stops
when the vault is locked. A job keeps the outcomes (row numbers, statuses, testimony
ids and problems in words, never content) for the report; the file's bytes are
dropped as soon as the import ends.
"""
from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from keys.keyring import Role
from vault import imports
from vault.archive import Archive
from vault.errors import VaultError
from vault.imports import mapping as mappings
from webui.keeper import VaultKeeper

MAX_JOBS_PER_USER = 5


@dataclass
class ImportJob:
    id: str
    owner: str
    name: str
    format: str
    data: bytes | None
    headers: list[str] = field(default_factory=list)
    sample: list[list[str]] = field(default_factory=list)
    proposed: list[str | None] = field(default_factory=list)
    status: str = "mapping"  # mapping -> running -> done | failed
    dry_run: bool = False
    error: str = ""
    progress: imports.Progress = field(default_factory=imports.Progress)
    outcomes: list[imports.RowOutcome] = field(default_factory=list)
    summary: imports.Summary | None = None
    created: float = field(default_factory=time.monotonic)

    @property
    def percent(self) -> int:
        total = self.progress.total
        return int(100 * self.progress.done / total) if total else (100 if self.status == "done" else 0)

    @property
    def problems(self) -> list[imports.RowOutcome]:
        return [o for o in self.outcomes if o.status != "imported"]

    @property
    def imported(self) -> list[imports.RowOutcome]:
        return [o for o in self.outcomes if o.status == "imported"]


class ImportJobs:
    """The web's import jobs, per archivist; in memory only."""

    def __init__(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def create(self, owner: str, name: str, fmt: str, data: bytes) -> ImportJob:
        job = ImportJob(secrets.token_urlsafe(16), owner, name, fmt, data)
        with self._lock:
            mine = sorted((j for j in self._jobs.values() if j.owner == owner and j.status != "running"),
                          key=lambda j: j.created)
            for old in mine[: max(0, len(mine) - MAX_JOBS_PER_USER + 1)]:
                del self._jobs[old.id]
            self._jobs[job.id] = job
        return job

    def get(self, owner: str, job_id: str) -> ImportJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def of(self, owner: str) -> list[ImportJob]:
        with self._lock:
            return sorted((j for j in self._jobs.values() if j.owner == owner), key=lambda j: -j.created)

    def forget_files(self) -> None:
        """Drop every uploaded file not yet imported (the vault was locked)."""
        with self._lock:
            for job in self._jobs.values():
                if job.status == "mapping":
                    job.data = None
                    job.status = "failed"
                    job.error = "the vault was locked before this import started: upload the file again"


def start(job: ImportJob, rules: mappings.Mapping, *, keeper: VaultKeeper, archive: Archive, actor: str,
          role: Role, username: str) -> threading.Thread:
    """Run the import of ``job`` in a thread with its own vault connection."""
    assert job.data is not None
    source = imports.Input.from_bytes(job.name, job.data)
    work = imports.job_for(source, job.format, rules)
    job.status = "running"

    def progress(value: imports.Progress) -> None:
        job.progress = imports.Progress(value.done, value.total, value.acknowledged, value.started, value.now)

    def run() -> None:
        try:
            with keeper.open_vault(archive, actor=actor, role=role, username=username) as vault:
                importer = imports.Importer(vault, dry_run=job.dry_run, on_outcome=job.outcomes.append,
                                            on_progress=progress, cancelled=lambda: not keeper.is_open)
                job.summary = importer.run([work])
            job.status = "done"
        except VaultError as exc:
            job.error = str(exc)
            job.status = "failed"
        except Exception as exc:  # noqa: BLE001 - a worker thread must end its job, whatever happened
            job.error = f"the import stopped unexpectedly ({type(exc).__name__}); rows imported so far are kept"
            job.status = "failed"
        finally:
            job.data = None

    thread = threading.Thread(target=run, name=f"import-{job.id[:6]}", daemon=True)
    thread.start()
    return thread


def preview(job: ImportJob) -> Any:
    """Read the upload's header and first rows (raises InvalidInput for a malformed file)."""
    assert job.data is not None
    source = imports.Input.from_bytes(job.name, job.data)
    if job.format == "auto":
        job.format = imports.detect(source)
    reader = imports.reader_for(source, job.format, mappings.Mapping())
    if isinstance(reader, imports.SheetReader):  # CSV, XLSX, Uwazi
        rows = reader.preview()
        job.headers = list(reader.headers)
        job.sample = [["" if v is None else " ".join(str(v).split())[:40] for v in r] for r in rows]
        job.proposed = imports.proposed_targets(reader)
    else:
        reader.check()
    return reader
