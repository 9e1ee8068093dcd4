"""Serve the preview: the built site's files, read under the builder's lock, plus a small script
that reloads the page after a rebuild and shows the validator's messages after an invalid edit."""

from __future__ import annotations

import http.server
import json
import mimetypes
import re
import time
import urllib.parse
from pathlib import Path

from generator.preview.builder import PreviewBuilder, page_key

PREFIX = "/__preview__/"
RELOAD_SCRIPT = Path(__file__).with_name("reload.js")
LONG_POLL_SECONDS = 20.0
DRAWING_WAIT_SECONDS = 30.0
_SCRIPT_SRC = re.compile(rb"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?script-src )")


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, builder: PreviewBuilder, host: str = "127.0.0.1", port: int = 8000) -> None:
        super().__init__((host, port), _Handler)
        self.builder = builder
        self.changed = builder.changed

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}/"

    def announce(self) -> None:
        """Wake the pages waiting for a new version."""
        with self.changed:
            self.changed.notify_all()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path)
        if path.path == PREFIX + "reload.js":
            self._send(200, RELOAD_SCRIPT.read_bytes(), "text/javascript")
        elif path.path == PREFIX + "state":
            query = urllib.parse.parse_qs(path.query)
            self._state(query.get("since", [None])[0], query.get("edition", [""])[0], query.get("page", [None])[0])
        else:
            self._file(urllib.parse.unquote(path.path))

    def _state(self, since: str | None, edition: str, page_path: str | None) -> None:
        """The version of the page (or of its edition), once it is not `since` any more (or after a while).
        While it waits, the page counts as being read: an edit's rebuild writes it first."""
        builder = self.server.builder
        page = None if page_path is None else page_key(urllib.parse.unquote(page_path))
        deadline = time.monotonic() + LONG_POLL_SECONDS
        with self.server.changed:
            if page is not None:
                builder.reading[page] = builder.reading.get(page, 0) + 1
            try:
                while (
                    since is not None
                    and str(builder.version_of(edition, page)) == since
                    and time.monotonic() < deadline
                ):
                    self.server.changed.wait(deadline - time.monotonic())
            finally:
                if page is not None:
                    builder.reading[page] -= 1
                    if not builder.reading[page]:
                        del builder.reading[page]
            version, error = builder.version_of(edition, page), builder.error
        body = json.dumps({"version": version, "error": error}).encode()
        self._send(200, body, "application/json")

    def _file(self, url_path: str) -> None:
        builder = self.server.builder
        builder.wait_for(url_path.lstrip("/"), DRAWING_WAIT_SECONDS)  # a chart being drawn again: not the old one
        with builder.lock:
            root = builder.site_dir.resolve()
            target = (root / url_path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root) or not target.is_file():
                code, target = 404, root / "404.html"
            else:
                code = 200
            data = target.read_bytes() if target.is_file() else b"not found"
            edition, page = builder.edition_of(url_path), page_key(url_path)
            version = builder.version_of(edition, page)
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            if code == 200:
                builder.served(page)
            data = _with_reload_script(data, version, edition, self.server.url)
        self._send(code, data, content_type)

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _with_reload_script(html: bytes, version: int, edition: str, base_url: str) -> bytes:
    """The page as built, plus the reload script (allowed by the page's policy for this server only).

    Worked on as bytes: a page of thousands of records is megabytes, and the server shares the
    interpreter with the rebuild it is waiting for."""
    source = f"{base_url}__preview__/reload.js ".encode()
    html = _SCRIPT_SRC.sub(lambda match: match.group(1) + source, html, count=1)
    tag = f'<script src="{PREFIX}reload.js" data-version="{version}" data-edition="{edition}"></script>'.encode()
    index = html.rfind(b"</body>")
    return html[:index] + tag + html[index:] if index >= 0 else html + tag
