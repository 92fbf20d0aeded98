"""Overlap policy, decisions that survive re-detection, and pure rendering."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.redaction.rendering import rendered
from vault.errors import RedactionError
from vault.redaction import (
    Action,
    Decision,
    Span,
    decision_from_dict,
    decision_to_dict,
    detect,
    merge_decisions,
    merge_overlaps,
    propose,
    render,
    span_key,
)
from vault.redaction.render import pseudonym_number


def test_overlap_policy_merges_to_union_and_keeps_strongest_label() -> None:
    """Overlapping spans become their union; the higher-scoring PERSON labels it."""
    spans = [Span(0, 5, "DATE", 0.6, "dates"), Span(3, 9, "PERSON", 0.8, "names"),
             Span(9, 12, "ORG", 0.8, "orgs")]
    merged = merge_overlaps(spans)
    assert [(s.start, s.end, s.label) for s in merged] == [(0, 9, "PERSON"), (9, 12, "ORG")]
    assert merged[0].detector == "dates+names"


def test_overlap_policy_sensitive_term_wins() -> None:
    """A span from the sensitive-terms list decides the label of what it overlaps."""
    spans = [Span(0, 5, "ID_NUMBER", 1.0, "id_numbers"), Span(2, 6, "LOCATION", 1.0, "sensitive_terms")]
    assert merge_overlaps(spans)[0].label == "LOCATION"


def test_span_rejects_bad_ranges_and_labels() -> None:
    """Spans are validated at construction."""
    with pytest.raises(RedactionError):
        Span(5, 5, "PERSON")
    with pytest.raises(RedactionError):
        Span(0, 1, "NAME")


def test_propose_defaults() -> None:
    """Names are pseudonymised, places generalised, contacts masked, weak relative dates kept."""
    spans = [Span(0, 3, "PERSON", 0.8), Span(4, 8, "LOCATION", 0.9), Span(9, 12, "CONTACT", 0.9),
             Span(13, 15, "DATE", 0.3)]
    actions = [d.action for d in propose(spans)]
    assert actions == [Action.PSEUDONYMISE, Action.GENERALISE, Action.MASK, Action.KEEP]


def test_decisions_round_trip_through_plain_data() -> None:
    """A decision serialised to a dict comes back equal, and its key holds no plaintext."""
    text = "Kim Chol-su left."
    decision = Decision(Span(0, 11, "PERSON", 0.8, "names", "why"), Action.MASK, "archivist1", "ok")
    data = decision_to_dict(text, decision)
    assert "Kim" not in str(data["key"])
    assert decision_from_dict(data) == decision


def test_decision_from_dict_refuses_malformed() -> None:
    """Unknown actions or labels are a RedactionError, not a crash."""
    with pytest.raises(RedactionError):
        decision_from_dict({"start": 0, "end": 1, "label": "PERSON", "action": "burn"})
    with pytest.raises(RedactionError):
        decision_from_dict({"start": 0, "end": 1, "label": "NAME", "action": "mask"})


def test_stored_decisions_survive_re_detection_and_edits() -> None:
    """Accepted, rejected and manual decisions are re-applied after the text changes."""
    old = "Kim Chol-su met the guard near Hyesan. The code word was Blue Crane."
    spans = detect(old)
    kim = next(s for s in spans if old[s.start:s.end] == "Kim Chol-su")
    hyesan = next(s for s in spans if old[s.start:s.end] == "Hyesan")
    manual = Span(old.index("Blue Crane"), old.index("Blue Crane") + 10, "PERSON", 1.0, "manual")
    stored = [
        decision_to_dict(old, Decision(kim, Action.PSEUDONYMISE, "a1")),
        decision_to_dict(old, Decision(hyesan, Action.KEEP, "a1", "public place"), scope="string"),
        decision_to_dict(old, Decision(manual, Action.MASK, "a1")),
    ]
    new = "Summary: " + old + " Later, Hyesan again."
    merged = merge_decisions(new, detect(new), stored)
    by_text = {new[d.span.start:d.span.end]: d.action for d in merged.decisions}
    assert by_text["Blue Crane"] is Action.MASK  # manual span moved with the text
    assert by_text["Hyesan"] is Action.KEEP  # string-scoped rejection applies to both
    assert sum(1 for d in merged.decisions if new[d.span.start:d.span.end] == "Hyesan") == 2
    assert all(new[s.start:s.end] != "Hyesan" for s in merged.undecided)
    gone = merge_decisions("Nothing here.", [], stored)
    assert len(gone.stale) == 1  # the manual span's string is gone


def test_render_mask_and_keep() -> None:
    """MASK shows the label; KEEP leaves the text."""
    text = "Call 010-1234-5678 from Hyesan."
    decisions = [Decision(Span(5, 18, "CONTACT"), Action.MASK, "a"),
                 Decision(Span(24, 30, "LOCATION"), Action.KEEP, "a")]
    assert render(text, decisions) == "Call [CONTACT] from Hyesan."


def test_render_pseudonyms_are_consistent_across_spellings(pseudonym_key: bytes) -> None:
    """김철수 and Kim Chol-su get the same number; a different key gives another mapping."""
    n1 = pseudonym_number("김철수", "PERSON", pseudonym_key)
    assert n1 == pseudonym_number("Kim Chol-su", "PERSON", pseudonym_key)
    assert n1 == pseudonym_number("KIM CHOLSU", "PERSON", pseudonym_key)
    others = {pseudonym_number("김철수", "PERSON", bytes([i]) * 32) for i in range(5)}
    assert len(others) > 1
    text = "Kim Chol-su met Kim Chol-su."
    d = [Decision(Span(0, 11, "PERSON"), Action.PSEUDONYMISE, "a"),
         Decision(Span(16, 27, "PERSON"), Action.PSEUDONYMISE, "a")]
    out = render(text, d, pseudonym_key=pseudonym_key)
    assert out == f"Person {n1} met Person {n1}."
    korean = render("김철수가 왔다.", [Decision(Span(0, 3, "PERSON"), Action.PSEUDONYMISE, "a")],
                    pseudonym_key=pseudonym_key)
    assert korean == f"인물 {n1}가 왔다."


def test_render_pseudonymise_needs_key() -> None:
    """No silent fallback when the pseudonym key is missing."""
    with pytest.raises(RedactionError):
        render("Kim", [Decision(Span(0, 3, "PERSON"), Action.PSEUDONYMISE, "a")])


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("I grew up in Hyesan.", "LOCATION", "I grew up in Ryanggang."),
    # The replacement speaks the sentence's language, not the original's script.
    ("I grew up in 혜산시.", "LOCATION", "I grew up in Ryanggang."),
    ("나는 혜산시에서 자랐다.", "LOCATION", "나는 양강도에서 자랐다."),
    ("Held in Camp 15 then.", "LOCATION", "Held in a detention facility in South Hamgyong then."),
    ("회령탄광에서 일했다.", "LOCATION", "함경북도 탄광에서 일했다."),
    ("We left in the spring of 2008.", "DATE", "We left in spring 2008."),
    ("2008년 3월에 떠났다.", "DATE", "2008년에 떠났다."),
    ("She was 23 years old.", "AGE", "She was 20-29."),
    ("Two girls aged 15 and 17 were caught.", "AGE", "Two girls aged 10-19 were caught."),  # the cue stays
    ("Men aged 20 to 45 were taken.", "AGE", "Men aged 20-49 were taken."),  # the whole range
    ("A 52-year-old woman spoke.", "AGE", "A 50-59-year-old woman spoke."),  # the adjective stays
    ("스물세 살 때 떠났다.", "AGE", "20대 때 떠났다."),
    ("We paid 19,000 yuan.", "MONEY", "We paid 10,000-99,999 yuan."),
    ("Somewhere in Ruritania.", "LOCATION", "Somewhere in [LOCATION]."),
    # Suan is a county of North Hwanghae; Suan Phlu is in Bangkok: a wrong province is worse than a mask.
    ("Held at the Suan Phlu centre.", "LOCATION", "Held at the [LOCATION] centre."),
    ("My father worked at the Musan mine.", "LOCATION", "My father worked at the North Hamgyong mine."),
    ("He crossed the Tumen River.", "LOCATION", "He crossed the Tumen River."),
    ("Then I spent two years in Chongori kyohwaso.", "LOCATION",
     "Then I spent two years in a detention facility in North Hamgyong."),
    ("Held at the Onsong State Security detention center.", "LOCATION",
     "Held at the North Hamgyong State Security detention center."),
    ("Now I live in Yangcheon-gu, Seoul.", "LOCATION", "Now I live in Seoul, South Korea."),
    ("Now I live in Mokdong-gu, Seoul.", "LOCATION", "Now I live in South Korea."),  # no such district: inside Seoul, said once
    ("We lived in Wiyon-dong then.", "LOCATION", "We lived in [LOCATION] then."),
    ("She was sent to the Jongo-ri re-education camp.", "LOCATION",
     "She was sent to the detention facility in North Hamgyong."),  # not "the a detention facility"
])
def test_render_generalise(text: str, label: str, expected: str) -> None:
    """County -> province, date -> year, age -> band, money -> range; unknown -> mask."""
    spans = [s for s in detect(text) if s.label == label] or [
        Span(text.index("Ruritania"), text.index("Ruritania") + 9, "LOCATION")]
    decisions = [Decision(s, Action.GENERALISE, "a") for s in spans]
    assert render(text, decisions) == expected


def test_render_overlapping_decisions_never_leak() -> None:
    """Overlapping MASK and KEEP: the stronger action covers the union."""
    text = "Kim Chol-su"
    d = [Decision(Span(0, 3, "PERSON"), Action.KEEP, "a"), Decision(Span(2, 11, "PERSON"), Action.MASK, "a")]
    assert render(text, d) == "[PERSON]"


_PUBLIC = st.text(alphabet="abc .,\n", max_size=6)
_SECRET = st.text(alphabet="XYZ김철수ΩЖ", min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_PUBLIC, _SECRET), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=4),
       st.sampled_from([Action.MASK, Action.PSEUDONYMISE, Action.DROP]))
def test_rendering_leaves_no_character_of_a_masked_span(parts: list[tuple[str, str]],
                                                        extra: list[tuple[int, int]],
                                                        action: Action) -> None:
    """Whatever the spans and overlaps, no character of a redacted span stays readable."""
    text = ""
    decisions = []
    for public, secret in parts:
        text += public
        decisions.append(Decision(Span(len(text), len(text) + len(secret), "PERSON"), action, "t"))
        text += secret
    for start, length in extra:
        if start < len(text):
            end = min(len(text), start + length)
            decisions.append(Decision(Span(start, end, "ORG"), Action.KEEP, "t"))
    out = render(text, decisions, pseudonym_key=b"k" * 32)
    assert not set(out) & set("XYZ김철수ΩЖ")


_TEXT = st.lists(st.sampled_from(list("Kim Chol-su 김철수 혜산 Hyesan 2008년 010-1234 .,\n")
                                 + ["\u200b", "\u3164", "Ｋ", "К", "\u1100\u1175", "Mr. ", "씨"]),
                 max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_spans_in_bounds(text: str) -> None:
    """Every detected span lies inside the text, non-empty, disjoint and sorted."""
    spans = detect(text)
    previous_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end
        previous_end = s.end


def test_span_key_is_stable_across_spellings_of_case_and_controls() -> None:
    """The key ignores case and invisible controls, so decisions follow the string."""
    a = "Kim"
    b = "K\u200bIM"
    assert span_key(a, Span(0, 3, "PERSON")) == span_key(b, Span(0, 4, "PERSON"))


@pytest.mark.parametrize(("text", "expected"), [
    ("[SYNTHETIC] He settled in Gyeonggi Province and Incheon.", "[SYNTHETIC] He settled in South Korea."),
    ("[SYNTHETIC] He lived in Hyesan, Kapsan and Musan.", "[SYNTHETIC] He lived in Ryanggang and North Hamgyong."),
    ("[SYNTHETIC] 그는 경기도와 인천에 정착했다.", "[SYNTHETIC] 그는 대한민국에 정착했다."),
    ("[SYNTHETIC] 2009년 3월과 2009년 5월에 갔다.", "[SYNTHETIC] 2009년에 갔다."),
])
def test_the_same_generalisation_twice_in_a_row_is_said_once(text: str, expected: str) -> None:
    """"South Korea and South Korea", "대한민국과 대한민국에" read as a fault of the tool."""
    assert rendered(text) == expected
