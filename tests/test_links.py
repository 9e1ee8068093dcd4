"""`links`: the link checker against a local HTTP server; nothing here needs the internet."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.editing import linkcheck
from generator.editing.linkcheck import LinkChecker, LinkResult, Settings, load_results, save_results
from generator.editing.yamledit import EditSkipped, set_scalar

from .conftest import MINI


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: dict[str, int] = {}
        self.agents: set[str] = set()
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        server = self.server
        path = urllib.parse.urlsplit(self.path).path
        with server.lock:
            server.hits[path] = server.hits.get(path, 0) + 1
            server.agents.add(self.headers.get("User-Agent", ""))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
        try:
            self._answer(path)
        finally:
            with server.lock:
                server.in_flight -= 1

    def _answer(self, path: str) -> None:
        if path == "/ok" or path.startswith("/busy/"):
            if path.startswith("/busy/"):
                time.sleep(0.15)
            self._send(200, b"hello")
        elif path == "/changed":
            self._send(200, f"version {self.server.hits[path]}".encode())
        elif path in ("/moved", "/moved2"):
            self._send(301, b"", {"Location": "/moved2" if path == "/moved" else "/final"})
        elif path == "/final":
            self._send(200, b"final")
        elif path == "/slash":
            self._send(301, b"", {"Location": "/slash/"})
        elif path == "/slash/":
            self._send(200, b"same page")
        elif path == "/loop":
            self._send(302, b"", {"Location": "/loop"})
        elif path in ("/gone-404", "/gone-410"):
            self._send(int(path[-3:]), b"gone")
        elif path == "/forbidden":
            self._send(403, b"no robots")
        elif path == "/flaky":
            self._send(503 if self.server.hits[path] == 1 else 200, b"back")
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, b"late")
        elif path == "/reset":
            self.connection.shutdown(2)
            self.connection.close()
        elif path == "/wayback/available":
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            url = query["url"][0]
            closest = (
                {
                    "available": True,
                    "status": "200",
                    "timestamp": "20220110000000",
                    "url": f"http://web.archive.org/web/20220110000000/{url}",
                }
                if "never-archived" not in url
                else None
            )
            body = {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
            self._send(200, json.dumps(body).encode())
        else:
            self._send(404, b"unknown")

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _base(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _checker(server: _Server, **overrides: object) -> LinkChecker:
    settings = Settings(
        timeout=0.4,
        retries=1,
        backoff=0.01,
        pause=0.0,
        per_host=2,
        availability_api=f"{_base(server)}/wayback/available",
        today=date(2026, 12, 1),
    )
    for name, value in overrides.items():
        setattr(settings, name, value)
    return LinkChecker(settings)


def test_each_kind_of_answer_is_classified(server: _Server) -> None:
    base = _base(server)
    paths = ["/ok", "/moved", "/slash", "/loop", "/gone-404", "/gone-410", "/forbidden", "/flaky", "/slow", "/reset"]
    results = _checker(server).check_all(base + path for path in paths)
    status = {url.removeprefix(base): result.status for url, result in results.items()}
    assert status == {
        "/ok": "ok",
        "/moved": "moved",
        "/slash": "ok",
        "/loop": "unreachable",
        "/gone-404": "dead",
        "/gone-410": "dead",
        "/forbidden": "refused",
        "/flaky": "ok",
        "/slow": "unreachable",
        "/reset": "unreachable",
    }
    moved = results[base + "/moved"]
    assert moved.final_url == base + "/final" and moved.code == 200
    assert "more than 10 redirects" in results[base + "/loop"].detail
    assert "timed out" in results[base + "/slow"].detail
    assert server.hits["/flaky"] == 2, "a 503 is asked again after a pause"
    assert server.hits["/slow"] == 2, "a timeout is retried once, then given up"
    assert results[base + "/gone-404"].code == 404


def test_dead_links_get_the_archive_s_closest_snapshot(server: _Server) -> None:
    base = _base(server)
    results = _checker(server).check_all([base + "/gone-410", base + "/forbidden", base + "/never-archived"])
    snapshot = results[base + "/gone-410"].snapshot
    assert snapshot == f"https://web.archive.org/web/20220110000000/{base}/gone-410"
    assert results[base + "/forbidden"].snapshot is None, "only dead or unreachable links are looked up"
    assert results[base + "/never-archived"].status == "dead" and results[base + "/never-archived"].snapshot is None
    assert server.hits["/wayback/available"] == 2


def test_a_page_whose_content_changed_since_the_last_check_is_reported(server: _Server) -> None:
    url = _base(server) + "/changed"
    first = _checker(server).check_all([url])
    assert first[url].status == "ok" and first[url].digest
    second = _checker(server).check_all([url], previous=first)
    assert second[url].status == "changed"
    assert "2026-12-01" in second[url].detail


def test_requests_to_one_host_are_limited_and_name_the_project(server: _Server) -> None:
    base = _base(server)
    _checker(server, per_host=2, workers=8).check_all(f"{base}/busy/{n}" for n in range(10))
    assert server.most_in_flight <= 2
    assert server.agents == {linkcheck.USER_AGENT}


def test_the_cache_keeps_results_with_their_date_and_survives_corruption(tmp_path: Path) -> None:
    cache = tmp_path / "links.json"
    results = {"https://a.example.org/": LinkResult("https://a.example.org/", "dead", "2026-11-20", 404)}
    save_results(cache, results)
    assert load_results(cache) == results
    assert linkcheck.still_fresh(results["https://a.example.org/"], date(2026, 11, 26), 7)
    assert not linkcheck.still_fresh(results["https://a.example.org/"], date(2026, 11, 27), 7)
    cache.write_text('{"https://a.example.org/": {"status": ', encoding="utf-8")
    assert load_results(cache) == {}
    assert list(tmp_path.iterdir()) == [cache], "no temporary file left behind"


SOURCE = """\
# yaml-language-server: $schema=../schema/source.schema.json
# Kept: a comment of the editors above the record.
id: gone-story
title: A story
# The wire's own copy moved.
publisher: Example Wire
url: https://news.example.org/gone
language: en
accessed: 2026-11-24
type: wire
# Ends with the editors' last word.
"""


def _source_file(tmp_path: Path, text: str = SOURCE) -> Path:
    path = tmp_path / "sources" / "gone-story.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_writing_an_archive_url_keeps_comments_and_is_idempotent(tmp_path: Path) -> None:
    path = _source_file(tmp_path)
    snapshot = "https://web.archive.org/web/20220110000000/https://news.example.org/gone"
    assert set_scalar(path, "archive_url", snapshot, after="url")
    text = path.read_text(encoding="utf-8")
    for comment in (
        "# Kept: a comment of the editors above the record.",
        "# The wire's own copy moved.",
        "# Ends with the editors' last word.",
    ):
        assert comment in text
    assert f"archive_url: {snapshot}\n" in text
    assert not set_scalar(path, "archive_url", snapshot, after="url"), "a second run changes nothing"
    assert path.read_text(encoding="utf-8") == text


def test_a_save_made_during_the_edit_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _source_file(tmp_path)
    from generator.editing import yamledit

    real_format = yamledit.format_text

    def format_then_editor_saves(*args: object, **kwargs: object) -> tuple[str, str | None]:
        result = real_format(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(SOURCE.replace("A story", "A story, retitled by the editor"), encoding="utf-8")
        return result

    monkeypatch.setattr(yamledit, "format_text", format_then_editor_saves)
    with pytest.raises(EditSkipped, match="changed while it was being edited"):
        set_scalar(path, "archive_url", "https://web.archive.org/web/2022/https://news.example.org/gone", after="url")
    assert "retitled by the editor" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["gone-story.yml"]


def test_links_command_reports_and_records_archived_copies(
    tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    # The fixture's sources point at example domains; route them to the local server instead.
    routes = {"https://news.example.org/story/1": "/gone-404", "https://zeitung.example.de/bericht-2": "/ok"}
    real_request = LinkChecker._request

    def routed(self: LinkChecker, url: str) -> tuple[int, str | None, bytes]:
        return real_request(self, _base(server) + routes[url] if url in routes else url)

    monkeypatch.setattr(LinkChecker, "_request", routed)
    cache, report = tmp_path / "links.json", tmp_path / "links.md"
    args = [
        "links",
        str(content),
        "--write",
        "--cache",
        str(cache),
        "--report",
        str(report),
        "--timeout",
        "2",
        "--availability-api",
        f"{_base(server)}/wayback/available",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "| `wire-one` | dead | 404 |" in result.output
    assert "2 sources: 1 ok, 1 dead; 0 with an archived copy" in result.output
    assert "recorded an archived copy in" in result.output
    written = (content / "sources" / "wire-one.yml").read_text(encoding="utf-8")
    assert "archive_url: https://web.archive.org/web/20220110000000/https://news.example.org/story/1" in written
    assert "| `wire-one` | dead |" in report.read_text(encoding="utf-8")
    assert json.loads(cache.read_text(encoding="utf-8"))["https://news.example.org/story/1"]["status"] == "dead"
    checked = CliRunner().invoke(main, ["check", str(content)])
    assert checked.exit_code == 0, checked.output
    hits_before = dict(server.hits)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "1 with an archived copy" in again.output
    assert server.hits == hits_before, "results younger than --max-age are not asked again"
