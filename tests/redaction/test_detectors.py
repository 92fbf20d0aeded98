"""One or more cases per detector: what each must find, and what it must leave."""
from __future__ import annotations

import pytest

from vault.redaction.detectors.ages import AgeDetector
from vault.redaction.detectors.contacts import ContactDetector
from vault.redaction.detectors.cue_names import CueNameDetector
from vault.redaction.detectors.dates import DateDetector
from vault.redaction.detectors.english_names import EnglishNameDetector
from vault.redaction.detectors.id_numbers import IdNumberDetector
from vault.redaction.detectors.korean_proper_nouns import KoreanProperNounDetector
from vault.redaction.detectors.korean_surnames import KoreanSurnameDetector
from vault.redaction.detectors.money import MoneyDetector
from vault.redaction.detectors.organisations import OrganisationDetector
from vault.redaction.detectors.places import GazetteerDetector
from vault.redaction.detectors.romanised_names import RomanisedNameDetector
from vault.redaction.detectors.sensitive_terms import SensitiveTermsDetector
from vault.redaction.spans import Span


def found(detector: object, text: str) -> list[str]:
    spans: list[Span] = list(detector.detect(text))  # type: ignore[attr-defined]
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.detector
    return [text[s.start:s.end] for s in spans]


def covers(detector: object, text: str, needle: str) -> bool:
    """Return True when every character of ``needle`` (first occurrence) is inside a span."""
    start = text.index(needle)
    covered: set[int] = set()
    for s in detector.detect(text):  # type: ignore[attr-defined]
        covered.update(range(s.start, s.end))
    return all(i in covered for i in range(start, start + len(needle)) if not text[i].isspace())


# --- Korean names in Hangul ----------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("박씨는 그날 밤 강을 건넜다.", "박씨"),
    ("김모 씨가 브로커였다.", "김모 씨"),
    ("최 아무개라는 사람이 왔다.", "최 아무개"),
    ("A씨는 중국에서 일했다.", "A씨"),
    ("B(34)씨가 도와주었다.", "B"),
    ("주진모(33)가 말했다.", "주진모"),
])
def test_korean_surname_rules(text: str, needle: str) -> None:
    """Surname + 씨/모/아무개, letters used as names, name before an age."""
    assert covers(KoreanSurnameDetector(), text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("김철수는 1998년에 떠났다.", "김철수"),
    ("마틴 프리먼 널 사랑해", "마틴 프리먼"),
    ("서울 강서구 외발산동 버스차고지에 불을 질렀다.", "서울 강서구 외발산동 버스차고지"),
    ("지린(吉林)성에서 살았다.", "지린(吉林)성"),
])
def test_korean_proper_nouns(text: str, needle: str) -> None:
    """Kiwi proper nouns widened to their noun phrase."""
    assert covers(KoreanProperNounDetector(), text, needle)


def test_korean_proper_nouns_skip_latin_text() -> None:
    """Without Hangul the Korean analyser is not run at all."""
    assert found(KoreanProperNounDetector(), "No Korean here.") == []


# --- Names after cues --------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("We paid broker Li and Mr. Paek.", "Li"),
    ("We paid broker Li and Mr. Paek.", "Paek"),
    ("Uncle Chol-ho drove us", "Chol-ho"),
    ("a woman named sun-hui helped", "sun-hui"),
    ("영희 언니가 먼저 갔다.", "영희"),
    ("김 실장의 지시였다.", "김 실장"),
    ("보위부 박 지도원이 왔다.", "박"),
])
def test_cue_names(text: str, needle: str) -> None:
    """Names next to titles, honorifics and kinship words, in English and Korean."""
    assert covers(CueNameDetector(), text, needle)


def test_cue_names_common_noun_before_kinship_is_not_a_name() -> None:
    """'친구 언니' (a friend's sister) names nobody."""
    assert "친구" not in found(CueNameDetector(), "친구 언니가 왔다.")


# --- Romanised names ---------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "Kim Chol-su", "Ri Chol Su", "Lee Cheol-su", "Pak Yong-ho", "Choe Un-hui", "Jong Song-il",
    "Rhee Chul-soo", "Chung Hyun", "Kim Cholsu", "Chol-su Kim", "Wang Xiuying", "Piao Chunhua",
])
def test_romanised_names(name: str) -> None:
    """Korean surnames in any system with a romanised given name; pinyin names."""
    text = f"The guard said {name} had gone."
    assert covers(RomanisedNameDetector(), text, name)


def test_hanzi_names() -> None:
    """A common Chinese surname character with one or two more."""
    assert covers(RomanisedNameDetector(), "联系人：王秀英。", "王秀英")


