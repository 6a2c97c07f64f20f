"""Stage 2, language: an ISO 639-1 code for the document.

Scripts that name their language are decided by character classes (kana -> ja, hangul -> ko,
han -> zh, greek -> el, hebrew -> he, thai, georgian, armenian... : SCRIPT_LANGUAGES); everything
else goes to langdetect, seeded so that the answer is deterministic, on a bounded sample of the
longest blocks so that it stays fast. The caller's `language` option wins over both.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import attrgetter

import numpy as np

from .types import Block

_lock = threading.Lock()
_factory = None
LANGDETECT_MIN_CHARS = 20        # below this the sample says nothing; answer None
SCRIPT_SHARE = 0.3               # share of letters in a script that decides the language
# Scripts of one main language. Besides Greek, Hebrew and Thai, these are the ones langdetect has
# no profile for: it would name some other language (a Georgian page came back as Estonian).
# Ethiopic is written for Amharic and Tigrinya; Amharic, by far the larger, is the answer.
SCRIPT_LANGUAGES = (("greek", "el"), ("hebrew", "he"), ("thai", "th"), ("georgian", "ka"),
                    ("armenian", "hy"), ("khmer", "km"), ("lao", "lo"), ("myanmar", "my"),
                    ("sinhala", "si"), ("ethiopic", "am"))
LANGDETECT_TRIALS = 3            # langdetect's random restarts (its default 7 costs 2x the time)
# Stopword vote: languages whose jusText stoplists are compared on the sample before langdetect.
VOTE_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "cs", "tr", "id",
              "ro", "hu", "fi", "uk", "sk", "sl", "hr")
VOTE_MIN_HITS = 8                # the winner needs this many stopword hits...
VOTE_MARGIN = 2.0                # ...and this many times the runner-up's, else langdetect decides
_VOTE_WORD = re.compile(r"[^\W\d_]+")
MARKUP_MIN_TAGS = 3              # tags that make a block markup, not prose (is_markup)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,20}(?:\s[^<>]{0,300})?/?>")


def _langdetect_factory():
    """langdetect's profiles, loaded the way its init_factory() loads them, into a factory of
    our own whose per-n-gram rows are tuples (see _immutable_rows)."""
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
                factory = DetectorFactory()
                factory.load_profile(PROFILES_DIRECTORY)
                _immutable_rows(factory)
                DetectorFactory.seed = 0
                _factory = factory
    return _factory


def _immutable_rows(factory) -> None:
    """Each n-gram's row of per-language probabilities as a tuple instead of a list (the same
    floats; Detector only reads them). About 110,000 lists of floats would stay tracked by the
    cycle collector, and every full collection (about one per 100 pages) would walk them all:
    some 100 ms. CPython stops tracking a tuple of floats at its first collection. This is a
    factory of our own, not langdetect's global one, so that nothing else sees the change."""
    rows = factory.word_lang_prob_map
    for ngram, row in rows.items():
        rows[ngram] = tuple(row)


# --------------------------------------------------------------------------- faster langdetect
#
# langdetect's Detector spends its time in per-character Python loops. _fast_detector_class()
# subclasses it with cheaper versions of the same steps: the same n-grams in the same order, the
# same random draws and the same float operations in the same order, so the same probabilities
# (tests/test_language.py compares them with langdetect's own Detector on bench pages and odd
# texts). It relies on Detector's internals: langdetect 1.0.9, its last release.
# Its _detect_block (the random trials) is langdetect's own.

_LD_LATIN = re.compile("[A-z]")                       # 'A' <= ch <= 'z' (so [ \ ] ^ _ ` too)
_LD_NON_LATIN = re.compile("[\u0300-\U0010ffff]")     # ch >= '\u0300' (see cleaning_text)
CACHED_WORD_CHARS = 32           # n-grams of words up to this long are cached (the words repeat)
_ROWS: dict[str, np.ndarray] = {}
MAX_ROWS = 16_384                # n-gram probability rows kept as arrays: at most about 10 MB


