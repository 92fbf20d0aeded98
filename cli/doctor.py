"""``testimony doctor``: what protects keys and testimonies in this machine's memory (S25, S01b)."""
from __future__ import annotations

import resource

import click

from cli.context import CliContext
from vault import hardening


@click.command("doctor")
@click.pass_obj
def doctor(ctx: CliContext) -> None:
    """Check this machine's protection of an unlocked archive's memory, and say what to do.

    Reports core dumps, whether other processes can read this one's memory, whether
    memory is locked against swapping, and whether swap is off or encrypted. Exits
    with status 1 when plaintext could reach a swap disk.
    """
    hardened = hardening.harden_process()
    lock = hardening.lock_memory()
    swap = hardening.swap_state()
    core = "off" if hardened.core_limit == (0, 0) else f"ON (limit {resource.getrlimit(resource.RLIMIT_CORE)[0]})"
    click.echo(f"archive: {ctx.archive}")
    click.echo(f"core dumps: {core}")
    click.echo("readable by other processes (dumpable): " + {0: "no", None: "cannot tell on this system"}.get(
        hardened.dumpable, "YES"))
    for line in hardening.memory_report(lock, swap):
        click.echo(line)
    if hardening.memory_warning(lock, swap):
        raise SystemExit(1)
