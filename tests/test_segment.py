from extractor.segment import BLOB_MIN_CHARS, normalize_text, segment, split_sentences


def texts(blocks):
    return [b.text for b in blocks]


def test_crlf_cr_and_blank_lines_make_paragraphs():
    bl = segment("one\r\ntwo\r\n\r\nthree\rfour", max_line_chars=1000)
    assert texts(bl) == ["one", "two", "three", "four"]
    assert [b.para for b in bl] == [0, 0, 1, 1]
    assert [b.line for b in bl] == [1, 2, 4, 5]


def test_nbsp_zero_width_and_control_characters():
    bl = segment("a\u00a0b\u200bc\x00d\x07e\tf\u3000g", max_line_chars=1000)
    assert texts(bl) == ["a bcde f g"]


def test_nfc():
    assert texts(segment("Cafe\u0301", max_line_chars=100)) == ["Café"]


def test_blob_without_newlines_is_split_into_sentences():
    blob = " ".join(f"Sentence number {i} says something about the town council and its budget." for i in range(12))
    assert len(blob) > BLOB_MIN_CHARS and "\n" not in blob
    bl = segment(blob, max_line_chars=100_000)
    assert len(bl) == 12
    assert bl[0].text.startswith("Sentence number 0")


def test_short_single_line_is_not_split():
    assert len(segment("Short line. Another one.", max_line_chars=1000)) == 1


def test_very_long_line_is_split():
    line = "word " * 5000
    bl = segment(line, max_line_chars=1000)
    assert all(len(b.text) <= 1000 for b in bl)
    assert sum(len(b.text.split()) for b in bl) == 5000


def test_split_sentences_cjk():
    assert split_sentences("今天天气很好。我们去公园。") == ["今天天气很好。", "我们去公园。"]


def test_normalize_text_line_separators():
    assert normalize_text("a\u2028b\u2029c") == "a\nb\n\nc"
