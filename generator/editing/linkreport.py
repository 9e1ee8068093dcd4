"""What `links` tells the editors: a table of the sources whose link needs attention, and the
archived copies it records with `--write`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.editing.linkcheck import LinkResult
from generator.editing.yamledit import EditSkipped, set_scalar
from generator.factbase.loader import Loaded
from generator.factbase.models import Source

ATTENTION = ("dead", "unreachable", "moved", "changed", "refused")


@dataclass(frozen=True)
class SourceLink:
    source_id: str
    path: Path
    url: str
    archive_url: str | None


def source_links(loaded: Loaded) -> list[SourceLink]:
    return [
        SourceLink(s.id, Path(loaded.origin(s).path), str(s.url), str(s.archive_url) if s.archive_url else None)
        for s in loaded.records["sources"]
        if isinstance(s, Source)
    ]


def summary(links: list[SourceLink], results: dict[str, LinkResult]) -> str:
    counts = Counter(results[link.url].status for link in links)
    archived = sum(1 for link in links if link.archive_url)
    parts = ", ".join(f"{counts[status]} {status}" for status in ("ok", *ATTENTION) if counts[status])
    return f"{len(links)} sources: {parts}; {archived} with an archived copy"


def table(links: list[SourceLink], results: dict[str, LinkResult]) -> str:
    """A Markdown table of every source whose link is not plainly fine, worst first."""
    rows = [
        (ATTENTION.index(results[link.url].status), link.source_id, link, results[link.url])
        for link in links
        if results[link.url].status in ATTENTION
    ]
    lines = ["| source | status | answer | URL | now at / archived copy |", "|---|---|---|---|---|"]
    for _, _, link, result in sorted(rows, key=lambda row: row[:2]):
        answer = str(result.code or "") + (f" {result.detail}" if result.detail else "")
        where = result.final_url or result.snapshot or link.archive_url or ""
        lines.append(f"| `{link.source_id}` | {result.status} | {_cell(answer)} | <{link.url}> | {_cell(where)} |")
    return "\n".join(lines) + "\n" if rows else "Every source link answered.\n"


def record_snapshots(links: list[SourceLink], results: dict[str, LinkResult]) -> tuple[list[Path], list[str]]:
    """Write the snapshot found for each broken link that has no archived copy yet."""
    written, skipped = [], []
    for link in links:
        result = results[link.url]
        if not result.broken or not result.snapshot or link.archive_url:
            continue
        try:
            if set_scalar(link.path, "archive_url", result.snapshot, after="url"):
                written.append(link.path)
        except EditSkipped as reason:
            skipped.append(str(reason))
    return written, skipped


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
