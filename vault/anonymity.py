"""k-anonymity of the reading room over its quasi-identifiers (pure functions).

Quasi-identifiers (QIs) of an extract: ``sex``, ``age_band`` (age at exit),
``origin_region`` and ``exit_period``. Each has a generalisation ladder; a release
carries one level per QI (chosen by archivists, only ever raised):

==============  ==============  ==============  ==============  =====
QI              level 0         level 1         level 2         top
==============  ==============  ==============  ==============  =====
sex             female/male/..  ``*``
age_band        5 years         10 years        20 years        ``*``
origin_region   province        region          country         ``*``
exit_period     5 years         10 years        20 years        ``*``
==============  ==============  ==============  ==============  =====

The reading room shows each published extract at its own levels when at least ``k``
extracts share those values; otherwise :func:`view` generalises it further (never
finer than approved) until it joins a class of ``k``, or withholds all four QIs
(``*``). After any sequence of publications and retractions, every combination shown
occurs at least ``k`` times (or is suppressed). The release gate (:mod:`vault.releases.gate`)
refuses a release that would not be shown as its archivists asked, and proposes where
:func:`view` would place it (:func:`assess`).
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from vault.errors import InvalidInput

QUASI_IDENTIFIERS = ("sex", "age_band", "origin_region", "exit_period")
SUPPRESSED = "*"
UNKNOWN = "unknown"
DEFAULT_K = 5
MAX_LEVEL = {"sex": 1, "age_band": 3, "origin_region": 3, "exit_period": 3}
_WIDTHS = (5, 10, 20)
#: short names accepted by :meth:`Levels.parse` (``age=2,period=1``).
ALIASES = {"sex": "sex", "age": "age_band", "age_band": "age_band", "origin": "origin_region",
           "region": "origin_region", "origin_region": "origin_region", "period": "exit_period",
           "exit": "exit_period", "exit_period": "exit_period"}

# Level 1 of origin_region: North Korean provinces grouped into three regions. Ids are
# those of the gazetteer (vault/data/gazetteer_places.json).
_REGIONS = {
    "Northern border (DPRK)": ("kp-nhg", "kp-ryanggang", "kp-chagang", "kp-nph", "kp-rason"),
    "East coast (DPRK)": ("kp-shg", "kp-kangwon"),
    "West and centre (DPRK)": ("kp-pyongyang", "kp-sph", "kp-nampo", "kp-nhh", "kp-shh", "kp-kaesong"),
    "Northeast China": ("cn-jilin", "cn-liaoning", "cn-heilongjiang", "cn-yanbian"),
}
REGION_OF = {pid: region for region, ids in _REGIONS.items() for pid in ids}

QiValues = tuple[str, str, str, str]


@dataclass(frozen=True)
class Origin:
    """Where a witness comes from, as its three generalisation steps."""

    province: str
    region: str
    country: str


@dataclass(frozen=True)
class QiBase:
    """The ungeneralised quasi-identifiers of one witness (kept in the vault only)."""

    sex: str = UNKNOWN
    age_at_exit: int | None = None
    origin: Origin | None = None
    exit_year: int | None = None

    def to_dict(self) -> dict[str, object]:
        origin = None if self.origin is None else [self.origin.province, self.origin.region, self.origin.country]
        return {"sex": self.sex, "age_at_exit": self.age_at_exit, "origin": origin, "exit_year": self.exit_year}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> QiBase:
        raw = data.get("origin")
        origin = Origin(*[str(x) for x in raw]) if isinstance(raw, list) and len(raw) == 3 else None
        age, year = data.get("age_at_exit"), data.get("exit_year")
        return cls(str(data.get("sex") or UNKNOWN), age if isinstance(age, int) else None, origin,
                   year if isinstance(year, int) else None)


@dataclass(frozen=True, order=True)
class Levels:
    """Generalisation level of each quasi-identifier (0 = finest shown)."""

    sex: int = 0
    age_band: int = 0
    origin_region: int = 0
    exit_period: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or not 0 <= value <= MAX_LEVEL[f.name]:
                raise InvalidInput(f"generalisation level of {f.name} must be 0..{MAX_LEVEL[f.name]}")

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.sex, self.age_band, self.origin_region, self.exit_period)

    def raised(self, other: Levels) -> Levels:
        """Return the coarser of the two for each QI (levels only go up)."""
        return Levels(*(max(a, b) for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def at_least(self, other: Levels) -> bool:
        return all(a >= b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True))

    def to_dict(self) -> dict[str, int]:
        return dict(zip(QUASI_IDENTIFIERS, self.as_tuple(), strict=True))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Levels:
        try:
            return cls(*(int(str(data.get(name, 0))) for name in QUASI_IDENTIFIERS))
        except ValueError:
            raise InvalidInput("generalisation levels must be whole numbers") from None

    @classmethod
    def parse(cls, text: str) -> Levels:
        """Parse ``age=2,period=1`` (names: sex, age, origin, period)."""
        values = dict.fromkeys(QUASI_IDENTIFIERS, 0)
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, number = part.partition("=")
            key = ALIASES.get(name.strip().lower())
            if key is None or not re.fullmatch(r"\d", number.strip()):
                raise InvalidInput(f"cannot read generalisation {part!r}: write e.g. age=2,period=1")
            values[key] = int(number)
        return cls.from_dict(values)

    def describe(self) -> str:
        return ",".join(f"{k.split('_')[0]}={v}" for k, v in self.to_dict().items() if v)


#: Levels a proposal starts from: ten-year age bands and exit periods, province of origin.
DEFAULT_LEVELS = Levels(age_band=1, exit_period=1)


def _band(value: int | None, level: int) -> str:
    if level >= len(_WIDTHS):
        return SUPPRESSED
    if value is None:
        return UNKNOWN
    width = _WIDTHS[level]
    low = value // width * width
    return f"{low}-{low + width - 1}"


def generalise(base: QiBase, levels: Levels) -> QiValues:
    """Return the shown values of the four QIs of ``base`` at ``levels``."""
    sex = SUPPRESSED if levels.sex >= 1 else base.sex
    if levels.origin_region >= 3:
        origin = SUPPRESSED
    elif base.origin is None:
        origin = UNKNOWN
    else:
        origin = (base.origin.province, base.origin.region, base.origin.country)[levels.origin_region]
    return (sex, _band(base.age_at_exit, levels.age_band), origin, _band(base.exit_year, levels.exit_period))


@dataclass(frozen=True)
class Record:
    """One published (or candidate) extract as the anonymity check sees it."""

    key: str
    base: QiBase
    levels: Levels

    @property
    def values(self) -> QiValues:
        return generalise(self.base, self.levels)


@dataclass(frozen=True)
class Shown:
    """What the reading room shows of one extract: its values and the levels they are at."""

    values: QiValues
    levels: Levels


def _nodes() -> list[Levels]:
    """Every combination of levels but the all-suppressed top, finest first.

    Ties go to coarser age and period before coarser origin and sex (age and period
    lose the least research value).
    """
    ranges = [range(MAX_LEVEL[name] + 1) for name in QUASI_IDENTIFIERS]
    top = tuple(MAX_LEVEL[name] for name in QUASI_IDENTIFIERS)
    nodes = [n for n in itertools.product(*ranges) if n != top]
    return [Levels(*n) for n in sorted(nodes, key=lambda n: (sum(n), n[2], n[0], n[1] + n[3], n))]


_NODES = _nodes()


def view(records: Iterable[Record], k: int) -> dict[str, Shown | None]:
    """Return key -> what is shown of each extract, ``None`` where it is suppressed.

    1. Extracts whose values at their own levels are shared by at least ``k`` extracts
       are shown as they are.
    2. The others are generalised further, never below their own levels, finest
       combination first: a group of them sharing values at a combination is shown
       there when it has ``k`` members, counting extracts already shown with the same
       values. Every shown class has at least ``k`` members after each step.
    3. What is left is suppressed (all four shown as ``*``).
    """
    items = list(records)
    sizes = Counter(r.values for r in items)
    shown: dict[str, Shown | None] = {}
    for r in items:
        if sizes[r.values] >= k:
            shown[r.key] = Shown(r.values, r.levels)
    classes = Counter(s.values for s in shown.values() if s is not None)
    pending = [r for r in items if r.key not in shown]
    for node in _NODES:
        if not pending:
            break
        groups: dict[QiValues, list[Record]] = {}
        for r in pending:
            if node.at_least(r.levels):
                groups.setdefault(generalise(r.base, node), []).append(r)
        placed: set[str] = set()
        for values, members in groups.items():
            if len(members) + classes[values] >= k:
                for r in members:
                    shown[r.key] = Shown(values, node)
                    placed.add(r.key)
                classes[values] += len(members)
        if placed:
            pending = [r for r in pending if r.key not in placed]
    for r in pending:
        shown[r.key] = None
    return shown


def is_k_anonymous(shown: Iterable[QiValues | None], k: int) -> bool:
    """Return True when every non-suppressed combination occurs at least ``k`` times."""
    sizes = Counter(v for v in shown if v is not None)
    return all(n >= k for n in sizes.values())


@dataclass(frozen=True)
class Proposal:
    """The least generalisation of a candidate that puts it in a class of at least k."""

    levels: Levels
    values: QiValues
    class_size: int


def assess(candidate: Record, published: Sequence[Record], k: int) -> tuple[int, Proposal | None]:
    """Return the size of the candidate's class as it asked, and the generalisation that reaches k.

    The proposal is where :func:`view` would place the candidate (``None``: it would
    be suppressed). A size of ``k`` or more means it is shown as asked.
    """
    others = [r for r in published if r.key != candidate.key]
    size = 1 + sum(1 for r in others if r.values == candidate.values)
    shown = view([*others, candidate], k)[candidate.key]
    if shown is None:
        return size, None
    members = view([*others, Record(candidate.key, candidate.base, shown.levels)], k)
    count = sum(1 for s in members.values() if s is not None and s.values == shown.values)
    return size, Proposal(shown.levels, shown.values, count)
