"""A chapter's reference list survives block reuse: a block taken from the last build of `mkdocs
serve` registers the sources it cites as if it had been drawn again."""

from __future__ import annotations

import re
from pathlib import Path

from generator.factbase.loader import LoadCache
from generator.site.bundle import build_bundle
from generator.site.reuse import memo_for

from .test_reuse import generator_project

_REFERENCE = re.compile(r"^\{: \.reference #ref-([a-z0-9-]+) \}$", re.M)
_CITATION = re.compile(r"\]\((?:\.\./)*sources/index\.md#source-([a-z0-9-]+)\)")


def _cited_and_listed(markdown: str) -> tuple[set[str], list[str]]:
    body, _, references = markdown.partition("\n## References")
    return set(_CITATION.findall(body)), _REFERENCE.findall(references)


def test_a_rebuild_that_reuses_every_block_lists_the_same_references(tmp_path: Path) -> None:
    project = generator_project(tmp_path)
    cache = LoadCache()
    first = build_bundle(project / "content", project / "templates", cache).pages
    second = build_bundle(project / "content", project / "templates", cache).pages
    memo = memo_for(project / "templates")
    assert memo.hits > 0 and memo.misses == 0
    assert second == first
    timeline = [path for path in first if path.startswith("timeline/") and path != "timeline/index.md"]
    checked = 0
    for path in [*timeline, "reactions/index.md", "sources/index.md"]:
        cited, listed = _cited_and_listed(second[path])
        assert set(listed) == cited, path
        assert len(listed) == len(set(listed)), path
        checked += bool(cited)
    assert checked >= 2
