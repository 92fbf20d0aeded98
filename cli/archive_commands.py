"""Commands that create, open and inspect the archive."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from cli import demo as demo_api
from cli.context import CliContext, read_secret_file
from cli.session import archive_of, echo_json, open_vault, unlock
from keys import recovery
from keys.atomic import write_atomic
from keys.keyring import Role
from keys.profiles import SENSITIVE, TEST_ONLY
from vault import archive as archive_api
from vault import backup as backup_api
from vault import records, testimonies
from vault import rekey as rekey_api
from vault.imports import notes
from vault.verify import verify_vault

pass_ctx = click.make_pass_decorator(CliContext)


def _parse_shares(value: str) -> tuple[int, int]:
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("write shares as K/N, for example 3/5") from None
    return k, n


def _new_passphrase(path: Path | None, prompt: str = "New passphrase") -> str:
    if path is not None:
        secret = read_secret_file(path)
    else:
        secret = str(click.prompt(prompt, hide_input=True, confirmation_prompt=True))
    if len(secret) < 12:
        raise click.ClickException("passphrases must be at least 12 characters (use several words)")
    return secret


def _write_shares(shares: list[str], threshold: int, out: Path | None) -> None:
    text = "".join(f"{line}\n" for line in shares)
    if out is None:
        click.echo(f"Recovery shares ({threshold} of {len(shares)} rebuild the vault key). Give one to each custodian:")
        click.echo(text, nl=False)
        return
    write_atomic(out, text.encode())
    click.echo(f"wrote {len(shares)} recovery shares ({threshold} needed) to {out}; hand them out and delete the file")


@click.command()
@click.option("--admin", required=True, help="User name of the first administrator.")
@click.option("--shares", "shares", default="3/5", show_default=True, help="Recovery shares K/N.")
@click.option("--shares-out", type=click.Path(dir_okay=False, path_type=Path), help="Write the shares here (mode 600).")
@click.option("--passphrase-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Administrator passphrase from the first line of this file.")
@click.option("--kdf-profile", type=click.Choice(["sensitive", "test-only"]), default="sensitive", hidden=True,
              help="DANGER: test-only makes passphrases cheap to guess; for the test suite only.")
@pass_ctx
def init(ctx: CliContext, admin: str, shares: str, shares_out: Path | None, passphrase_file: Path | None,
         kdf_profile: str) -> None:
    """Create a new, empty archive folder."""
    threshold, count = _parse_shares(shares)
    passphrase = _new_passphrase(passphrase_file or ctx.passphrase_file, "Administrator passphrase")
    profile = TEST_ONLY if kdf_profile == "test-only" else SENSITIVE
    created = archive_api.init(ctx.archive, admin, passphrase, threshold=threshold, share_count=count, profile=profile)
    click.echo(f"created archive {ctx.archive} with administrator {admin}", err=True)
    _write_shares(created.shares, threshold, shares_out)


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, exists=True, allow_dash=True, path_type=Path))
@pass_ctx
def add(ctx: CliContext, source: Path) -> None:
    """Add a testimony from a JSON file (or a plain text file with --as-text defaults); print its id."""
    raw = sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes()
    record = _record_from_file(source, raw)
    with open_vault(ctx) as vault:
        click.echo(testimonies.add(vault.conn, record, actor=vault.actor))


def _record_from_file(source: Path, raw: bytes) -> records.TestimonyInput:
    if source.suffix.lower() == ".txt":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{source} is not valid UTF-8 (byte {exc.start})") from None
        language = "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in text) else "en"
        return records.parse({"language": language, "text": text, "consent": "archive_only"})
    return records.parse_json_bytes(raw)


@click.command(name="list")
@click.option("--status", type=click.Choice(testimonies.STATUSES), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_ctx
def list_(ctx: CliContext, status: str | None, as_json: bool) -> None:
    """List testimonies (ids, status, language; no text)."""
    with open_vault(ctx) as vault:
        items = [dataclasses.asdict(s) for s in testimonies.list_all(vault.conn, status=status)]
    if as_json:
        echo_json(items)
        return
    for item in items:
        click.echo(f"{item['id']}  {item['status']:<10} {item['language']}  {item['interview_date'] or '-'}")


@click.command()
@click.argument("testimony_id")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(ctx: CliContext, testimony_id: str, as_json: bool) -> None:
    """Show one testimony (the read is audited)."""
    with open_vault(ctx) as vault:
        item = testimonies.get(vault.conn, testimony_id, actor=vault.actor)
        kept = notes.for_testimony(vault.conn, item.summary.id)
    document = {**dataclasses.asdict(item.summary), **item.record.to_json()}
    if kept:  # e.g. a Martus bulletin's private section: in the vault only, never in the text
        document["private_notes"] = [{"label": label, "value": value} for label, value in kept]
    if as_json:
        echo_json(document)
        return
    click.echo(f"{item.summary.id} ({item.summary.status}, {item.summary.language}, version {item.summary.version})")
    click.echo(item.text)
    if kept:
        click.echo("\n-- notes kept in the vault only --")
        for label, value in kept:
            click.echo(f"{label}: {value}")


@click.command()
@click.argument("query")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def search(ctx: CliContext, query: str, limit: int, as_json: bool) -> None:
    """Full-text search of the vault (English and Korean)."""
    with open_vault(ctx) as vault:
        items = [dataclasses.asdict(s) for s in testimonies.search(vault.conn, query, limit=limit)]
    if as_json:
        echo_json(items)
        return
    for item in items:
        click.echo(f"{item['id']}  {item['status']:<10} {item['language']}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def verify(ctx: CliContext, as_json: bool) -> None:
    """Check integrity, every content hash and the audit chain; exit 0 only if all holds."""
    with open_vault(ctx) as vault:
        report = verify_vault(vault)
    if as_json:
        echo_json({"ok": report.ok, "problems": report.problems, "checked": report.checked})
    else:
        for name, count in sorted(report.checked.items()):
            click.echo(f"checked {count} {name}")
        for problem in report.problems:
            click.echo(f"PROBLEM: {problem}")
        click.echo("archive verified: all checks hold" if report.ok else f"{len(report.problems)} problem(s) found")
    if not report.ok:
        raise SystemExit(1)


@click.command()
@click.option("--shares-file", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True,
              help="Text file with one share per line (at least K of them).")
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--admin", default="admin", show_default=True, help="Administrator whose access is rebuilt.")
@pass_ctx
def recover(ctx: CliContext, shares_file: Path, new_passphrase_file: Path | None, admin: str) -> None:
    """Rebuild administrator access from K recovery shares and set a new passphrase."""
    archive = archive_of(ctx)
    lines = shares_file.read_text(encoding="utf-8").splitlines()
    vault_key = recovery.combine(lines)
    passphrase = _new_passphrase(new_passphrase_file)
    archive_api.recover_admin(archive, vault_key, admin, passphrase)
    click.echo(f"access rebuilt: {admin} can sign in with the new passphrase")


@click.group()
def passphrase() -> None:
    """Add, remove or change keyslots (no database is rekeyed)."""


@passphrase.command(name="change")
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@pass_ctx
def passphrase_change(ctx: CliContext, new_passphrase_file: Path | None) -> None:
    """Change your own passphrase (rewraps your keyslot only)."""
    archive, unlocked, old = unlock(ctx)
    archive.keyring.change_passphrase(unlocked.username, old, _new_passphrase(new_passphrase_file))
    click.echo("passphrase changed")


@passphrase.command(name="add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@pass_ctx
def passphrase_add(ctx: CliContext, username: str, role: str, new_passphrase_file: Path | None) -> None:
    """Create an account with its own keyslot (admins only)."""
    with open_vault(ctx) as vault:
        _require_admin(vault.role)
        archive_api.add_user(vault, username, _new_passphrase(new_passphrase_file), Role(role))
    click.echo(f"added {role} {username}")


@passphrase.command(name="remove")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def passphrase_remove(ctx: CliContext, username: str, yes: bool) -> None:
    """Remove an account's keyslot (admins only)."""
    if not yes:
        click.confirm(f"Remove {username}'s keyslot? They will no longer be able to sign in", abort=True)
    with open_vault(ctx) as vault:
        _require_admin(vault.role)
        archive_api.remove_user(vault, username)
    click.echo(f"removed {username}")


