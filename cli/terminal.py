"""Text that came from outside (file names, user input) made safe to print on a terminal."""
from __future__ import annotations

import unicodedata


def printable(value: object) -> str:
    """Return ``str(value)`` with control, format and separator characters shown as escapes.

    A terminal escape sequence in a file name could rewrite the screen; a right-to-left
    override could make the name read as something else. Both are printed as ``\\x1b`` or
    ``\\u202e`` instead.
    """
    out = []
    for char in str(value):
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)
