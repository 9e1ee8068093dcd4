"""Check that the sources' URLs still answer, politely, and find archived copies of dead ones.

Politeness: a few requests at a time overall, at most `per_host` at once to one host with a pause
between them, a timeout per request, retries with exponential back-off for answers that may pass
(timeouts, reset connections, 429 and 5xx), and a user agent that names the project. Results are
kept with their date in a cache file, so a weekly run asks again only for what is older than
`max_age_days`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from http.client import HTTPException
from pathlib import Path

from generator.cachefile import write_atomic

USER_AGENT = "crisis-report-generator link checker (checks the sources cited by a research report)"
WAYBACK_AVAILABILITY = "https://archive.org/wayback/available"
REDIRECTS = (301, 302, 303, 307, 308)
GONE = (404, 410)
MAX_HOPS = 10
BODY_LIMIT = 1 << 20


@dataclass(frozen=True)
class LinkResult:
    """What one URL answered. `status`: ok, moved, changed, dead, unreachable or refused."""

    url: str
    status: str
    checked: str
    code: int | None = None
    final_url: str | None = None
    detail: str = ""
    digest: str | None = None
    snapshot: str | None = None

    @property
    def broken(self) -> bool:
        return self.status in ("dead", "unreachable")


@dataclass
class Settings:
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 2.0
    per_host: int = 2
    pause: float = 1.0
    workers: int = 8
    user_agent: str = USER_AGENT
    availability_api: str = WAYBACK_AVAILABILITY
    today: date = field(default_factory=date.today)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class _Transient(Exception):
    """An answer worth asking again after a pause."""


class _Hosts:
    """At most `per_host` requests at once to a host, and a pause between two of them."""

    def __init__(self, per_host: int, pause: float) -> None:
        self.per_host, self.pause = per_host, pause
        self.lock = threading.Lock()
        self.slots: dict[str, threading.BoundedSemaphore] = {}
        self.last: dict[str, float] = {}

    def slot(self, host: str) -> threading.BoundedSemaphore:
        with self.lock:
            return self.slots.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def wait_turn(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.last.get(host, 0.0) + self.pause)
            self.last[host] = start
        time.sleep(max(0.0, start - now))


class LinkChecker:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.opener = urllib.request.build_opener(_NoRedirects)
        self.hosts = _Hosts(self.settings.per_host, self.settings.pause)

    def check_all(
        self,
        urls: Iterable[str],
        previous: dict[str, LinkResult] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, LinkResult]:
        unique = sorted(set(urls))
        previous = previous or {}
        results: dict[str, LinkResult] = {}
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            for done, (url, result) in enumerate(zip(unique, pool.map(self.check, unique), strict=True), 1):
                results[url] = _compared(result, previous.get(url))
                if progress:
                    progress(done, len(unique))
        return results

    def check(self, url: str) -> LinkResult:
        checked = self.settings.today.isoformat()
        hops: list[str] = [url]
        current = url
        try:
            for _ in range(MAX_HOPS):
                code, location, body = self._fetch(current)
                if code in REDIRECTS and location:
                    current = urllib.parse.urljoin(current, location)
                    hops.append(current)
                    continue
                break
            else:
                return LinkResult(url, "unreachable", checked, code, current, f"more than {MAX_HOPS} redirects")
        except _Transient as error:
            return self._with_snapshot(LinkResult(url, "unreachable", checked, detail=str(error)))
        if code in GONE:
            return self._with_snapshot(LinkResult(url, "dead", checked, code, current if len(hops) > 1 else None))
        if code >= 400:
            # 401/403 and the like: the page may be there, but it refuses robots; worth a look by hand.
            return LinkResult(url, "refused", checked, code, current if len(hops) > 1 else None)
        digest = hashlib.sha256(body).hexdigest()
        if len(hops) > 1 and not _same_page(url, current):
            return LinkResult(url, "moved", checked, code, current, " → ".join(hops[1:]), digest)
        return LinkResult(url, "ok", checked, code, None, "", digest)

    def _fetch(self, url: str) -> tuple[int, str | None, bytes]:
        """(status code, Location header, body start), retrying transient failures with back-off."""
        host = urllib.parse.urlsplit(url).hostname or ""
        attempt = 0
        while True:
            try:
                with self.hosts.slot(host):
                    self.hosts.wait_turn(host)
                    return self._request(url)
            except _Transient:
                if attempt >= self.settings.retries:
                    raise
                time.sleep(self.settings.backoff * 2**attempt)
                attempt += 1

    def _request(self, url: str) -> tuple[int, str | None, bytes]:
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"})
        try:
            with self.opener.open(request, timeout=self.settings.timeout) as response:
                return response.status, None, response.read(BODY_LIMIT)
        except urllib.error.HTTPError as error:
            if error.code == 429 or error.code >= 500:
                raise _Transient(f"HTTP {error.code}") from None
            return error.code, error.headers.get("Location"), b""
        except TimeoutError as error:
            raise _Transient(f"timed out after {self.settings.timeout:g} s") from error
        except urllib.error.URLError as error:
            raise _Transient(f"no answer: {error.reason}") from None
        except (ConnectionError, HTTPException, OSError) as error:
            raise _Transient(f"connection failed: {error.__class__.__name__}") from None

    def _with_snapshot(self, result: LinkResult) -> LinkResult:
        snapshot = self.closest_snapshot(result.url)
        return replace(result, snapshot=snapshot) if snapshot else result

    def closest_snapshot(self, url: str) -> str | None:
        """The web archive's closest snapshot of `url`, from its availability service, or None."""
        stamp = self.settings.today.strftime("%Y%m%d")
        query = urllib.parse.urlencode({"url": url, "timestamp": stamp})
        try:
            code, _, body = self._fetch(f"{self.settings.availability_api}?{query}")
            closest = json.loads(body.decode("utf-8")).get("archived_snapshots", {}).get("closest", {})
        except (_Transient, ValueError, AttributeError):
            return None
        if code != 200 or not closest.get("available") or not str(closest.get("url", "")).startswith("http"):
            return None
        return str(closest["url"]).replace("http://web.archive.org/", "https://web.archive.org/", 1)


def _same_page(first: str, second: str) -> bool:
    """http→https and a trailing slash are not a move worth reporting."""

    def key(url: str) -> tuple[str, str, str]:
        parts = urllib.parse.urlsplit(url)
        return (parts.hostname or "").removeprefix("www."), parts.path.rstrip("/"), parts.query

    return key(first) == key(second)


def _compared(result: LinkResult, before: LinkResult | None) -> LinkResult:
    if result.status == "ok" and before and before.digest and result.digest and before.digest != result.digest:
        return replace(result, status="changed", detail=f"content differs from the check of {before.checked}")
    return result


def load_results(path: Path) -> dict[str, LinkResult]:
    """The cached results; an unreadable or foreign cache is no cache."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {url: LinkResult(**entry) for url, entry in raw.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save_results(path: Path, results: dict[str, LinkResult]) -> bool:
    """Keep the results for the next run; like every cache, a failed write is only a lost cache."""
    text = json.dumps({url: asdict(result) for url, result in sorted(results.items())}, indent=1, ensure_ascii=False)
    return write_atomic(path, (text + "\n").encode("utf-8"))


def still_fresh(result: LinkResult, today: date, max_age_days: int) -> bool:
    try:
        return (today - date.fromisoformat(result.checked)).days < max_age_days
    except ValueError:
        return False