def test_romanised_names_leave_ordinary_words() -> None:
    """'Park Street' and 'Lee said' are not a surname + given name pair."""
    assert found(RomanisedNameDetector(), "We walked down Park Street and Lee said no.") == []


# --- English names -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("I met you at the conference last week in Houston.", "Houston"),
    ("Yesterday Hilary E. Ackermann called.", "Hilary E. Ackermann"),
    ("It was before Bin Laden left.", "Bin Laden"),
    ("Pat had told me before he left.", "Pat"),
    ("Mike", "Mike"),
    ("He now lectures in the U.S. and visits often.", "U.S."),
])
def test_english_names(text: str, needle: str) -> None:
    """Capitalised names, initials, name-verb openings, signatures, abbreviations."""
    assert covers(EnglishNameDetector(), text, needle)


def test_english_names_leave_common_words() -> None:
    """Sentence openings and title-case headings of common words are not names."""
    assert found(EnglishNameDetector(), "The food was great. Best Pizza In Town") == []


# --- Places ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("We crossed near Hyesan in winter.", "Hyesan"),
    ("She was held in Chŏngjin, then Hoeryong.", "Chŏngjin"),
    ("She was held in Chŏngjin, then Hoeryong.", "Hoeryong"),
    ("양강도 혜산시에서 태어났다.", "양강도"),
    ("량강도 혜산시에서 태어났다.", "혜산시"),
    ("He spent years in Camp 15.", "Camp 15"),
    ("15호 관리소에 수감되었다.", "15호 관리소"),
    ("我们从图们过江。", "图们"),
    ("They reached Vientiane by bus.", "Vientiane"),
])
def test_gazetteer(text: str, needle: str) -> None:
    """Places in Hangul (North and South spellings), romanisations, Hanzi, camps."""
    assert covers(GazetteerDetector(), text, needle)


def test_gazetteer_ambiguous_base_needs_a_suffix() -> None:
    """'온천' (hot spring) alone is a word; '위원' needs 군 to be Wiwon county."""
    assert found(GazetteerDetector(), "온천에 갔다. 위원회 회의") == []
    assert "위원군" in found(GazetteerDetector(), "자강도 위원군에서")


# --- Dates, ages, money --------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("In March 2008 we left.", "March 2008"),
    ("on 12 May 1998", "12 May 1998"),
    ("2008년 3월에 떠났다.", "2008년 3월"),
    ("지난 6일부터 걸었다.", "지난 6일"),
    ("80년대 초반", "80년대 초반"),
    ("작년 말에 잡혔다.", "작년 말"),
    ("in the spring of 2009", "spring of 2009"),
    ("for three years", "three years"),
])
def test_dates(text: str, needle: str) -> None:
    """Dates, periods and durations in English and Korean."""
    assert covers(DateDetector(), text, needle)


def test_dates_leave_modal_may() -> None:
    """Lower-case 'may' is a verb, not a month."""
    assert found(DateDetector(), "You may go.") == []


@pytest.mark.parametrize(("text", "needle"), [
    ("I was 23 years old.", "23 years old"),
    ("aged 17, she left", "aged 17"),
    ("스물세 살 때였다.", "스물세 살"),
    ("만 17세에 입대했다.", "만 17세"),
    ("He was in his early twenties.", "in his early twenties"),
])
def test_ages(text: str, needle: str) -> None:
    """Ages in figures and words, English and Korean."""
    assert covers(AgeDetector(), text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("We paid 19,000 yuan.", "19,000 yuan"),
    ("It cost $3,000 to cross.", "$3,000"),
    ("만 위안을 주었다.", "만 위안"),
    ("브로커에게 300만원을 냈다.", "300만원"),
])
def test_money(text: str, needle: str) -> None:
    """Amounts with a currency."""
    assert covers(MoneyDetector(), text, needle)


# --- Contacts and identity numbers ---------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("Call +86 139 1234 5678 now", "+86 139 1234 5678"),
    ("연락처는 010-1234-5678 입니다", "010-1234-5678"),
    ("Mail kim.cs@example.org today", "kim.cs@example.org"),
    ("see https://example.com/path?x=1.", "https://example.com/path?x=1"),
    ("my wechat: kimcs_88 please", "kimcs_88"),
    ("카카오톡 아이디 hyesan77 로", "hyesan77"),
    ("QQ 123456789", "123456789"),
    ("Office 0490 75 40 81", "0490 75 40 81"),
])
def test_contacts(text: str, needle: str) -> None:
    """Phones of many regions, e-mail, URLs and messenger handles."""
    assert covers(ContactDetector(), text, needle)


