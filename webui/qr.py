"""QR codes for TOTP enrolment, drawn locally as one SVG path (no image library, no network).

The otpauth URI holds the TOTP secret, so the code is generated in this process and
sent only inside the page that shows the secret anyway (``Cache-Control: no-store``).
"""
from __future__ import annotations

from dataclasses import dataclass

import qrcode
import qrcode.constants

QUIET_ZONE = 4  # modules of white border scanners need


@dataclass(frozen=True)
class QrPath:
    size: int  # modules per side, quiet zone included
    path: str  # SVG path data: one unit square per dark module


def qr_path(data: str) -> QrPath:
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return QrPath(len(matrix) + 2 * QUIET_ZONE, "".join(parts))
