"""List propagation: the other items of a list that names a person are names too.

"마크 러팔로, 우디 해럴슨, 줄리안 무어 등" or "김철수·이영희·박민수는": when one item
of a comma- or dot-separated list of short Hangul items is a PERSON, the other items of
the same shape are taken as PERSON (low score, for the reviewer to confirm). A list whose
only person is a guess and whose other items are mostly common nouns Kiwi knows (부동산,
기후, 의료, 인프라) is a list of things: its items are not proposed. An item
that opens with a bound noun (외에) or holds a case particle before more words (아이에게
어떤) is a phrase, never a name.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from vault.redaction._kiwi import analysis
from vault.redaction.evidence import cued
from vault.redaction.korean import ORG_HEADS, PLACE_HEADS, ROLE_WORDS
from vault.redaction.spans import GUESS_NOTE, LOCATION, ORG, PERSON, Span

_ITEM = r"[가-힣]{2,5}(?: [가-힣]{2,6})?"
_LIST = re.compile(rf"(?<![가-힣]){_ITEM}(?:\s?[,·、]\s?{_ITEM})+")
_HANGUL = re.compile(r"[가-힣]")
_ADDRESSEE = re.compile(r"(?:께|께서|에게|한테)$")  # 어머니께, 철수 드림: the one a letter is to
_SEPARATOR = re.compile(r"\s?[,·、]\s?")
_TAIL = re.compile(r"(?:등|외|씨|은|는|이|가|을|를|와|과|의|도|에게|한테|까지|부터|이랑|랑|에서|에는|에도|에|으로|로)$")


# Kiwi tags that make an item a clause, not a name: a connective or final ending (내렸으며,
# 아름다웠고, 했다) or a conjunctive adverb (그리고, 또한): commas between clauses look like a
# list. A particle or a modifier is no evidence ("선미 씨로", "떠난 나영석", "흰수염").
_CLAUSE_TAGS = frozenset({"EC", "EF", "MAJ"})


def _clause(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a clause or an inflected phrase by Kiwi's tags?"""
    for m in analysis(text).between(start, end):
        if m.start >= start and m.end <= end and m.tag in _CLAUSE_TAGS:
            return True
    return False


def _thing(text: str, start: int, end: int) -> bool:
    """Is the item made of simple common nouns Kiwi knows, one to a word (기후, 생활 비용)?

    A compound of known nouns in one word (정무위, 도미노피자) is how organisations and brands
    are named, and a role word before a second word (할머니 마리) describes a person: not things.
    """
    words = text[start:end].split()
    if len(words) > 1 and words[0] in ROLE_WORDS:
        return False
    found = analysis(text)
    pos = start
    for word in words:
        at = text.index(word, pos)
        pos = at + len(word)
        inside = [m for m in found.between(at, pos) if m.start >= at and m.end <= pos and _HANGUL.search(m.form)]
        nouns = [m for m in inside if not m.tag.startswith(("J", "XSN"))]  # 은퇴자, 학생들: a noun and a suffix
        if len(nouns) != 1 or nouns[0].tag != "NNG" or nouns[0].oov:
            return False
    return bool(words)


def _not_a_noun_phrase(text: str, start: int, end: int) -> bool:
    """Does the item open with a bound noun (외에) or hold a case particle before more words
    (아이에게 어떤)? A name, with its particle at most, does neither (이영희와 is one word)."""
    inside = [m for m in analysis(text).between(start, end)
              if m.start >= start and m.end <= end and _HANGUL.search(m.form)]
    if inside and inside[0].tag == "NNB":
        return True
    return any(m.tag.startswith("J") and m.tag != "JC" and m.form != "이" and text[m.end:end].strip()
               for m in inside)


def _called_out(text: str, item: tuple[int, int]) -> bool:
    """Does the first item end with the vocative particle (순희야, 빨리 와)? A name called out, then
    what is said to the person: no list."""
    start, end = item
    return any(m.tag == "JKV" and m.end == end for m in analysis(text).between(start, end))


# A list with a place or an organisation head in it names places or organisations, not things
# (가람·누리·새봄지구, 해오름·바다은행, 누리위원회: made-up examples).
_LONG_PLACE_HEADS = tuple(h for h in PLACE_HEADS | ORG_HEADS if len(h) >= 2)


