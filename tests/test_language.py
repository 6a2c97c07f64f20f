import pytest

from extractor.language import detect, sample_text, stopword_vote
from extractor.segment import segment


@pytest.mark.parametrize("text,lang", [
    ("東京都は月曜日、新しい図書館の建設計画を発表しました。市民からは歓迎の声が上がっています。", "ja"),
    ("서울시는 월요일 새로운 도서관 건설 계획을 발표했습니다. 시민들은 환영했습니다.", "ko"),
    ("北京市政府周一宣布了新图书馆的建设计划，市民对此表示欢迎。", "zh"),
    ("Η κυβέρνηση ανακοίνωσε τη Δευτέρα νέα μέτρα για την οικονομία της χώρας.", "el"),
    ("The council said on Monday that the new library would be built in the centre of the town and would open next year.", "en"),
    ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab dem nächsten Jahr für alle Bürger gelten sollen.", "de"),
    ("Le gouvernement a annoncé lundi de nouvelles mesures qui seront appliquées dans toutes les régions du pays.", "fr"),
    ("Правительство в понедельник объявило о новых мерах, которые вступят в силу в следующем году по всей стране.", "ru"),
    ("Rząd ogłosił w poniedziałek nowe środki, które wejdą w życie w przyszłym roku w całym kraju i dla wszystkich.", "pl"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_too_little_text_is_none():
    assert detect("ok") is None


def test_deterministic_on_ambiguous_text():
    s = "Hotel Restaurant Bar Garage Taxi Radio Video Piano Pizza"
    first = detect(s)
    assert all(detect(s) == first for _ in range(20))


def test_vote_needs_margin():
    assert stopword_vote("the and of") is None       # too few hits to decide


def test_sample_is_bounded_and_in_document_order():
    bl = segment("short\n" + "A" * 500 + "\nmid\n" + "B" * 300, max_line_chars=10_000)
    s = sample_text(bl, 600)
    assert len(s) <= 600 and s.startswith("A") and "B" in s
