"""From spans to decisions: the overlap policy, proposals, and decisions that survive
re-detection.

Overlap policy (``merge_overlaps``): spans that share at least one character become one
span over their union, so no detector's finding is left partly readable by a narrower
choice. The merged span takes the label of its strongest member: a sensitive term
first, then the highest score (specific detectors score higher than heuristics), then
label rank ID_NUMBER > CONTACT > PERSON > LOCATION > ORG > MONEY > AGE > DATE. Its score is the highest,
its detectors and reasons are all of them. Spans that only touch end to start stay
apart.

Decisions are keyed by ``span_key``: a SHA-256 of the span's normalised string, so a
stored decision names the string it was about without holding it in clear, and it can
be re-applied after the text is detected again (even when offsets moved).
"""
from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from vault.errors import RedactionError
from vault.redaction.normalise import fold
from vault.redaction.spans import (
    CONTACT,
    DATE,
    EVENT_TOWN,
    GUESS_NOTE,
    ID_NUMBER,
    LABELS,
    LISTED_BODY,
    LOCATION,
    MONEY,
    ORG,
    PERSON,
    PUBLIC_FIGURE,
    WELL_KNOWN,
    Span,
)


class Action(enum.Enum):
    """What the released text shows in place of a span."""

    MASK = "mask"  # [PERSON]
    PSEUDONYMISE = "pseudonymise"  # Person 7: the same string gets the same label everywhere
    GENERALISE = "generalise"  # county -> province, date -> year, age -> band, money -> range
    KEEP = "keep"  # not an identifier after all (a rejected detection)
    DROP = "drop"  # removed without a placeholder


# Strongest first: when decisions overlap, the more protective action wins.
ACTION_STRENGTH = (Action.DROP, Action.MASK, Action.PSEUDONYMISE, Action.GENERALISE, Action.KEEP)
_LABEL_RANK = {label: rank for rank, label in enumerate(
    ("ID_NUMBER", "CONTACT", "PERSON", "LOCATION", "ORG", "MONEY", "AGE", "DATE"))}
DEFAULT_ACTIONS: Mapping[str, Action] = {
    "PERSON": Action.PSEUDONYMISE,
    "LOCATION": Action.GENERALISE,
    "ORG": Action.MASK,
    "DATE": Action.GENERALISE,
    "AGE": Action.GENERALISE,
    "MONEY": Action.GENERALISE,
    "CONTACT": Action.MASK,
    "ID_NUMBER": Action.MASK,
}
ENGINE = "engine"
LOW_SCORE = 0.35  # below: relative dates and the like, proposed as KEEP for a person to confirm


@dataclass(frozen=True)
class Decision:
    """A person's (or the engine's proposed) decision about one span."""

    span: Span
    action: Action
    decided_by: str
    note: str = ""


@dataclass(frozen=True)
class Merged:
    """Result of re-applying stored decisions to new detections."""

    decisions: tuple[Decision, ...]
    undecided: tuple[Span, ...] = field(default=())  # new spans nobody has decided yet
    stale: tuple[Mapping[str, object], ...] = field(default=())  # stored decisions whose string is gone


_DATES_TO_KEEP = 0.5  # durations, anniversaries, centuries and relative dates score below it


def _strength(span: Span) -> tuple[int, float, int]:
    return (int(span.detector.startswith("sensitive_terms") or "+sensitive_terms" in span.detector),
            span.score, -_LABEL_RANK.get(span.label, 99))


def _holiday(group: list[Span], lo: int, hi: int) -> Span | None:
    """The date over a group whose names all lie inside a holiday (a place in 광명성절, a surname in
    태양절, a leader in "the eve of Kim Jong Il's birthday"), or None."""
    holidays = [s for s in group if s.label == DATE and "holiday" in s.reason]
    whole = [s for s in group if s.label == DATE and (s.start, s.end) == (lo, hi)]
    if not holidays or not whole or not all(
            s.label == DATE or any(h.start <= s.start and s.end <= h.end for h in holidays) for s in group):
        return None
    return max(whole, key=_strength)


