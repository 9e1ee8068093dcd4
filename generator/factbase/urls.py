"""Whether a URL may be published as a source's address: a public web page, judged as a browser reads it.

A browser does not look up the host as typed: it percent-decodes it, maps it with IDNA/UTS-46
(fullwidth digits, circled letters and ideographic full stops become ASCII), drops a trailing dot
and reads any host whose last label is a number as an IPv4 address in decimal, octal or hex, with
short forms (`127.1`, `2130706433`, `0x7f.0.0.1`). The host is canonicalised the same way (WHATWG
URL Standard, "host parsing") before it is judged, so that no spelling of a local or private
address, and no look-alike of a well-known name, passes as a public page.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, unquote, urlsplit

import idna

# Reserved for local networks, tests and documentation (RFC 2606, 6761, 6762, 8375, ICANN name
# collisions): none of these is a public web page.
SPECIAL_USE_SUFFIXES = (
    "localhost",
    "local",
    "lan",
    "home.arpa",
    "internal",
    "test",
    "invalid",
    "example",
    "intranet",
    "corp",
    "home",
    "private",
    "localdomain",
    "onion",
    "alt",
)
# WHATWG "forbidden domain code points" (C0 controls and space are refused earlier).
_FORBIDDEN_IN_HOST = set("#%/:<>?@[\\]^|")
_ASCII_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$")
_ASCII_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_HEX = re.compile(r"^[0-9a-f]*$")
_OCTAL = re.compile(r"^[0-7]*$")
_DECIMAL = re.compile(r"^[0-9]+$")
# Scripts that are written together within one label (Japanese, Korean, Chinese with Bopomofo).
_SCRIPT_MIXES_ALLOWED = ({"CJK", "HIRAGANA", "KATAKANA"}, {"CJK", "HANGUL"}, {"CJK", "BOPOMOFO"})
# Cyrillic and Greek letters that look like Latin ones: a label made of these alone under an ASCII
# top-level domain reads as a Latin name (аррӏе.com) and is refused, as browsers show it in Punycode.
_LATIN_LOOKALIKES = set(
    "\u0430\u0441\u0435\u0456\u0458\u043e\u0440\u0455\u0445\u0443\u0501\u04bb\u04cf\u051b\u051d"
    "\u050d\u0475\u0461\u044c\u043a\u03bf\u03b1\u03b9\u03bd\u03ba\u03c4\u03c5"
)


def published_url(text: str) -> str:
    """The URL as typed, if it leads to a public web page; otherwise ValueError saying why."""
    if (
        _ASCII_CONTROL_OR_SPACE.search(text)
        if text.isascii()
        else any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)
    ):
        raise ValueError("URL must not contain spaces or invisible characters")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"URL must start with http:// or https://, got {text!r}")
    if "@" in parts.netloc:
        raise ValueError("URL must not contain a user name or password")
    if "\\" in parts.netloc:
        raise ValueError(f"URL host must not contain a backslash: {text!r}")
    _check_port(parts)
    host = _canonical_host(parts)
    address = _ip_address(host)
    if address is not None:
        _check_address(address, host)
        return text
    _check_name(host)
    return text


def _check_port(parts: SplitResult) -> None:
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"URL has an invalid port: {parts.netloc!r}") from None
    if port == 0:
        raise ValueError(f"URL has an invalid port: {parts.netloc!r}")


def _canonical_host(parts: SplitResult) -> str:
    """The host as a browser resolves it: ASCII, lower case, without a trailing dot."""
    raw = parts.netloc.rpartition("@")[2]
    if raw.startswith("["):
        return raw[: raw.find("]") + 1] if "]" in raw else raw
    raw = raw.rsplit(":", 1)[0] if ":" in raw else raw
    host = unquote(raw, errors="strict")
    if not host:
        raise ValueError("URL has no host")
    for ch in host:
        category = unicodedata.category(ch)
        if category[0] in "CZ" or ch in _FORBIDDEN_IN_HOST:
            raise ValueError(f"URL host contains a forbidden or invisible character U+{ord(ch):04X}: {host!r}")
    try:
        ascii_host = (
            host.lower() if host.isascii() else idna.encode(host, uts46=True, transitional=False).decode("ascii")
        )
    except (idna.IDNAError, UnicodeError) as error:
        raise ValueError(f"URL host is not a valid domain name ({error}): {host!r}") from None
    ascii_host = ascii_host.lower()
    if any(ch in _FORBIDDEN_IN_HOST for ch in ascii_host):
        raise ValueError(f"URL host contains a forbidden character: {host!r}")
    canonical = ascii_host[:-1] if ascii_host.endswith(".") else ascii_host
    if not canonical or canonical.endswith("."):
        raise ValueError(f"URL host is not a valid domain name: {host!r}")
    return canonical


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if host.startswith("["):
        if "%" in host:
            raise ValueError(f"URL host must not carry an IPv6 zone: {host!r}")
        try:
            return ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise ValueError(f"URL host is not a valid IPv6 address: {host!r}") from None
    last = host.rsplit(".", 1)[-1]
    if not (_DECIMAL.match(last) or (last.startswith("0x") and _HEX.match(last[2:]))):
        return None
    value = _ipv4_number(host)
    if value is None:
        raise ValueError(f"URL host is not a valid IPv4 address: {host!r}")
    return ipaddress.IPv4Address(value)


def _ipv4_number(host: str) -> int | None:
    """WHATWG "IPv4 parser": up to four parts, each decimal, 0x-hex or 0-octal; the last fills the rest."""
    numbers = []
    labels = host.split(".")
    if len(labels) > 4:
        return None
    for label in labels:
        if label.startswith("0x"):
            digits, radix, pattern = label[2:], 16, _HEX
        elif len(label) > 1 and label.startswith("0"):
            digits, radix, pattern = label[1:], 8, _OCTAL
        else:
            digits, radix, pattern = label, 10, _DECIMAL
        if not label or not pattern.match(digits):
            return None
        numbers.append(int(digits, radix) if digits else 0)
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (4 - len(leading)):
        return None
    return sum(n * 256 ** (3 - i) for i, n in enumerate(leading)) + last


def _check_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address, host: str) -> None:
    embedded = None
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if address in ipaddress.IPv6Network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    for candidate in (address, embedded):
        if candidate is None:
            continue
        if not candidate.is_global or candidate.is_multicast or candidate.is_reserved or candidate.is_unspecified:
            spelled = "" if host == str(address) else f" (= {address})"
            raise ValueError(f"URL points to a private or local address: {host!r}{spelled}")


def _check_name(host: str) -> None:
    labels = host.split(".")
    if len(labels) < 2:
        raise ValueError(f"URL points to a local host: {host!r} (a public name has a dot)")
    for suffix in SPECIAL_USE_SUFFIXES:
        if host == suffix or host.endswith("." + suffix):
            raise ValueError(f"URL points to a local or reserved host: {host!r} (.{suffix} is not public)")
    unicode_labels = []
    for label in labels:
        if label.startswith("xn--"):
            try:
                label = idna.decode(label)
            except (idna.IDNAError, UnicodeError):
                raise ValueError(f"URL host has an invalid Punycode label {label!r}: {host!r}") from None
        elif not _ASCII_LABEL.match(label):
            raise ValueError(f"URL host is not a valid domain name: {host!r}")
        unicode_labels.append(label)
    for label in unicode_labels:
        if label.isascii():
            continue
        scripts = {_script(ch) for ch in label if ch.isalpha()}
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPT_MIXES_ALLOWED):
            raise ValueError(
                f"URL host mixes scripts ({', '.join(sorted(scripts)).lower()}) in {label!r}, "
                f"a look-alike of another name: {host!r}"
            )
        if (
            unicode_labels[-1].isascii()
            and not label.isascii()
            and all(ch in _LATIN_LOOKALIKES for ch in label if ch.isalpha())
        ):
            raise ValueError(f"URL host label {label!r} is made of letters that look Latin: {host!r}")


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name (LATIN SMALL LETTER A -> LATIN)."""
    name = unicodedata.name(ch, "UNKNOWN")
    return "CJK" if name.startswith(("CJK", "IDEOGRAPHIC")) else name.split(" ", 1)[0]
