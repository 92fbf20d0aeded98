"""``testimony release ...``, ``testimony export`` and ``testimony verify-export``."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from cli.context import CliContext
from cli.session import echo_json, open_vault, unlock
from keys.errors import KeysError
from keys.keyring import VAULT_ROLES, Role
from vault import audit, consent, reading_room, releases
from vault.anonymity import DEFAULT_LEVELS, Levels
from vault.errors import ReleaseBlocked, VaultError
from vault.releases import decisions, export_bag, narrative
from vault.releases import view as release_view
from vault.store import transaction

pass_ctx = click.make_pass_decorator(CliContext)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one clear message (gate refusals: one reason a line)."""
    try:
        yield
    except ReleaseBlocked as exc:
        raise click.ClickException("release blocked:\n  - " + "\n  - ".join(exc.reasons)) from None
    except (VaultError, KeysError) as exc:
        raise click.ClickException(str(exc) or type(exc).__name__) from None


def _levels(value: str | None) -> Levels | None:
    if value is None:
        return None
    with _errors():
        return Levels.parse(value)


_GENERALISE = click.option("--generalise", "generalise", default=None, metavar="QI=LEVEL,...",
                           help="Quasi-identifier levels, e.g. age=2,period=1 (sex 0-1; age, origin, period 0-3;"
                                " proposals default to age=1,period=1).")
_SUPPRESS = click.option("--accept-suppression", is_flag=True, default=None,
                         help="Publish even if its quasi-identifiers must be withheld until k similar extracts exist.")
_JSON = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")


@click.group()
def release() -> None:
    """Propose, approve, publish and retract releases to the reading room."""


@release.command("decisions")
@click.argument("testimony_id")
@click.option("--accept-all", is_flag=True, help="Accept the engine's proposal for every undecided span.")
@_JSON
@pass_ctx
def decisions_(ctx: CliContext, testimony_id: str, accept_all: bool, as_json: bool) -> None:
    """Show how many detected spans are decided (and optionally accept the rest)."""
    with _errors(), open_vault(ctx) as vault:
        if accept_all:
            review = decisions.accept_all(vault.conn, testimony_id, actor=vault.actor)
        else:
            review = decisions.review(vault.conn, testimony_id, actor=vault.actor)
        result = {"testimony_id": testimony_id, "version": review.version, "decided": len(review.decisions),
                  "undecided": [s.to_dict() for s in review.undecided], "stale": len(review.merged.stale)}
    if as_json:
        echo_json(result)
    else:
        click.echo(f"{testimony_id} version {review.version}: {result['decided']} decided,"
                   f" {len(review.undecided)} undecided, {result['stale']} stale")


@release.command("propose")
@click.argument("testimony_id")
@_GENERALISE
@click.option("--accept-suppression", is_flag=True, help="Accept that its quasi-identifiers may be withheld.")
@pass_ctx
def propose(ctx: CliContext, testimony_id: str, generalise: str | None, accept_suppression: bool) -> None:
    """Propose the current version of a testimony for release (prints the release id)."""
    levels = _levels(generalise) or DEFAULT_LEVELS
    with _errors(), open_vault(ctx) as vault:
        item = releases.propose(vault, testimony_id, levels=levels, accept_suppression=accept_suppression)
    click.echo(item.id)


