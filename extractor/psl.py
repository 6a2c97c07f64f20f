"""Registrable domain ("site") of a URL or host name, from a bundled Public Suffix List.

    registrable_domain("https://news.bbc.co.uk/x")   -> "bbc.co.uk"
    registrable_domain("foo.blogspot.com")           -> "foo.blogspot.com"   (private section)
    site_key(url=..., site=...)                      -> the template store's key

The list is read from extractor/data/public_suffix_list.txt (a compacted copy of the PSL, ICANN
and private sections; MPL-2.0): nothing is downloaded at run time. The algorithm is the PSL's:
the longest matching rule wins, `*.` wildcards match one label, `!` exceptions beat wildcards,
and an unlisted TLD counts as a suffix of one label ("*" default rule). IP addresses and
single-label hosts are their own site.
"""
from __future__ import annotations

import ipaddress
import sys
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from .errors import OptionsError

DATA_FILE = "public_suffix_list.txt"
PRIVATE_MARKER = "# PRIVATE"
MAX_SITE_CHARS = 253            # longest DNS name; an explicit site longer than this is refused


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset, frozenset, frozenset]:
    """(exact rules, wildcard parents, exceptions), each a set of dot-joined label strings."""
    exact, wild, exc = set(), set(), set()
    text = resources.files("extractor").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        rule = line.strip().lower()
        if not rule or rule.startswith("#"):
            continue
        if rule.startswith("!"):
            exc.add(rule[1:])
        elif rule.startswith("*."):
            wild.add(rule[2:])
        else:
            exact.add(rule)
    return frozenset(exact), frozenset(wild), frozenset(exc)


def _to_unicode(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return label
    return label


def host_of(url_or_host: str) -> str:
    """The lower-cased host name of a URL (or of a bare host), IDN labels in Unicode."""
    s = url_or_host.strip()
    if "//" not in s:
        s = "//" + s
    try:
        host = urlsplit(s).hostname or ""
    except ValueError:
        host = ""
    host = host.strip(".").lower()
    return ".".join(_to_unicode(label) for label in host.split(".") if label)


def public_suffix(host: str) -> str:
    """The public suffix of a host (e.g. "co.uk" for "news.bbc.co.uk")."""
    exact, wild, exc = _rules()
    labels = host.split(".")
    best = labels[-1:]                               # the default rule "*"
    for i in range(len(labels)):
        cand = ".".join(labels[i:])
        if cand in exc:                              # an exception: its parent is the suffix
            return ".".join(labels[i + 1:])
        parent = ".".join(labels[i + 1:])
        if cand in exact or (parent and parent in wild):
            best = labels[i:]
            break
    return ".".join(best)


def registrable_domain(url_or_host: str) -> str | None:
    """The registrable domain (public suffix + one label) of a URL or host; None without a host."""
    host = host_of(url_or_host)
    if not host:
        return None
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) == 1:
        return host
    suffix = public_suffix(host)
    n = suffix.count(".") + 1 if suffix else 0
    if n >= len(labels):                             # the host is itself a public suffix
        return host
    return ".".join(labels[-(n + 1):])


def site_key(url: str | None = None, site: str | None = None) -> str | None:
    """The template store's key: an explicit `site` (normalised, as given), else the URL's
    registrable domain, else None (no site: the store is not used)."""
    if site is not None:
        if not isinstance(site, str) or not site.strip():
            raise OptionsError("site must be a non-empty string such as 'example.com'")
        key = site.strip().lower()
        if "/" in key or ":" in key:                 # a URL given as the site: use its domain
            key = registrable_domain(key) or key
        if len(key) > MAX_SITE_CHARS:
            raise OptionsError(f"site is longer than {MAX_SITE_CHARS} characters")
        return key
    if url:
        return registrable_domain(url)
    return None


def _rebuild(src: str, dst: str) -> None:    # pragma: no cover - maintenance helper
    header = [line for line in open(dst, encoding="utf-8").read().splitlines() if line.startswith("#")
              and line != PRIVATE_MARKER]
    out = list(header)
    for line in open(src, encoding="utf-8").read().splitlines():
        s = line.strip()
        if "BEGIN PRIVATE" in s:
            out.append(PRIVATE_MARKER)
        elif s and not s.startswith("//"):
            out.append(s.split()[0])
    open(dst, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":    # pragma: no cover
    if len(sys.argv) == 3 and sys.argv[1] == "--rebuild":
        _rebuild(sys.argv[2], str(resources.files("extractor").joinpath("data", DATA_FILE)))
    else:
        for arg in sys.argv[1:]:
            print(arg, registrable_domain(arg))
