"""bandit inside the test suite (it needs no network): no medium or high finding left unexplained.

Accepted findings carry ``# nosec BXXX`` with a reason on the line above; `make audit` runs the
same check plus pip-audit, which needs the network and so stays outside pytest.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_bandit_finds_no_medium_or_high_issue() -> None:
    """`bandit -r keys vault webui cli -ll` reports nothing, and every nosec names its test id."""
    pytest.importorskip("bandit", reason="bandit is a test dependency (requirements-test.txt)")
    result = subprocess.run([sys.executable, "-m", "bandit", "--ini", ".bandit", "-r", "keys", "vault", "webui", "cli",
                             "-ll", "-q", "-f", "json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    findings = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]]
    assert findings == [] and result.returncode == 0, findings
    assert report["metrics"]["_totals"]["loc"] > 5000  # it scanned the product
    bare = []
    for path in (ROOT / "keys", ROOT / "vault", ROOT / "webui", ROOT / "cli"):
        for source in path.rglob("*.py"):
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                if "# nosec" in line and "# nosec B" not in line:
                    bare.append(f"{source.relative_to(ROOT)}:{number}")
    assert bare == [], f"a nosec must name the bandit test it silences: {bare}"
