"""Benchmark the edit-to-preview loop: from a save to the new page being served.

    python bench/preview.py [--sizes real,1000,10000] [--edits 5] [--loops preview,mkdocs,floor] [--before REF]

For each size it starts three servers side by side on copies of one project and makes the same
number of edits on each, polling the affected page until the change is served:
- `preview`: `python -m generator serve` on the project (edits: an event's title, a place's name,
  a figure's value);
- `mkdocs-serve`: `mkdocs serve --livereload` on the project (MkDocs's full rebuild with the
  generator; the same event-title edit);
- `floor`: `mkdocs serve --livereload` on the exported plain-Markdown tree (one line of the same
  timeline page edited): MkDocs's own loop, without the generator.
With `--before REF`, the preview of that git ref's generator and templates (on a copy of the same
project) runs beside this tree's, the two alternated edit kind by edit kind; before each kind, both
servers are left to finish what they were doing (no CPU used for half a second), so that one's
background work does not run while the other is timed. Each preview's edits come
back to back: the next one is saved as soon as the previous one is served, as when a researcher fixes
a typo right after looking. `--loops` picks the loops (the slow `mkdocs` and `floor` ones can be left
out; the ratio column then stays empty).
Each loop waits for a rebuild as a page does in a browser (the server's own long poll: the preview's
`__preview__/state`, MkDocs's `livereload/`), then fetches the page and looks for the edit.
Prints a Markdown table of median and worst latency and the ratio preview/floor, and the median and
worst until the page's charts are fetched too (a chart drawn again after the page is served). Not a test.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sides import from_ref  # noqa: E402
from bench.synth import write_project  # noqa: E402

Edit = Callable[[int], str]  # makes edit number n, returns the text that must appear

# How a served page learns of a rebuild: the preview's reload script, MkDocs's livereload script.
_PREVIEW_SCRIPT = re.compile(r'data-version="(\d+)" data-edition="([^"]*)"')
_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
_LIGHT_CHART = re.compile(r'src="([^"]*charts/[^"]*\.light\.svg)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


class Server:
    def __init__(self, command: list[str], cwd: Path, port: int, code: Path | None = None) -> None:
        """`code`: a folder whose `generator` package is imported instead of this tree's."""
        self.url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if code is not None:
            env["PYTHONPATH"] = str(code)
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 600
        while not _fetch(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {' '.join(command)}")
            time.sleep(0.2)
        # `mkdocs serve` serves under the path of `site_url` and redirects / there.
        with urllib.request.urlopen(self.url, timeout=30) as response:
            self.url = response.geturl()

    def latency(self, edit: Edit, number: int, page: str) -> tuple[float, float]:
        """Seconds from the save to the new page, waiting as the page's own script waits in a browser
        (the server's long poll), then fetching the page; never pulling megabytes in a tight loop,
        which would take the server's interpreter from the rebuild it is timed on. Then the seconds
        until its charts are fetched too, as a browser showing it in light mode would (the preview
        holds back a chart being drawn again until it is drawn)."""
        shown = _fetch(self.url + page)
        marker = edit(number)
        start = time.monotonic()
        while marker not in html.unescape(shown):
            if time.monotonic() - start > 300:
                raise SystemExit(f"edit {number} never reached {page}")
            self._wait_for_change(shown, page)
            shown = _fetch(self.url + page)
        served = time.monotonic() - start
        for chart in dict.fromkeys(_LIGHT_CHART.findall(shown)):
            _fetch(urllib.parse.urljoin(self.url + page, chart))
        return served, time.monotonic() - start

    def settle(self, quiet: float = 0.5, longest: float = 300.0) -> None:
        """Wait until the server has used no CPU for `quiet` seconds: the rest of its last rebuild (other
        editions, search entries) must not run while another server is timed."""
        deadline = time.monotonic() + longest
        used = _cpu_seconds(self.process.pid)
        while used is not None and time.monotonic() < deadline:
            time.sleep(quiet)
            now = _cpu_seconds(self.process.pid)
            if now == used:
                return
            used = now

    def _wait_for_change(self, shown: str, page: str) -> None:
        origin = "/".join(self.url.split("/")[:3])
        if preview := _PREVIEW_SCRIPT.search(shown):
            version, edition = preview.groups()
            page = urllib.parse.quote(self.url.removeprefix(origin) + page)
            _fetch(f"{origin}/__preview__/state?since={version}&edition={edition}&page={page}")
        elif livereload := _LIVERELOAD.search(shown):
            epoch, request = livereload.groups()
            _fetch(f"{origin}/livereload/{epoch}/{request}")
        else:
            time.sleep(0.02)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def _cpu_seconds(pid: int) -> int | None:
    """User and system clock ticks of a process and its children (Linux's /proc); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(value) for value in fields[11:15])


def _replace_line(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(new, encoding="utf-8")


def _first_event(project: Path) -> tuple[Path, str]:
    """The first event file and the timeline page (slug) it is shown on."""
    import yaml  # type: ignore[import-untyped]  # PyYAML, installed with MkDocs

    report = yaml.safe_load((project / "content" / "report.yml").read_text(encoding="utf-8"))
    for path in sorted((project / "content" / "events").glob("*.yml")):
        day = str(yaml.safe_load(path.read_text(encoding="utf-8"))["date"])
        for phase in report["phases"]:
            if str(phase["start"]) <= day <= str(phase["end"]):
                return path, f"timeline/{phase['id']}/"
    raise SystemExit("no event inside a timeline part")


def project_edits(project: Path) -> dict[str, tuple[Edit, str]]:
    event, event_page = _first_event(project)
    place = sorted((project / "content" / "places").glob("*.yml"))[0]
    figure = sorted((project / "content" / "figures").glob("*.yml"))[0]

    def title(n: int) -> str:
        _replace_line(event, r"^title: .*$", f"title: Benchtitle{n}")
        return f"Benchtitle{n}"

    def place_name(n: int) -> str:
        _replace_line(place, r"^name: .*$", f"name: Benchplace{n}")
        return f"Benchplace{n}"

    def figure_value(n: int) -> str:
        _replace_line(figure, r"^value: .*$", f"value: {987650 + n}")
        return f"{987650 + n:,}"

    return {
        "event title": (title, event_page),
        "place name": (place_name, f"places/{place.stem}/"),
        "figure value": (figure_value, "figures/"),
    }


def floor_edit(exported: Path, page: str) -> tuple[Edit, str]:
    path = exported / "docs" / (page.rstrip("/") + ".md")

    def edit(n: int) -> str:
        with path.open("a", encoding="utf-8") as out:
            out.write(f"\nBenchfloor{n}\n")
        return f"Benchfloor{n}"

    return edit, page


def _preview(project: Path, code: Path | None = None) -> Server:
    port = _free_port()
    return Server([sys.executable, "-m", "generator", "serve", "--port", str(port)], project, port, code)


Row = tuple[str, str, list[tuple[float, float]]]
"""Size, loop, and each edit's seconds until the page was served and until its charts were too."""


def bench(label: str, project: Path, edits: int, loops: set[str], before: tuple[str, Path] | None) -> list[Row]:
    exported = project.parent / f"{project.name}-exported"
    subprocess.run(
        [sys.executable, "-m", "generator", "export", str(exported)], cwd=project, check=True, capture_output=True
    )
    plain = project.parent / f"{project.name}-plain"
    shutil.copytree(project, plain, ignore=shutil.ignore_patterns(".cache", "site"))
    rows = []
    if "preview" in loops:
        sides = [("preview", project, None)]
        if before is not None:
            ref, code = before
            earlier = project.parent / f"{project.name}-before"
            shutil.copytree(project, earlier, ignore=shutil.ignore_patterns(".cache", "site"))
            shutil.rmtree(earlier / "templates")
            shutil.copytree(code / "templates", earlier / "templates")
            sides.append((f"preview ({ref})", earlier, code))
        servers = [(name, side, _preview(side, code)) for name, side, code in sides]
        try:
            for kind in project_edits(project):
                for name, side, server in servers:
                    edit, page = project_edits(side)[kind]
                    for other in servers:
                        other[2].settle()
                    rows.append((label, f"{name}: {kind}", [server.latency(edit, n, page) for n in range(edits)]))
                print(f"  {label} preview {kind}: done", file=sys.stderr, flush=True)
        finally:
            for _, _, server in servers:
                server.stop()
    edit, page = project_edits(plain)["event title"]
    if "mkdocs" in loops:
        port = _free_port()
        server = Server(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"], plain, port
        )
        try:
            rows.append((label, "mkdocs serve: event title", [server.latency(edit, n, page) for n in range(edits)]))
        finally:
            server.stop()
    if "floor" in loops:
        edit, page = floor_edit(exported, page)
        port = _free_port()
        server = Server(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(exported / "mkdocs.yml"),
            ],
            exported,
            port,
        )
        try:
            rows.append(
                (label, "floor: plain MkDocs, page edited", [server.latency(edit, n, page) for n in range(edits)])
            )
        finally:
            server.stop()
    print(f"  {label}: done", file=sys.stderr, flush=True)
    return rows


