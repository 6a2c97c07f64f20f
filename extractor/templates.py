"""Site templates: learn each site's boilerplate from its own pages, then remove it.

A site's template is the text every page of it repeats: menus, footers, newsletter boxes,
donation appeals. The store keeps, per site, the number of distinct pages learned and, for each
normalised line fingerprint, the number of those pages it was on. Learning is explicit
(`extractor learn`, `learn(...)`, or the service when configured), so `clean()` stays
deterministic: without a store its output never changes, and with one it depends only on what
the store holds.

Fingerprint: NFKC, case-folded, every digit folded to 0, punctuation and symbols dropped,
whitespace collapsed; then the first 32 bits of BLAKE2b. A line whose key is empty (only
punctuation) is not learned. A process remembers the fingerprints of the last
FINGERPRINT_CACHE short lines it saw (a site's template lines recur on every page).

Decision (the `templates` stage, after `classify` and before the page decoding: `context` on the
text path (clean), `html_decide` on the HTML path (extract)): a block whose fingerprint
is on at least TEMPLATE_MIN_PAGES[mode] distinct pages of the site and on at least
TEMPLATE_MIN_SHARE[mode] of them becomes a rule hit with category "template", reason
`template.site`, so the page decoding of `context` treats it as clear furniture (measured on the
sites bench: +0.002 F1 and +0.009 English precision over removing the same blocks after
`context`) -- unless it is protected as strongly content:

  a long block (>= PROTECT_MIN_CHARS, CJK: PROTECT_MIN_CHARS_CJK) that the model scores as
  content (score >= PROTECT_MIN_SCORE[mode]) and whose nearest non-template blocks before and
  after are content too. A quote, an editor's note or a disclaimer that a site repeats inside
  its stories sits between the story's own paragraphs, so it stays; the same disclaimer in the
  footer, after the article, has furniture on one side and goes. Short repeated lines
  ("Advertisement", "Continue reading") inside a story are never protected: they are furniture.
  Blocks a rule pack already removed keep their own reason.

Records (`template.records`, same category): a list of comments or teasers repeats the site's
controls after every item ("Reply", "Report abuse", "N replies", "said"). When one short template
line (<= RECORD_SEPARATOR_MAX_CHARS) comes RECORD_MIN_REPEATS[mode] or more times down the page,
neighbouring copies at most RECORD_MAX_GAP blocks apart, the blocks between the first and the
last copy of that chain are the list's items and go too -- however much they read like content,
they are not the story. Never for lines the rule packs file as interruptions of a story's own
paragraphs (ad labels, "continue reading", "click to enlarge": RECORD_NOT_SEPARATORS), never
for two copies (a share bar above and below the story), and only after the story has started
(a long block scored as content before the first chain). Measured on the sites bench
(leave-one-out, fullpage.txt): F1 with the store .902 -> .913, no language's precision lower.

The HTML path reports the template lines among the blocks far from the main text (decided by
structure, outside the stages) as `template.site` too (`mark_outside`).

Store layout (one record per site, versioned): SCHEMA_VERSION, pages, sorted page ids (64-bit
hash of the URL when known, else of the page's fingerprint set; a page learned twice counts
once), sorted fingerprints with their page counts (uint32 + uint16), and the normalised text
of fingerprints on >= TEXT_MIN_PAGES and >= TEXT_MIN_SHARE of the pages (for GET
/v1/sites/<site>); fingerprints stored as gaps, the whole zlib-compressed. Counting is a
sum, so learning the same pages in any order gives the same record, byte for byte, as long as
the site stays within its bounds:

  MAX_PAGES_PER_SITE         a site with this many pages learns no more (its template is known;
                             forget it to relearn after a redesign)
  MAX_FINGERPRINTS_PER_SITE  past this many distinct fingerprints, the rarest (lowest count,
                             then highest hash) are dropped down to PRUNE_TO_SHARE of the bound.
                             Beyond this point learning order can change the count of a line by
                             the number of prunes that caught it while it was rare; lines that
                             are template (on many pages) are never the rarest.

Backends: SQLiteStore (default; WAL, one short IMMEDIATE transaction per update, so several
processes may learn at once and a killed writer leaves the last committed state) and RedisStore
(`redis://...`; optimistic WATCH/MULTI transactions). `open_store(spec)` picks one.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import struct
import threading
import time
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate, chain
from typing import Iterable, Iterator

from .errors import TemplateStoreError
from .options import Mode
from .psl import site_key
from .types import BOILERPLATE, CONTENT, Block

SCHEMA_VERSION = 1
# --- decision defaults, per mode ------------------------------------------------------------
TEMPLATE_MIN_PAGES = {Mode.PRECISION: 2, Mode.BALANCED: 2, Mode.RECALL: 3}
TEMPLATE_MIN_SHARE = {Mode.PRECISION: 0.3, Mode.BALANCED: 0.4, Mode.RECALL: 0.6}
PROTECT_MIN_CHARS = 150          # a block this long may be protected as strongly content...
PROTECT_MIN_CHARS_CJK = 50       # ...(CJK text: characters carry more)
PROTECT_MIN_SCORE = {Mode.PRECISION: 0.9, Mode.BALANCED: 0.8, Mode.RECALL: 0.6}
TEMPLATE_SCORE = 0.02            # the content score of a template block (as a rule hit's)
# records: a short template line ("Reply", "Report abuse") this many times on the page...
RECORD_MIN_REPEATS = {Mode.PRECISION: 3, Mode.BALANCED: 3, Mode.RECALL: 4}
RECORD_MAX_GAP = 4               # ...with at most this many other blocks between neighbouring copies
RECORD_SEPARATOR_MAX_CHARS = 80  # ...and at most this long separates the items of a list
RECORD_NOT_SEPARATORS = frozenset({"widget", "caption"})   # rule categories that interrupt a story
# --- store bounds -----------------------------------------------------------------------------
MAX_PAGES_PER_SITE = 1000
MAX_FINGERPRINTS_PER_SITE = 8192
PRUNE_TO_SHARE = 0.75
TEXT_MIN_PAGES = 2               # keep the normalised text of fingerprints seen on this many pages
TEXT_MIN_SHARE = 0.2             # ...and this share of the site's pages (below every mode's share)
TEXT_MAX_CHARS = 80              # ...cut to this length
COUNT_MAX = 0xFFFF               # page counts saturate here (uint16)
SQLITE_BUSY_TIMEOUT = 30.0       # seconds a writer waits for the lock (and an open retries)
SQLITE_OPEN_RETRY_DELAY = 0.005  # first pause before retrying a busy open (doubles...)
SQLITE_OPEN_RETRY_MAX_DELAY = 0.25   # ...up to this)
REDIS_KEY_PREFIX = "extractor:templates:v%d:" % SCHEMA_VERSION
REDIS_MAX_RETRIES = 100          # optimistic transaction retries under contention
COMPRESS_LEVEL = 6

_WORDS = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
# ASCII text (most lines of most pages) is normalised by one str.translate: letters lower-cased,
# digits to 0, everything else to a space.
_ASCII_TABLE = {c: ("0" if chr(c).isdigit() else chr(c).lower() if chr(c).isalnum() else " ") for c in range(128)}
_ASCII_BYTES = bytes(ord(_ASCII_TABLE[c]) if c < 128 else 32 for c in range(256))   # the same, on bytes
FINGERPRINT_CACHE = 1 << 15      # lines whose fingerprint a process remembers (template lines recur)...
FINGERPRINT_CACHE_MAX_CHARS = 300    # ...if at most this long
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# --- fingerprints -----------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Lower-case, digits folded to 0, punctuation and symbols dropped, whitespace collapsed."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_TABLE).split())
    s = _DIGIT.sub("0", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_WORDS.findall(s))


def fingerprint_key(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest(), "little")


def fingerprint(text: str) -> int | None:
    """The 32-bit fingerprint of a line, or None when nothing is left after normalisation."""
    if text.isascii():                  # normalise() on bytes: one translate, no str round trip
        key = b" ".join(text.encode("ascii").translate(_ASCII_BYTES).split())
    else:
        key = normalise(text).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=4).digest(), "little") if key else None


_FP_CACHE: dict[str, int | None] = {}


def fingerprints(texts: Iterable[str]) -> list[int | None]:
    """fingerprint() of each text. A site's template lines recur on every page, so the process
    remembers the fingerprints of up to FINGERPRINT_CACHE short lines (then starts afresh)."""
    cache, out = _FP_CACHE, []
    for t in texts:
        fp = cache.get(t, -1)
        if fp == -1:
            fp = fingerprint(t)
            if len(t) <= FINGERPRINT_CACHE_MAX_CHARS:
                if len(cache) >= FINGERPRINT_CACHE:
                    cache.clear()
                cache[t] = fp
        out.append(fp)
    return out


@dataclass(frozen=True)
class Page:
    """What learning keeps of one page: its id and its distinct fingerprints (with their keys)."""
    id: int
    keys: dict[int, str]             # fingerprint -> normalised text

    @classmethod
    def from_lines(cls, lines: Iterable[str], url: str | None = None) -> "Page":
        keys: dict[int, str] = {}
        for line in lines:
            key = normalise(line)
            if key:
                keys.setdefault(fingerprint_key(key), key)
        if url:
            pid = hashlib.blake2b(url.strip().encode("utf-8"), digest_size=8).digest()
        else:
            pid = hashlib.blake2b(array("I", sorted(keys)).tobytes(), digest_size=8).digest()
        return cls(int.from_bytes(pid, "little"), keys)

    @classmethod
    def from_text(cls, text: str, url: str | None = None, markup: str = "auto") -> "Page":
        """Blocks as the text path segments them (so learning and cleaning see the same lines;
        markup as clean()'s: a Markdown page's lines are what it shows, and HTML goes the HTML
        path's way, from_html)."""
        from .api import reads_as_html
        from .options import MAX_LINE_CHARS_DEFAULT
        from .segment import segment
        if reads_as_html(text, markup):
            return cls.from_html(text, url)
        blocks = segment(text, max_line_chars=MAX_LINE_CHARS_DEFAULT, markup=markup)
        return cls.from_lines((b.text for b in blocks), url)

    @classmethod
    def from_html(cls, html: str | bytes, url: str | None = None) -> "Page":
        """Blocks as the HTML path segments them."""
        from selectolax.lexbor import LexborHTMLParser

        from . import html as _html
        from .encoding import decode_html
        if isinstance(html, (bytes, bytearray)):
            html, _ = decode_html(bytes(html), None)
        page = _html.parse_blocks(LexborHTMLParser(html.replace("\x00", "")))
        return cls.from_lines((b.text for b in page.blocks), url)


# --- one site's record ------------------------------------------------------------------------

_HEADER = struct.Struct("<HIIII")    # version, pages, n_page_ids, n_fingerprints, n_texts
_TEXT_HEAD = struct.Struct("<IH")    # fingerprint, utf-8 length


@dataclass
class SiteStats:
    pages: int = 0
    page_ids: array = field(default_factory=lambda: array("Q"))
    fps: array = field(default_factory=lambda: array("I"))
    counts: array = field(default_factory=lambda: array("H"))
    texts: dict[int, str] = field(default_factory=dict)
    partial: bool = field(default=False, repr=False, compare=False)   # read without its texts

    def count(self, fp: int) -> int:
        i = bisect_left(self.fps, fp)
        return self.counts[i] if i < len(self.fps) and self.fps[i] == fp else 0

    def count_many(self, fps: list[int | None]) -> list[int]:
        """count() of each fingerprint (0 for None), for a whole page at once."""
        if not self.fps or not fps:
            return [0] * len(fps)
        import numpy as np
        known = np.frombuffer(self.fps, dtype=np.uint32)
        page = np.fromiter((0 if fp is None else fp for fp in fps), dtype=np.uint32, count=len(fps))
        i = np.minimum(np.searchsorted(known, page), len(known) - 1)
        found = (known[i] == page) & np.fromiter((fp is not None for fp in fps), dtype=bool, count=len(fps))
        return np.where(found, np.frombuffer(self.counts, dtype=np.uint16)[i], 0).tolist()

    @property
    def full(self) -> bool:
        return self.pages >= MAX_PAGES_PER_SITE

    def add(self, page: Page) -> bool:
        """Count one page in; False when it was already counted or the site is full."""
        return self.add_many([page]) == 1

    def add_many(self, pages: Iterable[Page]) -> int:
        """Count pages in (each at most once, up to MAX_PAGES_PER_SITE); returns how many."""
        self._check_whole()
        merged: dict[int, int] | None = None
        ids = set(self.page_ids)
        added = 0
        for page in pages:
            if page.id in ids or self.pages >= MAX_PAGES_PER_SITE:
                continue
            if merged is None:
                merged = dict(zip(self.fps, self.counts))
            ids.add(page.id)
            self.pages += 1
            added += 1
            for fp in page.keys:
                merged[fp] = min(merged.get(fp, 0) + 1, COUNT_MAX)
            # texts: exactly the fingerprints at or above the text bar (a function of the counts)
            bar = self.text_bar()
            for fp, key in page.keys.items():
                if merged[fp] >= bar and fp not in self.texts:
                    self.texts[fp] = key[:TEXT_MAX_CHARS]
        if not added:
            return 0
        if len(merged) > MAX_FINGERPRINTS_PER_SITE:
            keep = int(MAX_FINGERPRINTS_PER_SITE * PRUNE_TO_SHARE)
            merged = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
        bar = self.text_bar()
        self.texts = {fp: t for fp, t in self.texts.items() if merged.get(fp, 0) >= bar}
        order = sorted(merged)
        self.fps = array("I", order)
        self.counts = array("H", (merged[fp] for fp in order))
        self.page_ids = array("Q", sorted(ids))
        return added

    def text_bar(self) -> float:
        return max(TEXT_MIN_PAGES, TEXT_MIN_SHARE * self.pages)

    def template_lines(self, min_pages: int = TEMPLATE_MIN_PAGES[Mode.BALANCED],
                       min_share: float = TEMPLATE_MIN_SHARE[Mode.BALANCED]) -> list[dict]:
        """The lines the decision would remove (normalised text, pages), most frequent first."""
        need = max(min_pages, min_share * self.pages)
        rows = [(c, fp) for fp, c in zip(self.fps, self.counts) if c >= need]
        rows.sort(key=lambda r: (-r[0], self.texts.get(r[1], ""), r[1]))
        return [{"fingerprint": f"{fp:08x}", "pages": c, "text": self.texts.get(fp)} for c, fp in rows]

    def _check_whole(self) -> None:
        if self.partial:
            raise TemplateStoreError("a site record read without its texts cannot be updated or written")

    def to_bytes(self) -> bytes:
        self._check_whole()
        texts = sorted(self.texts.items())
        parts = [_HEADER.pack(SCHEMA_VERSION, self.pages, len(self.page_ids), len(self.fps), len(texts)),
                 _le(self.page_ids), _le(_deltas(self.fps)), _le(self.counts)]
        for fp, t in texts:
            b = t.encode("utf-8")
            parts.append(_TEXT_HEAD.pack(fp, len(b)))
            parts.append(b)
        return zlib.compress(b"".join(parts), COMPRESS_LEVEL)

    @classmethod
    def from_bytes(cls, blob: bytes, texts: bool = True) -> "SiteStats":
        """The record of to_bytes(); with texts=False without the template lines' texts (faster:
        enough to decide, not to describe or update)."""
        try:
            raw = zlib.decompress(blob)
            version, pages, n_ids, n_fps, n_texts = _HEADER.unpack_from(raw, 0)
        except (zlib.error, struct.error) as e:
            raise TemplateStoreError(f"unreadable site record: {e}") from None
        if version != SCHEMA_VERSION:
            raise TemplateStoreError(f"site record has schema version {version}; this build reads {SCHEMA_VERSION}")
        pos = _HEADER.size
        ids, pos = _read_array("Q", raw, pos, n_ids)
        fps, pos = _read_array("I", raw, pos, n_fps)
        fps = _undelta(fps)
        counts, pos = _read_array("H", raw, pos, n_fps)
        if not texts:
            return cls(pages, ids, fps, counts, {}, partial=True)
        found = {}
        for _ in range(n_texts):
            fp, n = _TEXT_HEAD.unpack_from(raw, pos)
            pos += _TEXT_HEAD.size
            found[fp] = raw[pos:pos + n].decode("utf-8")
            pos += n
        return cls(pages, ids, fps, counts, found)

    def describe(self, site: str, limit: int | None = None) -> dict:
        self._check_whole()
        lines = self.template_lines()
        return {"site": site, "schema": SCHEMA_VERSION, "pages": self.pages, "fingerprints": len(self.fps),
                "full": self.full, "template_lines": len(lines),
                "lines": lines[:limit] if limit is not None else lines}


def _deltas(fps: array) -> array:
    """Sorted fingerprints as gaps (small numbers: zlib packs them tighter)."""
    return array("I", (b - a for a, b in zip(chain((0,), fps), fps)))


def _undelta(gaps: array) -> array:
    """The inverse of _deltas (a running sum; numpy's when there are many)."""
    if len(gaps) < 64:
        return array("I", accumulate(gaps))
    import numpy as np
    out = array("I")
    out.frombytes(np.cumsum(np.frombuffer(gaps, dtype=np.uint32), dtype=np.uint32).tobytes())
    return out


def _le(a: array) -> bytes:
    if array("H", [1]).tobytes() != b"\x01\x00":        # pragma: no cover - big-endian hosts
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _read_array(code: str, raw: bytes, pos: int, n: int) -> tuple[array, int]:
    a = array(code)
    size = a.itemsize * n
    a.frombytes(raw[pos:pos + size])
    if array("H", [1]).tobytes() != b"\x01\x00":        # pragma: no cover
        a.byteswap()
    return a, pos + size


# --- backends ---------------------------------------------------------------------------------

class TemplateStore:
    """A mapping site -> SiteStats with atomic read-modify-write updates."""

    def get(self, site: str, texts: bool = True) -> SiteStats | None:
        """The site's record (None if nothing was learned); texts=False: see SiteStats.from_bytes."""
        blob = self._get(site)
        return SiteStats.from_bytes(blob, texts) if blob is not None else None

    def learn(self, site: str, page: Page) -> bool:
        """Count `page` in for `site`, atomically; False when it was already counted (or full)."""
        return self.learn_many([(site, page)]) == 1

    def learn_many(self, items: Iterable[tuple[str, Page]]) -> int:
        raise NotImplementedError

    def forget(self, site: str) -> bool:
        raise NotImplementedError

    def sites(self) -> Iterator[str]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def _get(self, site: str) -> bytes | None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _by_site(items: Iterable[tuple[str, Page]]) -> dict[str, list[Page]]:
    by_site: dict[str, list[Page]] = {}
    for site, page in items:
        by_site.setdefault(site, []).append(page)
    return dict(sorted(by_site.items()))


@contextlib.contextmanager
def _immediate(conn: sqlite3.Connection):
    """One write transaction, taken at once (BEGIN IMMEDIATE: no lock upgrade race between
    gunicorn workers); committed on success, rolled back on any exception, which goes on."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _busy(e: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED (primary codes of the extended one): another connection holds
    the lock for now."""
    return e.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class SQLiteStore(TemplateStore):
    """One SQLite file in WAL mode. Safe across processes (each opens its own connection, also
    after a fork) and threads (a lock per store object)."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = None
        self._connect()

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        # Several workers opening a new file at once: switching it to WAL (and the first schema
        # transaction) can fail with SQLITE_BUSY at once, without SQLite's busy handler, while
        # another connection does the same. The open is retried until SQLITE_BUSY_TIMEOUT.
        deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT
        delay = SQLITE_OPEN_RETRY_DELAY
        while True:
            try:
                conn = self._open()
                break
            except sqlite3.OperationalError as e:
                if not _busy(e) or time.monotonic() + delay > deadline:
                    raise TemplateStoreError(f"cannot open template store {self.path}: {e}") from None
                time.sleep(delay)
                delay = min(delay * 2, SQLITE_OPEN_RETRY_MAX_DELAY)
            except sqlite3.Error as e:
                raise TemplateStoreError(f"cannot open template store {self.path}: {e}") from None
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _open(self) -> sqlite3.Connection:
        """A new connection in WAL mode with the schema in place (closed again if that fails)."""
        conn = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT, isolation_level=None,
                               check_same_thread=False)
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with _immediate(conn):
                conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                conn.execute("CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, pages INTEGER NOT NULL,"
                             " data BLOB NOT NULL)")
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif int(row[0]) != SCHEMA_VERSION:
                    raise TemplateStoreError(f"{self.path}: template store schema {row[0]}, this build reads "
                                             f"{SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _get(self, site: str) -> bytes | None:
        with self._lock:
            try:
                row = self._connect().execute("SELECT data FROM sites WHERE site = ?", (site,)).fetchone()
            except sqlite3.Error as e:
                raise TemplateStoreError(f"cannot read template store: {e}") from None
        return row[0] if row else None

    def learn_many(self, items: Iterable[tuple[str, Page]]) -> int:
        """One transaction for the whole batch (group a corpus in chunks for speed)."""
        added = 0
        with self._lock:
            conn = self._connect()
            try:
                with _immediate(conn):
                    for site, pages in _by_site(items).items():
                        row = conn.execute("SELECT data FROM sites WHERE site = ?", (site,)).fetchone()
                        st = SiteStats.from_bytes(row[0]) if row else SiteStats()
                        n = st.add_many(pages)
                        if n:
                            added += n
                            conn.execute("INSERT OR REPLACE INTO sites (site, pages, data) VALUES (?, ?, ?)",
                                         (site, st.pages, st.to_bytes()))
            except sqlite3.Error as e:
                raise TemplateStoreError(f"cannot write template store: {e}") from None
        return added

    def forget(self, site: str) -> bool:
        with self._lock:
            try:
                cur = self._connect().execute("DELETE FROM sites WHERE site = ?", (site,))
            except sqlite3.Error as e:
                raise TemplateStoreError(f"cannot write template store: {e}") from None
        return cur.rowcount > 0

    def sites(self) -> Iterator[str]:
        with self._lock:
            rows = self._connect().execute("SELECT site FROM sites ORDER BY site").fetchall()
        return iter([r[0] for r in rows])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None


class RedisStore(TemplateStore):
    """One Redis string per site under REDIS_KEY_PREFIX; updates are WATCH/MULTI/EXEC
    transactions retried on conflict, so concurrent learners lose nothing."""

    def __init__(self, url: str, client=None):
        try:
            import redis
        except ImportError:     # pragma: no cover
            raise TemplateStoreError("the redis backend needs the 'redis' package") from None
        self._redis = redis
        self.url = url
        self.client = client or redis.Redis.from_url(url)
        self.prefix = REDIS_KEY_PREFIX

    def _key(self, site: str) -> str:
        return self.prefix + site

    def _get(self, site: str) -> bytes | None:
        try:
            return self.client.get(self._key(site))
        except self._redis.RedisError as e:
            raise TemplateStoreError(f"cannot read template store: {e}") from None

    def learn_many(self, items: Iterable[tuple[str, Page]]) -> int:
        added = 0
        for site, pages in _by_site(items).items():
            added += self._learn_site(site, pages)
        return added

    def _learn_site(self, site: str, pages: list[Page]) -> int:
        key = self._key(site)
        try:
            with self.client.pipeline() as pipe:
                for _ in range(REDIS_MAX_RETRIES):
                    try:
                        pipe.watch(key)
                        blob = pipe.get(key)
                        st = SiteStats.from_bytes(blob) if blob is not None else SiteStats()
                        n = st.add_many(pages)
                        if not n:
                            pipe.unwatch()
                            return 0
                        pipe.multi()
                        pipe.set(key, st.to_bytes())
                        pipe.execute()
                        return n
                    except self._redis.WatchError:
                        time.sleep(0.001)
                        continue
        except self._redis.RedisError as e:
            raise TemplateStoreError(f"cannot write template store: {e}") from None
        raise TemplateStoreError(f"template store: too much contention on {site!r}")

    def forget(self, site: str) -> bool:
        try:
            return bool(self.client.delete(self._key(site)))
        except self._redis.RedisError as e:
            raise TemplateStoreError(f"cannot write template store: {e}") from None

    def sites(self) -> Iterator[str]:
        n = len(self.prefix)
        keys = sorted(k.decode("utf-8") if isinstance(k, bytes) else k
                      for k in self.client.scan_iter(match=self.prefix + "*"))
        return iter([k[n:] for k in keys])

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:     # pragma: no cover
            pass


def open_store(spec: "str | os.PathLike | TemplateStore") -> TemplateStore:
    """A store from a spec: a TemplateStore as is, `redis://` / `rediss://` / `unix://` URLs for
    Redis, `sqlite:///path` or a plain path for SQLite."""
    if isinstance(spec, TemplateStore):
        return spec
    s = os.fspath(spec)
    if s.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(s)
    if s.startswith("sqlite://"):
        s = s[len("sqlite://"):]
    if not s:
        raise TemplateStoreError("empty template store path")
    return SQLiteStore(s)


# --- learning and the pipeline stage ----------------------------------------------------------

def learn(store, *, text: str | None = None, html: str | bytes | None = None, url: str | None = None,
          site: str | None = None) -> bool:
    """Learn one page into `store` (a TemplateStore or a spec). The site comes from `site`, else
    from the URL's registrable domain; without either, nothing is learned (returns False)."""
    key = site_key(url, site)
    if key is None:
        return False
    page = Page.from_html(html, url) if html is not None else Page.from_text(text or "", url)
    return open_store(store).learn(key, page)


def is_cjk(text: str) -> bool:
    return len(_CJK.findall(text[:200])) * 2 >= min(len(text), 200)


def template_hits(blocks: list[Block], stats: SiteStats | None, mode: Mode,
                  fps: list[int | None] | None = None) -> list[bool]:
    """Which blocks are the site's template (fingerprint on enough of its pages)."""
    if stats is None or stats.pages < TEMPLATE_MIN_PAGES[mode]:
        return [False] * len(blocks)
    need = max(TEMPLATE_MIN_PAGES[mode], TEMPLATE_MIN_SHARE[mode] * stats.pages)
    if fps is None:
        fps = fingerprints(b.text for b in blocks)
    return [c >= need for c in stats.count_many(fps)]


def record_regions(blocks: list[Block], fps: list[int | None], hit: list[bool],
                   mode: Mode = Mode.BALANCED) -> list[bool]:
    """Blocks between the copies of a short template line that the page repeats down a list of
    records ("Reply", "Report abuse", "said", vote counts after every comment): a chain of at
    least RECORD_MIN_REPEATS[mode] copies of one fingerprint, at most RECORD_MAX_GAP blocks apart.
    Lines the rule packs file as in-story interruptions (ad labels, "continue reading", "click to
    enlarge": RECORD_NOT_SEPARATORS) are no separators, and records are only ever found after
    the story has started (some long block scored as content comes before the first chain), so a
    story is never taken for a list of records."""
    n = len(blocks)
    out = [False] * n
    min_repeats = RECORD_MIN_REPEATS[mode]
    occ: dict[int, list[int]] = {}
    for i in [i for i, h in enumerate(hit) if h]:
        occ.setdefault(fps[i], []).append(i)
    occ = {fp: [i for i in ps if len(blocks[i].text) <= RECORD_SEPARATOR_MAX_CHARS
                and not any(cat in RECORD_NOT_SEPARATORS for cat, _ in blocks[i].hits)]
           for fp, ps in occ.items() if len(ps) >= min_repeats}
    chains = []
    for ps in occ.values():
        if len(ps) < min_repeats:
            continue
        chain = [ps[0]]
        for p in ps[1:] + [None]:
            if p is not None and p - chain[-1] - 1 <= RECORD_MAX_GAP:
                chain.append(p)
                continue
            if len(chain) >= min_repeats:
                chains.append((chain[0], chain[-1]))
            chain = [p]
    if not chains:
        return out
    first = min(s for s, _ in chains)
    if not any(not hit[i] and not blocks[i].hits and blocks[i].cf_label == CONTENT and _long(blocks[i].text)
               for i in range(first)):
        return out                        # nothing like a story before the records: leave the page alone
    for s, e in chains:
        for i in range(s, e + 1):
            if not hit[i]:
                out[i] = True
    return out


def _long(text: str) -> bool:
    """At least PROTECT_MIN_CHARS long (CJK text: PROTECT_MIN_CHARS_CJK)."""
    n = len(text)
    return n >= PROTECT_MIN_CHARS or (n >= PROTECT_MIN_CHARS_CJK and is_cjk(text))


def protected(blocks: list[Block], hit: list[bool], mode: Mode) -> list[bool]:
    """Template blocks kept as strongly content: long, scored as content by the other stages,
    and inside the article (the nearest non-template blocks on both sides are content)."""
    n = len(blocks)
    before, after = [False] * n, [False] * n
    last = False
    for i in range(n):
        before[i] = last
        if not hit[i]:
            last = blocks[i].cf_label == CONTENT
    last = False
    for i in range(n - 1, -1, -1):
        after[i] = last
        if not hit[i]:
            last = blocks[i].cf_label == CONTENT
    min_score = PROTECT_MIN_SCORE[mode]
    return [hit[i] and before[i] and after[i] and b.score >= min_score and _long(b.text)
            for i, b in enumerate(blocks)]


def decide(blocks: list[Block], stats: SiteStats | None, mode: Mode) -> int:
    """Mark the site's template blocks, and the items of the lists they separate, as furniture
    (see the module docstring); returns how many. Runs after `classify` and before the page
    decoding: each becomes a rule hit (category "template", reason `template.site` or
    `template.records`), so the decoding treats it as clear furniture, like the rule packs' hits."""
    if stats is None or stats.pages < TEMPLATE_MIN_PAGES[mode]:
        return 0
    fps = fingerprints(b.text for b in blocks)
    hit = template_hits(blocks, stats, mode, fps)
    if not any(hit):
        return 0
    keep = protected(blocks, hit, mode)
    rec = record_regions(blocks, fps, hit, mode)
    removed = 0
    for b, h, k, r in zip(blocks, hit, keep, rec):
        if r and not b.hits:
            b.hits = [("template", "template.records")]
            b.cf_label = BOILERPLATE
            b.score = min(b.score, TEMPLATE_SCORE)
            b.decide(BOILERPLATE, "template", "template.records")
            removed += 1
            continue
        if not h or b.hits:
            continue                      # a rule already decided it (with its own reason)
        if k:
            b.features["template_protected"] = True
            continue
        b.hits = [("template", "template.site")]
        b.cf_label = BOILERPLATE
        b.score = min(b.score, TEMPLATE_SCORE)
        b.decide(BOILERPLATE, "template", "template.site")
        removed += 1
    return removed


def site_stats(store, url: str | None = None, site: str | None = None) -> SiteStats | None:
    """The learned record of the page's site (`site`, else the URL's registrable domain) in
    `store` (a TemplateStore, or a spec opened and closed here); None without a site or record."""
    key = site_key(url, site)
    if key is None:
        return None
    if isinstance(store, TemplateStore):
        return store.get(key, texts=False)
    with open_store(store) as opened:
        return opened.get(key, texts=False)


def templates(doc) -> None:
    """Pipeline stage, after `classify` and before the page decoding (`context` on the text path,
    `html_decide` on the HTML path): applies doc.meta["template_stats"] (the site's SiteStats,
    or None)."""
    decide(doc.blocks, doc.meta.get("template_stats"), doc.options.mode)


DECODING_STAGES = ("context", "html_decide")


def stages(base: list) -> list:
    """`base` (pipeline.STAGES or htmlapi.HTML_STAGES) with the `templates` stage inserted before
    the page decoding."""
    names = [getattr(s, "__name__", "") for s in base]
    i = next(names.index(n) for n in DECODING_STAGES if n in names)
    return list(base[:i]) + [templates] + list(base[i:])


def mark_outside(blocks: list[Block], stats: SiteStats | None, mode: Mode) -> int:
    """HTML path: blocks far from the main text never reach the stages (they are furniture or
    outside the article either way); those that are template lines are reported as such
    (`template.site`), like the same lines near the article. Returns how many."""
    hit = template_hits(blocks, stats, mode)
    n = 0
    for b, h in zip(blocks, hit):
        if h and not b.kept and not b.hits:
            b.decide(BOILERPLATE, "template", "template.site")
            n += 1
    return n


# --- corpora for `extractor learn` ------------------------------------------------------------

def read_corpus(path: str) -> Iterator[dict]:
    """Items {"url", "site", "text" | "html"} of a JSONL file (one object a line with `url` and
    `text` or `html`, optionally `site`) or a WARC file (.warc / .warc.gz: its `response`
    records with an HTML body). '-' reads JSONL from stdin."""
    import gzip
    import json
    import sys
    if path != "-" and (path.endswith((".warc", ".warc.gz", ".arc.gz"))):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            yield from _warc_items(f)
        return
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as e:
                raise TemplateStoreError(f"{path}:{n}: not JSON: {e}") from None
            if not isinstance(item, dict) or not ({"text", "html"} & set(item)):
                raise TemplateStoreError(f"{path}:{n}: each line needs 'url' (or 'site') and 'text' or 'html'")
            yield item


def _warc_items(f) -> Iterator[dict]:
    """A minimal WARC 1.0/1.1 reader: response records whose HTTP payload is HTML."""
    while True:
        line = f.readline()
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            raise TemplateStoreError("not a WARC file (no 'WARC/' record header)")
        headers = {}
        for h in iter(f.readline, b""):
            if not h.strip():
                break
            k, _, v = h.decode("utf-8", "replace").partition(":")
            headers[k.strip().lower()] = v.strip()
        length = int(headers.get("content-length", "0"))
        body = f.read(length)
        if headers.get("warc-type") != "response":
            continue
        head, _, payload = body.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/") or b"html" not in head.lower():
            continue
        if b"transfer-encoding: chunked" in head.lower():
            continue                      # rare in WARCs (records are usually de-chunked)
        yield {"url": headers.get("warc-target-uri", "").strip("<>") or None, "html": payload}


def learn_corpus(store: TemplateStore, items: Iterable[dict], *, site: str | None = None,
                 chunk: int = 200) -> tuple[int, int, int]:
    """Learn every item; returns (pages read, pages added, pages skipped for want of a site).
    Pages are committed in chunks of `chunk` (one transaction each)."""
    read = added = skipped = 0
    batch: list[tuple[str, Page]] = []
    for item in items:
        read += 1
        url = item.get("url")
        key = site_key(url, site or item.get("site"))
        if key is None:
            skipped += 1
            continue
        html = item.get("html")
        page = Page.from_html(html, url) if html is not None else Page.from_text(item.get("text") or "", url)
        batch.append((key, page))
        if len(batch) >= chunk:
            added += store.learn_many(batch)
            batch = []
    if batch:
        added += store.learn_many(batch)
    return read, added, skipped
