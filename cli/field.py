"""``testimony field``: the field kit. Seals to the archive's public intake key.

Needs no archive and no passphrase, and holds nothing that can open what it seals.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import BinaryIO

import click

from keys.atomic import atomic_writer, fsync_dir
from keys.bundle import MAX_RECORD_BYTES, BundleSealer, ensure_attachment_name, parse_record_json
from keys.errors import BundleError, IntakeKeyError
from keys.intake import IntakePublicKey
from vault import records
from vault.attachments import kinds as attachment_kinds
from vault.errors import InvalidInput, MediaError

_KEY_FILE_MAX = 16 * 1024
_OVERWRITE_BLOCK = 1024 * 1024

SHRED_HELP = (
    "After the bundle is written, synced and re-read, overwrite IN.json and every "
    "--attach file once with random bytes and delete them. This is NOT a guarantee: "
    "on SSDs, phones, USB sticks and memory cards (wear levelling), on journaling, "
    "copy-on-write or snapshotting file systems (ext4 journal, btrfs, ZFS, APFS, NTFS), "
    "and in backups, cloud sync, editor swap/undo files, the trash, swap and "
    "hibernation files, older copies can survive and this option cannot reach them. "
    "Write plaintext only to an encrypted disk or RAM (tmpfs) in the first place."
)


@click.group("field")
def field() -> None:
    """Field kit: seal testimonies to the archive's public intake key (no vault needed)."""


@field.command("fingerprint")
@click.argument("key_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def fingerprint(key_file: Path) -> None:
    """Print the suite and fingerprint of an intake.pub file, to compare by phone."""
    key = load_public_key(key_file)
    click.echo(f"suite:       {key.suite.label}")
    click.echo(f"fingerprint: {key.fingerprint}")


@field.command("seal")
@click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The archive's public intake key (intake.pub).",
)
@click.argument("in_json", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--interactive",
    is_flag=True,
    help="Ask for each field instead of reading IN.json; nothing typed is written to disk.",
)
@click.option(
    "--attach",
    "attachments",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A file to seal with the testimony (photo, recording, scan); repeatable.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .sealed file to write; must not exist yet.",
)
@click.option("--shred-input", is_flag=True, help=SHRED_HELP)
def seal(
    key_file: Path,
    in_json: Path | None,
    interactive: bool,
    attachments: tuple[Path, ...],
    output: Path,
    shred_input: bool,
) -> None:
    """Seal IN.json (the fields of `testimony add`) and attachments into one .sealed file.

    With --interactive instead of IN.json, asks for the fields and seals the answers
    straight from memory. Only the archive can open the result; this device cannot,
    not even with the interviewer's help. Check the key's fingerprint by phone before
    first use (`testimony field fingerprint intake.pub`).
    """
    if (in_json is None) == (not interactive):
        raise click.ClickException("give either IN.json or --interactive (one of them)")
    key = load_public_key(key_file)
    # Everything that can be checked is checked before anyone types a testimony.
    names = [path.name for path in attachments]
    if len(set(names)) != len(names):
        raise click.ClickException("two --attach files have the same name; rename one")
    for name in names:
        try:
            ensure_attachment_name(name)
        except BundleError as exc:
            raise click.ClickException(f"{exc}; rename the file") from None
    for path in attachments:
        # The archive refuses a whole bundle with one bad attachment: say so here, in the field.
        with path.open("rb") as source:
            try:
                attachment_kinds.inspect(path.name, source)
            except MediaError as exc:
                raise click.ClickException(f"{path.name}: {exc}") from None
    if output.exists():
        raise click.ClickException(f"{output} already exists; choose another output name")
    if in_json is not None:
        record_json = record_json_for_sealing(in_json)
    else:
        click.echo(f"intake key fingerprint: {key.fingerprint}", err=True)
        record_json = canonical_record(prompt_record())
    digest, size = _write_sealed(output, key, record_json, attachments)
    _ensure_written(output, digest)
    click.echo(
        f"sealed 1 testimony and {len(attachments)} attachment(s) into {output} "
        f"({size} bytes, SHA-256 {digest[:16]}); key fingerprint {key.fingerprint}"
    )
    if shred_input:
        inputs = ([in_json] if in_json is not None else []) + list(attachments)
        for path in inputs:
            overwrite_and_unlink(path)
        click.echo(f"overwrote and deleted {len(inputs)} input file(s); see --help for limits")


def load_public_key(path: Path) -> IntakePublicKey:
    """Read an intake.pub file or fail with one clear line."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_KEY_FILE_MAX + 1)
        return IntakePublicKey.from_text(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read intake key {path}: {exc}") from None
    except IntakeKeyError as exc:
        raise click.ClickException(f"{path}: {exc}") from None


def record_json_for_sealing(path: Path) -> bytes:
    """Read and check a testimony JSON file; return the canonical bytes to seal.

    The file is checked here as strictly as the archive will check it at import,
    so an interviewer learns about a mistake while the witness can still be asked.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RECORD_BYTES + 1)
        record = parse_record_json(raw)
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from None
    except BundleError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    try:
        return canonical_record(record)
    except click.ClickException as exc:
        raise click.ClickException(f"{path}: {exc.message}") from None


