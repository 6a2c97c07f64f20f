"""Stage 2, language: an ISO 639-1 code for the document.

Scripts that name their language are decided by character classes (kana -> ja, hangul -> ko,
han -> zh, greek -> el, hebrew -> he, arabic, thai...); everything else goes to langdetect,
seeded so that the answer is deterministic, on a bounded sample of the longest blocks so that it
stays fast. The caller's `language` option wins over both.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from .types import Block

_lock = threading.Lock()
_factory = None
LANGDETECT_MIN_CHARS = 20        # below this the sample says nothing; answer None
SCRIPT_SHARE = 0.3               # share of letters in a script that decides the language
LANGDETECT_TRIALS = 3            # langdetect's random restarts (its default 7 costs 2x the time)
# Stopword vote: languages whose jusText stoplists are compared on the sample before langdetect.
VOTE_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "cs", "tr", "id",
              "ro", "hu", "fi", "uk")
VOTE_MIN_HITS = 8                # the winner needs this many stopword hits...
VOTE_MARGIN = 2.0                # ...and this many times the runner-up's, else langdetect decides
_VOTE_WORD = re.compile(r"[^\W\d_]+")


def _langdetect_factory():
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect.detector_factory import DetectorFactory, init_factory
                init_factory()
                from langdetect import detector_factory
                _factory = detector_factory._factory
                DetectorFactory.seed = 0
    return _factory


_ASCII_ALL = bytes(range(128))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _script_counts(sample: str) -> dict[str, int]:
    c = {"latin": 0, "cyrillic": 0, "greek": 0, "han": 0, "kana": 0, "hangul": 0, "arabic": 0,
         "hebrew": 0, "thai": 0, "other": 0}
    # ASCII letters are counted on the UTF-8 bytes; the loop only sees the non-ASCII characters.
    raw = sample.encode("utf-8", "surrogatepass")
    c["latin"] = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if sample.isascii():
        return c
    for ch in raw.translate(None, _ASCII_ALL).decode("utf-8", "surrogatepass"):
        o = ord(ch)
        if not ch.isalpha():
            continue
        elif o < 0x250:
            c["latin"] += 1
        elif 0x370 <= o < 0x400:
            c["greek"] += 1
        elif 0x400 <= o < 0x530:
            c["cyrillic"] += 1
        elif 0x590 <= o < 0x600:
            c["hebrew"] += 1
        elif 0x600 <= o < 0x700:
            c["arabic"] += 1
        elif 0xE00 <= o < 0xE80:
            c["thai"] += 1
        elif 0x3040 <= o < 0x3100:
            c["kana"] += 1
        elif 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200 or 0x3130 <= o < 0x3190:
            c["hangul"] += 1
        elif 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0 or 0xF900 <= o < 0xFB00:
            c["han"] += 1
        else:
            c["other"] += 1
    return c


def sample_text(blocks: list[Block], limit: int) -> str:
    """The longest blocks, in document order, up to `limit` characters."""
    if not blocks:
        return ""
    ranked = sorted(range(len(blocks)), key=lambda i: (-len(blocks[i].text), i))
    chosen, total = [], 0
    for i in ranked:
        chosen.append(i)
        total += len(blocks[i].text)
        if total >= limit:
            break
    return " ".join(blocks[i].text for i in sorted(chosen))[:limit]


def detect(sample: str) -> str | None:
    letters = _script_counts(sample)
    n = sum(letters.values())
    if n < 8:
        return None
    cjk = letters["han"] + letters["kana"]
    if letters["kana"] >= 0.1 * max(cjk, 1) and cjk >= SCRIPT_SHARE * n:
        return "ja"
    if letters["hangul"] >= SCRIPT_SHARE * n:
        return "ko"
    if letters["han"] >= SCRIPT_SHARE * n:
        return "zh"
    for script, code in (("greek", "el"), ("hebrew", "he"), ("thai", "th")):
        if letters[script] >= SCRIPT_SHARE * n:
            return code
    if len(sample) < LANGDETECT_MIN_CHARS:
        return None
    voted = stopword_vote(sample)
    if voted:
        return voted
    return langdetect_code(sample)


@lru_cache(maxsize=1)
def _vote_table() -> dict[str, tuple[str, ...]]:
    from .features import stoplist
    table: dict[str, list[str]] = {}
    for lang in VOTE_LANGS:
        for w in stoplist(lang):
            table.setdefault(w, []).append(lang)
    return {w: tuple(v) for w, v in table.items()}


def stopword_vote(sample: str) -> str | None:
    """A fast answer when the sample's stopwords clearly belong to one language."""
    table = _vote_table()
    votes: dict[str, int] = {}
    for w in _VOTE_WORD.findall(sample.casefold()):
        langs = table.get(w)
        if langs and len(langs) <= 2:             # words shared by many languages say nothing
            for lg in langs:
                votes[lg] = votes.get(lg, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    best, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n >= VOTE_MIN_HITS and n >= VOTE_MARGIN * second:
        return best
    return None


def langdetect_code(sample: str) -> str | None:
    try:
        d = _langdetect_factory().create()
        d.set_max_text_length(len(sample))
        d.n_trial = LANGDETECT_TRIALS
        d.append(sample)
        d.seed = 0                                    # each detector has its own Random, seeded here
        code = d.detect()
    except Exception:                                 # langdetect raises on feature-less text
        return None
    if code == "unknown":
        return None
    return code.split("-")[0]                          # zh-cn -> zh
