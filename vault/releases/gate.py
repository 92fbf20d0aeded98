"""The release gate: every reason a release must not reach the reading room.

:func:`check` returns the list of reasons (empty: the release may go out);
:func:`ensure_releasable` raises :class:`vault.errors.ReleaseBlocked` with them. Each
reason says what an archivist can do about it, and names spans by position and label
only, never by their text (reasons are printed and may be logged).

Reasons (``Reason.code``):

- ``undecided-span``: the engine detects a span nobody has decided on;
- ``sensitive-term``: a sensitive term of the testimony or of the archive (or the
  witness's name) is still readable in the released text after S30 normalisation;
- ``forbidden-character``: the released text holds bidi, zero-width or other invisible characters (S31);
- ``consent``: the consent scope does not allow release, or consent was withdrawn (S34);
- ``k-anonymity``: publishing would show quasi-identifiers that fewer than k extracts
  share; the reason carries the least generalisation that restores k, if any;
- ``image-metadata``: a released image still carries metadata (EXIF, GPS, XMP, ICC ...,
  S32) or is not a PNG/JPEG rebuilt from pixels;
- ``narrative``: the released text states a place, date, age or the witness's own
  birth, exit or arrival year more finely than the released metadata shows it
  (:mod:`vault.releases.narrative`); the reason carries each finding and its fix.

:func:`words` gives a reason's wording in English or Korean for pages: no offsets,
command-line flags or requirement codes.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vault import anonymity
from vault.errors import ReleaseBlocked
from vault.redaction import Span, find_forbidden_controls
from vault.redaction.detectors.sensitive_terms import SensitiveTermsDetector
from vault.releases import narrative

UNDECIDED = "undecided-span"
SENSITIVE_TERM = "sensitive-term"
FORBIDDEN_CHARACTER = "forbidden-character"
CONSENT = "consent"
K_ANONYMITY = "k-anonymity"
IMAGE = "image-metadata"
NARRATIVE = "narrative"
CODES = (UNDECIDED, SENSITIVE_TERM, FORBIDDEN_CHARACTER, CONSENT, K_ANONYMITY, IMAGE, NARRATIVE)

#: consent scope -> may it reach the reading room (S34).
RELEASABLE_CONSENT = {"archive_only": False, "research": True, "public": True}
_SHOWN = 5  # positions listed per reason


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    proposal: anonymity.Proposal | None = None
    findings: tuple[narrative.Finding, ...] = ()

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class GateInput:
    """What the gate looks at for one release."""

    text: str = field(repr=False)  # the rendered text that would be released
    consent: str
    status: str  # testimony status (withdrawn = consent withdrawn)
    undecided: Sequence[Span] = ()
    terms: Sequence[str] = field(default=(), repr=False)
    candidate: anonymity.Record | None = None  # None: skip the k-anonymity check (proposal time)
    published: Sequence[anonymity.Record] = ()
    k: int = anonymity.DEFAULT_K
    accept_suppression: bool = False
    image_findings: Sequence[str] = ()  # S32: metadata left in released images (vault.media.metadata)
    narrative: Sequence[narrative.Finding] = ()  # passages finer than the released metadata


def check(facts: GateInput) -> list[Reason]:
    """Return every reason to refuse the release (empty list: it may be published)."""
    reasons: list[Reason] = []
    reasons += _consent(facts)
    reasons += _undecided(facts.undecided)
    reasons += _terms(facts.text, facts.terms)
    reasons += _controls(facts.text)
    reasons += [Reason(IMAGE, finding) for finding in facts.image_findings]
    if facts.narrative:
        reasons.append(_narrative(facts.narrative))
    if facts.candidate is not None:
        reasons += _k_anonymity(facts)
    return reasons


def ensure_releasable(facts: GateInput) -> None:
    """Return ``None`` when the gate passes, else raise :class:`ReleaseBlocked`."""
    reasons = check(facts)
    if reasons:
        raise ReleaseBlocked([r.message for r in reasons], findings=reasons)


def ensure_still_releasable(facts: GateInput) -> None:
    """Judge again only what can move after :func:`ensure_releasable` passed: consent and k-anonymity.

    The text, its spans, images and narrative findings of ``facts`` are those that passed;
    ``facts`` carries the consent, status and published set read again inside the write.
    """
    reasons = _consent(facts) + (_k_anonymity(facts) if facts.candidate is not None else [])
    if reasons:
        raise ReleaseBlocked([r.message for r in reasons], findings=reasons)


def _positions(spans: Sequence[tuple[int, int, str]]) -> str:
    shown = ", ".join(f"{label} at {a}-{b}" for a, b, label in spans[:_SHOWN])
    more = len(spans) - _SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _consent(facts: GateInput) -> list[Reason]:
    if facts.status == "withdrawn":
        return [Reason(CONSENT, "consent: the witness withdrew consent; this testimony can never be released")]
    if not RELEASABLE_CONSENT.get(facts.consent, False):
        return [Reason(CONSENT, f"consent: the consent scope is {facts.consent!r}, which does not allow any"
                                " release; record the witness's new consent before proposing one")]
    return []


def _undecided(spans: Sequence[Span]) -> list[Reason]:
    if not spans:
        return []
    listed = _positions([(s.start, s.end, s.label) for s in spans])
    return [Reason(UNDECIDED, f"undecided spans: {len(spans)} detected span(s) have no decision ({listed} in"
                              " the testimony text); accept, reject or change each in the workbench"
                              " (or `testimony release decisions ID --accept-all`)")]


def _terms(text: str, terms: Sequence[str]) -> list[Reason]:
    reasons = []
    for number, term in enumerate(terms, start=1):
        if not term or not term.strip():
            continue
        hits = sorted({(s.start, s.end, "term") for s in SensitiveTermsDetector([term]).detect(text)})
        if hits:
            listed = ", ".join(f"{a}-{b}" for a, b, _ in hits[:_SHOWN])
            reasons.append(Reason(SENSITIVE_TERM, f"sensitive term {number} of {len(terms)} is still readable in the"
                                                  f" released text (at {listed}); mark those spans for masking"
                                                  " or pseudonymising and render again"))
    return reasons


def _controls(text: str) -> list[Reason]:
    found = find_forbidden_controls(text)
    if not found:
        return []
    listed = ", ".join(f"{name} at {index}" for index, name in found[:_SHOWN])
    more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    return [Reason(FORBIDDEN_CHARACTER, f"forbidden characters: the released text holds {len(found)} invisible or"
                                        f" text-direction character(s) ({listed}{more}); revise the testimony text"
                                        " to remove them (S31)")]


def _k_anonymity(facts: GateInput) -> list[Reason]:
    candidate = facts.candidate
    assert candidate is not None
    size, proposal = anonymity.assess(candidate, facts.published, facts.k)
    if size >= facts.k or facts.accept_suppression:
        return []
    if proposal is not None and proposal.levels == candidate.levels:
        return []  # shown exactly as asked, in a class the reading room forms with others
    shown = ", ".join(f"{n}={v}" for n, v in zip(anonymity.QUASI_IDENTIFIERS, candidate.values, strict=True))
    message = (f"k-anonymity: only {size} published extract(s) including this one would show {shown}"
               f" (k={facts.k})")
    if proposal is not None:
        values = ", ".join(f"{n}={v}" for n, v in zip(anonymity.QUASI_IDENTIFIERS, proposal.values, strict=True))
        message += (f"; proposed generalisation {proposal.levels.describe()} shows {values}, shared by"
                    f" {proposal.class_size}: publish with --generalise {proposal.levels.describe()}")
        message += ", or"
    else:
        message += "; no generalisation reaches k with the extracts published so far:"
    message += (" publish with --accept-suppression to let the reading room generalise or withhold its"
                f" quasi-identifiers until {facts.k} similar extracts exist")
    return [Reason(K_ANONYMITY, message, proposal)]


def _narrative(items: Sequence[narrative.Finding]) -> Reason:
    listed = " ".join(narrative.describe(item, n) for n, item in enumerate(items[:_SHOWN], start=1))
    more = f" And {len(items) - _SHOWN} more." if len(items) > _SHOWN else ""
    return Reason(NARRATIVE, f"narrative: the text says more than the released metadata in {len(items)}"
                             f" passage(s). {listed}{more} Apply the suggested generalisation"
                             " (`testimony release publish ID --fix-text`) or edit those passages.",
                  findings=tuple(items))


# -- wording for pages ---------------------------------------------------------------------------------

_HEADINGS = {
    UNDECIDED: ("Some detected names, places or dates have no decision yet. Decide each one in the workbench.",
                "아직 결정하지 않은 이름, 지명 또는 날짜가 있습니다. 검토 화면에서 하나씩 결정하세요."),
    SENSITIVE_TERM: ("A sensitive word is still readable in the text to be published. Mask it in the workbench.",
                     "공개할 본문에 민감한 단어가 아직 보입니다. 검토 화면에서 가리세요."),
    FORBIDDEN_CHARACTER: ("The text holds invisible characters that can disguise what it says. Remove them"
                          " from the testimony text.",
                          "본문에 내용을 숨길 수 있는 보이지 않는 문자가 있습니다. 증언 본문에서 지우세요."),
    CONSENT: ("The witness's consent does not allow publishing this testimony.",
              "증언자의 동의 범위로는 이 증언을 공개할 수 없습니다."),
    K_ANONYMITY: ("Too few published testimonies share these facts about the witness, so a reader could pick"
                  " the witness out. Show the facts less precisely, or accept that they are withheld.",
                  "이 증언자에 대한 정보를 공유하는 공개 증언이 너무 적어 읽는 사람이 증언자를 가려낼 수"
                  " 있습니다. 정보를 덜 자세히 보여 주거나, 정보를 공개하지 않는 데 동의하세요."),
    IMAGE: ("A photo to be published still carries hidden information (such as where or when it was taken)."
            " Rebuild it from its pixels.",
            "공개할 사진에 촬영 장소나 시간 같은 숨은 정보가 남아 있습니다. 사진을 다시 만드세요."),
    NARRATIVE: ("The text says more about the witness than the published facts do.",
                "본문이 공개되는 정보보다 증언자에 대해 더 많이 말합니다."),
}


def words(reason: Reason, lang: str = "en") -> list[str]:
    """Return a reason in plain words for a page: a heading, then one line per finding."""
    index = 1 if lang == "ko" else 0
    lines = [_HEADINGS[reason.code][index]]
    lines += [narrative.describe(item, n, lang) for n, item in enumerate(reason.findings, start=1)]
    return lines
