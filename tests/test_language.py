import pytest

from extractor.language import detect, sample_text, stopword_vote
from extractor.segment import segment

from .conftest import BENCH


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


@pytest.mark.parametrize("text,lang", [
    ("ქალაქის საკრებულომ სამშაბათს საჯარო ბიბლიოთეკების ახალი ბიუჯეტი დაამტკიცა.", "ka"),
    ("Քաղաքային խորհուրդը երեքշաբթի հաստատեց հանրային գրադարանների նոր բյուջեն։", "hy"),
    ("ក្រុមប្រឹក្សាក្រុងបានអនុម័តថវិកាថ្មីសម្រាប់បណ្ណាល័យសាធារណៈ", "km"),
    ("የከተማው ምክር ቤት ማክሰኞ ለሕዝብ ቤተ መጻሕፍት አዲሱን በጀት አጸደቀ።", "am"),
    ("නගර සභාව අඟහරුවාදා මහජන පුස්තකාල සඳහා නව අයවැය අනුමත කළේය.", "si"),
])
def test_scripts_langdetect_has_no_profile_for_name_their_language(text, lang):
    """langdetect knows none of these languages and would name another (Georgian came back as
    Estonian): their script decides."""
    assert detect(text) == lang


def test_too_little_text_is_none():
    assert detect("ok") is None


def test_deterministic_on_ambiguous_text():
    s = "Hotel Restaurant Bar Garage Taxi Radio Video Piano Pizza"
    first = detect(s)
    assert all(detect(s) == first for _ in range(20))


def test_vote_needs_margin():
    assert stopword_vote("the and of") is None       # too few hits to decide


def test_slovak_is_not_taken_for_czech():
    text = ("Mestské zastupiteľstvo v utorok po niekoľkých mesiacoch sporov schválilo nový rozpočet pre verejné "
            "knižnice. Primátor uviedol, že rozhodnutie prinesie viac kníh a dlhšie otváracie hodiny vo všetkých "
            "štvrtiach mesta. Niektorí poslanci opozície namietali, že rozpočet stále nestačí a niektoré pobočky "
            "môžu byť zatvorené. Nové otváracie hodiny budú platiť od prvého júna, uviedla mestská knižnica v "
            "tlačovej správe. Zastupiteľstvo sa k rozpočtu opäť vráti na jeseň, keď budú známe výsledky.")
    assert detect(text) == "sk"
    czech = ("Městská rada v úterý po několika měsících sporů schválila nový rozpočet pro veřejné knihovny. Starosta "
             "uvedl, že rozhodnutí přinese více knih a delší otevírací dobu ve všech čtvrtích města.")
    assert detect(czech) == "cs"


def test_slovenian_and_croatian_are_not_taken_for_slovak():
    """Each Slavic language that votes makes the others' shared words count for less: with Slovak in
    the vote, a Slovenian page came out Slovak; Slovenian and Croatian vote too."""
    sl = ("Mestni svet je v torek po več mesecih razprav potrdil nov proračun za splošne knjižnice. Župan je "
          "dejal, da bo odločitev prinesla več knjig in daljši delovni čas v vseh četrtih mesta. Nekateri člani "
          "opozicije so trdili, da proračun še vedno ne zadošča in da bi lahko nekatere enote zaprli.")
    hr = ("Gradsko vijeće u utorak je nakon nekoliko mjeseci rasprava usvojilo novi proračun za narodne knjižnice. "
          "Gradonačelnik je rekao da će odluka donijeti više knjiga i dulje radno vrijeme u svim četvrtima grada. "
          "Neki članovi oporbe tvrdili su da proračun još uvijek nije dovoljan.")
    assert detect(sl) == "sl"
    assert detect(hr) == "hr"


def test_names_do_not_vote():
    """jusText's Finnish stoplist holds first names ("walter", "oliver", "matthew"): a German page
    listing people by name was voted Finnish. Capitalised words do not vote."""
    assert stopword_vote("Walter Oliver Matthew Wayne " * 6) is None
    page = ("Walter-Oliver Matthew-Walter Oliver-Matthew Walter Wayne Oliver Walter Matthew " * 3
            + "Wer ist das? Über uns und die Zusammenarbeit mit allen, die mit uns arbeiten wollen.")
    assert detect(page) == "de"


def test_sample_is_bounded_and_in_document_order():
    bl = segment("short\n" + "A" * 500 + "\nmid\n" + "B" * 300, max_line_chars=10_000)
    s = sample_text(bl, 600)
    assert len(s) <= 600 and s.startswith("A") and "B" in s


# --------------------------------------------------------------------------- the faster langdetect

def _probabilities(detector_class, text, trials=3, max_length=None):
    from extractor.language import _langdetect_factory
    d = detector_class(_langdetect_factory())
    d.set_max_text_length(len(text) if max_length is None else max_length)
    d.n_trial = trials
    d.append(text)
    d.seed = 0
    try:
        return [(p.lang, float(p.prob)) for p in d.get_probabilities()], d.text
    except Exception as e:                            # langdetect raises on feature-less text
        return type(e).__name__, d.text


