"""A Content-Security-Policy for each page: a second wall behind the escaping of text.

Only the theme's own inline scripts may run: their hashes are taken from the page outside its
`<article>` (where all report text lives), so a script that somehow got into the text would be
refused by the browser rather than allowed by its hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def theme_script_hashes(html: str) -> list[str]:
    outside_text = _ARTICLE.sub("", html)
    hashes = []
    for attributes, body in _INLINE_SCRIPT.findall(outside_text):
        if any(data_type in attributes for data_type in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def with_policy(html: str) -> str:
    """The page with a CSP <meta> as the first element of <head>."""
    policy = POLICY.format(hashes=" ".join(theme_script_hashes(html)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def add_to_site(site_dir: Path) -> int:
    """Give every page of a site built without the plugin its policy; return how many pages got one.

    Zensical runs no MkDocs plugin, so the exported tree carries this file: `python csp.py site`
    after the build does what the plugin does during it.
    """
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_bytes().decode("utf-8")
        if 'http-equiv="Content-Security-Policy"' in html:
            continue
        page.write_bytes(with_policy(html).encode("utf-8"))
        count += 1
    return count


if __name__ == "__main__":
    import sys

    print(f"{add_to_site(Path(sys.argv[1]))} pages given a Content-Security-Policy")
