"""Whole place names in Latin script: what follows or precedes a found place belongs to it.

A place found by any detector is widened over
- the region written after it: a postal code or an abbreviation of a US state, Canadian
  province or Chinese/Korean region, after a comma or a space (``Kingston, Ont.``,
  ``philadelphia pa``, ``Spring, TX``); left readable it narrows the place down to a few
  towns;
- a generic head word after it (``Fort Worth metro area``, ``Yanji outskirts``,
  ``St. Charles mall``, ``Yodok political prison camp``, ``Hyesan-dong 5-ban``) that the
  gazetteer's own head words do not cover;
- ``the`` before a sea or ocean named alone (``the Atlantic``, ``the Yellow``), and the
  ``Bay of``/``Gulf of``/``Sea of`` before a found place (``Bay of Korea``);
- an administrative head word after a capitalised-word guess (``Baihe village``,
  ``Songjiang township``): the pair is a place, not a person.

Places found by their kind alone (``venues``): a shop named after its owner (``mazzoni 's
deli``), a named building or site (``British Museum``, ``Lotte Hotel``), an abbreviated town
before a US state code at the end of a clause (``food in phila pa?``).

Pure: no I/O. Offsets are those of the original text.
"""
from __future__ import annotations

import re

from vault.redaction.detectors.english_words import FUNCTION_WORDS, PEOPLES
from vault.redaction.lexicons import english_common
from vault.redaction.spans import LOCATION, ORG, PERSON, Span

# Postal abbreviations (US states, Canadian provinces) and the older dotted forms.
_REGION_CODES = frozenset("""al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms
mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc
ab bc mb nb nl ns nt nu on pe qc sk yt""".split())
_DOTTED_REGIONS = frozenset("""ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass
mich minn miss mo mont neb nev okla ore pa penn tenn tex va vt wash wis wisc wyo
alta man ont que sask nfld""".split())
_AFTER = re.compile(r"(,\s?|\s)([A-Za-z]{2,5})(\.?)(?=$|[\s,;:!?)\"'.])")
_HEAD = re.compile(r"\s((?:metro(?:politan)?\s)?area|suburbs?|outskirts|neighbou?rhood|mall|downtown|"
                   r"uptown|old town|harbou?r|township|commune|oblast|krai|municipality|borough|"
                   r"village|county|prefecture|province|district|provincial capital|"
                   # a camp or prison named after its place ("Yodok political prison camp")
                   r"(?:political\s)?(?:prison|labou?r|re-?education|concentration|detention|penal)\s"
                   r"(?:camp|cent(?:re|er)|facility|colony)|"
                   # the neighbourhood unit after a dong ("Hyesan-dong 5-ban", "Wiyon-dong 12 inminban")
                   r"\d{1,3}-?ban|\d{1,3}\sinminban)\b",
                   re.IGNORECASE)
_SEAS = re.compile(r"\b(?:the|The)\s$")
_SEA_NAMES = frozenset("atlantic pacific arctic yellow baltic mediterranean caribbean".split())
_MOUNT = re.compile(r"\b(?:[Mm]t\.?|[Mm]ount)\s$")
_OF_BEFORE = re.compile(r"\b(?:bay|gulf|sea|isle|strait|straits|cape|port|lake|mount)\sof\s$",
                        re.IGNORECASE)
_ZIP = re.compile(r"\s\d{5}(?:-\d{4})?\b|\s[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")


def _is_region(code: str, dot: str, comma: bool, closes: bool) -> bool:
    """Is ``code`` (with its dot, after a comma or a space) a region abbreviation?

    After a space alone it must close the clause (``philadelphia pa?``) and be written in
    capitals or all lower case, so ``Seoul on Monday`` keeps ``on``.
    """
    low = code.lower()
    if not (code.isupper() or code.islower() or (dot and code[0].isupper() and code[1:].islower())):
        return False
    if low in _REGION_CODES and len(code) == 2:
        return (comma and code.isupper()) or closes  # "Seoul, in 2008" keeps "in"
    if low in _DOTTED_REGIONS:
        return (comma and (bool(dot) or code[0].isupper())) or (closes and bool(dot))
    return False