def _row(table: dict, ngram: str) -> np.ndarray:
    """langdetect's per-language probabilities of an n-gram, as an array (cached: the frequent
    n-grams are few; the cache starts over when full)."""
    row = _ROWS.get(ngram)
    if row is None:
        if len(_ROWS) >= MAX_ROWS:
            _ROWS.clear()
        row = _ROWS[ngram] = np.array(table[ngram], dtype=np.float64)
    return row


@lru_cache(maxsize=1)
def _fast_detector_class():
    """The Detector subclass (built on first use: langdetect is imported lazily)."""
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    normalize = lru_cache(maxsize=8192)(NGram.normalize)     # a pure function of the character

    def word_ngrams(word: str, space_after: bool) -> tuple[str, ...]:
        """The known n-grams Detector._extract_ngrams takes from a word of normalised characters
        (and the space after it), from NGram's state after a space: NGram.add_char and the 1- to
        3-grams, inlined."""
        known = _langdetect_factory().word_lang_prob_map
        result = []
        grams, capital = " ", False
        for ch in (word + " ") if space_after else word:
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in range(1, len(grams) + 1):
                w = grams[-n:]
                if w != " " and w in known:
                    result.append(w)
        return tuple(result)

    cached_word_ngrams = lru_cache(maxsize=16_384)(word_ngrams)

    class FastDetector(Detector):
        def append(self, text):
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            # Detector.append drops a space that follows a space: runs of spaces to one
            text = text[:max(self.max_text_length, 0)]
            while "  " in text:
                text = text.replace("  ", " ")
            self.text += text

        def cleaning_text(self):
            latin = len(_LD_LATIN.findall(self.text))
            # Detector.cleaning_text also means to exempt Latin Extended Additional, but compares
            # unicode_block()'s block number with a block name: never equal, so no exemption.
            non_latin = len(_LD_NON_LATIN.findall(self.text))
            if latin * 2 < non_latin:
                self.text = _LD_LATIN.sub("", self.text)

        def _extract_ngrams(self):
            """Word by word: NGram's buffer starts over after a space, so the n-grams of a word
            (and of the space after it) do not depend on what came before."""
            words = "".join(map(normalize, self.text)).split(" ")
            last = len(words) - 1
            result = []
            for i, word in enumerate(words):
                if word:
                    ngrams = cached_word_ngrams if len(word) <= CACHED_WORD_CHARS else word_ngrams
                    result += ngrams(word, i < last)
            return result

        def _init_probability(self):
            return np.array(super()._init_probability())

        def _update_lang_prob(self, prob, word, alpha):
            if word is None or word not in self.word_lang_prob_map:
                return False
            weight = alpha / self.BASE_FREQ
            prob *= weight + _row(self.word_lang_prob_map, word)     # per language, as the loop
            return True

        def _normalize_prob(self, prob):
            total = sum(prob.tolist())               # Python's sum, as Detector's (same rounding)
            if total == 0.0:
                raise ZeroDivisionError("float division by zero")     # as Detector's would
            prob /= total
            return max(0.0, float(prob.max()))

    return FastDetector


_GET_TEXT = attrgetter("text")
_ASCII_ALL = bytes(range(128))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


# The letter ranges that _script_counts tells apart, (first, end, script), sorted by first code
# point. A non-ASCII letter outside them is "other".
_SCRIPT_RANGES = (
    (0x80, 0x250, "latin"), (0x370, 0x400, "greek"), (0x400, 0x530, "cyrillic"),
    (0x530, 0x590, "armenian"), (0x590, 0x600, "hebrew"), (0x600, 0x700, "arabic"),
    (0xD80, 0xE00, "sinhala"), (0xE00, 0xE80, "thai"), (0xE80, 0xF00, "lao"),
    (0x1000, 0x10A0, "myanmar"), (0x10A0, 0x1100, "georgian"), (0x1100, 0x1200, "hangul"),
    (0x1200, 0x1380, "ethiopic"), (0x1780, 0x1800, "khmer"), (0x1C90, 0x1CC0, "georgian"),
    (0x2D00, 0x2D30, "georgian"), (0x3040, 0x3100, "kana"), (0x3130, 0x3190, "hangul"),
    (0x3400, 0x4DC0, "han"), (0x4E00, 0xA000, "han"), (0xAC00, 0xD7B0, "hangul"),
    (0xF900, 0xFB00, "han"),
)
_RANGE_FIRST = [first for first, _, _ in _SCRIPT_RANGES]
SCRIPTS = (*dict.fromkeys(script for _, _, script in _SCRIPT_RANGES), "other")


