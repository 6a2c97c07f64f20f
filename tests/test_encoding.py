"""encoding.decode_html: BOM, caller's charset, <meta charset>, detection; never an unhandled exception."""
import pytest

from extractor.encoding import decode_html, normalize_name, sniff_meta

RU = "Москва — столица России, крупнейший город страны. " * 4
JA = "東京は日本の首都であり、最大の都市です。" * 4
FR = "Le café de la gare était fermé à cause de la grève générale. " * 3


def page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize("text,enc", [(RU, "cp1251"), (JA, "shift_jis"), (FR, "latin-1")])
def test_meta_charset_is_honoured(text, enc):
    data = page(text, f'<meta charset="{enc}">').encode(enc)
    out, used = decode_html(data)
    assert text in out


@pytest.mark.parametrize("text,enc", [(RU, "cp1251"), (JA, "shift_jis"), (FR, "latin-1")])
def test_missing_charset_is_detected(text, enc):
    data = page(text).encode(enc)
    out, _ = decode_html(data)
    assert text[:20] in out


def test_caller_encoding_wins_over_detection():
    data = page(RU).encode("cp1251")
    out, used = decode_html(data, "windows-1251")
    assert RU in out and used == "cp1251"


def test_wrong_http_charset_on_utf8_bytes():
    data = page(RU).encode("utf-8")
    out, used = decode_html(data, "iso-8859-1")          # a lying HTTP header
    assert RU in out and used == "utf-8"


def test_wrong_meta_charset_on_utf8_bytes():
    data = page(JA, '<meta charset="iso-8859-1">').encode("utf-8")
    out, _ = decode_html(data)
    assert JA in out


def test_wrong_http_charset_that_cannot_decode_falls_through():
    data = page(JA, '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">').encode("shift_jis")
    out, used = decode_html(data, "utf-8")
    assert JA in out and used == "shift_jis"


@pytest.mark.parametrize("bom,enc", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_bom(bom, enc):
    out, used = decode_html(bom + page(FR).encode(enc))
    assert FR in out and used == enc


def test_unknown_encoding_names_are_skipped():
    assert normalize_name("no-such-charset") is None
    out, _ = decode_html(page(FR).encode("utf-8"), "no-such-charset")
    assert FR in out


def test_sniff_meta_forms():
    assert sniff_meta(b'<meta charset="windows-1251">') == "cp1251"
    assert sniff_meta(b'<meta http-equiv="content-type" content="text/html; charset=koi8-r">') == "koi8-r"
    assert sniff_meta(b'<?xml version="1.0" encoding="ISO-8859-2"?><html>') == "iso8859-2"
    assert sniff_meta(b"<html><body>no meta</body></html>") is None


def test_binary_garbage_never_raises_unexpected():
    import random
    rnd = random.Random(7)
    data = bytes(rnd.randrange(256) for _ in range(5000))
    out, used = decode_html(data)
    assert isinstance(out, str) and used
