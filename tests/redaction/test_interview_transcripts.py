"""Interview transcripts and their headers (made-up lines): speaker labels, names cut to an initial or
a placeholder, nicknames, the interview's date. What a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize(("text", "expected"), [
    # A surname with its initials names the interviewer.
    ("[SYNTHETIC] Interviewer (Park J.): Do you remember the guard?",
     "[SYNTHETIC] Interviewer (Person 7899): Do you remember the guard?"),
    ("[SYNTHETIC] Kim S.H. testified in Seoul.", "[SYNTHETIC] Person 577 testified in South Korea."),
    # A nickname in quotes, with its article, is a name.
    ('[SYNTHETIC] We called him "the Bear". I never knew his real name.',
     '[SYNTHETIC] We called him "Person 2092". I never knew his real name.'),
    # The period of "p.m." or of an initial also ended the sentence: it stays after the replacement.
    ("[SYNTHETIC] Interview date: 12 May 2023, 2 p.m. Location: an office.",
     "[SYNTHETIC] Interview date: 2023. Location: an office."),
    ("[SYNTHETIC] I met Park J. He was kind.", "[SYNTHETIC] I met Person 7899. He was kind."),
    # A surname before a placeholder (김OO, 박○○) is a person already half hidden; the role before stays.
    ("[SYNTHETIC] 면담자 김OO: 그 사람 이름이 기억나세요?", "[SYNTHETIC] 면담자 인물 5947: 그 사람 이름이 기억나세요?"),
    ("[SYNTHETIC] 증언자 이XX는 말했다.", "[SYNTHETIC] 증언자 인물 1116은 말했다."),
    ("[SYNTHETIC] 박○○ 씨가 말했다.", "[SYNTHETIC] 인물 9843 씨가 말했다."),
])
def test_transcript_lines_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] 계호원 이름은 모르고 다들 무서워했어요.",  # a guard: a kind of person, no name
    "[SYNTHETIC] 면담자: 언제 처음 탈북하셨어요?",
    "[SYNTHETIC] She called the police.",
    "[SYNTHETIC] We met at the park. He said nothing.",
])
def test_roles_and_common_words_stay(text: str) -> None:
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # 리 opening a name is the surname, not a village; the familiar -이 is the name's, 가 is grammar.
    ("[SYNTHETIC] 보위원 리명철이가 저를 때렸어요.", "[SYNTHETIC] 보위원 인물 725가 저를 때렸어요."),
    # After a name called out, an adverb is no second name.
    ("[SYNTHETIC] 순희야, 빨리 와!", "[SYNTHETIC] 인물 113아, 빨리 와!"),
    # After a closed syllable the copula is 이에요: the name is 박정순, and the number takes 이에요 or 예요.
    ("[SYNTHETIC] 어머니 성함은 박정순이에요.", "[SYNTHETIC] 어머니 성함은 인물 6191이에요."),
    # A name called out in quotes, though the analyser misreads it.
    ('[SYNTHETIC] 할머니가 "복순아" 하고 부르셨어요.', '[SYNTHETIC] 할머니가 "인물 1343아" 하고 부르셨어요.'),
    # A one-syllable name with its familiar -이 keeps the particle after it.
    ("[SYNTHETIC] 친구 옥이가 밀고했어요.", "[SYNTHETIC] 친구 인물 482가 밀고했어요."),
    # A child called is no name.
    ("[SYNTHETIC] 아이야 하고 불렀다.", "[SYNTHETIC] 아이야 하고 불렀다."),
])
def test_names_said_in_speech(text: str, expected: str) -> None:
    assert rendered(text) == expected