def _require_admin(role: Role) -> None:
    if role is not Role.ADMIN:
        raise click.ClickException("only an administrator can manage accounts")


COMMANDS: tuple[click.Command, ...] = (init, add, list_, show, search, verify, recover, passphrase)


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@pass_ctx
def backup(ctx: CliContext, out: Path) -> None:
    """Write an encrypted backup of the archive to the new folder OUT."""
    with open_vault(ctx) as vault:
        summary = backup_api.create(vault, out)
    click.echo(f"backup written to {summary.path}: " + ", ".join(f"{v} {k}" for k, v in summary.counts.items()))


@click.command()
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
@pass_ctx
def restore(ctx: CliContext, source: Path) -> None:
    """Restore the backup SOURCE into --archive (a new folder) and drill it."""
    if not ctx.user:
        raise click.ClickException("restore needs --user NAME of an administrator in the backup")
    summary = backup_api.restore(source, ctx.archive, ctx.user, ctx.read_passphrase())
    click.echo(f"restored and verified {summary.path}: " + ", ".join(f"{v} {k}" for k, v in summary.counts.items()))


@click.command()
@click.option("--shares", "shares", default="3/5", show_default=True, help="New recovery shares K/N.")
@click.option("--shares-out", type=click.Path(dir_okay=False, path_type=Path), help="Write the new shares here.")
@pass_ctx
def rekey(ctx: CliContext, shares: str, shares_out: Path | None) -> None:
    """Rotate the vault key: rekey vault.db, revoke other vault keyslots, issue new shares."""
    threshold, count = _parse_shares(shares)
    archive, unlocked, passphrase = unlock(ctx)
    # The new shares are written (or shown) before vault.db is rekeyed: an interrupted
    # rotation never leaves the archive under a key whose shares nobody holds.
    rotation = rekey_api.rotate_vault_key(archive, unlocked, passphrase, threshold=threshold, share_count=count,
                                          deliver=lambda new: _write_shares(new, threshold, shares_out))
    click.echo("vault key rotated; the old key no longer opens vault.db; the shares above are now the valid"
               " ones: destroy the old set", err=True)
    if rotation.revoked:
        click.echo("revoked keyslots (re-enrol with `passphrase reset`): " + ", ".join(rotation.revoked), err=True)


