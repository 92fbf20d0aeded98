"""``testimony serve``: the web interface on waitress (127.0.0.1:5000 by default)."""
from __future__ import annotations

import ipaddress
import os
import resource
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from cli.context import CliContext
from keys.errors import KeysError
from vault import hardening
from vault.errors import VaultError

SECRET_ENV = "TESTIMONY_SECRET_KEY"
SWEEP_SECONDS = 30

# Waitress keeps request and response bodies in memory up to its "overflow" sizes and moves
# anything larger into an (unlinked) temporary file: plaintext testimony on a disk. So: a request
# body over the upload limit is refused from its Content-Length before it is read; every body
# under it stays in memory (inbuf_overflow above the limit); responses go out in RESPONSE_CHUNK
# pieces and the writer waits while more than OUT_HIGH_WATERMARK is unsent, so a connection never
# holds more than OUT_HIGH_WATERMARK + RESPONSE_CHUNK of output and outbuf_overflow is never reached.
# Memory is bounded by CONNECTION_LIMIT x (upload limit + REQUEST_MARGIN + OUT_HIGH_WATERMARK +
# RESPONSE_CHUNK): 16 x (64 + 1 + 1 + 0.25) MiB = about 1.04 GiB with the default 64 MiB limit.
CONNECTION_LIMIT = 16
REQUEST_MARGIN = 1024 * 1024         # multipart boundaries and form fields around an upload
RESPONSE_CHUNK = 256 * 1024
OUT_HIGH_WATERMARK = 1024 * 1024
NEVER = 1 << 62                      # an overflow size no body can reach


def buffer_options(max_upload_bytes: int) -> dict[str, int]:
    """Waitress settings under which no request or response body is written to a temporary file."""
    max_body = max_upload_bytes + REQUEST_MARGIN  # waitress refuses Content-Length >= this (413)
    return {"max_request_body_size": max_body, "inbuf_overflow": max_body + 1,
            "outbuf_high_watermark": OUT_HIGH_WATERMARK, "outbuf_overflow": NEVER,
            "connection_limit": CONNECTION_LIMIT}


class ChunkedResponses:
    """WSGI middleware: hand the server every response body in pieces of at most RESPONSE_CHUNK
    bytes, so a large body (a photo, an export) waits for the client instead of piling up."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, object], start_response: Callable[..., object]) -> Iterator[bytes]:
        body = self.app(environ, start_response)
        try:
            for block in body:
                for start in range(0, len(block), RESPONSE_CHUNK):
                    yield block[start:start + RESPONSE_CHUNK]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()


def secret_key_from_env() -> bytes | None:
    """The session secret from TESTIMONY_SECRET_KEY (hex, at least 64 digits), or None if unset."""
    value = os.environ.get(SECRET_ENV)
    if value is None:
        return None
    try:
        key = bytes.fromhex(value.strip())
    except ValueError:
        raise click.ClickException(f"{SECRET_ENV} must be hexadecimal (e.g. from `openssl rand -hex 32`)") from None
    if len(key) < 32:
        raise click.ClickException(f"{SECRET_ENV} must hold at least 32 bytes (64 hex digits)")
    return key


def _no_core_dumps() -> None:
    """S25: a crash must not write process memory (keys, plaintext) to disk."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
@click.option("--behind-https", is_flag=True,
              help="A local TLS proxy (on 127.0.0.1) forwards to this server: cookies become Secure and __Host-.")
@click.option("--intake-only", is_flag=True,
              help="Serve only interviewer intake: no vault or reading-room pages, only interviewers sign in.")
@click.pass_obj
def serve(ctx: CliContext, host: str, port: int, threads: int, behind_https: bool, intake_only: bool) -> None:
    """Run the web interface for interviewers, archivists, researchers and admins.

    The server starts locked: the vault opens in memory when an archivist or admin
    signs in and closes when the last one leaves, times out, or presses "Lock now".
    The session secret comes from TESTIMONY_SECRET_KEY (hex) or is generated at each
    start, so sessions end with the process.
    """
    import waitress

    from webui import WebConfig, create_app, create_intake_app
    from webui.derivations import serve_below_staff
    from webui.state import EXTENSION

    _no_core_dumps()
    for line in hardening.memory_report(hardening.lock_memory(), hardening.swap_state()):  # S01b
        click.echo(line, err=True)
    key = secret_key_from_env()
    if key is None:
        key = secrets.token_bytes(32)
        click.echo("session secret generated for this run: everyone signs in again after a restart", err=True)
    try:
        factory = create_intake_app if intake_only else create_app
        config = WebConfig(archive=Path(ctx.archive), secret_key=key, tls=behind_https)
        app = factory(config)
    except (VaultError, KeysError) as exc:
        raise click.ClickException(str(exc)) from None
    if not intake_only:
        from vault.redaction import preload_analyser

        # The Korean analyser (seconds) loads now, not on the first workbench.
        preload_analyser(then=lambda s: click.echo(f"Korean name finder ready ({s:.1f} s)", err=True))
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}, beyond this machine; put HTTPS in front "
                   "(--behind-https) and a firewall around it", err=True)
    state = app.extensions[EXTENSION]
    stop = threading.Event()

    def sweeper() -> None:  # idle timeouts drop the vault key even when no request arrives
        while not stop.wait(SWEEP_SECONDS):
            state.sweep()

    threading.Thread(target=sweeper, name="session-sweeper", daemon=True).start()
    click.echo(f"serving {ctx.archive} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    options: dict[str, object] = {"host": host, "port": port, "threads": threads, "ident": "",
                                  "clear_untrusted_proxy_headers": True}
    options.update(buffer_options(config.max_upload_bytes))
    # Flask's documented way to add WSGI middleware; mypy refuses any assignment to a method.
    app.wsgi_app = ChunkedResponses(app.wsgi_app)  # type: ignore[method-assign]
    if behind_https:
        options.update(trusted_proxy="127.0.0.1", trusted_proxy_headers={"x-forwarded-proto"})
    # The threads waitress starts from here answer requests below staff key derivations, whose
    # threads the app already started: a flood's "busy" answers do not slow a staff sign-in.
    serve_below_staff()
    try:
        waitress.serve(app, **options)
    finally:
        stop.set()
        state.lock_now()