def widen(text: str, span: Span) -> Span:
    """Return ``span`` widened over the region, head word and lead-in of its place."""
    surface = text[span.start:span.end].lower()
    mount = _MOUNT.search(text, max(0, span.start - 7), span.start) if text[span.start - 2:span.start - 1] in ("t", ".") else None
    if mount is not None and span.label in (PERSON, LOCATION) and "title" not in span.reason:
        span = Span(mount.start(), span.end, LOCATION, span.score, span.detector, span.reason)  # Mt. Chilbo: a mountain
    if surface in _SEA_NAMES and span.label == PERSON:
        span = Span(span.start, span.end, LOCATION, span.score, span.detector, "a sea or ocean")
    if span.label != LOCATION or not any("a" <= c <= "z" for c in surface):
        return span
    start, end = span.start, span.end
    head = _HEAD.match(text, end)
    if head is not None:
        end = head.end()
    after = _AFTER.match(text, end)
    if after is not None and _is_region(after.group(2), after.group(3), "," in after.group(1),
                                        after.end() == len(text) or text[after.end()] in ".,;:!?)\n"):
        end = after.end()
    zipcode = _ZIP.match(text, end)
    if zipcode is not None:
        end = zipcode.end()
    sea = _SEAS.search(text, max(0, start - 4), start) if text[start:end].lower() in _SEA_NAMES else None
    if sea is not None:
        start = sea.start()
    lead = _OF_BEFORE.search(text, max(0, start - 12), start)
    if lead is not None:
        start = lead.start()
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.detector, span.reason)


# The possessive written apart from its name ("McDonald s", "Hackney 's") and the "Mc" written
# apart from the rest of the name ("mc donald"): both belong to the name they stick to.
_POSSESSIVE_APART = re.compile(r"\s(?:['’]\s?)?s(?![A-Za-z0-9])")
_MC_APART = re.compile(r"(?<![A-Za-z])(?:[Mm][Aa]?[Cc])\s$")
_LATIN_NAMES = frozenset({PERSON, LOCATION, ORG})


def _whole_latin_name(text: str, span: Span) -> Span:
    """Widen a Latin-script name over a possessive or a "Mc" written apart from it."""
    if span.label not in _LATIN_NAMES or not text[span.start:span.end][-1:].isalpha() \
            or not text[span.start:span.end].isascii():
        return span
    start, end = span.start, span.end
    after = _POSSESSIVE_APART.match(text, end)
    if after is not None:
        end = after.end()
    before = _MC_APART.search(text, max(0, start - 4), start)
    if before is not None:
        start = before.start()
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.detector, span.reason)


# Capitalised items of a comma list that holds places are places too ("Loop, North Side, South
# Side"): at least two other items must be places, and the item is one to three capitalised words.
_ITEM = r"[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,2}"
_LATIN_LIST = re.compile(rf"(?<![A-Za-z]){_ITEM}(?:, {_ITEM}){{2,}}")
_ITEM_RE = re.compile(_ITEM)


def list_places(text: str, spans: list[Span]) -> list[Span]:
    """Return LOCATION spans for unflagged capitalised items of lists of places."""
    places = [s for s in spans if s.label == LOCATION]
    if len(places) < 2:
        return []
    out: list[Span] = []
    for m in _LATIN_LIST.finditer(text):
        items = [(m.start() + i.start(), m.start() + i.end()) for i in _ITEM_RE.finditer(m.group())]
        covered = [any(p.start <= a and b <= p.end for p in places) for a, b in items]
        if sum(covered) < 2:
            continue
        for (a, b), done in zip(items, covered):
            if not done and not any(s.start < b and a < s.end for s in spans):
                out.append(Span(a, b, LOCATION, 0.4, "lists", "in a list of places"))
    return out


# A shop named after its owner ("mazzoni 's deli", "Kim's bakery"): the owner's name and the
# shop's kind together point at one door. Each pattern finds its rare tail first and only then
# looks back for the name (a pattern that opens on any word would try every word of the text).
_SHOP_TAIL = re.compile(r"['’]\s?s\s(?:deli|diner|cafe|café|bakery|pizzeria|restaurant|grill|pub|bar|"
                        r"tavern|bistro|salon|shop|store|market|kitchen|steakhouse)\b", re.IGNORECASE)
_OWNER = re.compile(r"(?<![A-Za-z])([A-Za-z][a-z]{2,})\s?$")
# A named building or venue ("British Museum", "Lotte Hotel", "Hanawon Clinic"): one to three
# capitalised words before a capitalised head that only buildings and sites have.
_VENUE_HEAD = re.compile(r"\b(?:Museum|Gallery|Stadium|Airport|Cathedral|Mosque|Temple|Shrine|Zoo|Aquarium|"
                         r"Hotel|Motel|Mall|Plaza|Clinic|Prison|Mart|Market|Supermarket|Restaurant|Cafe|Café|"
                         r"Bakery|Pharmacy|Station|Terminal|Factory|Mine|Farm)\b")
