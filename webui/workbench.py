"""The redaction workbench's page model and the parsing of its form.

Shows the current text cut into plain and highlighted segments, one row per span
(stored decision, or the engine's proposal for an undecided span), and the rendered
extract. Parsing the form turns rows and manual additions back into
:class:`vault.redaction.Decision` values for ``vault.releases.decisions.save``; the rules of
what a decision means live in ``vault``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from vault.errors import InvalidInput
from vault.redaction import (
    GUESS_NOTE,
    LABELS,
    Action,
    Decision,
    find_forbidden_controls,
    propose,
    render,
    span_key,
)
from vault.releases.decisions import Review, manual

ACTIONS = tuple(a.value for a in Action)
MAX_MANUAL_MATCHES = 500


@dataclass(frozen=True)
class Segment:
    start: int
    text: str
    row: int | None = None  # index into rows, None for plain text
    label: str = ""
    action: str = ""
    group: str = ""  # the Group's id: which control decides this span in the by-string view


@dataclass(frozen=True)
class Row:
    index: int
    start: int
    end: int
    label: str
    action: str
    surface: str
    detector: str
    reason: str
    decided: bool  # False: the engine's proposal, not yet confirmed by a person
    guess: bool = False  # a person guessed without a name's evidence: masked until kept, check it first


@dataclass(frozen=True)
class Group:
    """Every span of one string: decided together in the default view."""

    id: str  # field name suffix, derived from the engine's span key (no plaintext)
    surface: str
    label: str
    action: str  # "" when the occurrences currently differ
    count: int
    decided: bool  # every occurrence was decided by a person
    guess: bool = False  # the engine guessed it is a person without a name's evidence


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    segments: tuple[Segment, ...]
    preview: str
    undecided: int
    groups: tuple[Group, ...] = ()
    invisible: int = 0  # characters that show nothing or turn text around (the release refuses them)


def group_id(key: str) -> str:
    return key.removeprefix("sha256:")[:20]


def build(review: Review, *, pseudonym_key: bytes) -> Page:
    decided = [(d, True) for d in review.decisions]
    proposed = [(d, False) for d in propose(list(review.undecided))]
    ordered = sorted(decided + proposed, key=lambda pair: (pair[0].span.start, pair[0].span.end))
    rows = tuple(
        Row(i, d.span.start, d.span.end, d.span.label, d.action.value, review.text[d.span.start:d.span.end],
            d.span.detector, d.span.reason, is_decided, _is_guess(d))
        for i, (d, is_decided) in enumerate(ordered)
    )
    preview = render(review.text, [d for d, _ in ordered], pseudonym_key=pseudonym_key)
    group_of = [group_id(span_key(review.text, d.span)) for d, _ in ordered]
    return Page(rows, tuple(_segments(review.text, rows, group_of)), preview, len(review.undecided),
                _groups(review.text, ordered), len(find_forbidden_controls(review.text)))


def reveal(text: str, start: int | None = None, title: str = "") -> Markup:
    """``text`` escaped, each invisible or bidi character shown as a visible marker instead.

    A bidi override shown as it is would turn the rest of the review text around (the
    reviewer reads one thing, the release holds another). With ``start`` (the text's
    offset in the testimony) every piece carries its ``data-start`` and each marker
    ``data-chars="1"``, so that selecting text still yields the testimony's offsets.
    """
    found = find_forbidden_controls(text)
    if not found:
        return escape(text)
    out: list[str] = []
    pos = 0

    def plain(a: int, b: int) -> None:
        if a < b:
            piece = escape(text[a:b])
            out.append(piece if start is None else f'<span data-start="{start + a}">{piece}</span>')

    for index, name in found:
        plain(pos, index)
        code = name.split()[0]
        where = "" if start is None else f' data-start="{start + index}" data-chars="1"'
        out.append(f'<span class="ctl"{where} title="{escape(title)} {escape(name)}">[{escape(code)}]</span>')
        pos = index + 1
    plain(pos, len(text))
    # B704: every piece above went through escape(); the markers are fixed markup
    return Markup("".join(out))  # noqa: S704  # nosec B704


def _is_guess(decision: Decision) -> bool:
    return GUESS_NOTE in decision.note or GUESS_NOTE in decision.span.reason


def _groups(text: str, ordered: Sequence[tuple[Decision, bool]]) -> tuple[Group, ...]:
    members: dict[str, list[tuple[Decision, bool]]] = {}
    for decision, decided in ordered:
        members.setdefault(span_key(text, decision.span), []).append((decision, decided))
    out = []
    for key, items in members.items():
        first = items[0][0]
        actions = {d.action.value for d, _ in items}
        out.append(Group(group_id(key), text[first.span.start:first.span.end], first.span.label,
                         actions.pop() if len(actions) == 1 else "", len(items), all(k for _, k in items),
                         any(_is_guess(d) for d, _ in items)))
    # Undecided guesses first: they are the proposals most likely to be ordinary words.
    return tuple(sorted(out, key=lambda g: (g.decided, not g.guess, g.label, g.surface)))


def _segments(text: str, rows: Sequence[Row], group_of: Sequence[str]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for row in rows:
        if row.start < pos:  # overlapping manual span: shown in the table, not highlighted twice
            continue
        if row.start > pos:
            out.append(Segment(pos, text[pos:row.start]))
        out.append(Segment(row.start, text[row.start:row.end], row.index, row.label, row.action, group_of[row.index]))
        pos = row.end
    if pos < len(text):
        out.append(Segment(pos, text[pos:]))
    return out


def parse(review: Review, form: Mapping[str, str], *, actor: str) -> list[Decision]:
    """Turn the submitted workbench form into the full list of decisions to store.

    Fields: ``group_<id>`` per string (every occurrence; empty keeps each one's action);
    ``action_<start>_<end>`` per occurrence; ``all_<start>_<end>`` to apply that
    occurrence's action to every span of the same string; ``manual_start``/``manual_end`` or
    ``manual_string`` with ``manual_label`` and ``manual_action`` to add spans; ``bulk`` with
    ``bulk_label`` and ``bulk_action`` sets that action on every span of that kind.
    """
    current = [d for d in review.decisions] + propose(list(review.undecided))
    by_range = {(d.span.start, d.span.end): d for d in current}
    chosen: dict[tuple[int, int], Action] = {}
    for (start, end), decision in by_range.items():
        chosen[(start, end)] = _action(form.get(f"action_{start}_{end}"), decision.action)
    for (start, end) in list(chosen):
        if form.get(f"all_{start}_{end}"):
            key = span_key(review.text, by_range[(start, end)].span)
            for other in by_range.values():
                if span_key(review.text, other.span) == key:
                    chosen[(other.span.start, other.span.end)] = chosen[(start, end)]
    for (start, end), decision in by_range.items():
        value = form.get(f"group_{group_id(span_key(review.text, decision.span))}")
        if value:
            chosen[(start, end)] = _action(value, decision.action)
    if form.get("bulk"):  # the "every span of a kind" button: its choice wins for that kind
        label, action = form.get("bulk_label", ""), _action(form.get("bulk_action"), Action.MASK)
        if label not in LABELS:
            raise InvalidInput(f"unknown label {label!r}")
        for (start, end), decision in by_range.items():
            if decision.span.label == label:
                chosen[(start, end)] = action
    decisions = [Decision(d.span, chosen[r], actor, d.note) for r, d in by_range.items()]
    decisions.extend(_manual(review.text, form, actor=actor))
    return decisions


#: The menus and ticks a preview shows; spans to add and the action on a whole kind apply when saved.
PREVIEWED = ("group_", "action_", "all_")


def choices(form: Mapping[str, str]) -> dict[str, str]:
    """The form's per-string and per-occurrence choices alone (what "Show preview" renders)."""
    return {name: form[name] for name in form if name.startswith(PREVIEWED)}


def kinds(page: Page) -> list[tuple[str, int]]:
    """The kinds of span on the page, with how many spans of each (for the bulk action)."""
    counts: dict[str, int] = {}
    for row in page.rows:
        counts[row.label] = counts.get(row.label, 0) + 1
    return [(label, counts[label]) for label in LABELS if label in counts]


def _action(value: str | None, default: Action) -> Action:
    if value is None or value == "":
        return default
    try:
        return Action(value)
    except ValueError:
        raise InvalidInput(f"unknown action {value!r}") from None


def _manual(text: str, form: Mapping[str, str], *, actor: str) -> list[Decision]:
    label = form.get("manual_label", "PERSON")
    if label not in LABELS:
        raise InvalidInput(f"unknown label {label!r}")
    action = _action(form.get("manual_action"), Action.MASK)
    out = []
    start_raw, end_raw = form.get("manual_start", "").strip(), form.get("manual_end", "").strip()
    if start_raw or end_raw:
        try:
            start, end = int(start_raw), int(end_raw)
        except ValueError:
            raise InvalidInput("a new span needs whole-number start and end positions") from None
        if not 0 <= start < end <= len(text):
            raise InvalidInput(f"a new span must lie inside the text (0..{len(text)})")
        out.append(manual(start, end, label, action, decided_by=actor))
    needle = form.get("manual_string", "").strip()
    if needle:
        found = 0
        at = text.find(needle)
        while at >= 0 and found < MAX_MANUAL_MATCHES:
            out.append(manual(at, at + len(needle), label, action, decided_by=actor))
            found += 1
            at = text.find(needle, at + len(needle))
        if not found:
            raise InvalidInput("the string to protect does not occur in the text")
    return out
