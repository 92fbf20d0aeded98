"""Capitalised-name heuristics for English text (PERSON, LOCATION, ORG).

No statistical model: a capitalised word is a name candidate unless it is a common
English word (Debian's word list) or on a short stop list (pronouns, months, weekdays,
nationalities, languages, religions). Known given names, surnames and places (census
and GeoNames lists) are taken even when they are also common words or open a sentence.
Runs of capitalised words and linking words ("of", "de", "van") are joined, so
"University of Hyesan" or "Kim Chol Su" is one span. Lower-case words that are known
given names and not common words ("i met jeff") are taken with a lower score.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from vault.redaction.detectors._base import make_span
from vault.redaction.detectors.contacts import APP_BEFORE_HANDLE, APP_WORDS
from vault.redaction.detectors.english_tokens import Token, is_cap, title_case_sentences, tokens_of
from vault.redaction.detectors.english_words import (
    ABBREVIATIONS,
    CITATION_WORDS,
    CITED,
    COMPASS,
    CONTAINERS,
    EVENT_HEADS,
    FUNCTION_WORDS,
    GOODS,
    HEADS_AFTER_PEOPLE,
    HOLIDAY,
    HOLIDAY_WORDS,
    LINKS,
    NOT_NAMES,
    OPENING_ADVERBS,
    ORG_WORDS,
    PEOPLE_PREFIXES,
    PEOPLES,
    PLACE_ABBR,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    PRODUCTS,
    ROMANISED_UNITS,
    STOP,
    STORMS,
    TITLES,
    US_STATES,
    VERB_AFTER_NAME,
    leading_titles,
)
from vault.redaction.detectors.romanised_names import KOREAN_SURNAMES_LATIN
from vault.redaction.gazetteer import gazetteer
from vault.redaction.lexicons import english_common, english_peoples, english_proper, known_organisations
from vault.redaction.normalise import normalise
from vault.redaction.romanise import strip_diacritics
from vault.redaction.spans import LOCATION, ORG, PERSON, Span

_CONTRACTION = re.compile(r"([a-z]+)(?:n['’]t|['’](?:re|ll|ve|d|m|mon))")
_OPEN_BRACKET = re.compile(r"\s?\(")
# A name opening a sentence before the news's apposition: "Lee, a former soldier,", "Park, 34,".
_APPOSITION = re.compile(r",\s(?:(?:a|an|now|then|who|whose|aged)\s|\d{1,2},)")
_PLACE_HEAD_AFTER = re.compile(r"\s(?:workers?['’]?s?\s)?(?:county|district|village|township|prefecture|province|ri|dong|"
                               r"mine|mines|coal mine|farm|market|station|bridge|river|port|harbou?r|valley|mountain|lake)\b")
# Arabic names join their parts with words that are also English ones (Bin Laden, Abu Bakr).
_NAME_PARTICLES = frozenset({"bin", "ibn", "abu", "al", "el"})
_DOCUMENTS = frozenset("document documents permit card certificate licence license passport visa".split())
_NUMBER_AFTER = re.compile(r"\s(?:number|no\.?|reference)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"\s(?:No\.?|Number|#)\s?\d{1,4}\b")


def _people_compound(low: str) -> bool:
    parts = low.split("-")
    return len(parts) > 1 and all(p in PEOPLES or p in PEOPLE_PREFIXES for p in parts) and \
        any(p in PEOPLES for p in parts)


@lru_cache(maxsize=1)
def _first_of_two_words() -> frozenset[str]:
    """Return the first words of the proper names of more than one word (``new york``), with
    and without the dot of an abbreviation (``st. charles``: the token is ``st``)."""
    firsts = {key.split(" ", 1)[0] for key in english_proper() if " " in key}
    return frozenset(firsts | {f.rstrip(".") for f in firsts})


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """Lower-case words that ``_decide`` always scores 0 when written in lower case: common and
    function words that neither open a name of two words nor abbreviate (``st``, ``mt``)."""
    return (english_common() | FUNCTION_WORDS) - _first_of_two_words() - ABBREVIATIONS


def _two_words(proper: dict[str, frozenset[str]], first: str, second: str) -> frozenset[str]:
    """Return the kinds of the two-word name ``first second`` (``st charles`` = ``st. charles``)."""
    return proper.get(f"{first} {second}") or proper.get(f"{first}. {second}") or frozenset()


def _known(subject: str, tokens: list[Token], a: int, b: int) -> bool:
    """Are tokens ``a``..``b`` a well-known organisation's name?"""
    return subject[tokens[a].start:tokens[b].end].casefold() in known_organisations()


