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

The reading room shows, for each published extract, its QIs at its own levels,
except that every extract whose combination of shown values is held by fewer than
``k`` published extracts is shown with all four QIs suppressed (``*``) until enough
similar extracts exist. :func:`view` computes that; after any sequence of publications
and retractions, every combination shown occurs at least ``k`` times (or is suppressed).
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


def view(records: Iterable[Record], k: int) -> dict[str, QiValues | None]:
    """Return key -> shown QI values, or ``None`` where the extract must be suppressed."""
    items = list(records)
    sizes = Counter(r.values for r in items)
    return {r.key: (r.values if sizes[r.values] >= k else None) for r in items}


def is_k_anonymous(shown: Iterable[QiValues | None], k: int) -> bool:
    """Return True when every non-suppressed combination occurs at least ``k`` times."""
    sizes = Counter(v for v in shown if v is not None)
    return all(n >= k for n in sizes.values())


def class_size(candidate: Record, others: Sequence[Record]) -> int:
    """Return how many extracts (the candidate included) would share its values."""
    values = candidate.values
    return 1 + sum(1 for r in others if r.values == values)


@dataclass(frozen=True)
class Proposal:
    """The least generalisation of a candidate that puts it in a class of at least k."""

    levels: Levels
    values: QiValues
    class_size: int


def propose(candidate: Record, others: Sequence[Record], k: int) -> Proposal | None:
    """Search levels at or above the candidate's for the fewest steps that reach ``k``.

    Ties go to coarser age and period before coarser origin and sex (age and period
    lose the least research value). Returns ``None`` when no generalisation reaches k
    with the extracts published so far (then the only choice is suppression).
    """
    start = candidate.levels.as_tuple()
    ranges = [range(start[i], MAX_LEVEL[name] + 1) for i, name in enumerate(QUASI_IDENTIFIERS)]
    nodes = sorted(itertools.product(*ranges),
                   key=lambda n: (sum(n) - sum(start), n[2], n[0], n[1] + n[3], n))
    counts = Counter(r.values for r in others)
    for node in nodes:
        levels = Levels(*node)
        values = generalise(candidate.base, levels)
        size = counts[values] + 1
        if size >= k:
            return Proposal(levels, values, size)
    return None
