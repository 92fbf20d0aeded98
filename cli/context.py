"""State shared by every sub-command: where the archive is and who is asking."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True)
class CliContext:
    archive: Path
    user: str | None
    passphrase_file: Path | None

    def read_passphrase(self, *, prompt: str = "Passphrase") -> str:
        """Return the passphrase from --passphrase-file (first line) or a hidden prompt."""
        if self.passphrase_file is not None:
            return read_secret_file(self.passphrase_file)
        return str(click.prompt(prompt, hide_input=True))


def read_secret_file(path: Path) -> str:
    """Return the first line of ``path`` without its line ending."""
    try:
        with path.open("r", encoding="utf-8") as handle:
            line = handle.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read passphrase file {path}: {exc}") from None
    secret = line.rstrip("\r\n")
    if not secret:
        raise click.ClickException(f"passphrase file {path} is empty")
    return secret