def canonical_record(record: dict[str, object]) -> bytes:
    """Validate with the parser of `testimony add`; return sorted-key UTF-8 JSON."""
    try:
        records.parse(record)
    except InvalidInput as exc:
        raise click.ClickException(str(exc)) from None
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")


def prompt_record() -> dict[str, object]:
    """Ask for the fields of a testimony, one by one, in English and Korean.

    The other fields are checked before the text is asked for, so a typo in a year
    never throws away a long testimony. Events are not asked for: archivists code
    them from the text after import.
    """
    while True:
        record = _prompt_metadata()
        try:
            records.parse({**record, "text": "-"})
            break
        except InvalidInput as exc:
            click.echo(f"{exc}; please answer again / 다시 입력해 주십시오", err=True)
    text = _ask_lines("Testimony text; a line with only '.' ends it / 증언 내용, '.'만 있는 줄로 끝", end=".")
    record["text"] = "\n".join(text)
    return record


def _prompt_metadata() -> dict[str, object]:
    record: dict[str, object] = {
        "language": click.prompt("Language / 언어", type=click.Choice(records.LANGUAGES)),
        "consent": click.prompt("Consent scope / 동의 범위", type=click.Choice(records.CONSENT_SCOPES)),
    }
    interview_date = _ask("Interview date / 면담 날짜 (YYYY-MM-DD)")
    if interview_date:
        record["interview_date"] = interview_date
    witness: dict[str, object] = {}
    for key, label in (
        ("name", "Witness name / 증언자 이름"),
        ("sex", f"Sex / 성별 ({', '.join(records.SEXES)})"),
        ("birth_year", "Birth year / 출생 연도"),
        ("origin", "Place of origin / 출신지"),
        ("occupation", "Occupation / 직업"),
        ("exit_year", "Year of exit / 탈북 연도"),
        ("arrival_year", "Year of arrival / 입국 연도"),
    ):
        answer = _ask(label)
        if answer:
            witness[key] = int(answer) if key.endswith("year") and answer.isdigit() else answer
    aliases = _ask_lines("Aliases, one per line, empty line to end / 다른 이름, 한 줄에 하나, 빈 줄로 끝", end="")
    if aliases:
        witness["aliases"] = aliases
    if witness:
        record["witness"] = witness
    terms = _ask_lines("Names and places to protect, one per line, empty line to end / 보호할 이름과 장소", end="")
    if terms:
        record["sensitive_terms"] = terms
    return record


def _ask(label: str) -> str:
    return str(click.prompt(label, default="", show_default=False)).strip()


def _ask_lines(label: str, *, end: str) -> list[str]:
    click.echo(label + ":")
    lines: list[str] = []
    while (line := str(click.prompt("", default="", show_default=False, prompt_suffix="> "))) != end:
        if end == "" and not line.strip():
            break
        lines.append(line)
    return lines


class _HashingWriter:
    """Pass writes through to a file while hashing them."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self._handle.write(data)


def _write_sealed(
    output: Path, key: IntakePublicKey, record_json: bytes, attachments: tuple[Path, ...]
) -> tuple[str, int]:
    try:
        # A rename, not a hard link: FAT and exFAT sticks have no hard links.
        with atomic_writer(output, suffix=".part") as handle:
            writer = _HashingWriter(handle)
            sealer = BundleSealer(writer, key)
            sealer.add_record(record_json)
            for path in attachments:
                with path.open("rb") as source:
                    sealer.add_attachment(path.name, source)
            sealer.close()
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    except BundleError as exc:
        raise click.ClickException(str(exc)) from None
    return writer.digest.hexdigest(), writer.size


def _ensure_written(output: Path, digest: str) -> None:
    """Re-read the sealed file from disk and compare it with what was written."""
    check = hashlib.sha256()
    with output.open("rb") as handle:
        while block := handle.read(_OVERWRITE_BLOCK):
            check.update(block)
    if check.hexdigest() != digest:
        raise click.ClickException(f"{output} does not read back as written; inputs were kept")


def overwrite_and_unlink(path: Path) -> None:
    """Overwrite a file once with random bytes, sync, truncate and delete it.

    .. danger:: Best effort only: see ``SHRED_HELP`` for what survives.
    """
    try:
        with path.open("r+b") as handle:
            remaining = os.fstat(handle.fileno()).st_size
            while remaining > 0:
                block = min(remaining, _OVERWRITE_BLOCK)
                handle.write(os.urandom(block))
                remaining -= block
            handle.flush()
            os.fsync(handle.fileno())
            handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    except OSError as exc:
        raise click.ClickException(f"sealed, but could not shred {path}: {exc}") from None
    fsync_dir(path.parent)