class _ScriptOf(dict):
    """The script of a character (None when it is no letter), looked up once per character and
    process: a dict lookup in C for every character after that."""

    def __missing__(self, ch: str) -> str | None:
        script = None
        if ch.isalpha():
            o = ord(ch)
            k = bisect_right(_RANGE_FIRST, o) - 1
            script = _SCRIPT_RANGES[k][2] if k >= 0 and o < _SCRIPT_RANGES[k][1] else "other"
        self[ch] = script
        return script


_SCRIPT_OF = _ScriptOf()


def _script_counts(sample: str) -> dict[str, int]:
    """Letters of the sample per script (SCRIPTS)."""
    c = dict.fromkeys(SCRIPTS, 0)
    # ASCII letters are counted on the UTF-8 bytes; only the non-ASCII characters are looked up.
    raw = sample.encode("utf-8", "surrogatepass")
    c["latin"] = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if sample.isascii():
        return c
    found = Counter(map(_SCRIPT_OF.__getitem__, raw.translate(None, _ASCII_ALL).decode("utf-8", "surrogatepass")))
    found.pop(None, None)
    for script, n in found.items():
        c[script] += n
    return c


def is_markup(text: str) -> bool:
    """A block of HTML / XML source (an "embed this" box, a pasted widget): at least
    MARKUP_MIN_TAGS tags. Its tag and attribute names are English whatever the page's
    language, so it says nothing about the language and stays out of the sample."""
    return text.count("<") >= MARKUP_MIN_TAGS and len(_TAG.findall(text, 0, 4000)) >= MARKUP_MIN_TAGS


def sample_text(blocks: list[Block], limit: int) -> str:
    """The longest blocks, in document order, up to `limit` characters; blocks of markup
    (is_markup) are left out while other text remains."""
    if not blocks:
        return ""
    lengths = list(map(len, map(_GET_TEXT, blocks)))
    # longest first, ties in document order (a stable sort stays stable with reverse=True)
    ranked = sorted(range(len(blocks)), key=lengths.__getitem__, reverse=True)
    chosen, total = [], 0
    skipped = []
    for i in ranked:
        if is_markup(blocks[i].text):
            skipped.append(i)
            continue
        chosen.append(i)
        total += lengths[i]
        if total >= limit:
            break
    if not chosen:                      # nothing but markup: better than no sample at all
        chosen = skipped
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
    for script, code in SCRIPT_LANGUAGES:
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
    """The VOTE_LANGS stopwords and the languages each belongs to; only those of one or two
    languages: a word shared by more says nothing."""
    from .features import stoplist
    table: dict[str, list[str]] = {}
    for lang in VOTE_LANGS:
        for w in stoplist(lang):
            table.setdefault(w, []).append(lang)
    return {w: tuple(v) for w, v in table.items() if len(v) <= 2}


def stopword_vote(sample: str) -> str | None:
    """A fast answer when the sample's stopwords clearly belong to one language. Only words written
    in lower case vote: stopwords are function words, and a capitalised word is mostly a name or a
    menu item (jusText's Finnish list holds "walter" and "oliver", which made a German page of
    names Finnish)."""
    # a vote per language of each stopword, counted by C-level iterators
    voters = filter(None, map(_vote_table().get, filter(str.islower, _VOTE_WORD.findall(sample))))
    votes = Counter(chain.from_iterable(voters))
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
        d = _fast_detector_class()(_langdetect_factory())
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