@release.command("add-image")
@click.argument("release_id")
@click.argument("image", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@pass_ctx
def add_image(ctx: CliContext, release_id: str, image: Path) -> None:
    """Add a masked image (made by `testimony media redact`) to a proposal, confirming its masks."""
    data = image.read_bytes()
    with _errors(), open_vault(ctx) as vault:
        position = releases.add_image(vault, release_id, data)
    click.echo(f"{release_id}: image {position + 1} added")


@release.command("show")
@click.argument("release_id")
@_JSON
@pass_ctx
def show(ctx: CliContext, release_id: str, as_json: bool) -> None:
    """Show the redacted text and generalised metadata a release would publish (read it before approving)."""
    with _errors(), open_vault(ctx) as vault:
        item = releases.get(vault.conn, release_id)
        pictures = releases.images(vault.conn, release_id)
        names = releases.usernames(vault.conn)
        view = release_view.build(vault, release_id)
    findings = [narrative.describe(f, n) for n, f in enumerate(view.findings, start=1)]
    document = {**item.summary(), "metadata": item.metadata.to_dict(), "text": item.text,
                "shown_facts": view.facts, "shown_metadata": {k: list(v) for k, v in view.metadata.items()},
                "content_hash": view.content_hash, "findings": findings,
                "images": [{"media_type": p.media_type, "sha256": p.sha256} for p in pictures]}
    if as_json:
        echo_json(document)
        return
    click.echo(f"{item.id} ({item.status}) of {item.testimony_id} version {item.version}")
    approver = names.get(item.approved_by or "", "nobody yet")
    click.echo(f"proposed by {names.get(item.proposed_by, item.proposed_by)}; approved by {approver}")
    for name, value in view.facts.items():
        click.echo(f"{name}: {value}")
    for name, values in view.metadata.items():
        click.echo(f"{name}: {', '.join(values) or '-'}")
    click.echo(f"images: {len(pictures)}")
    click.echo(f"content hash (what an approval is bound to): {view.content_hash}")
    for line in findings:
        click.echo(f"finer than released: {line}")
    click.echo("")
    click.echo(item.text)


@release.command("approve")
@click.argument("release_id")
@click.option("--content-hash", "shown_hash", default=None,
              help="The content hash `release show` printed: refuse if the proposal changed since.")
@pass_ctx
def approve(ctx: CliContext, release_id: str, shown_hash: str | None) -> None:
    """Approve a release someone else proposed (two-person rule)."""
    with _errors(), open_vault(ctx) as vault:
        item = releases.approve(vault, release_id, shown_hash=shown_hash)
    click.echo(f"{item.id} approved")


@release.command("check")
@click.argument("release_id")
@_GENERALISE
@_SUPPRESS
@_JSON
@pass_ctx
def check(ctx: CliContext, release_id: str, generalise: str | None, accept_suppression: bool | None,
          as_json: bool) -> None:
    """Run the release gate without publishing; exit 0 only if it would pass."""
    with _errors(), open_vault(ctx) as vault:
        reasons = releases.check(vault, release_id, levels=_levels(generalise), accept_suppression=accept_suppression)
    if as_json:
        echo_json({"release": release_id, "ok": not reasons,
                   "reasons": [{"code": r.code, "message": r.message,
                                "proposed_levels": r.proposal.levels.to_dict() if r.proposal else None}
                               for r in reasons]})
    else:
        for reason in reasons:
            click.echo(f"- {reason.message}")
        click.echo("the gate would refuse" if reasons else "the gate would pass")
    if reasons:
        raise SystemExit(1)


@release.command("publish")
@click.argument("release_id")
@_GENERALISE
@_SUPPRESS
@click.option("--fix-text", is_flag=True, default=False,
              help="First generalise every passage the gate finds finer than the released levels.")
@pass_ctx
def publish(ctx: CliContext, release_id: str, generalise: str | None, accept_suppression: bool | None,
            fix_text: bool) -> None:
    """Publish an approved release through the gate into the reading room."""
    with _errors(), open_vault(ctx) as vault:
        if fix_text:
            releases.generalise_text(vault, release_id, levels=_levels(generalise),
                                     accept_suppression=accept_suppression)
        item = releases.publish(vault, release_id, levels=_levels(generalise), accept_suppression=accept_suppression)
    click.echo(f"{item.id} published as {item.extract_id}")


@release.command("retract")
@click.argument("release_id", required=False)
@click.option("--testimony", "testimony_id", default=None, help="Retract every release of this testimony.")
@click.option("--reason", type=click.Choice(["archivist", "consent"]), default="archivist", show_default=True,
              help="consent: the witness withdrew consent (the testimony can never be released again).")
@pass_ctx
def retract(ctx: CliContext, release_id: str | None, testimony_id: str | None, reason: str) -> None:
    """Remove a release from the reading room, its index and its file pages."""
    if (release_id is None) == (testimony_id is None):
        raise click.ClickException("give either a RELEASE_ID or --testimony ID")
    with _errors(), open_vault(ctx) as vault:
        if testimony_id is not None:
            if reason != "consent":
                rows = [r.id for r in releases.list_releases(vault.conn)
                        if r.testimony_id == testimony_id and r.status != "retracted"]
                done = [releases.retract(vault, r).id for r in rows]
            else:
                done = releases.withdraw_consent(vault, testimony_id)
        else:
            assert release_id is not None
            done = [releases.retract(vault, release_id,
                                     reason="consent_withdrawn" if reason == "consent" else "archivist").id]
        pending = not releases.sync(vault).checkpointed
    click.echo("retracted: " + (", ".join(done) if done else "nothing was released"))
    if pending:
        raise click.ClickException("a reader kept the reading room busy: removed text may remain in its"
                                   " write-ahead log; run `testimony release sync` when it is idle")


@release.command("list")
@click.option("--status", type=click.Choice(releases.STATUSES), default=None)
@_JSON
@pass_ctx
def list_(ctx: CliContext, status: str | None, as_json: bool) -> None:
    """List releases (no text)."""
    with _errors(), open_vault(ctx) as vault:
        items = [r.summary() for r in releases.list_releases(vault.conn, status=status)]
        names = releases.usernames(vault.conn)
    for r in items:
        r["proposed_by_name"] = names.get(r["proposed_by"], "")
        r["approved_by_name"] = names.get(r["approved_by"] or "", "")
    if as_json:
        echo_json(items)
        return
    for r in items:
        approved = f"approved by {r['approved_by_name']}" if r["approved_by"] else "not approved"
        click.echo(f"{r['id']}  {r['status']:<9}  {r['testimony_id']}  {r['extract_id'] or '-'}"
                   f"  proposed by {r['proposed_by_name']}, {approved}")


@release.command("consent")
@click.argument("testimony_id")
@click.option("--scope", type=click.Choice(["archive_only", "research", "public"]), required=True)
@click.option("--basis", required=True, help="On what basis the witness gave the new consent (kept in the vault).")
@pass_ctx
def consent_(ctx: CliContext, testimony_id: str, scope: str, basis: str) -> None:
    """Record the witness's new consent scope (archivists and administrators; audited)."""
    with _errors(), open_vault(ctx) as vault:
        consent.record(vault, testimony_id, scope, basis)
    click.echo(f"{testimony_id}: consent is now {scope}")


@release.command("sync")
@pass_ctx
def sync(ctx: CliContext) -> None:
    """Bring the reading room in line with the vault and checkpoint it (after a crash or a busy reader)."""
    with _errors(), open_vault(ctx) as vault:
        changes = releases.sync(vault)
    click.echo(f"reading room: {changes.added} added, {changes.removed} removed, {changes.updated} changed")
    if not changes.checkpointed:
        raise click.ClickException("a reader kept the reading room busy: removed text may remain in its"
                                   " write-ahead log; run `testimony release sync` again when it is idle")


@release.command("set-k")
@click.argument("k", type=int)
@pass_ctx
def set_k(ctx: CliContext, k: int) -> None:
    """Change k of k-anonymity for the reading room (default 5) and recompute what it shows."""
    with _errors(), open_vault(ctx) as vault:
        changes = releases.set_k(vault, k)
    click.echo(f"k = {k}; {changes.updated} extract(s) changed what they show")


@click.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@pass_ctx
def export(ctx: CliContext, out_dir: Path) -> None:
    """Export the reading room as a BagIt bag (researchers, archivists, administrators)."""
    with _errors():
        archive, unlocked, _ = unlock(ctx)
        if unlocked.role is Role.RESEARCHER:
            room = reading_room.connect(archive, unlocked.secret)
            try:
                result = export_bag.export(room, out_dir)
            finally:
                room.close()
        elif unlocked.role in VAULT_ROLES:
            with archive.open_vault(unlocked) as vault:
                room = reading_room.connect(archive, vault.secret("reading_room_key"))
                try:
                    result = export_bag.export(room, out_dir)
                    manifest = reading_room.meta(room, "manifest") or ""
                finally:
                    room.close()
                with transaction(vault.conn):
                    audit.append(vault.conn, actor=vault.actor, action="export.create", obj="reading-room",
                                 digest=audit.content_hash(manifest))
        else:
            raise click.ClickException("this account cannot read the reading room")
    click.echo(f"exported {result.extracts} extract(s) to {result.path}; release key {result.fingerprint}")


@click.command("verify-export")
@click.argument("bag", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--public-key", "public_key", default=None, metavar="HEX",
              help="The archive's release public key (hex) the bag must be signed with.")
def verify_export(bag: Path, public_key: str | None) -> None:
    """Check an exported bag with no secret; exit 0 only if it is whole and signed."""
    try:
        key = bytes.fromhex(public_key) if public_key else None
    except ValueError:
        raise click.ClickException("--public-key must be hexadecimal") from None
    try:
        result = export_bag.verify(bag, public_key=key)
    except VaultError as exc:
        problems = getattr(exc, "problems", [str(exc)])
        raise click.ClickException("export is NOT valid:\n  - " + "\n  - ".join(problems)) from None
    click.echo(f"valid: {result.extracts} extract(s), k={result.k}, release key {result.fingerprint}")


COMMANDS = (release, export, verify_export)
