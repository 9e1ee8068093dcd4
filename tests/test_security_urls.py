"""A source URL must lead to a public web page however its host is spelled (WHATWG host parsing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.factbase.fieldtypes import Url
from generator.factbase.urls import published_url

from .conftest import ROOT

URL = TypeAdapter(Url)

BYPASSES = [
    "https://localhost./",
    "https://LOCALHOST/x",
    "http://localhost:8000/",
    "http://127.1/",
    "http://127.0.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://0x7f.1/",
    "http://127.0.0.1./",
    "http://%31%32%37.0.0.1/",
    "http://１２７.０.０.１/",
    "http://ⓛocalhost/",
    "http://localhost。/",
    "http://0/",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://router.lan/",
    "http://nas.home.arpa/",
    "http://printer.local/",
    "http://svc.internal/",
    "http://app.localhost/",
    "http://site.test/",
    "http://site.invalid/",
    "http://site.example/",
    "http://intranet/",
    "http://intranet./",
    "https://аpple.com/",
    "https://xn--pple-43d.com/",
    "https://www.gоv.kz/",
    "https://раураl.com/",
    "https://аррӏе.com/",
    "https://exa\u200bmple.org/",
    "https://tass\u200d.com/",
    "https://ta\u00adss.com/",
    "https://tass.com\ufeff/",
    "https://tass.com:99999/",
    "https://tass.com:0/",
    "https://tass.com:-1/",
    "https://tass.com:8o/",
    "http://1.2.3.4.5/",
    "http://256.0.0.1/",
    "http://0x100.0.0.1/",
    "http://127.0.0.1\\@tass.com/",
    "http://tass.com\\@127.0.0.1/",
    "http://a..com/",
    "http://[2a00:1450:4001:82b::200e%25eth0]/",
]


@pytest.mark.parametrize("url", BYPASSES)
def test_local_reserved_and_look_alike_hosts_are_refused(url: str) -> None:
    with pytest.raises(ValidationError):
        URL.validate_python(url)


REAL = [  # verbatim from content/sources/
    line.split(":", 1)[1].strip().strip("\"'")
    for path in sorted((ROOT / "content" / "sources").glob("*.yml"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if re.match(r"^(url|archive_url): ", line)
]


def test_every_real_source_url_still_passes() -> None:
    assert len(REAL) > 300
    refused = []
    for url in REAL:
        try:
            URL.validate_python(url)
        except ValidationError as error:
            refused.append((url, str(error)))
    assert not refused


@pytest.mark.parametrize(
    "url",
    [
        "https://tass.com/politics/1384383",
        "https://www.gov.kz/memleket/entities/mfa?lang=en",
        "https://en.wikipedia.org/wiki/2022_Kazakh_unrest",
        "https://tass.com:443/",
        "https://8.8.8.8/",
        "https://TASS.com./x",
        "https://президент.рф/",
        "https://кремль.рф/",
        "https://日本語.jp/",
    ],
)
def test_public_hosts_pass(url: str) -> None:
    assert URL.validate_python(url) == url


def test_the_message_names_the_canonical_address() -> None:
    with pytest.raises(ValueError, match=r"'0x7f\.0\.0\.1' \(= 127\.0\.0\.1\)"):
        published_url("http://0x7f.0.0.1/")


@given(st.ip_addresses(v=4), st.sampled_from(["dotted", "decimal", "hex", "octal", "short"]))
def test_any_spelling_of_a_non_public_ipv4_is_refused(address: object, spelling: str) -> None:
    import ipaddress

    assert isinstance(address, ipaddress.IPv4Address)
    number, octets = int(address), address.packed
    host = {
        "dotted": str(address),
        "decimal": str(number),
        "hex": hex(number),
        "octal": ".".join("0" + format(o, "o") for o in octets),
        "short": f"{octets[0]}.{number & 0xFFFFFF}",
    }[spelling]
    public = address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)
    if public:
        assert published_url(f"http://{host}/") == f"http://{host}/"
    else:
        with pytest.raises(ValueError, match="private or local"):
            published_url(f"http://{host}/")


def test_check_of_the_real_content_stays_clean() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "content"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert Path(ROOT / "content").is_dir()
