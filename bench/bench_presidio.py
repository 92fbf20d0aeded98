"""Whole-process speed against Presidio on about 1 MB of English text, same run.

    .venv/bin/python bench/bench_presidio.py --presidio-python /path/to/other/venv/bin/python \
        [--model en_core_web_sm] [--text FILE.jsonl] [--size 1000000] [--repo OTHER_CHECKOUT]

Presidio is never a dependency of this project: it runs in another interpreter given on the
command line (a separate virtual environment with ``presidio-analyzer`` and, if available,
a spaCy model), as a child process, like this engine. Each side is timed from the start of
its process to its end (imports, word lists or model loading, and detection of every
paragraph), one after the other, on one core each.

The text: the ``text`` fields of a JSONL file (for example ``../shared/eval/en_uner_ewt_test.jsonl``,
read only to time, never to tune) or, without ``--text``, the synthetic testimony paragraphs of
``bench_redaction.py``; joined into paragraphs of about 2,000 characters and repeated up to
``--size`` characters. The text goes to a temporary file that is removed at the end.

If the spaCy model named by ``--model`` is not installed in the Presidio interpreter, Presidio
runs on spaCy's blank English pipeline (tokeniser only, no statistical NER): that is less work
than Presidio with a model, so the ratio printed is then a lower bound of the ratio against the
real thing, and the output says so. Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_OURS = """
import json, sys
from vault.redaction import detect
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    n += len(detect(json.loads(line), lang="en"))
print(n)
"""

_PRESIDIO = """
import json, sys
import spacy
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import SpacyNlpEngine
model = sys.argv[2]
try:
    spacy.load(model)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    kind = model
except OSError:
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_blank"}])
    engine.nlp = {"en": spacy.blank("en")}
    kind = "blank"
analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    n += len(analyzer.analyze(json.loads(line), language="en"))
print(n, kind)
"""


def paragraphs(source: Path | None, size: int) -> list[str]:
    """Return paragraphs of about 2,000 characters totalling about ``size`` characters."""
    if source is not None:
        with source.open(encoding="utf-8") as handle:
            sentences = [json.loads(x)["text"] for x in handle if x.strip()]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_redaction import corpus

        sentences = corpus("en", 200_000)
    out: list[str] = []
    current: list[str] = []
    total = length = 0
    while total < size:
        for sentence in sentences:
            current.append(sentence)
            length += len(sentence) + 1
            if length >= 2_000:
                out.append(" ".join(current))
                total += len(out[-1])
                current, length = [], 0
                if total >= size:
                    break
    return out


CPU_SECONDS: list[float] = []  # CPU seconds of each child run, in order (see main)


def run(argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> tuple[float, str]:
    """Return (wall seconds, standard output) of a child process pinned to one core.

    Its CPU seconds (user + system) are appended to ``CPU_SECONDS``: on a machine shared with
    other work, wall time stretches with the load, CPU time much less.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env, cwd=cwd,
                          preexec_fn=(lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
                          if hasattr(os, "sched_setaffinity") else None)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presidio-python", required=True, help="interpreter with presidio-analyzer")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy model for Presidio")
    parser.add_argument("--text", type=Path, help="JSONL file whose text fields are the corpus")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters")
    parser.add_argument("--repo", type=Path, help="time this checkout's code instead (a before/after comparison)")
    args = parser.parse_args()
    texts = paragraphs(args.text, args.size)
    chars = sum(len(t) for t in texts)
    repo = str(args.repo.resolve() if args.repo else Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryDirectory() as folder:
        corpus_file = Path(folder) / "corpus.jsonl"
        corpus_file.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=repo)
        # Run from the repository: "-c" puts the working directory first on the path, so a
        # bench started inside another checkout would otherwise time that checkout's code.
        ours, found = run([sys.executable, "-c", _OURS, str(corpus_file)], env, cwd=repo)
        theirs, out = run([args.presidio_python, "-c", _PRESIDIO, str(corpus_file), args.model])
    their_found, kind = out.split()
    print(f"{chars:,} characters in {len(texts)} paragraphs; load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"this engine: {ours:.1f} s whole process, {chars / ours:,.0f} characters/s, {found} spans")
    print(f"Presidio ({kind}): {theirs:.1f} s whole process, {chars / theirs:,.0f} characters/s, "
          f"{their_found} spans")
    bound = " (a lower bound: Presidio ran without a statistical model)" if kind == "blank" else ""
    print(f"ratio: this engine is {theirs / ours:.1f}x Presidio{bound}")
    mine, other = CPU_SECONDS[-2:]
    print(f"CPU seconds (user + system): this engine {mine:.1f}, Presidio {other:.1f}, ratio {other / mine:.1f}x")


if __name__ == "__main__":
    main()
