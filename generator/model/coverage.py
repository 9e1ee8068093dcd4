"""The coverage audit: how many independent voices stand behind the report's records.

Read by `templates/coverage.md.j2`; the numbers come from `sourcing`, one record at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from generator.factbase.models import Publisher, Record, Source
from generator.factbase.sourcing import Register, Sourcing, assess, disagrees
from generator.factbase.vocab import Term
from generator.model.report import Report

T = TypeVar("T")

# The records that cite sources for what they state, in the order the page lists them.
AUDITED = (("events", "Events"), ("figures", "Figures"), ("reactions", "Reactions"), ("measures", "Measures"))


@dataclass(frozen=True)
class Tally:
    """Records of one group (a kind of record, or all) by how they are sourced."""

    label: str
    total: int = 0
    several: int = 0
    single: int = 0
    official_only: int = 0
    state_media_only: int = 0
    aggregator_only: int = 0

    @property
    def counts(self) -> tuple[int, ...]:
        return (self.total, self.several, self.single, self.official_only, self.state_media_only, self.aggregator_only)

    def add(self, sourcing: Sourcing) -> Tally:
        return Tally(
            self.label,
            self.total + 1,
            self.several + (sourcing.independent >= 2),
            self.single + (sourcing.independent == 1),
            self.official_only + sourcing.only("official"),
            self.state_media_only + sourcing.only("state-media"),
            self.aggregator_only + sourcing.aggregator_only,
        )


@dataclass
class Audit:
    tallies: list[Tally]
    overall: Tally
    disagreements: list[tuple[Sourcing, str]]
    by_language: list[tuple[str, int]]
    by_kind: list[tuple[Term, int]]
    by_country: list[tuple[str, int]]
    unknown_publishers: list[Publisher] = field(default_factory=list)
    publishers: int = 0
    organisations: int = 0


def share(count: int, total: int) -> str:
    """'12 (34 %)': a count with its share of the total, rounded to a whole per cent."""
    return f"{count} ({round(100 * count / total) if total else 0} %)"


# A record that was not edited is the same object from one build to the next (the loader caches it), and
# so are its sources and the register's entries: its assessment is kept from the last build with them
# (the record, its sources, its sourcing, what it adds to a tally, why it disagrees).
_Assessed = tuple[Record, tuple["Source | None", ...], Sourcing, tuple[int, ...], "str | None"]
_ASSESSED: dict[int, _Assessed] = {}
_ASSESSED_WITH: list[Publisher] = []


def audit(report: Report) -> Audit:
    register = Register(report.publishers)
    sources = {source.id: source for source in report.sources}
    if not _identical(_ASSESSED_WITH, report.publishers):
        _ASSESSED.clear()
        _ASSESSED_WITH[:] = report.publishers
    kept: dict[int, _Assessed] = {}
    tallies = []
    disagreements: list[tuple[Sourcing, str]] = []
    for kind, label in AUDITED:
        counts = []
        for record in getattr(report, kind):
            its_sources = tuple(sources.get(citation.source) for citation in record.citations)
            known = _ASSESSED.get(id(record))
            if known is None or known[0] is not record or not _identical(known[1], its_sources):
                sourcing = assess(record, sources, register)
                known = (record, its_sources, sourcing, Tally("").add(sourcing).counts, disagrees(sourcing))
            kept[id(record)] = known
            counts.append(known[3])
            if known[4]:
                disagreements.append((known[2], known[4]))
        tallies.append(Tally(label, *(sum(column) for column in zip(*counts, strict=True))) if counts else Tally(label))
    overall = Tally("All records", *(sum(column) for column in zip(*(tally.counts for tally in tallies), strict=True)))
    _ASSESSED.clear()
    _ASSESSED.update(kept)
    cited = [
        sources[source_id]
        for source_id in sorted({c.source for r in _audited(report) for c in r.citations})
        if source_id in sources
    ]
    speakers = [register.speaker(source) for source in cited]
    unknown = report.vocabulary("publisher_kind")["unknown"]
    return Audit(
        tallies=tallies,
        overall=overall,
        disagreements=disagreements,
        by_language=_ranked(Counter(source.language for source in cited)),
        by_kind=_ranked(Counter(speaker.kind if speaker else unknown for speaker in speakers)),
        by_country=_ranked(Counter((speaker.country if speaker else None) or "—" for speaker in speakers)),
        unknown_publishers=[p for p in report.publishers if p.kind == unknown],
        publishers=len(report.publishers),
        organisations=len({p.voice for p in report.publishers}),
    )


def _identical(previous: Sequence[object], current: Sequence[object]) -> bool:
    return len(previous) == len(current) and all(a is b for a, b in zip(previous, current, strict=True))


def _audited(report: Report) -> list[Record]:
    return [record for kind, _ in AUDITED for record in getattr(report, kind)]


def _ranked(counts: Counter[T]) -> list[tuple[T, int]]:
    """Most frequent first; ties in the order of their names, so builds are byte-identical."""
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