def test_rrn_checksum_scores() -> None:
    """A valid resident registration number scores 1.0; a bad checksum is kept, lower."""
    det = IdNumberDetector()
    valid = "800101-1000008"  # checksum digit computed by the published rule
    spans = [s for s in det.detect(f"RRN {valid}") if s.reason.startswith("South Korean")]
    assert spans and spans[0].score == 1.0
    bad = [s for s in det.detect("RRN 800101-1000001") if s.reason.startswith("South Korean")]
    assert bad and bad[0].score < 1.0


def test_chinese_id_checksum() -> None:
    """A Chinese resident ID with a valid ISO 7064 check character scores 1.0."""
    spans = [s for s in IdNumberDetector().detect("ID 11010519491231002X ok")
             if s.reason.startswith("Chinese")]
    assert spans and spans[0].score == 1.0


@pytest.mark.parametrize(("text", "needle"), [
    ("passport M12345678 issued", "M12345678"),
    ("SSN 460-89-9847", "460-89-9847"),
    ("차량 12가 3456 이었다", "12가 3456"),
    ("plate 吉A12345 seen", "吉A12345"),
])
def test_id_numbers(text: str, needle: str) -> None:
    """Passports, SSN-shaped numbers and vehicle plates."""
    assert covers(IdNumberDetector(), text, needle)


# --- Organisations -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "needle"), [
    ("온성군 보위부에 끌려갔다.", "온성군 보위부"),
    ("혜산청년광산에서 일했다.", "혜산청년광산"),
    ("He served in Unit 10215 for years.", "Unit 10215"),
    ("the Ministry of State Security questioned her", "Ministry of State Security"),
    ("bowibu agents came", "bowibu"),
])
def test_organisations(text: str, needle: str) -> None:
    """Security organs, work units and military units."""
    assert covers(OrganisationDetector(), text, needle)


# --- Sensitive terms -----------------------------------------------------------------

@pytest.mark.parametrize("variant", [
    "Kim Chol-su", "KIM CHOLSU", "kim chol su", "Gim Cheol-su", "Kim Chul-soo", "김철수", "김 철수",
])
def test_sensitive_terms_variants(variant: str) -> None:
    """A Hangul term is found in its romanisations and spacing variants."""
    text = f"Later {variant} was caught."
    assert covers(SensitiveTermsDetector(["김철수"]), text, variant)


def test_sensitive_terms_north_korean_spelling() -> None:
    """리철수 (North Korean spelling) also finds 이철수 and the given name alone."""
    det = SensitiveTermsDetector(["리철수"])
    assert covers(det, "이철수가 왔다.", "이철수")
    assert covers(det, "철수가 왔다.", "철수")


def test_sensitive_terms_with_labels_through_detect() -> None:
    """Terms may carry their label; an unknown label is refused."""
    from vault.errors import RedactionError
    from vault.redaction import detect

    text = "She came from Sinpa-ri near the river."
    spans = detect(text, sensitive_terms=[("Sinpa-ri", "LOCATION")])
    assert any(s.label == "LOCATION" and text[s.start:s.end] == "Sinpa-ri" for s in spans)
    with pytest.raises(RedactionError):
        detect(text, sensitive_terms=[("Sinpa-ri", "VILLAGE")])


def test_long_korean_text_is_analysed_in_chunks_with_right_offsets() -> None:
    """Long texts are cut at sentence ends for Kiwi; offsets still point into the text."""
    from vault.redaction._kiwi import _chunks, analyse

    text = "그는 혜산에서 왔다. " * 200 + "\n마지막으로 김철수가 말했다."
    chunks = _chunks(text)
    assert len(chunks) > 1
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    for m in analyse(text):
        assert text[m.start:m.end].strip()
    assert covers(KoreanProperNounDetector(), text, "김철수")


@pytest.mark.parametrize("stretch", ["혜산" * 6000, "혜산 " * 4000, "─" * 9000])
def test_a_long_stretch_with_no_sentence_end_is_still_cut(stretch: str) -> None:
    """A pasted text with no full stop (or no space at all) reaches Kiwi in bounded pieces.

    Kiwi's time grows faster than the length of one input: a million characters in one
    piece kept a workbench page busy for minutes. Pieces end at a space where there is one.
    """
    from vault.redaction._kiwi import _LONGEST, _chunks

    text = "김철수가 말했다. " + stretch + " 끝."
    chunks = _chunks(text)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    assert max(end - start for start, end in chunks) <= _LONGEST
    if " " in stretch:
        assert all(text[end - 1] == " " for _, end in chunks[:-1])

