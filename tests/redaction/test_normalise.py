"""S30 normalisation, its offset map, and S31 forbidden controls."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vault.redaction import detect, find_forbidden_controls, has_forbidden_controls, normalise
from vault.redaction.normalise import STRIPPED

NAME = "Kim Chol-su"
HANGUL = "김철수"


def _covered(text: str, needle_start: int, needle_end: int, terms: list[str]) -> bool:
    spans = detect(text, sensitive_terms=terms)
    covered = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    # Every visible character must be covered (invisible controls carry no letter).
    return all(i in covered for i in range(needle_start, needle_end)
               if not text[i].isspace() and text[i] not in STRIPPED)


def test_s30_zero_width_evasion_caught() -> None:
    """Zero-width characters inside a protected name do not hide it."""
    evasive = "K\u200bim Ch\u200dol\u2060-su"
    text = f"I met {evasive} in the market."
    assert _covered(text, 6, 6 + len(evasive), [NAME])


def test_s30_bidi_control_evasion_caught() -> None:
    """Bidi controls and soft hyphens inside a name do not hide it."""
    evasive = "Kim\u202e Chol\u00ad-su\u202c"
    text = f"{evasive} left."
    assert _covered(text, 0, len(evasive), [NAME])


def test_s30_hangul_filler_evasion_caught() -> None:
    """Hangul fillers (not category Cf) inside a Hangul name do not hide it."""
    for filler in ("\u3164", "\u115f", "\u1160", "\uffa0"):
        evasive = f"김{filler}철수"
        text = f"{evasive}는 떠났다."
        assert _covered(text, 0, len(evasive), [HANGUL]), repr(filler)


def test_s30_full_width_evasion_caught() -> None:
    """Full-width Latin letters are folded by NFKC."""
    evasive = "Ｋｉｍ Ｃｈｏｌ－ｓｕ"
    text = f"Witness: {evasive}."
    assert _covered(text, 9, 9 + len(evasive), [NAME])


def test_s30_cyrillic_homoglyph_evasion_caught() -> None:
    """Cyrillic look-alikes (К, о, С, Н) are folded to Latin; NFKC alone does not."""
    evasive = "\u041aim \u0421h\u043el-su"
    assert unicodedata.normalize("NFKC", evasive) != NAME
    text = f"Then {evasive} ran."
    assert _covered(text, 5, 5 + len(evasive), [NAME])


def test_s30_greek_homoglyph_place_caught() -> None:
    """A gazetteer place spelt with a Greek capital eta is still found."""
    text = "She grew up in \u0397yesan near the river."
    spans = detect(text)
    assert any(s.label == "LOCATION" and text[s.start:s.end].endswith("yesan") for s in spans)


def test_s30_decomposed_hangul_evasion_caught() -> None:
    """Hangul written as conjoining jamo (NFD) is composed before matching."""
    evasive = unicodedata.normalize("NFD", HANGUL)
    assert len(evasive) > len(HANGUL)
    text = f"그 사람은 {evasive}였다."
    start = text.index(evasive)
    assert _covered(text, start, start + len(evasive), [HANGUL])


def test_s30_decomposed_hangul_place_caught() -> None:
    """A gazetteer place in NFD is found without a sensitive-term list."""
    text = "저는 " + unicodedata.normalize("NFD", "혜산") + "에서 왔습니다."
    assert any(s.label == "LOCATION" for s in detect(text))


def test_normal_form_keeps_case_and_folds_separately() -> None:
    """``text`` keeps case for name heuristics; ``folded`` is case-folded and aligned."""
    norm = normalise("ＫＩＭ\u200bChol")
    assert norm.text == "KIMChol"
    assert norm.folded == "kimchol"
    assert norm.span(0, len(norm.text)) == (0, len("ＫＩＭ\u200bChol"))


def test_ascii_text_has_identity_map() -> None:
    """Plain ASCII needs no offset map (fast path)."""
    norm = normalise("Plain text, nothing special.")
    assert norm.starts is None
    assert norm.span(3, 7) == (3, 7)


_ALPHABET = st.sampled_from(list("aZ김철수혜 -.") + ["\u200b", "\u202e", "\u3164", "Ｋ", "К", "é",
                                                      "e\u0301", "\u1100\u1175\u11b7", "ß", "ﬁ"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offset_map_round_trips(text: str) -> None:
    """Every normalised character maps back to a range whose normal form contains it."""
    norm = normalise(text)
    if norm.starts is None:
        assert norm.text == text
        return
    assert norm.ends is not None
    assert len(norm.starts) == len(norm.ends) == len(norm.text) == len(norm.folded)
    previous = 0
    for j, char in enumerate(norm.text):
        start, end = norm.starts[j], norm.ends[j]
        assert 0 <= start < end <= len(text)
        assert start >= previous
        previous = start
        assert char in normalise(text[start:end]).text
    if norm.text:
        start, end = norm.span(0, len(norm.text))
        assert text[:start].strip("\u200b\u202e\u3164") == ""


def test_s31_forbidden_controls_found() -> None:
    """Bidi controls, zero-width characters and Hangul fillers are reported with positions."""
    text = "safe\u202etext\u200b and \u2066x\u2069 \u3164"
    found = find_forbidden_controls(text)
    assert [i for i, _ in found] == [4, 9, 15, 17, 19]
    assert "RIGHT-TO-LEFT OVERRIDE" in found[0][1]
    assert has_forbidden_controls(text)


def test_s31_more_invisible_characters_found_and_ignored_by_matching() -> None:
    """Invisible operators, CGJ, variation selectors, tags and U+180E are refused and do not hide a name;
    line separators are refused too (found while attacking)."""
    hidden = "K\u2062im Ch\u034fol-s\ufe0fu from Hy\U000e0041esan\u180e\u2028"
    assert [name.split()[0] for _, name in find_forbidden_controls(hidden)] == [
        "U+2062", "U+034F", "U+FE0F", "U+E0041", "U+180E", "U+2028"]
    assert "kim chol-su from hyesan" in normalise(hidden).folded
    assert has_forbidden_controls("any other format character: \u0600")


def test_s31_clean_text_passes() -> None:
    """Ordinary English and Korean text holds no forbidden control."""
    assert find_forbidden_controls("Kim left Hyesan. 김철수는 혜산을 떠났다.") == []
    assert not has_forbidden_controls("plain")
