"""Stage 3, features: pure functions from a block (and its document) to numbers.

Adapted from jusText and boilerpipe to plain text: length in characters and words, stopword
density in the document's language (jusText's stoplists; for Chinese and Japanese a set of
function characters, for Korean particles), terminal punctuation, capital / digit / symbol ratios,
separators, position, and the same for neighbours (computed later by the model, which reads a
window of blocks).

block_features() defines the features of one block; compute(), the stage, computes them for the
whole document at once with numpy and gives exactly the same values (see "the fast path").
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from operator import attrgetter, itemgetter

import numpy as np

from .segment import JOINERS, OTHER_SENTENCE_ENDS, nfc_stable
from .types import Block

# ISO 639-1 -> jusText stoplist name
JUSTEXT_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "ru": "Russian", "pl": "Polish", "nl": "Dutch", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "fi": "Finnish",
    "cs": "Czech", "sk": "Slovak", "sl": "Slovenian", "hr": "Croatian", "sr": "Serbian",
    "bg": "Bulgarian", "uk": "Ukrainian", "ro": "Romanian", "hu": "Hungarian", "tr": "Turkish",
    "el": "Greek", "ko": "Korean", "id": "Indonesian", "ms": "Malay", "ca": "Catalan",
    "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian", "vi": "Vietnamese", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "af": "Afrikaans", "eu": "Basque",
    "gl": "Galician", "is": "Icelandic", "ga": "Irish", "cy": "Welsh", "tl": "Tagalog",
}
# Function characters standing in for stopwords where words are not space-separated.
CJK_FUNCTION_CHARS = {
    "zh": frozenset("的了是在和有也就都而及与着或被把对从以为这那之其于中上不要会说到个们"),
    "ja": frozenset("のにはをたがでてとしれさあるいもなかっうこらよりまだへや"),
}
TERMINAL = frozenset(".!?。！？…\"'”’»)」』" + OTHER_SENTENCE_ENDS)
SEPARATORS = frozenset("|»›·•/>")
# The vowel signs and other combining marks of the Indic scripts (Devanagari to Sinhala) and of
# Thai are no \w characters to Python's re ("होम" would be two words, "ह" and "म"); inside a word
# (Thai: a phrase, THAI_CHARS_PER_WORD) they are part of it. (Lao, Khmer and Myanmar, which do not
# separate words either, keep the plain \w runs.)
_INDIC_MARKS = "".join(chr(cp) for cp in range(0x0900, 0x0E80) if unicodedata.category(chr(cp)) in ("Mn", "Mc"))
# The zero-width non-joiner and joiner sit inside words (Persian "سه‌شنبه" is one word).
_WORD = re.compile("[\\w" + JOINERS + _INDIC_MARKS + "]+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b")
_EMAIL = re.compile(r"\b\S+@\S+\.\w+")
_BULLET = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s")
_FOLD_SPACE = re.compile(r"\s+")

SHORT_CHARS = 30          # a block this short (or shorter) is "short" whatever else it says
CJK_CHARS_PER_WORD = 1.7  # CJK characters that count as one word for length thresholds
# Thai writes no spaces between words (a space ends a phrase or a sentence), so a paragraph is a
# few \w+ "words" and read as a short line; its characters count instead, as for CJK. And Thai has
# no jusText stoplist: its most frequent function words stand in for one (counted as substrings,
# the words having no boundaries to match). The 3.0 is a calibration, not a measured word length:
# the middle of the range (2.75-3.25) in which five probe pages, Thai paragraphs of 90 to 300
# characters between furniture, all kept their body (at 2.5 and 3.5 one or another lost some).
THAI_CHARS_PER_WORD = 3.0
THAI_FUNCTION_WORDS = ("ที่", "ของ", "และ", "ใน", "ได้", "เป็น", "จะ", "ว่า", "ให้", "มี", "การ", "ไม่",
                       "กับ", "แต่", "ก็", "ซึ่ง", "นี้", "แล้ว", "โดย", "จาก", "เพื่อ", "ความ", "หรือ")
_THAI_RX = re.compile(r"[\u0e00-\u0e7f]")


@lru_cache(maxsize=64)
def stoplist(lang: str | None) -> frozenset:
    if not lang:
        return frozenset()
    name = JUSTEXT_NAMES.get(lang)
    if name is None:
        return frozenset()
    try:
        import justext
        return frozenset(w.lower() for w in justext.get_stoplist(name))
    except Exception:          # a language jusText does not ship: no stopword feature
        return frozenset()


def normalize_for_rules(text: str) -> str:
    """NFC, casefold, whitespace runs to one space, stripped."""
    # str.split() splits on exactly the characters regex \s matches (and strip() strips): the
    # same result as _FOLD_SPACE.sub(" ", ...).strip(), without a regex match per space.
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3040 <= o < 0x3100 or 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0 or 0xAC00 <= o < 0xD7B0


_CJK_RX = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_UPPER_RX = re.compile(r"[A-ZÀ-ÞА-ЯΑ-Ω]")
_LETTER_RX = re.compile(r"[^\W\d_]")
_DIGIT_RX = re.compile(r"\d")
_SEP_RX = re.compile(r"[|»›·•/>]")
_SENT_END_RX = re.compile("[.!?。！？" + OTHER_SENTENCE_ENDS + "]")


# The ASCII members of the character classes above, as byte sets for bytes.translate.
_ASCII_ALL = bytes(range(128))
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()
_FIRST = itemgetter(0)
_URL_HINTS = ("http", "www.", ".com", ".org", ".net")      # _URL matches only text containing one


def thai_function_words(text: str) -> int:
    """How many times THAI_FUNCTION_WORDS occur in the text (each word's non-overlapping count)."""
    return sum(map(text.count, THAI_FUNCTION_WORDS))


def block_features(text: str, lang: str | None, stops: frozenset) -> dict:
    """Context-free features of one block's text (C-level counts: per-character Python loops
    would cost most of the time budget)."""
    n_chars = len(text)
    words = _WORD.findall(text)
    n_words = len(words)
    # Character classes: the ASCII characters are counted on the UTF-8 bytes (bytes.translate
    # deletes a class in C), the regexes only look at the non-ASCII characters (`other`, in order).
    if text.isascii():
        raw, other = text.encode("ascii"), ""
    else:
        raw = text.encode("utf-8", "surrogatepass")
        other = raw.translate(None, _ASCII_ALL).decode("utf-8", "surrogatepass")
    n_raw = len(raw)
    letters = n_raw - len(raw.translate(None, _ASCII_LETTERS))
    n_upper = n_raw - len(raw.translate(None, _ASCII_UPPER))
    n_digits = n_raw - len(raw.translate(None, _ASCII_DIGITS))
    separators = text.count("|") + text.count("/") + text.count(">")
    sentences = text.count(".") + text.count("!") + text.count("?")
    n_cjk = n_thai = 0
    if other:
        n_cjk = len(_CJK_RX.findall(other))
        n_thai = len(_THAI_RX.findall(other))
        letters += len(_LETTER_RX.findall(other))
        n_upper += len(_UPPER_RX.findall(other))
        n_digits += len(_DIGIT_RX.findall(other))
        separators += len(_SEP_RX.findall(other))
        sentences += len(_SENT_END_RX.findall(other))
    if n_cjk or n_thai:
        # A CJK run (else a Thai phrase) is one \w+ "word": count characters instead.
        spaceless = n_cjk / CJK_CHARS_PER_WORD if n_cjk else n_thai / THAI_CHARS_PER_WORD
        n_words = max(n_words, int(spaceless) + (n_words - 1 if n_words > 1 else 0))
    if n_cjk and lang in CJK_FUNCTION_CHARS:
        fc = CJK_FUNCTION_CHARS[lang]
        stop_density = sum(1 for ch in text if ch in fc) / n_cjk * 3.0
    elif n_thai and lang == "th":
        stop_density = thai_function_words(text) / max(n_words, 1)
    elif stops and words:
        stop_density = sum(map(stops.__contains__, map(str.lower, words))) / len(words)
    else:
        stop_density = 0.0
    stripped = text.rstrip()
    last = stripped[-1:]
    caps_words = sum(map(str.isupper, map(_FIRST, words))) if not n_cjk else 0
    return {
        "chars": n_chars,
        "words": n_words,
        "cjk": n_cjk > 0.3 * max(letters, 1),
        "stop_density": min(stop_density, 1.0),
        "ends_terminal": last in TERMINAL,
        "ends_colon": last in ":：",
        "ends_ellipsis": stripped.endswith(("...", "…")),
        "upper_ratio": n_upper / letters if letters else 0.0,
        "digit_ratio": n_digits / max(n_chars, 1),
        "alpha_ratio": letters / max(n_chars, 1),
        "caps_word_ratio": caps_words / n_words if n_words else 0.0,
        "separators": separators,
        "commas": text.count(",") + text.count("，") + text.count("、"),
        "sentences": sentences,
        "url": any(h in text for h in _URL_HINTS) and bool(_URL.search(text)),
        "email": "@" in text and bool(_EMAIL.search(text)),
        "bullet": bool(_BULLET.match(text)),
    }


def compute_reference(blocks: list[Block], lang: str | None) -> None:
    """The features stage one block at a time with block_features: the definition that the
    whole-document path of compute() reproduces exactly (tests/test_features.py checks it)."""
    stops = stoplist(lang)
    n = max(len(blocks), 1)
    para_sizes: dict[int, int] = {}
    for b in blocks:
        para_sizes[b.para] = para_sizes.get(b.para, 0) + 1
    for b in blocks:
        f = block_features(b.text, lang, stops)
        f["position"] = b.index / n
        f["para_size"] = para_sizes.get(b.para, 1)
        f["norm"] = normalize_for_rules(b.text)
        b.features = f


# --------------------------------------------------------------------------- the fast path
#
# compute() does the work of block_features for the whole document at once. The block texts are
# joined, each followed by "\n" (no word, URL or e-mail match contains it, so none crosses a block
# boundary); the joined text becomes an array of code points; tables give every code point its
# character classes; per-block counts are sums over the blocks' spans [start, next start)
# (np.add.reduceat). The regex features that are not character counts (url, e-mail, bullet) run
# on the few candidate blocks only. Every class is decided by the very regex or str method that
# block_features uses, applied to the one character, so the counts are the same by construction.

# Class bits of a code point (_BITS); then one bit per language of CJK_FUNCTION_CHARS; then
# segment.nfc_stable (a text of such characters only is NFC: _folded_once).
_B_WORD, _B_ISUPPER, _B_SPACE, _B_TERMINAL, _B_COLON, _B_BULLET, _B_DIGIT = (1 << i for i in range(7))
_FUNC_BITS = {lang: 1 << (7 + i) for i, lang in enumerate(CJK_FUNCTION_CHARS)}
_B_NFC_STABLE = 1 << (7 + len(CJK_FUNCTION_CHARS))
_B_KNOWN = 1 << 31           # the tables' entries for the code point have been filled

# Counted classes, packed four 16-bit counters to a uint64 (_COUNTS): summing the packed words of
# a span sums its four counters at once, without carries while no count exceeds 0xFFFF, which
# holds for a block of up to MAX_PACKED_CHARS characters. Field k is in word k // 4, bits
# 16 * (k % 4).
_FIELDS = ("cjk", "upper", "letters", "digits", "separators", "sentences", "commas", "thai")
MAX_PACKED_CHARS = 0xFFFF - 1        # + the "\n" after the block in its span


def _field(name: str) -> tuple[int, int]:
    """(packed word, value of one count) of a counted field."""
    k = _FIELDS.index(name)
    return k // 4, 1 << (16 * (k % 4))


# (bit or field, test of one character), the tests being those of block_features
_CHAR_TESTS = (
    (_B_WORD, _WORD.match), (_B_ISUPPER, str.isupper), (_B_SPACE, str.isspace),
    (_B_TERMINAL, TERMINAL.__contains__), (_B_COLON, frozenset(":：").__contains__),
    (_B_BULLET, frozenset("-*•·–—").__contains__), (_B_DIGIT, _DIGIT_RX.match),
    *((_FUNC_BITS[lang], chars.__contains__) for lang, chars in CJK_FUNCTION_CHARS.items()),
    (_B_NFC_STABLE, nfc_stable),
    (_field("cjk"), _CJK_RX.match), (_field("upper"), _UPPER_RX.match),
    (_field("letters"), _LETTER_RX.match), (_field("digits"), _DIGIT_RX.match),
    (_field("separators"), _SEP_RX.match), (_field("sentences"), _SENT_END_RX.match),
    (_field("commas"), frozenset(",，、").__contains__), (_field("thai"), _THAI_RX.match),
)

# Per code point tables, filled lazily: a document fills the entries of the characters it is
# the first to use (np.zeros maps the untouched pages lazily). Concurrent fills write the same
# values: no lock needed.
_BITS = np.zeros(0x110000, dtype=np.uint32)
_COUNTS = np.zeros((0x110000, 2), dtype=np.uint64)
# A word character: the code point of its str.lower (0 when that is not one character, İ, or
# depends on the neighbours, capital sigma); any other character: a space.
_WORD_LOWER = np.zeros(0x110000, dtype=np.uint32)
# The code point of str.casefold of the character (0 when that is not one character).
_FOLD = np.zeros(0x110000, dtype=np.uint32)

FEATURE_KEYS = ("chars", "words", "cjk", "stop_density", "ends_terminal", "ends_colon",
                "ends_ellipsis", "upper_ratio", "digit_ratio", "alpha_ratio", "caps_word_ratio",
                "separators", "commas", "sentences", "url", "email", "bullet",
                "position", "para_size", "norm")
_GET_TEXT, _GET_INDEX, _GET_PARA = attrgetter("text"), attrgetter("index"), attrgetter("para")


def _single(mapped: str) -> int:
    return ord(mapped) if len(mapped) == 1 else 0


def _fill(cp: int) -> None:
    """Fill the table entries of one code point."""
    ch = chr(cp)
    bits, counts = _B_KNOWN, [0, 0]
    for what, test in _CHAR_TESTS:
        if test(ch):
            if isinstance(what, tuple):
                counts[what[0]] += what[1]
            else:
                bits |= what
    _COUNTS[cp] = counts
    if not bits & _B_WORD:
        _WORD_LOWER[cp] = ord(" ")
    elif ch != "Σ":
        _WORD_LOWER[cp] = _single(ch.lower())
    _FOLD[cp] = _single(ch.casefold())
    _BITS[cp] = bits                                  # last: marks the entries as filled


def _code_points(text: str) -> np.ndarray:
    """The code points of `text` (a lone surrogate is one code point: surrogatepass), as intp:
    the index type of take(), which would otherwise convert them for every table."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.intp)


def _from_code_points(cps: np.ndarray) -> str:
    if cps.max(initial=0) < 0x100:                   # one byte each: Latin-1 decodes at memcpy speed
        return cps.astype(np.uint8).tobytes().decode("latin-1")
    return cps.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _class_bits(cps: np.ndarray) -> np.ndarray:
    """The _BITS of the code points, filling the tables for code points not met before."""
    bits = _BITS.take(cps)
    if len(bits) and bits.min() < _B_KNOWN:
        for cp in np.unique(cps[bits < _B_KNOWN]).tolist():
            _fill(cp)
        bits = _BITS.take(cps)
    return bits


def _span_counts(cps: np.ndarray, starts: np.ndarray) -> dict[str, np.ndarray]:
    """Each counted field summed over each block's span."""
    packed = np.add.reduceat(_COUNTS.take(cps, axis=0), starts, axis=0)
    # each little-endian uint64 read as four uint16: field k is column k
    fields = packed.astype("<u8").view("<u2").astype(np.int64)
    return dict(zip(_FIELDS, fields.T))


def _word_starts(bits: np.ndarray) -> np.ndarray:
    """Where each \\w+ word of the joined text starts: every other edge of the runs of word
    characters (the text ends with "\\n", so every run also ends inside it)."""
    word = (bits & _B_WORD) != 0
    edges = (word[1:] != word[:-1]).nonzero()[0] + 1
    if word[0]:
        edges = np.concatenate(([0], edges))
    return edges[0::2]


def _per_block(first_word: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Per block the number of its words whose flag is set (first_word: the index of each
    block's first word, then the number of words)."""
    running = np.zeros(len(flags) + 1, dtype=np.int64)
    np.cumsum(flags, out=running[1:])
    return running[first_word[1:]] - running[first_word[:-1]]


def _last_visible(bits: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Per block the position of its last non-space character (text.rstrip()[-1]) and whether
    there is one."""
    last = np.maximum(ends - 1, starts)
    has = (ends > starts) & ((bits[last] & _B_SPACE) == 0)
    if has.all():                                     # the usual case: stripped, non-empty blocks
        return last, has
    visible = np.flatnonzero((bits & _B_SPACE) == 0)
    k = np.searchsorted(visible, ends) - 1           # the last visible position before the end
    last = visible[np.maximum(k, 0)] if len(visible) else np.zeros_like(starts)
    has = (k >= 0) & (last >= starts)
    return np.where(has, last, starts), has


def _ends_with_three_dots(cps: np.ndarray, last: np.ndarray, starts: np.ndarray) -> np.ndarray:
    dot = cps == ord(".")
    return (last - 2 >= starts) & dot[last] & dot[np.maximum(last - 1, 0)] & dot[np.maximum(last - 2, 0)]


def _blocks_containing(joined: str, needles: tuple[str, ...], starts: np.ndarray) -> np.ndarray:
    """Whether each block contains one of the needles (str.find over the joined text: a needle
    without "\\n" cannot cross a block boundary)."""
    pos = []
    for needle in needles:
        i = joined.find(needle)
        while i >= 0:
            pos.append(i)
            i = joined.find(needle, i + 1)
    found = np.zeros(len(starts), dtype=bool)
    if pos:
        found[np.searchsorted(starts, pos, side="right") - 1] = True
    return found


def _test_candidates(test, texts: list[str], candidates: np.ndarray) -> np.ndarray:
    """bool(test(text)) for the candidate blocks, False for the others."""
    out = np.zeros(len(texts), dtype=bool)
    for i in np.flatnonzero(candidates).tolist():
        out[i] = bool(test(texts[i]))
    return out


def _lowered_words(cps: np.ndarray, bits: np.ndarray) -> list[str]:
    """The \\w+ words of the joined text, each lowercased, in order: every non-word character
    becomes a space and one str.split cuts the words. The characters are lowercased by the table;
    if one has no entry there (İ, Σ) the spaced text goes through str.lower, which then treats
    each word on its own too (a space is neither cased nor case-ignorable: it ends the final
    sigma rule's look-around)."""
    spaced = _WORD_LOWER.take(cps)
    if not spaced.all():
        return _from_code_points(np.where((bits & _B_WORD) != 0, cps, ord(" "))).lower().split()
    return _from_code_points(spaced).split()


def _stopword_flags(cps: np.ndarray, bits: np.ndarray, n_words: int, stops: frozenset) -> np.ndarray:
    """Per \\w+ word of the joined text whether its str.lower is in `stops`. (bytes() takes
    the bools as 0 and 1 in a tighter C loop than np.fromiter.)"""
    words = _lowered_words(cps, bits)
    if len(words) != n_words:                        # cannot happen: \w and whitespace are disjoint
        raise AssertionError("word split does not match the word count")
    return np.frombuffer(bytes(map(stops.__contains__, words)), dtype=bool)


def _all_nfc_stable(bits: np.ndarray) -> bool:
    return bool(np.bitwise_and(bits, _B_NFC_STABLE).all())


def _folded_once(joined: str, cps: np.ndarray, bits: np.ndarray) -> str:
    """unicodedata.normalize("NFC", joined).casefold(), by the table when the text is NFC already
    and every character folds to one. The text is NFC when it is ASCII or all its characters are
    nfc_stable (its bits say so: is_normalized's own scan of the text is skipped), else when
    is_normalized says so."""
    if joined.isascii() or _all_nfc_stable(bits) or unicodedata.is_normalized("NFC", joined):
        folded = _FOLD.take(cps)
        if folded.all():
            return _from_code_points(folded)
    return unicodedata.normalize("NFC", joined).casefold()


def _norms(texts: list[str], joined: str, cps: np.ndarray, bits: np.ndarray) -> list[str]:
    """normalize_for_rules of every block. NFC and casefold run once on the joined text: neither
    acts across the "\\n" after each block (a starter that composes with nothing; casefold maps
    one character at a time), neither makes or removes whitespace. The whitespace folding is
    skipped when no block has whitespace but single spaces between non-space characters."""
    if np.count_nonzero(cps == ord("\n")) != len(texts):     # a block with a "\n" of its own
        return [normalize_for_rules(t) for t in texts]
    folded = _folded_once(joined, cps, bits).split("\n")[:-1]
    # tidy: the only whitespace is " " and the "\n" after each block, and no two whitespace
    # characters are adjacent ("  ", " \n", "\n ", "\n\n"), nor is the first one a space
    space = (bits & _B_SPACE) != 0
    tidy = (np.count_nonzero(space) == len(texts) + np.count_nonzero(cps == ord(" "))
            and not joined.startswith(" ") and not (space[1:] & space[:-1]).any())
    return folded if tidy else [" ".join(t.split()) for t in folded]


def _set_feature_dicts(blocks: list[Block], values: list[list]) -> None:
    """A new features dict on every block from the per-key value lists (in FEATURE_KEYS order).
    A dict display inside the loop: the fastest way to build them, no call per block."""
    for (b, chars, words, cjk, stop_density, ends_terminal, ends_colon, ends_ellipsis, upper_ratio,
         digit_ratio, alpha_ratio, caps_word_ratio, separators, commas, sentences, url, email, bullet,
         position, para_size, norm) in zip(blocks, *values):
        b.features = {
            "chars": chars, "words": words, "cjk": cjk, "stop_density": stop_density,
            "ends_terminal": ends_terminal, "ends_colon": ends_colon, "ends_ellipsis": ends_ellipsis,
            "upper_ratio": upper_ratio, "digit_ratio": digit_ratio, "alpha_ratio": alpha_ratio,
            "caps_word_ratio": caps_word_ratio, "separators": separators, "commas": commas,
            "sentences": sentences, "url": url, "email": email, "bullet": bullet,
            "position": position, "para_size": para_size, "norm": norm}


def _columns(texts: list[str], chars: np.ndarray, lang: str | None, stops: frozenset) -> dict:
    """block_features of every block plus the normalised text: one numpy array per feature
    (ints, floats and bools computed by the same float operations), "norm" a list of str."""
    joined = "\n".join(texts) + "\n"
    cps = _code_points(joined)
    bits = _class_bits(cps)
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(chars + 1, out=bounds[1:])               # where each block's span starts; the end
    starts = bounds[:-1]
    ends = starts + chars

    c = _span_counts(cps, starts)
    n_cjk, letters = c["cjk"], c["letters"]
    word_starts = _word_starts(bits)
    first_word = word_starts.searchsorted(bounds)      # each block's first word; the word count
    n_words = first_word[1:] - first_word[:-1]
    # words: a CJK run (else a Thai phrase) is one \w+ "word", characters count instead
    n_thai = c["thai"]
    spaceless = np.where(n_cjk > 0, n_cjk / CJK_CHARS_PER_WORD, n_thai / THAI_CHARS_PER_WORD)
    counted = spaceless.astype(np.int64) + np.where(n_words > 1, n_words - 1, 0)
    words = np.where((n_cjk > 0) | (n_thai > 0), np.maximum(n_words, counted), n_words)
    stop_density = np.zeros(len(texts))
    if stops:
        hits = _per_block(first_word, _stopword_flags(cps, bits, len(word_starts), stops))
        stop_density = np.where(n_words > 0, hits / np.maximum(n_words, 1), 0.0)
    if lang in _FUNC_BITS:
        fc = np.add.reduceat((bits & _FUNC_BITS[lang]) != 0, starts, dtype=np.int64)
        stop_density = np.where(n_cjk > 0, fc / np.maximum(n_cjk, 1) * 3.0, stop_density)
    elif lang == "th" and n_thai.any():
        at = np.flatnonzero(n_thai > 0)
        fw = np.array([thai_function_words(texts[i]) for i in at.tolist()], dtype=np.int64)
        stop_density[at] = fw / np.maximum(words[at], 1)
    caps_words = np.where(n_cjk > 0, 0, _per_block(first_word, (bits[word_starts] & _B_ISUPPER) != 0))

    last, has_last = _last_visible(bits, starts, ends)
    last_bits = bits[last]
    first_bits = np.where(chars > 0, bits[starts], 0)
    one_chars = np.maximum(chars, 1)
    return {
        "chars": chars,
        "words": words,
        "cjk": (n_cjk > 0.3 * np.maximum(letters, 1)),
        "stop_density": np.minimum(stop_density, 1.0),
        "ends_terminal": (has_last & ((last_bits & _B_TERMINAL) != 0)),
        # an empty stripped text "ends with a colon": block_features tests `"" in ":："`
        "ends_colon": (~has_last | ((last_bits & _B_COLON) != 0)),
        "ends_ellipsis": (has_last & ((cps[last] == ord("…")) | _ends_with_three_dots(cps, last, starts))),
        "upper_ratio": np.where(letters > 0, c["upper"] / np.maximum(letters, 1), 0.0),
        "digit_ratio": (c["digits"] / one_chars),
        "alpha_ratio": (letters / one_chars),
        "caps_word_ratio": np.where(words > 0, caps_words / np.maximum(words, 1), 0.0),
        "separators": c["separators"],
        "commas": c["commas"],
        "sentences": c["sentences"],
        # a match of _URL contains one of the hints, of _EMAIL an "@", of _BULLET starts with a
        # bullet character or a digit: the regexes run on those blocks only
        "url": _test_candidates(_URL.search, texts, _blocks_containing(joined, _URL_HINTS, starts)),
        "email": _test_candidates(_EMAIL.search, texts, _blocks_containing(joined, ("@",), starts)),
        "bullet": _test_candidates(_BULLET.match, texts, (first_bits & (_B_BULLET | _B_DIGIT)) != 0),
        "norm": _norms(texts, joined, cps, bits),
    }


def _para_sizes(paras: np.ndarray) -> np.ndarray:
    """The number of blocks of each block's paragraph."""
    paras = paras - paras.min()
    if paras.max() > 4 * len(paras):                 # sparse numbers (not the pipeline's 0, 1, 2...)
        _, paras = np.unique(paras, return_inverse=True)
    return np.bincount(paras)[paras]


def compute(blocks: list[Block], lang: str | None) -> dict[str, np.ndarray] | None:
    """The features stage: a fresh `features` dict on every block, equal to what
    compute_reference gives (block_features, position, paragraph size, normalised text).

    Returns the same numeric features as float columns ({key: float64 array}, the layout of
    fastscore.page_columns) so that scoring need not read them back from the dicts; None when
    the reference path ran (a block too long for the packed counters) or there are no blocks."""
    if not blocks:
        return None
    texts = list(map(_GET_TEXT, blocks))
    chars = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    if chars.max() > MAX_PACKED_CHARS:                # a count could overflow its 16 bits
        compute_reference(blocks, lang)
        return None
    arrays = _columns(texts, chars, lang, stoplist(lang))
    n = len(blocks)
    arrays["position"] = np.fromiter(map(_GET_INDEX, blocks), dtype=np.int64, count=n) / n
    arrays["para_size"] = _para_sizes(np.fromiter(map(_GET_PARA, blocks), dtype=np.int64, count=n))
    norm = arrays.pop("norm")
    # Python ints, floats and bools in the dicts (tolist), floats in the columns
    _set_feature_dicts(blocks, [norm if k == "norm" else arrays[k].tolist() for k in FEATURE_KEYS])
    return {k: v.astype(float, copy=False) for k, v in arrays.items()}
