"""Organisations and units that identify a witness: security organs, party and army
units, work units, schools, numbered military units (ORG)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from vault.redaction.detectors._base import make_span
from vault.redaction.detectors._regex import Pattern, RegexDetector, start_keys
from vault.redaction.detectors.korean_proper_nouns import has_hangul
from vault.redaction.lexicons import known_organisations
from vault.redaction.normalise import normalise
from vault.redaction.spans import LISTED_BODY, Span

_KO_SECURITY = (
    r"국가보위성|국가안전보위부|국가보위부|보위성|보위부|보위국|보위대|안전부|안전성|인민보안성|인민보안부|"
    r"사회안전성|사회안전부|보안서|보안부|안전국|분주소|구류장|호위사령부|호위국|폭풍군단|국경경비대|"
    r"경비대|검찰소|재판소|노동당|조선노동당|당위원회|인민위원회|인민군|조선인민군|비사회주의\s?그루빠|"
    r"그루빠|상무|109상무|청년동맹|김일성사회주의청년동맹|사회주의애국청년동맹|애국청년동맹|김일성김정일주의청년동맹|사로청|소년단|조선소년단|여맹|직맹|농근맹|공안국|공안|변방대|변방부대|"
    r"국정원|국가정보원|합동신문센터|중앙합동신문센터|북한이탈주민보호센터|대성공사|하나원|통일부|경찰서|파출소"
)
_KO_WORK = (r"공장|기업소|연합기업소|탄광|광산|협동농장|농장|직장|작업반|고등중학교|중학교|소학교|고등학교|중고등학교|초등학교|"
            r"인민학교|초급중학교|고급중학교|대학교|대학|사범대학|병원|상점|무역회사|회사|외화벌이|사업소")
_KO_HEADS = sorted(set(_KO_SECURITY.split("|")) | set(_KO_WORK.split("|")), key=len, reverse=True)
_KO_HEAD = re.compile(
    "(?=[" + "".join(sorted({h[0] for h in _KO_HEADS})) + "])(?:" + "|".join(_KO_HEADS) + ")"
    r"(?=[^가-힣]|[에은는이가을를의와과도서로]|$)"
)
# Organs named alone are organisations (보위부, 공안); a holding cell or a police station alone
# is a kind of place, named only with its town (온성 구류장).
_SECURITY = frozenset(_KO_SECURITY.split("|")) - {"구류장", "경찰서", "파출소", "분주소"}
_ATTACHED = re.compile(r"[가-힣0-9]{1,10}$")
_PLACE_WORD = re.compile(r"([가-힣]{2,8}(?:도|시|군|구역|읍|리))\s$")  # not 당시, 즉시 (at the time, at once)
# A news agency in a byline: "(서울=연합뉴스)", "서울=가상통신)".
_KO_BYLINE = re.compile(r"(?<![가-힣])[가-힣]{2,6}\s?=\s?([가-힣a-z0-9]{2,12})(?=\))")
_KO_UNIT = re.compile(r"제?\d{1,6}\s?(?:군부대|부대|군단|사단|여단|연대|대대|중대|호\s?부대|훈련소)")
# The party's numbered offices and the hackers' bureau (39호실, 121국), as the English Office 39.
_KO_OFFICE = re.compile(r"(?<!\d)(?:3[89]\s?호실|121\s?국)(?=[^가-힣]|[은는이가을를의에도와과산]|$)")
# The organs every North Korean and every reader knows by name: named alone they point at no
# witness (the unit before them does: "the Onsong bowibu").
_EN_ORGANS = (
    r"(?:the\s)?(?:ministry|department|bureau) of (?:state|people'?s) security|state security(?: department| ministry| agency)?|"
    r"(?:ministry of )?people'?s security(?: ministry| department)?|ministry of public security|public security bureau|"
    r"bowibu|bowiseong|anjeonbu|anjonbu|boanseo|boansong|bo-?wi-?bu|an-?jeon-?bu|gruppa|mss|ssd|mps|mpss|"
    r"(?:korean )?people'?s army|kpa|workers'? party(?: of korea)?|worker'?s party|wpk|border (?:guards?|security)|"
    r"(?:(?:socialist patriotic|kimilsungist-kimjongilist|kim il[- ]sung socialist|socialist) )?youth league|"
    r"(?:korean )?children'?s union|(?:socialist )?women'?s union|(?:109 )?sangmu(?: group)?|"
    r"organi[sz]ation(?:al)? and guidance department|ogd|"
    r"national intelligence service|nis|(?:central )?joint interrogation cent(?:er|re)|hanawon|ministry of unification|unification ministry"
)
_EN_ORG = re.compile(
    rf"\b(?:{_EN_ORGANS}|border (?:guards?|security) (?:unit|brigade)|bureau 121|office 39|unit 39|room 39|bureau 39|"
    r"(?:military |army )?unit (?:no\.?\s?)?\d{2,6}|\d{1,3}(?:st|nd|rd|th) (?:corps|division|brigade|regiment|battalion)|"
    r"(?:corps|division|brigade|regiment|battalion) (?:no\.?\s?)?\d{1,4})\b"
)
_ORGAN = re.compile(_EN_ORGANS, re.IGNORECASE)


@lru_cache(maxsize=1)
def _linked_names() -> re.Pattern[str]:
    """The well-known names whose words "in" or "for" join (Liberty in North Korea): capitals alone
    would cut them at the small word, and the place after it would be generalised."""
    names = sorted((n for n in known_organisations() if n.isascii() and (" in " in n or " for " in n)), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def is_nationwide_organ(surface: str) -> bool:
    """Is ``surface`` an organ named alone (the bowibu, 보위부, Hanawon), with no unit or place?"""
    plain = surface.strip()
    return plain in _SECURITY or _ORGAN.fullmatch(plain) is not None


class OrganisationDetector(RegexDetector):
    """Security organs, party and army units, work units and schools."""

    name = "organisations"
    label = "ORG"
    patterns = (
        Pattern(_KO_UNIT, "ORG", 0.8, "numbered military unit", script="ko"),
        Pattern(_KO_OFFICE, "ORG", 0.8, "the party's numbered office", script="ko", needs=("호실", "국")),
        Pattern(_KO_BYLINE, "ORG", 0.6, "news agency in a byline", group=1, script="ko", needs=("=",)),
        Pattern(_EN_ORG, "ORG", 0.8, "security organ, party or military unit", script="en",
                starts=start_keys("the", "ministry", "department", "bureau", "state", "people", "public", "bowibu",
                                  "bowiseong", "anjeonbu", "anjonbu", "boanseo", "boansong", "bo", "an", "gruppa", "mss", "ssd", "mps",
                                  "korean", "kpa", "workers", "worker", "border", "socialist", "kimilsungist",
                                  "kim", "youth", "children", "women", "sangmu", "wpk", "national", "nis", "hanawon",
                                  "office", "unit", "room", "military", "organisation", "organization", "organisational",
                                  "organizational", "ogd", "army", "0", "corps", "division", "brigade",
                                  "regiment", "battalion")),
    )

    def detect(self, text: str) -> Iterator[Span]:
        """Yield English pattern matches, well-known names with small words inside, and Korean organisation names."""
        yield from super().detect(text)
        norm = normalise(text)
        subject = norm.text
        if " in " in norm.folded or " for " in norm.folded:
            for m in _linked_names().finditer(norm.folded):
                yield make_span(norm, m.start(), m.end(), "ORG", 0.9, self.name, LISTED_BODY)
        if not has_hangul(subject):
            return
        for m in _KO_HEAD.finditer(subject):
            head = m.group()
            start = m.start()
            attached = _ATTACHED.search(subject, max(0, start - 10), start)
            if attached is not None:
                start = attached.start()
            elif head not in _SECURITY:
                continue  # a bare 공장, 학교 names nothing
            place = _PLACE_WORD.search(subject, max(0, start - 10), start)
            if place is not None:
                start = place.start(1)
            yield make_span(norm, start, m.end(), "ORG", 0.8, self.name,
                            "Korean organisation, unit or workplace")