# What a witness is, written before the name at the start of a sentence ("Defector Ahn said").
_ROLES_BEFORE_A_NAME = frozenset("""defector defectors witness survivor refugee escapee broker guard inmate prisoner
detainee interrogator interviewer farmer soldier researcher activist victim""".split())
# Prepositions that take places and never a person (unlike "from" and "to"): an unknown name after
# one of them is a place.
_ONLY_PLACES_AFTER = frozenset("in near outside via into throughout".split())
# A Korean administrative unit romanised after a hyphen (Yangcheon-gu, Wiyon-dong). The name before it
# has two syllables at least (two groups of vowels): a given name has one on each side of its hyphen
# (Gil-dong, Yong-gu, Hyeon-gu stay persons).
_ROMANISED_UNIT = re.compile(rf"^[a-z]*[aeiou]+[^aeiou-]+[aeiou]+[a-z]*-(?:{ROMANISED_UNITS})$")
# A participle after a name and a hyphen describes by it ("a Seoul-based group", "China-born").


# After capitals: a slash, a digit or a point and a digit, or a number with a slash (a code, not a name).
_IN_A_CODE = re.compile(r"/|\d|\.\d|\s\d+/\d")


def _inflected(low: str, common: frozenset[str]) -> bool:
    """Is ``low`` a common word with -s, -es, -ed or -ing ("Defector Describes Camp": a headline's verb)?"""
    return any(low.endswith(end) and (low[:-len(end)] in common or low[:-len(end)] + "e" in common)
               for end in ("s", "es", "ed", "d", "ing"))


def _cited(tok: Token, subject: str) -> bool:
    """Is the token a part of a document before its number (Annex II, para. 14, Chapter 3)?"""
    return tok.low in CITATION_WORDS and CITED.match(subject, tok.end) is not None


