"""keys: passphrases, keyslots, sealed intake, signatures; no I/O beyond the keyring file.

The modules other layers (vault, webui, cli) may import are named in :data:`PUBLIC`; the rest
(the file formats behind the keyring and the intake bundle, the raw key derivation) are this
package's own. ``tests/test_layering.py`` holds the other layers to it.
"""
from __future__ import annotations

PUBLIC = frozenset({
    "aead",         # AES-256-GCM for small secrets
    "atomic",       # durable writes: write_atomic, atomic_writer, fsync_dir
    "bundle",       # sealed intake bundles (the field kit and the inbox)
    "errors",       # KeysError and its kinds
    "intake",       # the intake key pair and its fingerprint
    "keyring",      # keyslots, roles, unlocking
    "passphrases",  # suggested passphrases
    "profiles",     # Argon2id cost profiles
    "recovery",     # SLIP-39 recovery shares
    "signing",      # Ed25519
    "strict_json",  # the strict JSON reader for files from outside
    "totp",         # the second factor and its replay guard
})