def merge_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Apply the overlap policy; return disjoint spans sorted by position."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    groups: list[list[Span]] = []
    end = -1
    for span in ordered:
        if groups and span.start < end:
            groups[-1].append(span)
            end = max(end, span.end)
        else:
            groups.append([span])
            end = span.end
    out: list[Span] = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        best = max(group, key=_strength)
        lo, hi = min(s.start for s in group), max(s.end for s in group)
        named = [s for s in group if s.label == ORG and s.start == lo and s.end == hi
                 and ("organisations" not in s.detector.split("+") or s.reason == LISTED_BODY)]
        if named and not _strength(best)[0] and all(s.label in (ORG, LOCATION) or (s.start, s.end) != (lo, hi)
                                                     for s in group):
            # A body named after a place or a person (유엔 북한인권조사위원회, Hyesan Party Committee,
            # Kim Chaek Iron and Steel Complex) is an organisation: the name inside does not make the
            # whole a place or a person. A workplace
            # found as a unit (회령탄광) stays a place, generalised with its head (함경북도 탄광).
            best = max(named, key=_strength)
        elif (holiday := _holiday(group, lo, hi)) is not None and not _strength(best)[0]:
            best = holiday  # 광명성절, 태양절, Kim Jong Il's birthday: a date
        elif (money := [s for s in group if s.label == MONEY and (s.start, s.end) == (lo, hi)]) \
                and not _strength(best)[0]:
            best = money[0]  # 100 US dollars: whose money it is names no place
        elif best.label in (CONTACT, DATE) and (best.start, best.end) != (lo, hi) and not _strength(best)[0] \
                and (ids := [s for s in group if s.label in (ID_NUMBER, CONTACT) and s.label != best.label
                             and (s.start, s.end) == (lo, hi)]):
            # Case ID: NK-2019-0342: a record's number whose digits look like a phone's; 증언자 2019-031: a
            # number that opens with a year
            best = ids[0]
        elif best.label == DATE and best.score < _DATES_TO_KEEP and (best.start, best.end) != (lo, hi) and not _strength(best)[0] \
                and (names := [s for s in group if s.label in (PERSON, LOCATION, ORG) and (s.start, s.end) == (lo, hi)]):
            # A duration or relative date read inside a name (네일 in 네일라 레이, "four days") would label the
            # whole a date proposed to stay: the name around it is what the text holds.
            best = max(names, key=_strength)
        elif best.label == PERSON and best.detector == "korean_proper_nouns":
            # 여맹, 직맹: an organ the organisations detector knows by name, which Kiwi calls a proper noun.
            organs = [s for s in group if s.label == ORG and (s.start, s.end) == (best.start, best.end)
                      and s.detector == "organisations"]
            best = organs[0] if organs else best
        detectors = sorted({d for s in group for d in s.detector.split("+") if d})
        reasons = list(dict.fromkeys(s.reason for s in group if s.reason))
        out.append(Span(lo, hi, best.label,
                        max(s.score for s in group), "+".join(detectors), "; ".join(reasons)))
    return out


def span_key(text: str, span: Span) -> str:
    """Return a stable key for the string a span covers (no plaintext)."""
    surface = fold(text[span.start:span.end]).strip()
    return "sha256:" + hashlib.sha256(surface.encode("utf-8")).hexdigest()


def propose(spans: Sequence[Span]) -> list[Decision]:
    """Return the engine's proposed decision for each span (a person confirms them)."""
    decisions = []
    for span in merge_overlaps(spans):
        if span.label == "PERSON" and PUBLIC_FIGURE in span.reason:
            decisions.append(Decision(span, Action.KEEP, ENGINE, "a public figure names no witness: confirm"))
        elif span.score < LOW_SCORE and span.label == "DATE":
            decisions.append(Decision(span, Action.KEEP, ENGINE, "low-risk relative date: confirm"))
        elif span.score < LOW_SCORE and span.label == "PERSON":
            # Fail safe: a guess stays masked until a person keeps it (a readable name cannot be taken back).
            decisions.append(Decision(span, DEFAULT_ACTIONS[span.label], ENGINE, GUESS_NOTE))
        elif span.label == "LOCATION" and EVENT_TOWN in span.reason and "gazetteer" not in span.reason:
            decisions.append(Decision(span, Action.KEEP, ENGINE, "an event everyone knows names no witness's town: confirm"))
        elif span.label == "ORG" and WELL_KNOWN in span.reason:
            decisions.append(Decision(span, Action.KEEP, ENGINE, "a well-known public body names no witness: confirm"))
        elif span.label == "ORG" and "gazetteer" in span.detector.split("+"):
            decisions.append(Decision(span, Action.GENERALISE, ENGINE, "a unit named after its town: generalised"))
        elif span.label == "DATE" and any(kind in span.reason for kind in ("duration", "anniversary", "century")) \
                and "date" not in span.reason.replace("duration", ""):
            # 3년 동안, 3주기, the 19th century: how long, how many years since, which hundred years; no day.
            decisions.append(Decision(span, Action.KEEP, ENGINE, "a duration, not a date: confirm"))
        else:
            decisions.append(Decision(span, DEFAULT_ACTIONS[span.label], ENGINE))
    return decisions


