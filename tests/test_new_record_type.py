"""Issue 13's goal: a new record type touches at most 4 files (its model with its declaration, its
template, a record, the nav entry) plus the regenerated schema, and the site builds with its page,
its links and the back-links on the pages of the records it names.

The test works as a branch would: on a copy of the project and of the `generator` package, it makes
exactly those edits, counts the files that differ from the copy, and builds the site with the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import ROOT, make_project

TRIAL_MODEL = """

class TrialTranslation(Translation):
    title: Text | None = None
    verdict: Text | None = None
    note: Text | None = None


class Trial(Record):
    kind: ClassVar[str] = "trials"
    title: Text
    opened: Day
    court: Identifier = Field(description="The place where the court sits.")
    defendants: list[Identifier] = Field(default_factory=list)
    verdict: Text | None = None
    phase: Phase = Phase.MAIN
    sources: Sources
    translations: dict[Language, TrialTranslation] = _translations(TrialTranslation)


TRIALS = RecordType(
    Trial, noun="trial", page="trials/index.md", anchor="trial-{id}", template="trials.md.j2", dates=("opened",),
    references=(Reference("court", "places"), Reference("defendants", "actors"), Reference("sources", "sources", backlink=False)),
)


"""

TRIAL_TEMPLATE = """# Trials

{% for t in report.records_of("trials") %}
## <span id="trial-{{ t.id|anchor }}"></span>{{ t.title }}

Opened {{ t.opened|short_date }} in {{ ref(t.court) }}; defendants: {% for a in t.defendants %}{{ ref(a) }}{{ ", " if not loop.last }}{% endfor %}. {{ cite(t) }}

{% endfor %}
"""

TRIAL_RECORD = """# yaml-language-server: $schema=../schema/trial.schema.json
id: trial-of-the-police-chiefs
title: Trial of the police chiefs
opened: 2022-01-20
court: otherton
defendants:
  - home-police
sources:
  - wire-one
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=project, capture_output=True, text=True, env=env, check=False
    )


def _add_trials(project: Path) -> None:
    models = project / "generator" / "factbase" / "models.py"
    text = models.read_text(encoding="utf-8")
    registry = "# Every record type, in the order the report presents them"
    assert registry in text
    text = text.replace(registry, TRIAL_MODEL.lstrip("\n") + registry, 1)
    text = text.replace("ACTORS, PLACES, SOURCES)", "ACTORS, PLACES, SOURCES, TRIALS)", 1)
    models.write_text(text, encoding="utf-8")
    (project / "templates" / "trials.md.j2").write_text(TRIAL_TEMPLATE, encoding="utf-8")
    (project / "content" / "trials").mkdir()
    (project / "content" / "trials" / "trial-of-the-police-chiefs.yml").write_text(TRIAL_RECORD, encoding="utf-8")
    config = project / "mkdocs.yml"
    nav_entry = "  - Sources: sources/index.md\n"
    assert nav_entry in config.read_text(encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace(nav_entry, nav_entry + "  - Trials: trials/index.md\n", 1),
        encoding="utf-8",
    )


def test_a_new_record_type_touches_four_files_and_builds_with_its_page_and_back_links(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    assert (
        _run(project, "generator", "schema", "content").returncode == 0
    )  # the schemas are committed, as in the repository
    before = _snapshot(project)

    _add_trials(project)
    schema = _run(project, "generator", "schema", "content")
    assert schema.returncode == 0, schema.stderr
    after = _snapshot(project)

    touched = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    assert touched == [
        "content/schema/trial.schema.json",
        "content/trials/trial-of-the-police-chiefs.yml",
        "generator/factbase/models.py",
        "mkdocs.yml",
        "templates/trials.md.j2",
    ]
    assert len([path for path in touched if not path.startswith("content/schema/")]) <= 4

    check = _run(project, "generator", "check", "content")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 trials" in check.stdout

    build = _run(project, "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    site = project / "site"
    chapter = BeautifulSoup((site / "trials" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert chapter.find(id="trial-trial-of-the-police-chiefs") is not None
    links = {a["href"] for a in chapter.select("article a[href]")}
    assert {"../places/otherton/", "../actors/home-police/"} <= links, links
    assert any("sources/#source-wire-one" in href for href in links), links  # numbered citation

    for back in ("actors/home-police", "places/otherton"):
        page = BeautifulSoup((site / back / "index.html").read_text(encoding="utf-8"), "html.parser")
        heading = page.find(id="trials-1")
        assert heading is not None and heading.get_text(strip=True).startswith("Trials (1)"), back
        assert page.select_one("a[href='../../trials/#trial-trial-of-the-police-chiefs']") is not None, back

    # Derived from the declaration as well: the download, the bibliography's back-link, `new`, the edit link.
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "trials.csv" in data and (site / "data" / "trials.csv").read_text(encoding="utf-8").startswith(
        "id,note,title,opened"
    )
    sources = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert sources.select_one("a[href='../trials/#trial-trial-of-the-police-chiefs']") is not None
    new = _run(project, "generator", "new", "trial", "another-trial", "--content", "content")
    assert new.returncode == 0, new.stderr
    assert (
        "# court (required): an id; The place where the court sits."
        in (project / "content" / "trials" / "another-trial.yml").read_text()
    )


def test_a_reference_of_the_new_type_is_checked_at_its_position(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    _add_trials(project)
    record = project / "content" / "trials" / "trial-of-the-police-chiefs.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("  - home-police\n", "  - home-polise\n  - otherton\n")
    )
    check = _run(project, "generator", "check", "content")
    assert check.returncode == 1
    assert (
        "trial-of-the-police-chiefs.yml:7:5: unknown actor 'home-polise' (did you mean 'home-police'?)" in check.stdout
    )
    assert "trial-of-the-police-chiefs.yml:8:5: 'otherton' is a place, not an actor" in check.stdout
