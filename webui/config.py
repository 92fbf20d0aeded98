"""The web app's configuration: one frozen value, checked when the app is created."""
from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vault.errors import InvalidInput

MIN_SECRET_KEY_BYTES = 32
MAX_IDLE_SECONDS = 15 * 60
MAX_ABSOLUTE_SECONDS = 8 * 60 * 60
DEFAULT_MAX_UPLOAD = 64 * 1024 * 1024


@dataclass(frozen=True)
class WebConfig:
    """Everything ``create_app`` needs; time and randomness are injectable for tests."""

    archive: Path
    secret_key: bytes = field(repr=False, default=b"")
    idle_timeout: int = MAX_IDLE_SECONDS
    absolute_timeout: int = MAX_ABSOLUTE_SECONDS
    k: int = 5
    testing: bool = False
    tls: bool = False  # served over HTTPS: Secure cookies with the __Host- prefix
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    backup_dir: Path | None = None  # default: <archive>-backups next to the archive folder
    #: Where mounted places (USB sticks) are looked for, to offer as backup destinations.
    backup_mount_roots: tuple[Path, ...] = (Path("/media"), Path("/run/media"), Path("/mnt"))
    login_failures_allowed: int = 5
    login_window: int = 60
    clock: Callable[[], float] = field(default=time.time, compare=False, repr=False)
    rng: Callable[[int], bytes] = field(default=secrets.token_bytes, compare=False, repr=False)

    @property
    def backups(self) -> Path:
        root = Path(self.archive)
        return self.backup_dir or root.with_name(root.name + "-backups")

    def ensure_valid(self) -> None:
        """Raise :class:`InvalidInput` for a configuration the server must not run with (S25)."""
        if not self.testing and len(self.secret_key) < MIN_SECRET_KEY_BYTES:
            raise InvalidInput(
                f"the web server needs a secret key of at least {MIN_SECRET_KEY_BYTES} random bytes"
            )
        if not 0 < self.idle_timeout <= MAX_IDLE_SECONDS:
            raise InvalidInput("idle timeout must be between 1 second and 15 minutes")
        if not self.idle_timeout <= self.absolute_timeout <= MAX_ABSOLUTE_SECONDS:
            raise InvalidInput("absolute session timeout must be at most 8 hours and not below the idle timeout")
        if self.k < 2:
            raise InvalidInput("k must be at least 2")
        if self.max_upload_bytes < 1024:
            raise InvalidInput("the upload limit is too small")