def real_project(target: Path) -> Path:
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, target / item)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="real,1000,10000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--loops", default="preview,mkdocs,floor", help="which loops to time (default: all)")
    parser.add_argument("--before", help="git ref whose preview runs beside this tree's")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    rows = []
    try:
        before = None
        if args.before:
            from_ref(args.before, work / "before", ("generator", "templates"))
            before = (args.before, work / "before")
        for size in args.sizes.split(","):
            target = work / f"project-{size}"
            project = real_project(target) if size == "real" else write_project(target, int(size))
            rows += bench(size, project, args.edits, set(args.loops.split(",")), before)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\nEdit to served page, seconds ({args.edits} edits each; {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]})\n"
    )
    print("| size | loop | median | worst | median / floor | with its charts: median | worst |")
    print("|---|---|---|---|---|---|---|")
    floors = {
        label: statistics.median(page for page, _ in samples)
        for label, loop, samples in rows
        if loop.startswith("floor")
    }
    for label, loop, samples in rows:
        pages, charts = [page for page, _ in samples], [whole for _, whole in samples]
        median = statistics.median(pages)
        ratio = f"{median / floors[label]:.2f}" if label in floors else ""
        print(
            f"| {label} | {loop} | {median:.3f} | {max(pages):.3f} | {ratio} "
            f"| {statistics.median(charts):.3f} | {max(charts):.3f} |"
        )


if __name__ == "__main__":
    main()
