"""The synthetic testimony generator: valid records, obviously fictional, deterministic."""
from __future__ import annotations

import random
import re
import secrets
from importlib import resources
from pathlib import Path

import pytest

from cli.demo.synthetic import generate, generate_one, korean_particle
from vault import schema, store, testimonies
from vault.errors import InvalidInput
from vault.records import parse

BANNERS = {"en": "[SYNTHETIC DEMO — FICTIONAL PERSON AND EVENTS]", "ko": "[가상 시연 자료 — 실존 인물·사건 아님]"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KIN_EN = ("mother|father|older brother|older sister|younger brother|younger sister|husband|wife|aunt|uncle|cousin")
KIN_KO = "어머니|아버지|오빠|형|언니|누나|남동생|여동생|남편|아내|이모|삼촌|사촌"
# "my aunt, Soon-hee Jun" / "my cousin is called Ri Chol Su" / "my wife Kim Un-ju"
RELATIVE_EN = re.compile(rf"\b[Mm]y (?:{KIN_EN})(?:,| is called| is)? ((?:[A-Z][a-z'-]*)(?: [A-Z][a-z'-]*){{1,2}})")
RELATIVE_KO = re.compile(rf"(?:^|[\s,])(?:{KIN_KO}) (?:이름은 )?([가-힣]{{3}})(?=[\s,.]|[은는이가을를과와]|입니다|$)")
RECORDS = generate(400, seed=11)


@pytest.fixture(scope="module")
def violation_codes() -> set[str]:
    sql = resources.files("vault").joinpath("migrations", "0001_initial.sql").read_text("utf-8")
    return set(re.findall(r"\('([a-z_]+)', '[^']*', '[^']*'\)", sql))


def test_every_record_parses_as_testimony_add_json() -> None:
    """Each generated dict is accepted by the same strict parser as `testimony add`."""
    for record in RECORDS:
        parsed = parse(record)
        assert parsed.text == record["text"]
        assert parsed.witness.name == record["witness"]["name"]


def test_every_text_starts_with_the_fictional_banner() -> None:
    """Nobody can mistake a synthetic text for real testimony: the banner comes first."""
    for record in RECORDS:
        assert record["text"].startswith(BANNERS[record["language"]] + "\n\n")


def test_same_seed_same_records_other_seed_other_records() -> None:
    """Generation is deterministic for a seed and varies between seeds."""
    assert generate(30, seed=11) == RECORDS[:30]
    assert generate(30, seed=12) != RECORDS[:30]


def test_generate_one_uses_only_the_given_rng() -> None:
    """Two generators with equal seeds produce the same record."""
    assert generate_one(random.Random(5), "ko") == generate_one(random.Random(5), "ko")


def test_languages_alternate_and_korean_records_contain_hangul() -> None:
    """Both languages are produced; Korean texts and names are written in Hangul."""
    languages = [r["language"] for r in RECORDS]
    assert languages[:4] == ["en", "ko", "en", "ko"]
    for record in RECORDS:
        if record["language"] == "ko":
            assert len(HANGUL.findall(record["text"])) > 100
            assert HANGUL.fullmatch(record["witness"]["name"][0])
    assert {r["language"] for r in generate(5, seed=1, languages=("ko",))} == {"ko"}


def test_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidInput, match="en, ko"):
        generate(1, languages=("fr",))
    with pytest.raises(InvalidInput):
        generate_one(random.Random(0), "ja")


def test_witness_name_is_in_text_and_sensitive_terms() -> None:
    for record in RECORDS:
        name = record["witness"]["name"]
        assert name in record["text"]
        assert name in record["sensitive_terms"]


def test_relatives_names_are_in_sensitive_terms() -> None:
    """Every relative named after a kinship word ("my aunt, Soon-hee Jun", "삼촌 양명철") is protected."""
    found = 0
    for record in RECORDS:
        pattern = RELATIVE_KO if record["language"] == "ko" else RELATIVE_EN
        names = pattern.findall(record["text"])
        assert len(set(names)) >= 2, record["text"][:400]
        for name in names:
            assert name in record["sensitive_terms"], name
        found += len(names)
    assert found >= 2 * len(RECORDS)


def test_every_sensitive_term_and_alias_occurs_in_the_text() -> None:
    for record in RECORDS:
        for term in record["sensitive_terms"] + record["witness"]["aliases"]:
            assert term in record["text"]


def test_events_use_the_controlled_violation_types(violation_codes: set[str]) -> None:
    seen = {e["violation_type"] for r in RECORDS for e in r["events"]}
    assert seen <= violation_codes
    assert len(seen) >= 10


def test_texts_are_varied_not_one_template() -> None:
    """Lengths, paragraph openings and event combinations differ between records."""
    lengths = [len(r["text"]) for r in RECORDS]
    assert min(lengths) < 800 and max(lengths) > 2000
    openings = {r["text"].split("\n\n")[1][:12] for r in RECORDS if r["language"] == "en"}
    assert len(openings) >= 8
    combos = {tuple(sorted({e["violation_type"] for e in r["events"]})) for r in RECORDS}
    assert len(combos) >= 30


def test_texts_carry_dates_ages_money_and_phones() -> None:
    """The material redaction must handle appears: dates, ages, yuan, phone numbers."""
    en = "\n".join(r["text"] for r in RECORDS if r["language"] == "en")
    ko = "\n".join(r["text"] for r in RECORDS if r["language"] == "ko")
    assert re.search(r"(January|March|May|July|October|December) (19|20)\d\d", en)
    assert re.search(r"\b\d{1,2},? ?\d{3} (yuan|RMB)", en)
    assert re.search(r"aged \d\d|\d\d years old", en)
    assert re.search(r"(19|20)\d\d년 \d{1,2}월", ko)
    assert re.search(r"(스물|서른|마흔)[가-힣]* 살", ko)
    assert re.search(r"만 [0-9]*천? ?위안|만 위안", ko)
    assert re.search(r"010-\d{4}-\d{4}|\+86 1\d\d \d{4} \d{4}", en + ko)
    assert "혜산" in ko and "Hyesan" in en


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("혜산", "으로", "으로"),  # final ㄴ
        ("연길", "으로", "로"),  # final ㄹ takes 로
        ("철수", "은", "는"),
        ("명철", "이", "이"),
        ("진메이(金梅)", "이라", "라"),  # the parenthesis is skipped
        ("2만 위안", "을", "을"),
        ("3천 달러", "을", "를"),
        ("133-8616-8363", "이었", "이었"),  # 삼 ends in a consonant
        ("010-1234-5672", "이었", "였"),  # 이 does not
    ],
)
def test_korean_particles_follow_the_last_syllable(word: str, particle: str, expected: str) -> None:
    assert korean_particle(word, particle) == expected


def test_records_ingest_and_are_found_by_search(tmp_path: Path) -> None:
    """Synthetic records go through testimonies.add and full-text search finds their names and places."""
    conn = store.connect(tmp_path / "vault.db", secrets.token_bytes(32))
    try:
        schema.migrate(conn)
        records = generate(20, seed=3)
        for record in records:
            testimonies.add(conn, parse(record), actor="U-test")
        assert len(testimonies.list_all(conn)) == 20
        for record in records[:6]:
            name = record["witness"]["name"]
            assert testimonies.search(conn, name), name
    finally:
        conn.close()
