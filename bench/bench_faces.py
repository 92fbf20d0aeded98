"""Face-masking benchmark on the whole WIDER FACE subset in ../shared/eval/faces/.

Runs the product's photo pipeline (``vault.media``, default configuration) on every photo
and scores the regions really masked in the released JPEG. Prints:
- coverage: share of faces >= 32 px tall (at 1024 px long side) with >= 90 % of their
  pixels under a mask (target >= 0.97), overall and on the even/odd halves of the set;
- recall (same >= 90 % rule) by size bucket;
- false masks per photo (masks covering the centre of no annotated box);
- median and p90 time per photo whose long side is 1024 px: ``propose_masks`` (decode,
  three scales, rescan) and the whole ``redact_photo`` (plus mask, JPEG encode, recheck);
- peak resident memory of the process.

Usage: .venv/bin/python bench/bench_faces.py [--faces-dir DIR] [--limit N] [--json OUT]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import PIL  # noqa: E402

from vault.media import DEFAULT_CONFIG, DEFAULT_ENLARGEMENT, FaceDetector, propose_masks, redact_photo  # noqa: E402
from vault.media.coverage import BUCKETS, faces_from_annotation, score_photo  # noqa: E402
from vault.media.faces import MODEL_SHA256  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces-dir", type=Path, default=REPO_ROOT.parent / "shared" / "eval" / "faces")
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos (0: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    index = args.faces_dir / "boxes.jsonl"
    if not index.is_file():
        print(f"face set not found at {args.faces_dir}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]

    detector = FaceDetector()
    bucket_hits = {name: [0, 0] for name, _, _ in BUCKETS}
    halves = {"even": [0, 0], "odd": [0, 0]}
    false_masks: list[int] = []
    masks: list[int] = []
    detect_ms: list[float] = []
    release_ms: list[float] = []
    proposal_masks: list[int] = []
    detect_cpu_ms: list[float] = []  # CPU time of all threads: less sensitive to other load
    release_cpu_ms: list[float] = []
    for i, row in enumerate(rows):
        data = (args.faces_dir / row["image"]).read_bytes()
        start, cpu_start = time.perf_counter(), time.process_time()
        proposal = propose_masks(data, row["image"], detector)
        middle, cpu_middle = time.perf_counter(), time.process_time()
        released = redact_photo(data, row["image"], detector)  # what really leaves: JPEG, rechecked
        end, cpu_end = time.perf_counter(), time.process_time()
        if max(released.width, released.height) == 1024:
            detect_ms.append((middle - start) * 1000)
            release_ms.append((end - middle) * 1000)
            detect_cpu_ms.append((cpu_middle - cpu_start) * 1000)
            release_cpu_ms.append((cpu_end - cpu_middle) * 1000)
        proposal_masks.append(len(proposal.boxes))
        score = score_photo(
            faces_from_annotation(row["boxes"], row.get("attrs")),
            released.boxes,
            released.width,
            released.height,
        )
        false_masks.append(score.false_masks)
        masks.append(score.masks)
        half = halves["even" if i % 2 == 0 else "odd"]
        for face in score.faces:
            hits = bucket_hits[face.bucket]
            hits[0] += 1
            hits[1] += face.covered
            if face.height_at_reference >= 32:
                half[0] += 1
                half[1] += face.covered

    total = halves["even"][0] + halves["odd"][0]
    covered = halves["even"][1] + halves["odd"][1]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "photos": len(rows),
        "faces_ge_32px": total,
        "coverage_ge_32px": covered / total if total else float("nan"),
        "coverage_ge_32px_even_half": halves["even"][1] / max(halves["even"][0], 1),
        "coverage_ge_32px_odd_half": halves["odd"][1] / max(halves["odd"][0], 1),
        "recall_by_bucket": {name: {"faces": n, "covered": c / n if n else None} for name, (n, c) in bucket_hits.items()},
        "false_masks_per_photo": statistics.fmean(false_masks) if false_masks else 0.0,
        "masks_per_photo": statistics.fmean(masks) if masks else 0.0,
        "photos_1024": len(detect_ms),
        "median_ms_propose": statistics.median(detect_ms) if detect_ms else None,
        "p90_ms_propose": float(np.percentile(detect_ms, 90)) if detect_ms else None,
        "median_ms_redact": statistics.median(release_ms) if release_ms else None,
        "p90_ms_redact": float(np.percentile(release_ms, 90)) if release_ms else None,
        "median_cpu_ms_propose": statistics.median(detect_cpu_ms) if detect_cpu_ms else None,
        "median_cpu_ms_redact": statistics.median(release_cpu_ms) if release_cpu_ms else None,
        "load_average_at_end": os.getloadavg()[0],
        "peak_rss_mib": peak_mib,
        "config": {
            "scales": DEFAULT_CONFIG.scales,
            "thresholds": DEFAULT_CONFIG.thresholds,
            "nms_iou": DEFAULT_CONFIG.nms_iou,
            "enlargement": dataclasses.asdict(DEFAULT_ENLARGEMENT),
        },
        "versions": {
            "opencv": cv2.__version__,
            "numpy": np.__version__,
            "pillow": PIL.__version__,
            "model_sha256": MODEL_SHA256,
        },
    }
    _print(figures)
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


def _print(f: dict[str, object]) -> None:
    print(f"photos: {f['photos']}   faces >= 32 px: {f['faces_ge_32px']}")
    print(
        f"coverage (>= 90% of pixels masked), faces >= 32 px: {f['coverage_ge_32px']:.4f}   "
        f"(even half {f['coverage_ge_32px_even_half']:.4f}, odd half {f['coverage_ge_32px_odd_half']:.4f}; target 0.97)"
    )
    print("recall by size (height at 1024 px long side):")
    for name, entry in f["recall_by_bucket"].items():  # type: ignore[attr-defined]
        share = entry["covered"]
        print(f"  {name:<13} {entry['faces']:>5} faces   {share:.4f}" if share is not None else f"  {name}: none")
    print(f"false masks per photo: {f['false_masks_per_photo']:.2f}   masks per photo: {f['masks_per_photo']:.2f}")
    print(
        f"time per 1024 px photo ({f['photos_1024']} photos), one process: "
        f"propose_masks (decode, 3 scales, rescan) median {f['median_ms_propose']:.0f} ms, p90 {f['p90_ms_propose']:.0f} ms; "
        f"redact_photo (all of it + JPEG encode and recheck) median {f['median_ms_redact']:.0f} ms, "
        f"p90 {f['p90_ms_redact']:.0f} ms   (load average {f['load_average_at_end']:.1f} on {os.cpu_count()} CPUs)"
    )
    print(
        f"CPU time (all threads) per 1024 px photo: propose_masks median {f['median_cpu_ms_propose']:.0f} ms, "
        f"redact_photo median {f['median_cpu_ms_redact']:.0f} ms"
    )
    print(f"peak RSS: {f['peak_rss_mib']:.0f} MiB")
    print(f"config: {f['config']}")
    print(f"versions: {f['versions']}")


if __name__ == "__main__":
    raise SystemExit(main())