_VENUE_NAME = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]+\s){1,3}$")
_NOT_OPENING = frozenset("the a an my our your his her their this that these those at in on to from of".split())
# An abbreviated town before a US state code at the end of a clause ("food in phila pa?").
_CODE_AT_END = re.compile(r" ([A-Za-z]{2})(?:[.?!,;]|\s*$)")
_TOWN_STATE = re.compile(r"\b(?:in|from|near|around|outside)\s([a-z]{3,12})\s([a-z]{2}|[A-Z]{2})\s*$")
# A guessed name with an administrative head after it ("Baihe village", "Songjiang township").
_ADMIN_HEAD = re.compile(r"\s(?:village|county|township|prefecture|province|district)\b", re.IGNORECASE)
# A country's embassy or consulate, where a witness sought refuge: named by a nationality ("the
# South Korean embassy", "the Chinese Consulate General") or by the country ("the embassy of South Korea").
_MISSION = r"(?:embassy|consulate(?:[\s-]general)?)"
_MISSION_BY_PEOPLE = re.compile(rf"\b(?:(?:north|south)[\s-])?([a-z]+)\s{_MISSION}\b", re.IGNORECASE)
_MISSION_OF = re.compile(rf"\b(?i:{_MISSION})\sof\s(?:the\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}")


def missions(text: str) -> list[Span]:
    """Return LOCATION spans for embassies and consulates named by a nationality or a country."""
    folded = text.lower()
    if "embass" not in folded and "consul" not in folded:
        return []
    out = [Span(m.start(), m.end(), LOCATION, 0.75, "places", "an embassy or consulate")
           for m in _MISSION_BY_PEOPLE.finditer(text) if m.group(1).lower() in PEOPLES]
    out.extend(Span(m.start(), m.end(), LOCATION, 0.75, "places", "an embassy or consulate")
               for m in _MISSION_OF.finditer(text))
    return out


def venues(text: str, spans: list[Span]) -> list[Span]:
    """Return LOCATION spans for shops named after their owner, named buildings and towns
    before a state code (see the patterns above)."""
    out: list[Span] = []
    if "'" in text or "’" in text:
        for m in _SHOP_TAIL.finditer(text):
            owner = _OWNER.search(text, max(0, m.start() - 30), m.start())
            if owner is None or owner.group(1).islower() and owner.group(1) in english_common():
                continue  # "mom's kitchen": a common word owns nothing nameable
            out.append(Span(owner.start(1), m.end(), LOCATION, 0.75, "places", "a shop named after its owner"))
    for m in _VENUE_HEAD.finditer(text):
        name = _VENUE_NAME.search(text, max(0, m.start() - 60), m.start())
        if name is None:
            continue
        words = name.group().split()
        while words and words[0].lower() in _NOT_OPENING:
            words = words[1:]
        if words:
            start = m.start() - len(" ".join(words)) - 1
            out.append(Span(start, m.end(), LOCATION, 0.75, "places", "a named building or venue"))
    for end in _CODE_AT_END.finditer(text):
        code = end.group(1).lower()
        if code not in _REGION_CODES or code in FUNCTION_WORDS:
            continue
        town = _TOWN_STATE.search(text, max(0, end.end(1) - 40), end.end(1))
        if town is not None and town.group(1) not in english_common():
            out.append(Span(town.start(1), town.end(2), LOCATION, 0.4, "places", "a town before a state code"))
    return out


def _admin_head(text: str, span: Span) -> Span:
    """A capitalised-word guess followed by an administrative head word is a place, head included."""
    if span.label != PERSON or span.detector != "english_names" or span.score >= 0.8:
        return span
    head = _ADMIN_HEAD.match(text, span.end)
    if head is None:
        return span
    return Span(span.start, head.end(), LOCATION, span.score, span.detector,
                span.reason + "; an administrative head word after it")


def widen_places(text: str, spans: list[Span]) -> list[Span]:
    """Return the spans with every Latin-script place and name widened (see the module's doc)."""
    widened = [_whole_latin_name(text, widen(text, _admin_head(text, s))) for s in spans]
    return widened + list_places(text, widened) + venues(text, widened) + missions(text)