def places_among_places(text: str, spans: Iterable[Span], *, trusted: frozenset[str] = frozenset()) -> list[Span]:
    """Return the spans with a person read as a place where every other item of its list is a place
    (서울, 경기, 인천 지역에서: 경기 is the province, not a person of the surname 경)."""
    spans = list(spans)
    places = [s for s in spans if s.label == LOCATION]
    if len(places) < 2:
        return spans
    out = []
    for span in spans:
        if span.label == PERSON and span.detector not in trusted:
            for m in _LIST.finditer(text, max(0, span.start - 20), span.end + 30):
                items = [(m.start() + i.start(), m.start() + i.end()) for i in re.finditer(r"[^,·、]+", m.group())]
                mine = [i for i in items if i[0] <= span.start and span.end <= i[1] + 1]
                others = [i for i in items if i not in mine]
                if len(mine) == 1 and len(others) >= 2 and not cued(text, span) and all(
                        any(p.start < e and s < p.end for p in places) for s, e in others):
                    span = Span(span.start, span.end, LOCATION, span.score, span.detector,
                                span.reason + "; in a list of places: a place")
                    break
        out.append(span)
    return out


def list_items(text: str, spans: Iterable[Span], *, evidenced: Iterable[Span] | None = None) -> list[Span]:
    """Return PERSON spans for unflagged items of lists that contain a flagged person.

    With ``evidenced`` (the persons proposed with evidence), items of a list whose only
    persons are guesses get the guess's score (below the review threshold).
    """
    spans = list(spans)
    # A person guess that ``things`` relabelled as an organisation or a place (해오름전자 in
    # 하늘·해오름전자) still anchors its list; the other items take its label.
    persons = [s for s in spans if s.label == PERSON or (s.label in (ORG, LOCATION) and GUESS_NOTE in s.reason)]
    places = [s for s in spans if s.label == LOCATION]  # a list with a place in it (오류·가좌·공릉지구) is of places
    sure = None if evidenced is None else [s for s in evidenced if s.label == PERSON]
    if not persons or _HANGUL.search(text) is None:
        return []  # lists of Hangul items only
    out: list[Span] = []
    for m in _LIST.finditer(text):
        items: list[tuple[int, int]] = []
        pos = m.start()
        for sep in _SEPARATOR.finditer(m.group()):
            items.append((pos, m.start() + sep.start()))
            pos = m.start() + sep.end()
        items.append((pos, m.end()))
        last_start, last_end = items[-1]
        words = text[last_start:last_end].split(" ")
        if len(words) == 2 and words[1].startswith(("등", "외")):
            last_end = last_start + len(words[0])  # "한결 등이": the list ends before 등
        tail = _TAIL.search(text, last_start, last_end)
        if tail is not None and tail.start() - last_start >= 2:
            last_end = tail.start()
        items[-1] = (last_start, last_end)
        flagged = [any(p.start < e and s < p.end for p in persons) for s, e in items]
        if not any(flagged) or len(items) < 2 or _called_out(text, items[0]):
            continue
        backed = sure is None or any(p.start < e and s < p.end for p in sure for s, e in items)
        placed = any(p.start < e and s < p.end for p in places for s, e in items) or any(
            text[s:e].endswith(_LONG_PLACE_HEADS) for s, e in items)
        if not backed and not placed and 2 * sum(_thing(text, s, e) or _clause(text, s, e) for s, e in items) > len(items):
            continue  # a list of things (기후, 의료, 인프라) with a guessed name in it: not a list of people
        anchors = [p for p in persons for s, e in items if p.start < e and s < p.end]
        label = PERSON if any(p.label == PERSON for p in anchors) else anchors[0].label
        for (start, end), done in zip(items, flagged):
            if not done and _ADDRESSEE.sub("", text[start:end]) not in ROLE_WORDS and not _clause(text, start, end) \
                    and not _not_a_noun_phrase(text, start, end):
                out.append(Span(start, end, label, 0.4 if backed else 0.3, "lists",
                                "in a list with a person's name" if backed
                                else "in a list with a guessed name; " + GUESS_NOTE))
    return out
