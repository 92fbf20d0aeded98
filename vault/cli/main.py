"""Root click group of the ``testimony`` command."""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Encrypted archive of testimonies."""


# Sub-command registration: one line per module, each exposing a click command or group.
# (keep this block sorted; each module owns its own commands)
