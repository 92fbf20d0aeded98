"""S23: the product never reaches the network and no dependency downloads anything at run time.

Two checks. (1) In a fresh interpreter whose sockets refuse every connection (and record it)
and whose HOME and caches are empty folders, import every product module and run the parts
that load models or data (Korean morphology, face detection, phone numbers, the web app):
no connection is attempted and nothing is written to HOME or the caches. (2) Product code,
templates, static files and data name no http(s) URL except the documented identifiers below.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("keys", "vault", "webui", "cli")

#: URLs allowed in product files, with why. They are identifiers or local addresses: never fetched.
ALLOWED_URLS = {
    "http://www.w3.org/2000/svg": "XML namespace of an SVG file (an identifier, not fetched)",
    "http://ns.adobe.com/xap/1.0/": "XMP packet identifier that the metadata scanner looks for",
    "http://ns.adobe.com/xmp/extension/": "extended-XMP identifier that the metadata scanner looks for",
    "http://{host}:{port}/": "the address `testimony serve` prints for the operator (local by default)",
}
_URL = re.compile(rb"https?://[^\s\"'<>()\\]+")

GUARDED = r"""
import importlib, json, os, pkgutil, socket, sys
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args)[:200])
    raise OSError("network refused by test guard")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.gethostbyname = refuse

imported = []
for package in ("keys", "vault", "webui", "cli"):
    module = importlib.import_module(package)
    imported.append(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
        imported.append(info.name)

# The parts that load models or data files.
from vault.redaction.registry import detect
spans = detect("김철수 씨는 2008년 3월 혜산에서 떠났다. Mr. Kim Chol-su called +86 138 0013 8000.")
import numpy as np
from vault.media import FaceDetector
faces = FaceDetector().detect(np.zeros((64, 64, 3), dtype=np.uint8))
import phonenumbers
phonenumbers.parse("+82 10-1234-5678", None)
from pathlib import Path
from tests.factories import new_archive
from webui import WebConfig, create_app
root = Path(sys.argv[1]) / "archive"
new_archive(root, admin="admin", passphrase="admin passphrase 1")
app = create_app(WebConfig(archive=root, secret_key=b"k" * 32, testing=True))
status = app.test_client().get("/login").status_code
product_attempts = list(attempts)
try:
    socket.create_connection(("192.0.2.1", 80), timeout=1)  # proves the guard is in place
except OSError:
    pass
print(json.dumps({"attempts": product_attempts, "guard": len(attempts) == len(product_attempts) + 1,
                  "imported": len(imported), "spans": len(spans), "status": status}))
"""


def test_s23_no_network_and_no_download_when_loading_everything(tmp_path: Path) -> None:
    """Every module imports, models load and detection runs with sockets refused and empty caches."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.endswith("_PROXY") and not k.endswith("_proxy")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local"),
               TMPDIR=str(work), PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    result = subprocess.run([sys.executable, "-c", GUARDED, str(work)], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["attempts"] == [] and facts["guard"]
    assert facts["imported"] > 50 and facts["spans"] > 0 and facts["status"] == 200
    written = [str(p.relative_to(home)) for p in home.rglob("*")]
    assert written == [], f"something was cached or downloaded into HOME: {written[:10]}"


def _product_files() -> list[Path]:
    found = []
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".onnx", ".pyc", ".mo"):
                found.append(path)
    return found


def test_s23_product_names_no_external_url_except_documented_identifiers() -> None:
    """Code, templates, static files and data: every http(s) URL is in ALLOWED_URLS (with its reason)."""
    seen: dict[str, str] = {}
    files = _product_files()
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".py" for p in files)
    for path in files:
        for match in _URL.finditer(path.read_bytes()):
            url = match.group(0).decode("utf-8", "replace").rstrip(".,;:")
            seen.setdefault(url, str(path.relative_to(ROOT)))
    unexpected = {url: where for url, where in seen.items() if url not in ALLOWED_URLS}
    assert unexpected == {}, f"external URLs in product files (add to ALLOWED_URLS only if never fetched): {unexpected}"