@click.command(name="recovery-shares")
@click.option("--shares", "shares", default="3/5", show_default=True, help="New recovery shares K/N.")
@click.option("--shares-out", type=click.Path(dir_okay=False, path_type=Path), help="Write the new shares here.")
@pass_ctx
def recovery_shares(ctx: CliContext, shares: str, shares_out: Path | None) -> None:
    """Issue a new set of recovery shares for the current vault key (admins; after an interrupted rekey)."""
    threshold, count = _parse_shares(shares)
    with open_vault(ctx) as vault:
        rekey_api.issue_shares(vault, threshold=threshold, share_count=count,
                               deliver=lambda new: _write_shares(new, threshold, shares_out))
    click.echo("new recovery shares issued: destroy every older set", err=True)


@passphrase.command(name="reset")
@click.argument("username")
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@pass_ctx
def passphrase_reset(ctx: CliContext, username: str, new_passphrase_file: Path | None) -> None:
    """Give an account a new passphrase (admins only; an interviewer's drafts are lost)."""
    with open_vault(ctx) as vault:
        _require_admin(vault.role)
        archive_api.reset_user(vault, username, _new_passphrase(new_passphrase_file))
    click.echo(f"new passphrase set for {username}")


COMMANDS = (*COMMANDS, backup, restore, rekey, recovery_shares)


@click.command()
@click.option("--count", default=60, show_default=True, help="Number of synthetic testimonies.")
@click.option("--seed", default=0, show_default=True, help="Seed of the synthetic generator.")
@click.option("--accounts-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the demo accounts (passphrases, TOTP secrets) here as JSON, mode 600.")
@click.option("--kdf-profile", type=click.Choice(["sensitive", "test-only"]), default="sensitive", hidden=True,
              help="DANGER: test-only makes passphrases cheap to guess; for the test suite only.")
@pass_ctx
def demo(ctx: CliContext, count: int, seed: int, accounts_out: Path | None, kdf_profile: str) -> None:
    """Create a demo archive of obviously fictional testimonies, with an account for every role."""
    profile = TEST_ONLY if kdf_profile == "test-only" else SENSITIVE
    result = demo_api.create(ctx.archive, count, seed=seed, profile=profile)
    accounts = [a.to_json() for a in result.accounts]
    if accounts_out is not None:
        write_atomic(accounts_out, (json.dumps(accounts, indent=2) + "\n").encode())
    click.echo(f"demo archive {ctx.archive}: {len(result.testimony_ids)} synthetic testimonies, "
               f"{len(result.published)} published extracts", err=True)
    if accounts_out is None:
        echo_json(accounts)


COMMANDS = (*COMMANDS, demo)