def decision_to_dict(text: str, decision: Decision, *, scope: str = "occurrence") -> dict[str, object]:
    """Serialise a decision to plain data (for storage in the vault).

    ``scope`` "string" makes the decision apply to every occurrence of the same string.
    """
    if scope not in ("occurrence", "string"):
        raise RedactionError(f"unknown scope {scope!r}")
    span = decision.span
    return {
        "start": span.start, "end": span.end, "label": span.label, "score": span.score,
        "detector": span.detector, "reason": span.reason, "key": span_key(text, span),
        "action": decision.action.value, "decided_by": decision.decided_by,
        "note": decision.note, "scope": scope,
    }


def decision_from_dict(data: Mapping[str, object]) -> Decision:
    """Rebuild a decision from ``decision_to_dict`` output; refuse anything malformed."""
    try:
        start, end = int(str(data["start"])), int(str(data["end"]))
        label = str(data["label"])
        action = Action(str(data["action"]))
        score = float(str(data.get("score", 1.0)))
    except (KeyError, ValueError) as exc:
        raise RedactionError(f"malformed stored decision: {exc}") from None
    if label not in LABELS:
        raise RedactionError(f"malformed stored decision: label {label!r}")
    span = Span(start, end, label, score, str(data.get("detector", "manual")), str(data.get("reason", "")))
    return Decision(span, action, str(data.get("decided_by", "")), str(data.get("note", "")))


def _relocate(text: str, length: int, key: str, near: int) -> int | None:
    """Find the occurrence of a string of ``length`` with ``key`` nearest to ``near``."""
    best: int | None = None
    for start in range(0, max(0, len(text) - length) + 1):
        if span_key(text, Span(start, start + length, "PERSON")) == key:
            if best is None or abs(start - near) < abs(best - near):
                best = start
    return best


def merge_decisions(text: str, detected: Sequence[Span],
                    stored: Iterable[Mapping[str, object]]) -> Merged:
    """Re-apply stored decisions to fresh detections of ``text``.

    - a stored decision for the same range and string applies to that span;
    - a stored decision with scope "string" applies to every span of that string;
    - a manual span (not from a detector) is kept where its string still is, moved to
      the nearest occurrence if the text changed, or reported stale if it is gone;
    - detections no stored decision covers are returned as ``undecided``.
    """
    by_range: dict[tuple[int, int, str], Mapping[str, object]] = {}
    by_string: dict[str, Mapping[str, object]] = {}
    manual: list[Mapping[str, object]] = []
    for item in stored:
        decision_from_dict(item)  # validate early
        key = str(item.get("key", ""))
        by_range[(int(str(item["start"])), int(str(item["end"])), key)] = item
        if item.get("scope") == "string":
            by_string[key] = item
        if str(item.get("detector", "")) in ("manual", ""):
            manual.append(item)
    decisions: list[Decision] = []
    undecided: list[Span] = []
    for span in merge_overlaps(detected):
        key = span_key(text, span)
        found = by_range.get((span.start, span.end, key)) or by_string.get(key)
        if found is None:
            undecided.append(span)
            continue
        old = decision_from_dict(found)
        decisions.append(Decision(span, old.action, old.decided_by, old.note))
    stale: list[Mapping[str, object]] = []
    for item in manual:
        old = decision_from_dict(item)
        key = str(item.get("key", ""))
        span = old.span
        if span.end <= len(text) and span_key(text, span) == key:
            decisions.append(old)
            continue
        start = _relocate(text, span.end - span.start, key, span.start)
        if start is None:
            stale.append(item)
            continue
        moved = Span(start, start + span.end - span.start, span.label, span.score, span.detector, span.reason)
        decisions.append(Decision(moved, old.action, old.decided_by, old.note))
    decisions.sort(key=lambda d: (d.span.start, d.span.end))
    return Merged(tuple(decisions), tuple(undecided), tuple(stale))
