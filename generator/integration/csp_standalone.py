"""Give a site built without the plugin (Zensical, plain MkDocs on an exported tree) its
Content-Security-Policy: `python csp.py site` after the build. The export copies this file as `csp.py`;
it imports nothing from the generator.

Without the plugin the theme's templates are not at hand, so the inline scripts allowed are those
of the built page outside its `<article>` element, found with an HTML parser (a comment holding
`</article>` does not end it); `check` refuses raw scripts in hand-written pages, which is what keeps
article text from reaching outside. Script files are allowed by the SHA-384 hashes of the site's
`assets/javascripts/` files, which their tags carry as `integrity`; there is no `'self'`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

POLICY = (
    "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
META = '<meta http-equiv="Content-Security-Policy"'
SCRIPT_FOLDER = "assets/javascripts"
WORKER_FOLDERS = ("workers", "lunr")
DATA_TYPES = ("application/json", "application/ld+json")
_SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


class _InlineScripts(HTMLParser):
    """The bodies of the executable inline scripts outside the page's <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.current: list[str] | None = None
        self.bodies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag == "script" and self.depth == 0:
            values = dict(attrs)
            if "src" not in values and not any(kind in (values.get("type") or "") for kind in DATA_TYPES):
                self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag == "script" and self.current is not None:
            self.bodies.append("".join(self.current))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _digest(algorithm: str, data: bytes) -> str:
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode('ascii')}"


def script_files(site_dir: Path) -> dict[str, str]:
    folder = site_dir / SCRIPT_FOLDER
    files = {}
    for path in sorted(folder.rglob("*.js")) if folder.is_dir() else []:
        name = path.relative_to(folder).as_posix()
        if not name.startswith(WORKER_FOLDERS):
            files[name] = _digest("sha384", path.read_bytes())
    return files


def secure(html: str, files: dict[str, str]) -> str:
    parser = _InlineScripts()
    parser.feed(html)
    inline = sorted({_digest("sha256", body.encode("utf-8")) for body in parser.bodies})
    sources = [f"'{value}'" for value in [*inline, *sorted(set(files.values()))]]

    def with_integrity(match: re.Match[str]) -> str:
        tag, name = match[0], match[1].split("?")[0].rpartition(f"{SCRIPT_FOLDER}/")[2]
        if name not in files or "integrity=" in tag:
            return tag
        return f'{tag[:-1]} integrity="{files[name]}">'

    meta = f'{META} content="{POLICY.format(scripts=" ".join(sources) or chr(39) + "none" + chr(39))}">'
    return _SCRIPT_TAG.sub(with_integrity, html).replace("<head>", f"<head>\n    {meta}", 1)


def add_to_site(site_dir: Path) -> int:
    """Give every page without a policy its policy; return how many pages got one."""
    files = script_files(site_dir)
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_bytes().decode("utf-8")
        if META in html:
            continue
        page.write_bytes(secure(html, files).encode("utf-8"))
        count += 1
    return count


if __name__ == "__main__":
    print(f"{add_to_site(Path(sys.argv[1]))} pages given a Content-Security-Policy")