def _same_as_langdetect(text, **kw):
    from langdetect.detector import Detector

    from extractor.language import _fast_detector_class
    assert _probabilities(_fast_detector_class(), text, **kw) == _probabilities(Detector, text, **kw), text[:80]


@pytest.mark.parametrize("text", [
    "", " ", "  a  b  ", "ABC DEF GHI abc", "lone \ud800 surrogate in some text", "Ǆemal ǅ ǆ ÀÉÎ éàü ß",
    "Ṁ ệ việt nam tiếng việt có dấu", "日本語のテキストです。カタカナ", "한국어 텍스트", "Ελληνικά ΚΕΙΜΕΝΟ κείμενο",
    "Ещё РУССКИЙ текст", "visit http://example.com/x?y=1 or mail me@example.org now", "Şi ţ ș ț", "فارسی یی",
    "ㄅㄆㄇ", "\t\n tabs\nand newlines  ", "Hotel Restaurant Bar Garage Taxi Radio Video Piano Pizza",
    "THE WHOLE SENTENCE IN CAPITALS, AND THEN some in lower case",
])
def test_fast_detector_gives_langdetects_probabilities(text):
    for kw in ({}, {"trials": 7}, {"max_length": 12}):
        _same_as_langdetect(text, **kw)


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench data (../shared/bench) not available")
def test_fast_detector_gives_langdetects_probabilities_on_bench_samples():
    pages = sorted(BENCH.glob("*/*/fullpage.txt"))
    assert pages
    for path in pages[::7]:                           # a spread of the three sets, all languages
        text = path.read_text(encoding="utf-8")
        _same_as_langdetect(sample_text(segment(text, max_line_chars=20_000), 600))
        _same_as_langdetect(text[:300])


def test_sample_ties_keep_document_order():
    bl = segment("aaaa\nbbbb\ncccc\nlonger line", max_line_chars=1000)
    # longest first, then of the equally long the earliest; joined in document order
    assert sample_text(bl, 12) == "aaaa longer "
    assert sample_text(bl, 16) == "aaaa bbbb longer"


def _reference_vote(sample):
    """stopword_vote's definition: one vote per language of each stopword (written in lower case)
    of one or two languages, the clear winner or None."""
    from extractor.language import VOTE_LANGS, VOTE_MARGIN, VOTE_MIN_HITS, _VOTE_WORD
    from extractor.features import stoplist
    votes = {}
    for w in _VOTE_WORD.findall(sample):
        if not w.islower():                       # names and menu items do not vote
            continue
        langs = [lg for lg in VOTE_LANGS if w in stoplist(lg)]
        if 0 < len(langs) <= 2:
            for lg in langs:
                votes[lg] = votes.get(lg, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    second = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= VOTE_MIN_HITS and ranked[0][1] >= VOTE_MARGIN * second else None


@pytest.mark.skipif(not BENCH.is_dir(), reason="bench data (../shared/bench) not available")
def test_stopword_vote_agrees_with_its_definition_on_bench_samples():
    for path in sorted(BENCH.glob("*/*/fullpage.txt"))[::5]:
        sample = sample_text(segment(path.read_text(encoding="utf-8"), max_line_chars=20_000), 600)
        assert stopword_vote(sample) == _reference_vote(sample), path


def test_markup_blocks_stay_out_of_the_language_sample():
    embed = ('<div style="margin:0; padding:15px; border:1px solid #ccc;"><h3 style="font:bold 14px Georgia;">'
             '<a href="http://example.org/news/1.html" style="color:#333;">Взрыв на заводе</a></h3></div>') * 3
    prose = ("Пожар на складе потушили к утру, сообщили в МЧС. Пострадавших нет, причины выясняются. "
             "Движение по соседней улице было перекрыто на несколько часов, пока работали пожарные.")
    bl = segment(embed + "\n" + prose, max_line_chars=20_000)
    s = sample_text(bl, 600)
    assert "<div" not in s and s.startswith("Пожар")
    assert detect(s) == "ru"
    # a page of nothing but markup still has a sample
    assert sample_text(segment(embed, max_line_chars=20_000), 600).startswith("<div")


def test_script_counts_count_letters_per_script():
    from extractor.language import _script_counts
    c = _script_counts("Hello Ωμέγα Привет 中文 かな 한국 ქართ Հայ ខ្មែរ ሰላም é ß 1 ٢ ☺")
    assert {k: v for k, v in c.items() if v} == {"latin": 7, "greek": 5, "cyrillic": 6, "han": 2, "kana": 2,
                                                 "hangul": 2, "georgian": 4, "armenian": 3, "khmer": 3,
                                                 "ethiopic": 3}
    assert _script_counts("plain ascii 123")["latin"] == 10
