"""The unit every detector produces: a labelled character range of the original text."""
from __future__ import annotations

from dataclasses import dataclass

from vault.errors import RedactionError

PERSON = "PERSON"
LOCATION = "LOCATION"
ORG = "ORG"
DATE = "DATE"
AGE = "AGE"
MONEY = "MONEY"
CONTACT = "CONTACT"
ID_NUMBER = "ID_NUMBER"

#: Added to the reason of a person guess without a name's evidence (scored below review's LOW_SCORE):
#: still found everywhere in the text, but never proposed with confidence.
GUESS_NOTE = "a guess without a name's evidence: confirm"
EVENT_TOWN = "the town of an event everyone knows"  # the Seoul Olympics, 평창동계올림픽
SURNAME_TITLE = "surname with a title"  # 김 실장, 이 형사님: the title stays readable beside the replacement
LISTED_BODY = "well-known organisation"  # found whole by its listed name (Liberty in North Korea)

#: Added to the reason of a public body every reader knows (a broadcaster, a party, the UN, the
#: bowibu named alone): it names no witness, so review proposes to keep it readable.
WELL_KNOWN = "a public body every reader knows (news media, a party, an international or nationwide body)"

#: Added to the reason of a public figure's name (Kim Il Sung): review proposes to keep it readable.
PUBLIC_FIGURE = "a public figure no witness shares (a leader of North Korea)"

LABELS: tuple[str, ...] = (PERSON, LOCATION, ORG, DATE, AGE, MONEY, CONTACT, ID_NUMBER)


@dataclass(frozen=True, order=True)
class Span:
    """``text[start:end]`` is an identifier of kind ``label`` (Python string indices)."""

    start: int
    end: int
    label: str
    score: float = 1.0
    detector: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end):
            raise RedactionError(f"empty or negative span {self.start}..{self.end}")
        if self.label not in LABELS:
            raise RedactionError(f"unknown label {self.label!r}")

    def to_dict(self) -> dict[str, object]:
        """Return the span in the ``redact detect`` JSON shape."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": round(self.score, 3),
            "detector": self.detector,
        }
