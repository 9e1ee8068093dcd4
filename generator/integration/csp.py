"""A Content-Security-Policy for each page: a second wall behind the escaping of text.

Only the theme's own scripts may run, and what they are is worked out from the theme, never from a
built page (whose text a hand-written page or fragment can shape):

- inline scripts: the ones the theme's `partials/javascripts/` templates (Material's, or the
  override's in `templates/theme/partials/javascripts/`) emit for this config and the page's base
  URL, allowed by their SHA-256 hashes;
- script files: the `.js` files of the theme folders' `assets/javascripts/` (Material's bundle, the
  site's own scripts in `templates/theme/assets/javascripts/`), allowed by SHA-384 hashes that
  their `<script>` tags also carry as `integrity` (CSP Level 3 hash-sources match external scripts
  with SRI metadata: Chromium 59, Firefox 116, Safari 15.6). There is no `'self'`: a `.js` file
  dropped next to the pages is served from the same origin but is refused. The search worker,
  started by the bundle, is a worker (`worker-src`), and Lunr's language files run inside it.

A script the theme should run inline goes in a `partials/javascripts/` template; any other inline
script is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.utils import get_relative_url, is_error_template

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")
_SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")
_INLINE_TEMPLATES = "partials/javascripts/"
_SCRIPT_FOLDER = "assets/javascripts"
# Run inside the search worker (importScripts), never as a page's <script>.
_WORKER_FOLDERS = ("workers", "lunr")

POLICY = (
    "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)


def _digest(algorithm: str, data: bytes) -> str:
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode('ascii')}"


@dataclass
class ThemeScripts:
    """The scripts of the theme: inline ones rendered per base URL, files with their SRI hashes."""

    env: Environment
    context: dict[str, Any]
    files: dict[str, str]
    inline_templates: list[str]
    _inline: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, env: Environment, config: Any) -> ThemeScripts:
        files: dict[str, str] = {}
        for theme_dir in config.theme.dirs:
            folder = Path(theme_dir) / _SCRIPT_FOLDER
            for path in sorted(folder.rglob("*.js")) if folder.is_dir() else []:
                name = path.relative_to(folder).as_posix()
                if not name.startswith(_WORKER_FOLDERS):
                    files.setdefault(name, _digest("sha384", path.read_bytes()))
        # Listed from the theme folders, not with env.list_templates(), which walks Material's icons too.
        inline_templates = sorted(
            {
                f"{_INLINE_TEMPLATES}{path.name}"
                for theme_dir in config.theme.dirs
                for path in (Path(theme_dir) / _INLINE_TEMPLATES).glob("*.html")
            }
        )
        context = {"config": config, "features": config.theme.get("features") or []}
        return cls(env, context, files, inline_templates)

    def inline_hashes(self, base_url: str) -> list[str]:
        if base_url not in self._inline:
            html = "".join(
                self.env.get_template(name).render(self.context, base_url=base_url) for name in self.inline_templates
            )
            self._inline[base_url] = inline_script_hashes(html)
        return self._inline[base_url]

    def policy(self, base_url: str) -> str:
        sources = [f"'{h}'" for h in [*self.inline_hashes(base_url), *sorted(set(self.files.values()))]]
        return POLICY.format(scripts=" ".join(sources) or "'none'")

    def secure(self, html: str, base_url: str) -> str:
        """The page with `integrity` on the theme's script tags and the policy as the first element of <head>."""
        meta = f'<meta http-equiv="Content-Security-Policy" content="{self.policy(base_url)}">'
        return _SCRIPT_TAG.sub(self._with_integrity, html).replace("<head>", f"<head>\n    {meta}", 1)

    def _with_integrity(self, match: re.Match[str]) -> str:
        tag, src = match[0], match[1]
        path = urlsplit(src).path
        _, marker, name = path.rpartition(f"{_SCRIPT_FOLDER}/")
        if not marker or name not in self.files or re.search(r"\bintegrity=", tag):
            return tag
        return f'{tag[:-1]} integrity="{self.files[name]}">'


def inline_script_hashes(html: str) -> list[str]:
    """The SHA-256 hashes of the executable inline scripts of `html` (data blocks do not run)."""
    hashes = {
        _digest("sha256", body.encode("utf-8"))
        for attributes, body in _INLINE_SCRIPT.findall(html)
        if not any(data_type in attributes for data_type in _DATA_TYPES)
    }
    return sorted(hashes)


def page_base_url(page_url: str) -> str:
    """The base URL MkDocs gives a page's templates (mkdocs.commands.build.get_context)."""
    return get_relative_url(".", page_url)


def template_base_url(template_name: str, config: Any) -> str:
    """The base URL MkDocs gives a static template such as 404.html (mkdocs.commands.build._build_template)."""
    if is_error_template(template_name):
        return urlsplit(config.site_url or "/").path
    return get_relative_url(".", template_name)