class EnglishNameDetector:
    """Proper-noun candidates in English text."""

    name = "english_names"
    label = PERSON

    def detect(self, text: str) -> Iterator[Span]:
        """Yield PERSON/LOCATION/ORG spans for capitalised name candidates."""
        norm = normalise(text)
        subject = norm.text
        common = english_common()
        proper = english_proper()
        tokens = tokens_of(subject)
        title = title_case_sentences(tokens)
        plain = _plain_words()
        holidays = [m.span() for m in HOLIDAY.finditer(norm.folded)] \
            if any(word in norm.folded for word in HOLIDAY_WORDS) else []
        picked = [0.0 if tok.low in plain and tok.word.islower() else self._decide(i, tokens, title[i], common, proper, subject)
                  for i, tok in enumerate(tokens)]
        i = 0
        n = len(tokens)
        org_end = -1  # where the last organisation's name ended
        floor = 0  # a name after an office is not joined back to the body before the office
        while i < n:
            if picked[i] <= 0:
                i += 1
                continue
            lo = hi = i
            if tokens[i].word.islower() and i + 1 < n and \
                    "place" in _two_words(proper, tokens[i].low, tokens[i + 1].low):
                hi = i + 1
            while lo > floor and self._joinable(tokens, lo - 1, lo, subject, left=True):
                lo -= 1
            while hi + 1 < n and self._joinable(tokens, hi, hi + 1, subject, left=False):
                hi += 1
            while lo < hi and tokens[lo].low in LINKS and not is_cap(tokens[lo].word):
                lo += 1
            while hi > lo and tokens[hi].low in LINKS and not is_cap(tokens[hi].word):
                hi -= 1
            end = tokens[hi].end
            if subject[end:end + 1] == "." and "." in tokens[hi].word:
                end += 1  # U.S. keeps its last dot
            while lo < hi and tokens[lo].initial and tokens[lo].low in OPENING_ADVERBS:
                lo += 1  # "Later Yong-chol joined us": an adverb opening the sentence is no part of a name
            words = [t.low for t in tokens[lo:hi + 1]]
            of = lo + 1 < hi and tokens[lo].initial and tokens[lo].low in common and tokens[lo + 1].word == "of" \
                and not leading_titles(words) and tokens[lo].low not in ORG_WORDS | PLACE_WORDS
            cut = 2 if of else leading_titles(words)  # "Portraits of Kim Il Sung", "Senior Lieutenant Ri": no part of a name
            rest = self._label(words[cut:], proper, tokens[lo + cut:hi + 1]) if cut else ""
            if rest == PERSON or of and rest == LOCATION:  # "Residents of Wiyon-dong": the place is Wiyon-dong
                lo, words = lo + cut, words[cut:]
            office = 0 if cut else next((k for k in range(1, len(words) - 1) if leading_titles(words[k:])
                                         and self._label(words[k:], proper, tokens[lo + k:hi + 1]) == PERSON), 0)
            if office:  # Hoeryong MSS Chief Kim Chol: the body, then its office and the name (taken next)
                hi, floor = lo + office - 1, lo + office
                end, words = tokens[hi].end, words[:office]
                if all(w in english_peoples() or w in ("north", "south") or w in common and not proper.get(w)
                       for w in words):
                    i = hi + 1
                    continue  # South Korean President Moon, Baptist Pastor Jones: whose office it is, no name
            if any(a <= tokens[lo].start and end <= b for a, b in holidays) or tokens[hi].low in EVENT_HEADS \
                    or (lo > 0 and tokens[lo - 1].low in STORMS or tokens[lo].low in STORMS) and tokens[hi].low not in ORG_WORDS:
                i = hi + 1
                continue  # a holiday is a date (Christmas Eve); the Winter Olympics an event; Typhoon Maysak a storm (the Storm Corps a unit)
            label = self._label(words, proper, tokens[lo:hi + 1])
            if label == PERSON and (hi + 1 < n and tokens[hi + 1].word.islower() and tokens[hi + 1].low in PRODUCTS
                                    or lo > 1 and tokens[lo - 1].low == "of" and tokens[lo - 2].low in CONTAINERS):
                label = ORG  # 7 Star cigarettes, a bottle of Moutai: a maker's brand, no person
            if label == PERSON and len(words) > 1 and all(w in common and not proper.get(w) for w in words) \
                    and not _NAME_PARTICLES & set(words) and gazetteer().find(" ".join(words)) is None:
                label = ORG  # the Public Distribution System: common words no person is named with name a body
                if words[-1] in _DOCUMENTS or _NUMBER_AFTER.match(subject, end):
                    i = hi + 1
                    continue  # a Refugee Travel Document, her National Insurance number: a kind of paper
            # "and" joins the words of one organisation's name (Ministry of Trade and Industry);
            # between persons or places it joins two of them (Kim Chol and Pak Sun-hee, Kunming
            # and Vientiane), each with its own pseudonym or province.
            # A word that is no name alone stays with its neighbour (Royal and Carnival); two
            # organisations everyone knows are two (the BBC and Daily NK).
            ands = [k for k in range(lo + 1, hi) if tokens[k].word == "and"]
            bounds = [lo - 1, *ands, hi + 1]
            cuts = [k for j, k in enumerate(ands, 1)
                    if label != ORG and max(picked[bounds[j - 1] + 1:k]) > 0 and max(picked[k + 1:bounds[j + 1]]) > 0
                    or _known(subject, tokens, bounds[j - 1] + 1, k - 1) and _known(subject, tokens, k + 1, bounds[j + 1] - 1)]
            for a, b in zip([lo] + [k + 1 for k in cuts], [k - 1 for k in cuts] + [hi]):
                own = leading_titles([t.low for t in tokens[a:b + 1]]) if a > lo else 0
                if own and self._label([t.low for t in tokens[a + own:b + 1]], proper, tokens[a + own:b + 1]) == PERSON:
                    a += own  # Grandma Pak and Uncle Yong-nam: the second name's title is a title too
                score = max(picked[a:b + 1])
                if score <= 0:
                    continue
                part = label if not cuts else self._label([t.low for t in tokens[a:b + 1]], proper, tokens[a:b + 1])
                if part == LOCATION and a == b and subject[max(0, tokens[a].start - 9):tokens[a].start].endswith("year-old "):
                    part = PERSON  # the 45-year-old Park: an age describes a person
                if part == PERSON and _PLACE_HEAD_AFTER.match(subject, tokens[b].end):
                    part = LOCATION  # Sambong workers' district, Kilju county: a place before its head word
                if part == PERSON and a == b and a > 0 and tokens[a - 1].low in PLACE_PREPOSITIONS \
                        and "place" in proper.get(tokens[a].low, ()) and subject[tokens[a - 1].end:tokens[a].start] == " ":
                    part = LOCATION  # in Geneva, from London: a name that is also a place, after a preposition of place
                elif part == PERSON and a == b and a > 0 and tokens[a - 1].low in _ONLY_PLACES_AFTER \
                        and not proper.get(tokens[a].low) and tokens[a].low not in KOREAN_SURNAMES_LATIN \
                        and subject[tokens[a].end:tokens[a].end + 1] not in ("'", "’") \
                        and subject[tokens[a - 1].end:tokens[a].start] == " ":
                    part = LOCATION  # near Namkeo, in Sangdong (made up): one is in or near a place, never a person
                stop = end if b == hi else tokens[b].end
                reason = "capitalised word not in the common-word list" if score >= 0.5 else "known name in lower case"
                known = known_organisations().get(subject[tokens[a].start:stop].casefold().removeprefix("the "))
                if known is not None:
                    part, score, reason = ORG, max(score, 0.6), "a well-known organisation"
                if part == PERSON and tokens[a].word.isupper() and a == b and org_end >= 0 \
                        and _OPEN_BRACKET.fullmatch(subject, org_end, tokens[a].start):
                    part = ORG  # Citizens' Alliance ... (NKHR): the abbreviation of the body just named
                numbered = _NUMBERED.match(subject, stop) if part != PERSON else None
                if numbered is not None:
                    stop = numbered.end()  # Senior Middle School No. 2: the number names which one
                if part == ORG and b == hi:
                    # A well-known name that goes on after a preposition (Committee for Human Rights in North Korea).
                    for k in range(min(hi + 5, n - 1), hi, -1):
                        if subject[tokens[a].start:tokens[k].end].casefold().removeprefix("the ") in known_organisations():
                            hi, stop, score, reason = k, tokens[k].end, max(score, 0.6), "a well-known organisation"
                            break
                if part == ORG:
                    org_end = stop
                yield make_span(norm, tokens[a].start, stop, part, score, self.name, reason)
            i = hi + 1

    @staticmethod
    def _decide(i: int, tokens: list[Token], title: bool, common: frozenset[str],
                proper: dict[str, frozenset[str]], subject: str) -> float:
        tok = tokens[i]
        word, low = tok.word, tok.low
        if word.rstrip(".") in PLACE_ABBR:
            return 0.8
        if low in ABBREVIATIONS and word.islower() and i + 1 < len(tokens) and \
                "place" in _two_words(proper, low, tokens[i + 1].low):
            return 0.35  # st. charles, mt. vernon in lower case
        if low == "oh" and word == "Oh" and not tok.initial and not title \
                and 0 < i < len(tokens) - 1 and tokens[i - 1].word.isalpha() and tokens[i - 1].word.islower() \
                and tokens[i + 1].word.isalpha() and tokens[i + 1].word.islower() \
                and subject[tokens[i - 1].end:tok.start] == " " == subject[tok.end:tokens[i + 1].start]:
            return 0.6  # "I asked Oh whether": a surname that is also a word of grammar, capitalised mid-sentence
        if low in FUNCTION_WORDS or len(word) < 2:
            return 0.0
        if _cited(tok, subject):
            return 0.0  # Annex II, para. 14: a part of a document, cited by its number
        if low in APP_WORDS and APP_BEFORE_HANDLE.match(subject, tok.start):
            return 0.0  # Line ID, QQ number: an app before its handle
        contraction = _CONTRACTION.fullmatch(low) if "'" in low or "’" in low else None
        if contraction is not None and (contraction.group(1) in FUNCTION_WORDS or contraction.group(1) in common):
            return 0.0  # Don't, They're, We'll, C'mon: a word and its contraction
        if low in NOT_NAMES or (low.endswith("s") and low[:-1] in NOT_NAMES and not word.isupper()) or _people_compound(low):
            return 0.0
        if (low in COMPASS or low == "han") and i + 1 < len(tokens) and tokens[i + 1].low in PEOPLES:
            return 0.0  # North Korean: a nationality; Han Chinese: a people
        kinds = proper.get(low, frozenset())
        is_common = low in common or tok.quoted_title and _inflected(low, common)
        if word.isupper():
            if len(word) == 2 and word in US_STATES and tok.comma_before:
                return 0.7
            if is_common or len(word) > 12 or len(word) == 2 or _IN_A_CODE.match(subject, tok.end) \
                    or subject[tok.start - 1:tok.start] == "/":
                return 0.0  # A/HRC/25/CRP.1, ASA 24/0123/2019, TJH012: letters of a document's or a record's code
            return 0.5
        if is_cap(word):
            if not tok.initial:
                if kinds and not (tok.quoted_title and is_common):
                    return 0.8  # "Now On My Way to Meet You": a title's capitals make no surname of a common word
                if not is_common:
                    return 0.7
                if title:
                    return 0.0
                # A capitalised common word mid-sentence names something only next to
                # another capitalised word (Bin Laden, Wall Street): alone it is emphasis.
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                prv = tokens[i - 1] if i > 0 else None
                for other in (nxt, prv):
                    if other is not None and (other.low in PEOPLES and low not in HEADS_AFTER_PEOPLE or other.low in GOODS):
                        continue  # a Jordanian doctor, Choco Pies
                    if other is not None and is_cap(other.word) and other.low not in FUNCTION_WORDS \
                            and not (other is nxt and nxt.initial) and not (other is prv and tok.initial) \
                            and other.end - other.start > 1:
                        return 0.45
                return 0.0
            if kinds and not is_common:
                return 0.8
            if not is_common and not kinds and word[1:].islower():
                return 0.6
            if kinds & {"given", "surname"} and not title:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if tok.alone or _APPOSITION.match(subject, tok.end) or (nxt is not None and not nxt.initial and (
                        (is_cap(nxt.word) and nxt.low not in STOP and not _cited(nxt, subject))
                        or nxt.low in VERB_AFTER_NAME)) \
                        or low in KOREAN_SURNAMES_LATIN and (nxt is None or nxt.initial) and subject[tok.end:tok.end + 1] == ".":
                    return 0.6  # "Q: Who? A: Lee.": a surname that is a sentence of its own
            return 0.0
        if i + 1 < len(tokens) and low in _first_of_two_words() and \
                "place" in _two_words(proper, low, tokens[i + 1].low):
            return 0.35
        if not is_common and len(word) > 2:
            if "given" in kinds:
                return 0.3
            if "place" in kinds and len(word) > 3:
                return 0.35
        return 0.0

    @staticmethod
    def _joinable(tokens: list[Token], a: int, b: int, subject: str, *, left: bool) -> bool:
        gap = subject[tokens[a].end:tokens[b].start]
        if gap in ("'s ", "’s ") and tokens[a].word == "People" and is_cap(tokens[b].word):
            return True  # the Provincial People's Hospital, a People's Committee: one name
        initial_gap = gap.strip() == "." and len(tokens[a].word) == 1 and tokens[a].word.isupper()
        if len(gap) > 2 or (any(c in ".!?,;:()\"“”\n" or c.isalpha() for c in gap) and not initial_gap):
            return False  # MBC와 KBS: a Korean particle between two names parts them
        tok = tokens[a] if left else tokens[b]
        if tok.low == "for":  # Database Center for North Korean Human Rights: "for" after an organisation's head word
            head, nxt = (a - 1, a - 1) if left else (a, b + 1)
            return 0 <= min(head, nxt) and max(head, nxt) < len(tokens) and tokens[head].low in ORG_WORDS \
                and is_cap(tokens[head].word) and is_cap(tokens[nxt].word) and tokens[nxt].low not in STOP
        if tok.low in LINKS and not (is_cap(tok.word) and tok.low not in FUNCTION_WORDS):
            nxt = a - 1 if left else b + 1
            return 0 <= nxt < len(tokens) and is_cap(tokens[nxt].word) and tokens[nxt].low not in STOP
        if left and tokens[b].initial:
            return False
        if left and tok.initial and tok.low in _ROLES_BEFORE_A_NAME:
            return False  # "Defector Ahn Myong-chol said": what she is, then who
        if left and tok.initial and tokens[b].low in TITLES and tok.low in english_common() and tok.low not in TITLES:
            return False  # "Ask Uncle Kim": a word opening the sentence, then a title and a name
        return is_cap(tok.word) and tok.low not in FUNCTION_WORDS \
            and not _cited(tok, subject)

    @staticmethod
    def _label(words: list[str], proper: dict[str, frozenset[str]], toks: list[Token]) -> str:
        if any(w in ORG_WORDS for w in words):
            return ORG
        if len(toks) > 1 and len(toks[0].word) == 1 and toks[0].word not in "NSEW":
            return PERSON  # J. Park, K. Lee: an initial opens a person's name (N. Korea is a compass point)
        if len(words) == 1 and words[0] in KOREAN_SURNAMES_LATIN and toks[0].word[1:].islower():
            return PERSON  # "Park told me": a surname alone, not a park (Hyde Park is two words)
        if any(w in PLACE_WORDS for w in words) or any(t.word.rstrip(".") in PLACE_ABBR for t in toks):
            return LOCATION
        if any(_ROMANISED_UNIT.search(w) for w in words):
            return LOCATION  # Yangcheon-gu, Hyesan-dong: a Korean district or quarter romanised
        kinds = [proper.get(w) or proper.get(strip_diacritics(w), frozenset()) for w in words]  # tomás is tomas
        if any("given" in k for k in kinds):
            return PERSON
        if any("place" in k for k in kinds):
            return LOCATION
        return PERSON
