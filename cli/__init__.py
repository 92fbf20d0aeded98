"""The ``testimony`` command: a thin click layer over ``keys`` and ``vault``.

Each sub-command group lives in its own module and is registered here. Errors
raised by the library become one clear line on stderr and a non-zero exit code,
never a traceback (see ``cli.main.ArchiveGroup``).
"""
from __future__ import annotations

from cli import (
    archive_commands,
    attachment,
    doctor,
    field,
    import_command,
    intake,
    media,
    redact,
    release,
    serve,
)
from cli.main import main

for _command in (
    *archive_commands.COMMANDS,
    *release.COMMANDS,
    attachment.attachment,
    doctor.doctor,
    field.field,
    import_command.import_,
    intake.intake,
    media.media,
    redact.redact,
    serve.serve,
):
    main.add_command(_command)

__all__ = ["main"]
