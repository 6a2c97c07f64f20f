"""The features stage: compute() (whole document at once) must give every block exactly the dict
that compute_reference() (block_features one block at a time) gives: same keys, same types,
same values, floats bit for bit."""
import random
import re
import unicodedata

import numpy as np
import pytest

from extractor import features as F
from extractor.features import compute, compute_reference
from extractor.options import Options
from extractor.pipeline import Document
from extractor.pipeline import language as language_stage
from extractor.pipeline import segment as segment_stage
from extractor.types import Block

from .conftest import BENCH, SEED_NAMES, load_seed

LANGS = (None, "en", "de", "fr", "el", "ru", "tr", "zh", "ja", "ko", "th", "xx")


def blocks_of(texts, paras=None):
    return [Block(index=i, text=t, line=i + 1, para=(paras[i] if paras else i // 3)) for i, t in enumerate(texts)]


def same_value(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a.hex() == b.hex()                      # bit for bit (also tells 0.0 from -0.0)
    return a == b


def assert_same_features(blocks, lang):
    """compute() and compute_reference() on two copies of the blocks give identical dicts."""
    ref = [Block(index=b.index, text=b.text, line=b.line, para=b.para) for b in blocks]
    fast = [Block(index=b.index, text=b.text, line=b.line, para=b.para) for b in blocks]
    compute_reference(ref, lang)
    compute(fast, lang)
    for r, f in zip(ref, fast):
        assert list(f.features) == list(r.features), r.text
        diff = {k: (f.features[k], r.features[k]) for k in r.features if not same_value(f.features[k], r.features[k])}
        assert not diff, f"lang={lang} text={r.text[:80]!r}: fast vs reference {diff}"


def pipeline_blocks(text):
    """The blocks and language of a text as the pipeline's segment and language stages make them."""
    doc = Document(text=text, options=Options())
    segment_stage(doc)
    language_stage(doc)
    return doc.blocks, doc.language


# --------------------------------------------------------------------------- real pages

def bench_pages(*sets):
    return sorted(p for s in sets for p in (BENCH / s).glob("*/fullpage.txt")) if BENCH.is_dir() else []


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench data (../shared/bench) not available")
@pytest.mark.parametrize("bench_set", ["article", "sites"])
def test_fast_path_equals_reference_on_bench_pages(bench_set):
    pages = bench_pages(bench_set)
    assert pages
    for path in pages:
        blocks, lang = pipeline_blocks(path.read_text(encoding="utf-8"))
        assert_same_features(blocks, lang)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_fast_path_equals_reference_on_seeds(name):
    blocks, lang = pipeline_blocks(load_seed(name)[0])
    for lg in {lang, None, "en", "zh"}:
        assert_same_features(blocks, lg)


# --------------------------------------------------------------------------- edge cases

EDGE_BLOCKS = [
    "", " ", "\t", "  padded  ", "x", ".", "...", "..", ". . .", "…", "Read more...", "Wait …  ",
    "Menu:", "Menü：", "a  b   c", "tab\tinside", "line\nbreak inside", "\u00a0nbsp\u00a0around\u00a0",
    "\u2000en quad\u2001", "0123456789", "12", "3.14", "١٢٣ ٤٥٦", "½ ² Ⅻ ⅻ",
    "北京市政府周一宣布了新图书馆的建设计划，市民对此表示欢迎。", "東京都は月曜日、新しい図書館の建設計画を発表しました。",
    "서울시는 월요일 새로운 도서관 건설 계획을 발표했습니다.", "Η κυβέρνηση ανακοίνωσε ΤΗΣ ΟΔΟΣ νέα μέτρα.",
    "ΟΔΟΣⒶ ΣΑΣ'Α Σ", "ПРАВИТЕЛЬСТВО РОССИИ объявило о новых мерах", "İSTANBUL İçin ıi", "Straße STRASSE ß ẞ",
    "ﬁnance ﬂow ǅ Ǆ ǆ", "lone \ud800 surrogate", "\udfff", "pair \ud83d\ude00 of surrogates", "emoji 😀🎉 👍🏽 text",
    "\u0301starts with a combining mark", "Cafe\u0301 e\u0301 n\u0303", "\u1100\u1161\u11a8 jamo",
    "https://example.com/a?b=c", "see www.example.org now", "example.net.", "fooXcom .com", "http", "a.comb",
    "mail me@example.com today", "@handle", "a@b", "x@y.z", "- item", "-item", "* star", "• bullet", "· dot",
    "– en dash", "— em dash", "1. first", "12) twelfth", "123. no", "7.", "1.\u00a0nbsp",
    "Home | News | Sport > World / Europe » More › Next", "a, b，c、d", "Is it? Yes! No. 。！？",
    "\"Quoted.\"", "He said “yes”", "(parenthesis)", "「括弧」", "『二重』", "THE QUICK BROWN FOX", "The Quick Brown Fox",
    "the and of to in it is for", "der die und das ist nicht", "και το της που είναι", "и в не на что он",
    "ﾊﾝｶｸ ｶﾀｶﾅ", "𠀀𠀁 astral han", "\U0010ffff", "\x00\x07 controls", "\u200b\u200d zero width",
    "word_with_underscore snake_case __init__", "x" * 5000, ("The long sentence goes on. " * 400).strip(),
    "नगर परिषद ने बजट को मंजूरी दी।", "শেয়ার করুন", "தமிழ் செய்திகள்", "ภาษาไทย ข่าววันนี้", "ि lone sign",
    "ข่าวที่ของ 北京的新闻 และ", "ภาษาไทยที่ English words ของ",
]


@pytest.mark.parametrize("lang", LANGS)
def test_fast_path_equals_reference_on_edge_cases(lang):
    assert_same_features(blocks_of(EDGE_BLOCKS), lang)
    for t in EDGE_BLOCKS:                             # each alone: first, last and only block
        assert_same_features(blocks_of([t]), lang)


def test_blocks_too_long_for_the_packed_counters_take_the_reference_path():
    texts = ["short one.", "y" * (F.MAX_PACKED_CHARS + 10), "another short one"]
    for lang in ("en", "zh"):
        assert_same_features(blocks_of(texts), lang)


def test_paragraph_numbers_any_order_and_sparse():
    texts = ["one", "two", "three", "four", "five"]
    for paras in ([0, 0, 1, 1, 1], [3, 1, 3, 2, 1], [10**12, 5, 10**12, 5, 7], [-2, -2, 0, 0, -2]):
        assert_same_features(blocks_of(texts, paras), "en")


POOL = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ..,,!?:;|/>»›·•@-*–—()\"'\t  "
        "éàüößÀÉÎ ẞİıΣσςΑΩαω ПРИВЕТпривет 中文的了是日本語のはをカタカナ 한국어 ，、。！？：… \u00a0\u2000\u3000 "
        "\u0301\u0303 \ud800\udc00 😀 ½٣ ǅﬁ _ www. http:// .com .org .net ที่ของและใน ภาษาไทย ")


def test_fast_path_equals_reference_on_random_documents():
    rng = random.Random(20240611)
    for _ in range(300):
        texts = ["".join(rng.choice(POOL) for _ in range(rng.choice([0, 1, 2, 5, 20, 80, 300])))
                 for _ in range(rng.randint(1, 12))]
        assert_same_features(blocks_of(texts), rng.choice(LANGS))


# --------------------------------------------------------------------------- the tables

def test_word_characters_are_never_whitespace():
    """_lowered_words cuts the words with str.split: no \\w character may be whitespace."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    assert not any(ch.isspace() for ch in re.findall(r"\w", every))


def test_only_capital_dotted_i_lowercases_to_several_characters():
    """The lowercase table has no entry (0) for İ; every other character maps to one."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    assert [ch for ch in every if len(ch.lower()) != 1] == ["İ"]


# --------------------------------------------------------------------------- values a user sees

def features_of(texts, lang):
    blocks = blocks_of(texts)
    compute(blocks, lang)
    return [b.features for b in blocks]


def test_values_a_user_would_notice():
    f = features_of([
        "北京市政府周一宣布了新图书馆的建设计划，市民对此表示欢迎。",
        "The council said on Monday that the new library would be built in the centre of the town.",
        "Home | News | Sport | Weather",
        "Contact us at desk@example.com or visit https://example.com/contact",
        "- first item of a list",
        "Read more...",
        "Related stories:",
    ], "en")
    cjk, sentence, menu, contact, item, more, related = f
    assert cjk["cjk"] and cjk["words"] > 10 and not sentence["cjk"]       # characters count as words
    assert sentence["stop_density"] > 0.3 and sentence["ends_terminal"] and sentence["words"] == 18
    assert sentence["chars"] == len("The council said on Monday that the new library would be built in the centre of the town.")
    assert menu["separators"] == 3 and not menu["ends_terminal"] and menu["caps_word_ratio"] == 1.0
    assert contact["email"] and contact["url"] and not sentence["url"] and not sentence["email"]
    assert item["bullet"] and not sentence["bullet"]
    assert more["ends_ellipsis"] and related["ends_colon"]
    assert [x["position"] for x in f] == [i / 7 for i in range(7)]
    assert menu["norm"] == "home | news | sport | weather"
    zh = features_of(["北京市政府周一宣布了新图书馆的建设计划，市民对此表示欢迎。"], "zh")[0]
    assert zh["stop_density"] > 0.3


def test_sentence_ends_of_scripts_without_a_full_stop():
    """A Hindi, Urdu or Arabic sentence ends on its own mark (। ۔ ؟), not on a full stop: it is a
    sentence (ends_terminal, a sentence counted), not a headline-like fragment."""
    texts = ["नगर परिषद ने मंगलवार को पुस्तकालयों के लिए नए बजट को मंजूरी दे दी। महापौर ने फैसले का स्वागत किया।",
             "شہر کی کونسل نے منگل کو لائبریریوں کے نئے بجٹ کی منظوری دے دی۔",
             "هل وافق المجلس على الميزانية الجديدة؟"]
    for f in features_of(texts, "hi"):
        assert f["ends_terminal"] and f["sentences"] >= 1, f
    assert features_of(texts[:1], "hi")[0]["sentences"] == 2
    ref = [Block(index=i, text=t, para=i) for i, t in enumerate(texts)]
    compute_reference(ref, "hi")
    assert [b.features["ends_terminal"] for b in ref] == [True] * 3 and ref[0].features["sentences"] == 2


def test_indic_words_keep_their_vowel_signs():
    """Python's \\w leaves out the vowel signs of Devanagari and Bengali: 'होम' would be two
    words and no Hindi stopword ('के', 'में', 'है') would ever match. Words are whole here, so the
    word count is what the spaces say and the Hindi stoplist counts."""
    hi = "नगर परिषद ने मंगलवार को पुस्तकालयों के लिए नए बजट को मंजूरी दे दी और बहस समाप्त हो गई है।"
    f = features_of([hi, "শেয়ার করুন"], "hi")
    assert f[0]["words"] == len(hi.split()) and f[1]["words"] == 2
    assert f[0]["stop_density"] >= 0.3, f[0]["stop_density"]
    ref = [Block(index=0, text=hi, para=0)]
    compute_reference(ref, "hi")
    assert ref[0].features["words"] == len(hi.split()) and ref[0].features["stop_density"] == f[0]["stop_density"]


def test_thai_counts_characters_for_words_and_has_function_words():
    """Thai writes no spaces between words: a paragraph is a few \\w+ runs, which made it a short
    line with no stopwords (the model then doubted Thai prose). Its characters count for words
    (THAI_CHARS_PER_WORD) and its function words stand in for a stoplist, in both paths."""
    th = ("สภาเทศบาลนครอนุมัติงบประมาณใหม่สำหรับห้องสมุดประชาชนเมื่อวันอังคาร หลังจากที่สมาชิกถกเถียงกันมานาน"
          "หลายเดือน นายกเทศมนตรีกล่าวว่าการตัดสินใจครั้งนี้จะทำให้มีหนังสือมากขึ้นและเวลาเปิดทำการที่ยาวขึ้นในทุกชุมชน")
    f = features_of([th, "หน้าแรก"], "th")
    assert f[0]["words"] >= 30 and f[1]["words"] <= 2, (f[0]["words"], f[1]["words"])      # a menu item stays short
    assert f[0]["stop_density"] >= 0.1, f[0]["stop_density"]
    ref = [Block(index=i, text=t, para=i) for i, t in enumerate([th, "หน้าแรก"])]
    compute_reference(ref, "th")
    assert [b.features["words"] for b in ref] == [x["words"] for x in f]
    assert [b.features["stop_density"] for b in ref] == [x["stop_density"] for x in f]
    assert features_of([th], "en")[0]["stop_density"] == 0.0       # the function words are Thai's only


def test_compute_replaces_the_features_dict_and_handles_no_blocks():
    compute([], "en")
    b = blocks_of(["Some text here."])
    b[0].features = {"stale": True}
    compute(b, "en")
    assert "stale" not in b[0].features and list(b[0].features) == list(F.FEATURE_KEYS)


def test_code_points_round_trip_on_both_decoders():
    """_from_code_points decodes Latin-1-only arrays by Latin-1, the rest by UTF-32: both give
    back the text (lone surrogates included)."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    for text in (every, every[:0x100], every[:0x80], "", "plain ascii", "café ÿ", "ā", "\ud800x"):
        assert F._from_code_points(F._code_points(text)) == text


def test_stopword_hits_count_words_of_each_block():
    blocks = blocks_of(["The cat and the dog", "", "no stop sign", "THE AND", "x the y"])
    compute(blocks, "en")
    assert [b.features["stop_density"] for b in blocks] == [3 / 5, 0.0, 1 / 3, 1.0, 1 / 3]


def test_nfc_bit_is_nfc_stable_and_the_fold_equals_its_definition():
    from extractor.segment import nfc_stable
    cps = F._code_points(POOL + "\u1161\u11a8\u0b3e\u212b")
    bits = F._class_bits(cps)
    for cp, b in zip(cps.tolist(), bits.tolist()):
        assert bool(b & F._B_NFC_STABLE) == nfc_stable(chr(cp)), hex(cp)
    stable_pool = "".join(ch for ch in dict.fromkeys(POOL) if nfc_stable(ch))
    assert "\u0301" not in stable_pool and "\u2000" not in stable_pool and "é" in stable_pool
    rng = random.Random(99)
    for _ in range(300):
        pool = stable_pool if rng.random() < 0.7 else POOL
        joined = "".join(rng.choice(pool) for _ in range(rng.choice([0, 1, 5, 80, 400]))) + "\n"
        cps = F._code_points(joined)
        assert F._folded_once(joined, cps, F._class_bits(cps)) == unicodedata.normalize("NFC", joined).casefold()


def test_fast_path_equals_reference_on_random_nfc_documents():
    from extractor.segment import nfc_stable
    stable_pool = "".join(ch for ch in dict.fromkeys(POOL) if nfc_stable(ch))
    rng = random.Random(20261122)
    for _ in range(200):
        texts = ["".join(rng.choice(stable_pool) for _ in range(rng.choice([0, 1, 2, 5, 20, 80, 300])))
                 for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.3:
            texts[rng.randrange(len(texts))] += rng.choice(("e\u0301", "\u212b", "\u1100\u1161"))
        assert_same_features(blocks_of(texts), rng.choice(LANGS))
