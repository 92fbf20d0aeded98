"""Redaction engine throughput on one core, and peak memory.

    .venv/bin/python bench/bench_redaction.py [--seconds 5]

Runs ``vault.redaction.detect`` over synthetic English and Korean testimony-like text
(fictional names and places; no evaluation data), single-threaded, after a warm-up that
loads the word lists and the Korean model (start-up time is printed apart). Prints
characters per second and peak memory; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import time
import tracemalloc

from vault.redaction import detect

EN_TEMPLATES = (
    "In the spring of {year} {name} crossed the Tumen near {place} with a broker called {name2}.",
    "My uncle {name2} worked at the {place} textile mill until the State Security Department came.",
    "We paid {money} yuan to Mr. {surname} and waited three weeks in Yanji before the bus to Kunming.",
    "She was {age} years old when the guards of Camp 15 took her mother to Yodok.",
    "Call me on +86 139 {d4} {d4} or write to {surname}.{d4}@example.org after {month} {day}.",
    "The food was scarce that winter and the market in {place} closed every afternoon.",
)
KO_TEMPLATES = (
    "{year}년 봄에 {kname} 씨는 브로커 {ksurname}모 씨와 함께 {kplace}에서 두만강을 건넜다.",
    "우리 {kname2} 언니는 {kplace} 방직공장에서 일하다가 보위부에 끌려갔습니다.",
    "브로커에게 {money}위안을 주고 연길에서 3주 동안 기다렸다가 곤명으로 갔어요.",
    "그때 저는 {kage} 살이었고 어머니는 15호 관리소로 끌려가셨습니다.",
    "연락처는 010-{d4}-{d4}이고 위챗 아이디는 hyesan{d2}입니다.",
    "그해 겨울은 식량이 모자라서 장마당도 오후에는 문을 닫았다.",
)
EN_NAMES = ("Ri Chol-ho", "Pak Sun-hui", "Kim Yong-su", "Choe Myong-ok", "Han Song-il")
EN_PLACES = ("Hyesan", "Musan", "Hoeryong", "Onsong", "Chongjin", "Kapsan")
KO_NAMES = ("리철호", "박순희", "김영수", "최명옥", "한성일")
KO_PLACES = ("혜산", "무산", "회령", "온성", "청진", "갑산")
KO_AGES = ("스물세", "열아홉", "서른두", "마흔")


def corpus(lang: str, size: int, seed: int = 7) -> list[str]:
    """Return paragraphs of fictional testimony text totalling about ``size`` characters."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    templates = EN_TEMPLATES if lang == "en" else KO_TEMPLATES
    while total < size:
        sentences = []
        for _ in range(8):
            sentences.append(rng.choice(templates).format(
                year=rng.randint(1995, 2015), name=rng.choice(EN_NAMES), name2=rng.choice(EN_NAMES),
                surname=rng.choice(("Ri", "Pak", "Kim", "Choe")), place=rng.choice(EN_PLACES),
                money=rng.choice(("19,000", "8,000", "30,000")), age=rng.randint(15, 60),
                d4=rng.randint(1000, 9999), d2=rng.randint(10, 99), month="March", day=rng.randint(1, 28),
                kname=rng.choice(KO_NAMES), kname2=rng.choice(KO_NAMES), ksurname=rng.choice("김리박최"),
                kplace=rng.choice(KO_PLACES), kage=rng.choice(KO_AGES)))
        paragraph = " ".join(sentences)
        out.append(paragraph)
        total += len(paragraph)
    return out


def measure(lang: str, seconds: float) -> tuple[float, float, int]:
    """Return (characters per wall second, per CPU second, characters processed).

    CPU seconds of this process are what "one core" means; wall seconds also count
    time the process waited for a core on a busy machine.
    """
    texts = corpus(lang, 200_000)
    chars = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for text in texts:
            detect(text, lang=lang)
            chars += len(text)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return chars / wall, chars / cpu, chars


def measure_kiwi(seconds: float) -> float:
    """Characters per CPU second of Kiwi's tokenisation alone, on the same Korean text.

    The baseline for the Korean figure: what the analysis costs before any detector runs.
    """
    from vault.redaction._kiwi import _analyser

    kiwi = _analyser()
    texts = corpus("ko", 200_000)
    chars = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for text in texts:
            kiwi.tokenize(text)
            chars += len(text)
    return chars / (time.process_time() - cpu_started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per language")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    started = time.perf_counter()
    detect("준비 Ready 김철수 Kim", lang="auto")
    print(f"start-up (word lists, gazetteer, Korean model): {time.perf_counter() - started:.2f} s")
    for lang, target in (("en", 200_000), ("ko", 50_000)):
        wall, cpu, chars = measure(lang, args.seconds)
        print(f"{lang}: {cpu:,.0f} characters per CPU second on one core "
              f"(target {target:,}; ratio {cpu / target:.2f}); {wall:,.0f} per wall second; "
              f"{chars:,} characters")
        if lang == "ko":
            kiwi = measure_kiwi(args.seconds)
            print(f"ko baseline, Kiwi tokenisation alone: {kiwi:,.0f} characters per CPU second; "
                  f"the whole engine runs at {cpu / kiwi:.2f} of it")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
    tracemalloc.start()
    for text in corpus("ko", 20_000) + corpus("en", 20_000):
        detect(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak traced Python memory during detection: {peak / 2**20:.1f} MiB; "
          f"peak RSS of the process (incl. Kiwi model): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
