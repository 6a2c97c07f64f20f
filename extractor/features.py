"""Stage 3, features: pure functions from a block (and its document) to numbers.

Adapted from jusText and boilerpipe to plain text: length in characters and words, stopword
density in the document's language (jusText's stoplists; for Chinese and Japanese a set of
function characters, for Korean particles), terminal punctuation, capital / digit / symbol ratios,
separators, position, and the same for neighbours (computed later by the model, which reads a
window of blocks).
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from operator import itemgetter

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
TERMINAL = frozenset(".!?。！？…\"'”’»)」』")
SEPARATORS = frozenset("|»›·•/>")
_WORD = re.compile(r"\w+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b")
_EMAIL = re.compile(r"\b\S+@\S+\.\w+")
_BULLET = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s")
_FOLD_SPACE = re.compile(r"\s+")

SHORT_CHARS = 30          # a block this short (or shorter) is "short" whatever else it says
CJK_CHARS_PER_WORD = 1.7  # CJK characters that count as one word for length thresholds


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
_SENT_END_RX = re.compile(r"[.!?。！？]")


# The ASCII members of the character classes above, as byte sets for bytes.translate.
_ASCII_ALL = bytes(range(128))
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()
_FIRST = itemgetter(0)
_URL_HINTS = ("http", "www.", ".com", ".org", ".net")      # _URL matches only text containing one


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
    n_cjk = 0
    if other:
        n_cjk = len(_CJK_RX.findall(other))
        letters += len(_LETTER_RX.findall(other))
        n_upper += len(_UPPER_RX.findall(other))
        n_digits += len(_DIGIT_RX.findall(other))
        separators += len(_SEP_RX.findall(other))
        sentences += len(_SENT_END_RX.findall(other))
    if n_cjk:
        # A CJK run is one \w+ "word": count characters instead.
        n_words = max(n_words, int(n_cjk / CJK_CHARS_PER_WORD) + (n_words - 1 if n_words > 1 else 0))
    if n_cjk and lang in CJK_FUNCTION_CHARS:
        fc = CJK_FUNCTION_CHARS[lang]
        stop_density = sum(1 for ch in text if ch in fc) / n_cjk * 3.0
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


def compute(blocks: list[Block], lang: str | None) -> None:
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
