"""Released Korean reads as Korean: particles, labels, amounts; English stays English."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered
from vault.redaction import detect
from vault.redaction.particles import choose, final_sound
from vault.redaction.render import render
from vault.redaction.review import Action, Decision
from vault.redaction.spans import Span

# Every pair: (consonant form, vowel form).
PAIRS = [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("이나", "나"), ("아", "야"),
         ("이다", "다"), ("이었다", "였다"), ("이라고", "라고"), ("이랑", "랑"), ("이며", "며"),
         ("이든", "든"), ("이에요", "예요"), ("이었", "였")]


@pytest.mark.parametrize(("consonant", "vowel"), PAIRS)
def test_every_particle_pair_follows_the_last_sound(consonant: str, vowel: str) -> None:
    for written in (consonant, vowel):
        assert choose(written, "[인물]") == consonant      # 물: closed
        assert choose(written, "[나이]") == vowel          # 이: open
        assert choose(written, "인물 7") == consonant      # 칠: closed
        assert choose(written, "인물 2") == vowel          # 이: open
        assert choose(written, "장소 10") == consonant     # 십: closed


@pytest.mark.parametrize("written", ["으로", "로"])
def test_euro_ro_takes_ro_after_rieul_and_vowels(written: str) -> None:
    assert choose(written, "[장소]") == "로"       # 소: open
    assert choose(written, "[인물]") == "로"       # 물: ㄹ
    assert choose(written, "인물 8") == "로"       # 팔: ㄹ
    assert choose(written, "양강도 혜산") == "으로"  # 산: closed, not ㄹ
    assert choose(written, "장소 3") == "으로"      # 삼


def test_final_sound_reads_through_brackets_and_returns_none_for_symbols() -> None:
    assert final_sound("[기관]") == (True, False)
    assert final_sound("…") is None
    assert final_sound("Hyesan") == (True, False)


def _decide(text: str, surface: str, label: str, action: Action) -> Decision:
    start = text.index(surface)
    return Decision(Span(start, start + len(surface), label), action, "a")


@pytest.mark.parametrize(("text", "surface", "label", "expected"), [
    ("그때 스무 살이었습니다.", "스무 살", "AGE", "그때 [나이]였습니다."),
    ("이름은 김철수였고 키가 컸다.", "김철수", "PERSON", "이름은 [인물]이었고 키가 컸다."),
    ("김영희는 떠났다.", "김영희", "PERSON", "[인물]은 떠났다."),
    ("박철이 왔다.", "박철", "PERSON", "[인물]이 왔다."),
    ("중국을 거쳐 왔다.", "중국", "LOCATION", "[장소]를 거쳐 왔다."),
    ("보위부와 싸웠다.", "보위부", "ORG", "[기관]과 싸웠다."),
    ("010-1234-5678로 연락했다.", "010-1234-5678", "CONTACT", "[연락처]로 연락했다."),
])
def test_korean_masks_use_korean_labels_and_fix_the_particle(text: str, surface: str, label: str,
                                                             expected: str) -> None:
    assert render(text, [_decide(text, surface, label, Action.MASK)]) == expected


def test_pseudonym_particle_follows_the_number(pseudonym_key: bytes) -> None:
    text = "김영희는 떠났다."
    released = render(text, [_decide(text, "김영희", "PERSON", Action.PSEUDONYMISE)], pseudonym_key=pseudonym_key)
    number = released.split()[1].rstrip("은는")
    last = number[-1]
    expected = "은" if last in "01367 8".replace(" ", "") else "는"
    assert released == f"인물 {number}{expected} 떠났다."


def test_one_korean_name_does_not_turn_english_sentences_korean() -> None:
    text = "I met 김철수 in Hyesan. He was born in 1960."
    decisions = [_decide(text, "김철수", "PERSON", Action.MASK), _decide(text, "Hyesan", "LOCATION", Action.GENERALISE),
                 _decide(text, "1960", "DATE", Action.GENERALISE)]
    assert render(text, decisions) == "I met [PERSON] in Ryanggang. He was born in 1960."


def test_each_sentence_keeps_its_own_language() -> None:
    text = "I left from Hyesan. 저는 혜산에서 떠났습니다."
    decisions = [_decide(text, "Hyesan", "LOCATION", Action.MASK), _decide(text, "혜산", "LOCATION", Action.MASK)]
    assert render(text, decisions) == "I left from [LOCATION]. 저는 [장소]에서 떠났습니다."


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("She lived in Hyesan city until 2009.", "Hyesan", "She lived in Ryanggang until 2009."),
    ("We crossed near Hyesan County.", "Hyesan", "We crossed near Ryanggang."),
    ("나는 혜산시에서 자랐다.", "혜산", "나는 양강도에서 자랐다."),
])
def test_generalised_place_never_keeps_the_old_head_word(text: str, surface: str, expected: str) -> None:
    assert render(text, [_decide(text, surface, "LOCATION", Action.GENERALISE)]) == expected


def test_korean_amounts_read_naturally() -> None:
    text = "브로커에게 2만 위안을 줬다."
    spans = [s for s in detect(text) if s.label == "MONEY"]
    assert spans, "the amount is detected"
    released = render(text, [Decision(s, Action.GENERALISE, "a") for s in spans])
    assert released == "브로커에게 수만 위안을 줬다."
    assert not any(c.isdigit() for c in released)


@pytest.mark.parametrize(("text", "expected"), [
    ("He was born in Kilju county.", "He was born in North Hamgyong."),
    ("She fled to Hunchun city.", "She fled to Jilin."),
])
def test_place_with_its_head_word_generalises_without_it(text: str, expected: str) -> None:
    spans = [s for s in detect(text) if s.label == "LOCATION"]
    assert render(text, [Decision(s, Action.GENERALISE, "a") for s in spans]) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("북한 문건에는 제 이름이 리영희로 적혀 있었습니다.", "리영희"),
    ("가명은 김순옥으로 정했다.", "김순옥"),
    ("브로커 박철에게 돈을 주었다.", "박철"),
    ("본명은 최경희였다.", "최경희"),
])
def test_a_name_after_a_cue_leaves_its_particle_outside(text: str, name: str) -> None:
    """'이름이 리영희로 적혀': the name is 리영희; masking it keeps the particle ('[인물]로 적혀')."""
    persons = [text[s.start:s.end] for s in detect(text) if s.label == "PERSON"]
    assert name in persons and not [p for p in persons if p.startswith(name) and p != name], persons


@pytest.mark.parametrize("text", ["남동생은 가끔 010-1234-5678로 전화합니다.", "남동생은 가끔 +86 139 1234 5678로 전화합니다."])
def test_a_phone_number_keeps_its_particle(text: str) -> None:
    """The end of a phone number with a particle is not a street number ('5678로')."""
    spans = detect(text)
    assert [(text[s.start:s.end][-1], s.label) for s in spans] == [("8", "CONTACT")]
    assert render(text, [Decision(s, Action.MASK, "a") for s in spans]) == "남동생은 가끔 [연락처]로 전화합니다."


@pytest.mark.parametrize(("text", "expected"), [
    # A Korean particle right after a name says the replacement is read in Korean, whatever the sentence.
    ("[SYNTHETIC] 저는 2010년에 Yanji에서 Kim Myong-hui라는 브로커를 만났어요.",
     "[SYNTHETIC] 저는 2010년에 길림성에서 인물 7196이라는 브로커를 만났어요."),
    ('[SYNTHETIC] She said "우리 엄마는 혜산에 있어요" and started crying.',
     '[SYNTHETIC] She said "우리 엄마는 양강도에 있어요" and started crying.'),
    # The point of a number (2.8) ends no sentence: the English sentence stays English.
    ("[SYNTHETIC] He worked at the 2.8 complex (2.8비날론연합기업소) in Hamhung.",
     "[SYNTHETIC] He worked at the [DATE] complex ([ORG]) in South Hamgyong."),
])
def test_mixed_sentences_read_in_the_language_around_each_name(text: str, expected: str) -> None:
    assert rendered(text) == expected
