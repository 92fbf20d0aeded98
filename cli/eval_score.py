"""The scoring of ``../shared/eval/score.py``, reimplemented identically for ``redact eval``.

Per gold label: ``leak_free_r`` (gold spans with no readable non-space character left),
``overlap_r`` (gold spans touched by a prediction of the same label), ``overlap_p``
(predictions of that label touching gold of the same label); over all predictions,
``redacted_p`` (share of predicted spans that touch any gold span).

``readability`` goes beyond score.py: on records with no gold span at all, predicted spans
per 1,000 characters (each one hides ordinary words from a reader); on records with no
gold PERSON, predicted PERSON spans that touch no gold span of any kind, per 20 records
(ordinary words proposed as persons; a company guessed to be a person is not counted).
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any


def _spans(obj: dict[str, Any]) -> list[tuple[int, int, str]]:
    out = []
    for s in obj.get("spans", []):
        if isinstance(s, dict):
            out.append((int(s["start"]), int(s["end"]), str(s.get("label", ""))))
        else:
            out.append((int(s[0]), int(s[1]), str(s[2]) if len(s) > 2 else ""))
    return out


def _touch(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold_path: str, pred_path: str,
          labels: set[str] | None = None) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Return (per-label report, totals) exactly as score.py computes them."""
    preds: dict[str, list[tuple[int, int, str]]] = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                preds[str(obj["id"])] = _spans(obj)
    c: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, Any] = {"pred": 0, "pred_touching_gold": 0, "missing_ids": 0, "records": 0}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            total["records"] += 1
            text = rec["text"]
            gold = _spans(rec)
            if str(rec["id"]) not in preds:
                total["missing_ids"] += 1
            pred = preds.get(str(rec["id"]), [])
            covered = bytearray(len(text))
            for s, e, _ in pred:
                s, e = max(0, s), min(len(text), e)
                covered[s:e] = b"\x01" * (e - s)
            total["pred"] += len(pred)
            total["pred_touching_gold"] += sum(1 for p in pred if any(_touch(p, g) for g in gold))
            for g in gold:
                label = g[2]
                if labels and label not in labels:
                    continue
                k = c[label]
                k["gold"] += 1
                idx = [i for i in range(g[0], g[1]) if not text[i].isspace()]
                k["leak_free"] += int(all(covered[i] for i in idx))
                k["overlap_r"] += int(any(_touch(g, p) and p[2] == label for p in pred))
            for p in pred:
                label = p[2]
                if labels and label not in labels:
                    continue
                c[label]["pred"] += 1
                c[label]["overlap_p"] += int(any(_touch(p, g) and g[2] == label for g in gold))
    report: dict[str, dict[str, Any]] = {}
    for label, k in sorted(c.items()):
        report[label] = {
            "gold": k["gold"],
            "pred": k["pred"],
            "leak_free_r": round(k["leak_free"] / k["gold"], 4) if k["gold"] else None,
            "overlap_r": round(k["overlap_r"] / k["gold"], 4) if k["gold"] else None,
            "overlap_p": round(k["overlap_p"] / k["pred"], 4) if k["pred"] else None,
        }
    total["redacted_p"] = round(total["pred_touching_gold"] / total["pred"], 4) if total["pred"] else None
    return report, total


def format_table(report: dict[str, dict[str, Any]], total: dict[str, Any]) -> str:
    """Return the table score.py prints."""
    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    lines = [f"{'label':<10} {'gold':>6} {'pred':>6} {'leak_free_r':>11} {'overlap_r':>9} {'overlap_p':>9}"]
    for label, r in report.items():
        lines.append(f"{label:<10} {r['gold']:>6} {r['pred']:>6} {f(r['leak_free_r']):>11} "
                     f"{f(r['overlap_r']):>9} {f(r['overlap_p']):>9}")
    lines.append(f"records {total['records']}  missing predictions {total['missing_ids']}  "
                 f"predicted spans {total['pred']}  touching gold {total['redacted_p']}")
    return "\n".join(lines)


def readability(gold_path: str, pred_path: str) -> dict[str, Any]:
    """Return how much the predictions hide where the gold says nothing is to hide."""
    with open(pred_path, encoding="utf-8") as f:
        preds = {str(o["id"]): _spans(o) for o in (json.loads(x) for x in f if x.strip())}
    out: dict[str, Any] = {"clean_chars": 0, "clean_pred": 0, "no_person_records": 0, "no_person_pred": 0}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            gold, pred = _spans(rec), preds.get(str(rec["id"]), [])
            if not gold:
                out["clean_chars"] += len(rec["text"])
                out["clean_pred"] += len(pred)
            if not any(g[2] == "PERSON" for g in gold):
                out["no_person_records"] += 1
                out["no_person_pred"] += sum(1 for p in pred if p[2] == "PERSON"
                                             and not any(_touch(p, g) for g in gold))
    out["spans_per_1000_chars"] = (
        round(1000 * out["clean_pred"] / out["clean_chars"], 3) if out["clean_chars"] else None)
    out["persons_per_20_records"] = (
        round(20 * out["no_person_pred"] / out["no_person_records"], 3) if out["no_person_records"] else None)
    return out


def format_readability(r: dict[str, Any]) -> str:
    """Return the readability line printed under the table."""
    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.2f}"

    return (f"readability: {f(r['spans_per_1000_chars'])} predicted spans per 1,000 characters of text "
            f"without identifiers ({r['clean_chars']:,} characters); {f(r['persons_per_20_records'])} "
            f"person proposals per 20 records without a person ({r['no_person_records']} records)")


def format_confident(report: dict[str, dict[str, Any]], total: dict[str, Any], legible: dict[str, Any],
                     threshold: float) -> str:
    """Return the line for spans proposed with evidence (score at or above the review threshold).

    The others are guesses: still proposed for masking, listed for the reviewer to confirm.
    """
    def f(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    recall = "  ".join(f"{label} {f(r['leak_free_r'])}" for label, r in report.items()
                       if label in ("PERSON", "LOCATION") and r["gold"])
    return (f"proposed with evidence (score >= {threshold}): {total['pred']} spans, touching gold "
            f"{f(total['redacted_p'])}; {f(legible['persons_per_20_records'])} person proposals per 20 "
            f"records without a person; leak-free with these alone: {recall or '-'}")
