"""How independent a record's sources are, from the source register (`content/publishers.yml`).

A source speaks with the voice of the register entry its `via:` names (the agency whose text it
carries), else of its `publisher:`. Entries with the same `organisation` are one voice, so a TASS
dispatch, its copies and its rewrites count once. Reference works are pointers, not voices.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.factbase.diagnostics import Diagnostic, did_you_mean
from generator.factbase.loader import Loaded, Origin
from generator.factbase.models import Event, Publisher, Record, Source
from generator.factbase.vocab import Confidence, Term


class Register:
    """The register's entries, found by any of the texts sources use for them."""

    def __init__(self, publishers: Iterable[Publisher]) -> None:
        self.publishers = list(publishers)
        self.by_text: dict[str, Publisher] = {}
        for publisher in self.publishers:
            for text in (publisher.name, *publisher.also_named):
                self.by_text.setdefault(text, publisher)

    def find(self, text: str) -> Publisher | None:
        return self.by_text.get(text)

    def speaker(self, source: Source) -> Publisher | None:
        """The register entry whose voice the source carries: its `via`, else its publisher."""
        return self.find(source.via or source.publisher)

    def carrier(self, source: Source) -> Publisher | None:
        return self.find(source.publisher)


@dataclass(frozen=True)
class Voice:
    """One independent voice among a record's sources, with the sources that carry it."""

    key: str
    kind: Term
    sources: tuple[Source, ...]
    # True when every source of this voice is a copy by an aggregator or mirror that names no original.
    copies_only: bool


@dataclass(frozen=True)
class Sourcing:
    record: Record
    voices: tuple[Voice, ...]
    # Sources whose publisher or via is not in the register: they cannot be weighed.
    unregistered: tuple[Source, ...]

    @property
    def independent(self) -> int:
        return sum(1 for voice in self.voices if voice.kind != "reference")

    def only(self, kind: str) -> bool:
        return bool(self.voices) and not self.unregistered and all(voice.kind == kind for voice in self.voices)

    @property
    def aggregator_only(self) -> bool:
        return bool(self.voices) and not self.unregistered and all(voice.copies_only for voice in self.voices)

    @property
    def merged(self) -> list[Voice]:
        """The voices carried by more than one source: the sources counted as one."""
        return [voice for voice in self.voices if len(voice.sources) > 1]


def assess(record: Record, sources: dict[str, Source], register: Register) -> Sourcing:
    grouped: dict[str, list[Source]] = {}
    kinds: dict[str, Term] = {}
    copies: dict[str, bool] = {}
    unregistered: list[Source] = []
    for citation in record.citations:
        source = sources.get(citation.source)
        if source is None or any(source is seen for group in grouped.values() for seen in group):
            continue
        speaker = register.speaker(source)
        carrier = register.carrier(source)
        if speaker is None or carrier is None:
            unregistered.append(source)
            continue
        grouped.setdefault(speaker.voice, []).append(source)
        kinds.setdefault(speaker.voice, speaker.kind)
        copy = source.via is None and carrier.copies
        copies[speaker.voice] = copies.get(speaker.voice, True) and copy
    voices = tuple(Voice(key, kinds[key], tuple(group), copies[key]) for key, group in grouped.items())
    return Sourcing(record, voices, tuple(unregistered))


def disagrees(sourcing: Sourcing) -> str | None:
    """Why a record's stated confidence does not match its independent voices, or None."""
    confidence = getattr(sourcing.record, "confidence", None)
    if confidence == Confidence.CONFIRMED and sourcing.independent < 2:
        return "confirmed-single"
    if confidence == Confidence.REPORTED and sourcing.independent >= 2:
        return "reported-several"
    return None


def register_problems(loaded: Loaded) -> list[Diagnostic]:
    """Errors: register entries named twice; sources whose publisher or via is not in the register.
    Warnings: events marked confirmed without two independent voices."""
    if loaded.publishers is None or loaded.publishers_origin is None:
        return []
    origin = loaded.publishers_origin
    problems = list(_duplicates(loaded.publishers, origin))
    register = Register(loaded.publishers)
    texts = sorted(register.by_text)
    for source in loaded.records.get("sources", []):
        assert isinstance(source, Source)
        for field_name in ("publisher", "via"):
            text = getattr(source, field_name)
            if text is not None and register.find(text) is None:
                problems.append(
                    loaded.origin(source).diagnostic(
                        f"{field_name} '{text}' is not in the source register (publishers.yml){did_you_mean(text, texts)}; "
                        "add it there with its organisation, country and kind",
                        field_name,
                    )
                )
    sources = {s.id: s for s in loaded.records.get("sources", []) if isinstance(s, Source)}
    for event in loaded.records.get("events", []):
        assert isinstance(event, Event)
        sourcing = assess(event, sources, register)
        if disagrees(sourcing) == "confirmed-single" and not sourcing.unregistered:
            problems.append(_confirmed_warning(loaded.origin(event), sourcing))
    return problems


def _confirmed_warning(origin: Origin, sourcing: Sourcing) -> Diagnostic:
    message = f"marked 'confirmed' but its sources give {sourcing.independent} independent voice{'s' if sourcing.independent != 1 else ''}"
    merged = [f"{', '.join(repr(s.id) for s in voice.sources)} count as one ({voice.key})" for voice in sourcing.merged]
    if merged:
        message += ": " + "; ".join(merged)
    message += (
        "; the methodology asks for two independent sources, or the responsible authority and one independent source"
    )
    return origin.diagnostic(message, "confidence", warning=True)


def _duplicates(publishers: list[Publisher], origin: Origin) -> Iterator[Diagnostic]:
    first_id: dict[str, int] = {}
    first_text: dict[str, int] = {}
    for index, publisher in enumerate(publishers):
        if publisher.id in first_id:
            line, _ = origin.at("publishers", first_id[publisher.id], "id")
            yield origin.diagnostic(
                f"duplicate publisher id '{publisher.id}' (already used at line {line})", "publishers", index, "id"
            )
        first_id.setdefault(publisher.id, index)
        for position, text in enumerate((publisher.name, *publisher.also_named)):
            path: tuple[str | int, ...] = (
                ("publishers", index, "name") if position == 0 else ("publishers", index, "also_named", position - 1)
            )
            if text in first_text and first_text[text] != index:
                line, _ = origin.at("publishers", first_text[text], "name")
                yield origin.diagnostic(
                    f"'{text}' already names the publisher at line {line}; one text, one publisher", *path
                )
            first_text.setdefault(text, index)
