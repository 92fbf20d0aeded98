"""Check the pinned requirements for known vulnerabilities with pip-audit (run by `make test`).

Fails when a vulnerability is found. When the vulnerability service cannot be
reached (an air-gapped machine, or a network that allows only the package index),
pip-audit skips every package and would print "No known vulnerabilities found";
this script says plainly that nothing was checked instead, and fails only with
``--strict``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    requirements = Path(__file__).resolve().parents[1] / "requirements.txt"
    exe = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(
        [str(exe), "-r", str(requirements), "--no-deps", "-f", "json", "--progress-spinner", "off"],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit failed: {result.stderr.strip()[-500:]}")
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dep in vulnerable:
        ids = ", ".join(v.get("id", "?") for v in dep["vulns"])
        print(f"VULNERABLE: {dep['name']} {dep.get('version', '')}: {ids}")
    checked = len(dependencies) - len(skipped)
    print(f"pip-audit: {checked} of {len(dependencies)} pinned packages checked, {len(vulnerable)} vulnerable")
    if skipped:
        print(f"WARNING: {len(skipped)} packages could NOT be checked (vulnerability service unreachable?): "
              + ", ".join(d["name"] for d in skipped[:8]) + ("…" if len(skipped) > 8 else ""))
    if vulnerable:
        return 1
    return 1 if (strict and skipped) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