def test_address_numbers() -> None:
    """Lot numbers and street numbers of Korean addresses are places."""
    text = "서울 서초구 서초동 1628-1번지에 있다. 국도 14호선"
    assert covers(GazetteerDetector(), text, "1628-1번지")
    assert covers(GazetteerDetector(), text, "14호선")


def test_names_joined_by_a_connector_become_one_span() -> None:
    """김포∼제주: no connector is left readable between two masks."""
    from vault.redaction import detect

    text = "김포∼제주 노선은 혜산-장백 길과 다르다."
    spans = detect(text)
    assert any(text[s.start:s.end] == "김포∼제주" for s in spans)


def test_app_names_that_are_words_need_an_id_shape() -> None:
    """'line encyclopedia' and 'signal strength' are not messenger handles."""
    assert found(ContactDetector(), "see the line encyclopedia for signal strength") == []


def test_vocative_marks_a_name() -> None:
    """A noun before the vocative particle is someone addressed by name."""
    assert covers(KoreanSurnameDetector(), "샛별아, 빨리 와!", "샛별")


def test_list_items_next_to_a_person_are_persons() -> None:
    """In a list that holds a person's name, the other short items are names too."""
    from vault.redaction.lists import list_items
    from vault.redaction.spans import Span as S

    text = "김철수, 보람, 한결 등이 왔다. 사과, 배, 포도"
    found_items = list_items(text, [S(0, 3, "PERSON")])
    assert [text[s.start:s.end] for s in found_items] == ["보람", "한결"]
    assert list_items("사과, 포도, 배추", []) == []


@pytest.mark.parametrize("text", ["그 말을 이해 못 했다.", "오해였다.", "이 일을 맡았다.", "현재 살고 있다.",
                                  "최근 들었다.", "당시 그는 떠났다.", "앞서 말했듯이"])
def test_korean_words_that_look_like_durations_or_times_are_not_dates(text: str) -> None:
    """Sino-Korean numeral + 해/달, a determiner before 일/주, and words that point at a time
    only from where the speaker stands (현재, 최근, 당시, 앞서) narrow nothing down."""
    assert not [s for s in DateDetector().detect(text)]


@pytest.mark.parametrize("text,needle", [("두 해 동안 숨어 살았다.", "두 해"), ("삼주 뒤에 떠났다.", "삼주"),
                                         ("일일 박스오피스", "일일"), ("이틀 뒤", "이틀")])
def test_korean_durations_still_found(text: str, needle: str) -> None:
    assert covers(DateDetector(), text, needle)


def test_clauses_between_commas_are_not_list_items() -> None:
    """Items with endings, particles or verbs are clauses: a comma between them is no list."""
    from vault.redaction.lists import list_items
    from vault.redaction.spans import Span as S

    text = "[SYNTHETIC] 김철수, 휴교령을 내렸으며, 보람 등이 왔다."
    start = text.index("김철수")
    found_items = list_items(text, [S(start, start + 3, "PERSON")])
    assert [text[s.start:s.end] for s in found_items] == ["보람"]


def test_short_unknown_name_taken_whole() -> None:
    """A three-syllable word opening with a surname is taken whole when Kiwi cuts it."""
    text = "처음에는 단지 배두나 몸 보려고 봤다가"
    assert covers(KoreanProperNounDetector(), text, "배두나")


@pytest.mark.parametrize(("text", "needle"), [
    ("She was born on 2/8/1935. Then", "2/8/1935"),
    ("During 1971, they moved.", "1971"),
    ("logged 2000-04-16 11:34:35 here", "2000-04-16 11:34:35"),
])
def test_dates_before_punctuation_and_with_times(text: str, needle: str) -> None:
    """Years and numeric dates before a comma or full stop; timestamps."""
    assert covers(DateDetector(), text, needle)


def test_street_addresses() -> None:
    """Street numbers with a street word, flats and post-office boxes are places."""
    text = "She lived at 601 Chagrin Blvd. in Apt. 236, later PO Box 1234."
    for needle in ("601 Chagrin Blvd", "Apt. 236", "PO Box 1234"):
        assert covers(GazetteerDetector(), text, needle)


def test_given_name_with_suffix_i() -> None:
    """샛별이가: a noun cannot take two particles, so -이 marks a given name."""
    assert covers(KoreanSurnameDetector(), "샛별이가 먼저 왔다.", "샛별이")
    assert found(KoreanSurnameDetector(), "고양이가 왔다.") == []


def test_office_is_masked_with_its_holder() -> None:
    """아베 총리: an office points at one person, so it goes with the name; 씨 does not."""
    text = "아베 총리와 홍은희 씨가 만났다."
    names = found(CueNameDetector(), text)
    assert "아베 총리" in names
    assert "홍은희" in names
