from extractor import clean
from extractor.metadata import slug_words, strip_site_name, title_text

BODY = ("The regional parliament approved the water bill on Thursday after months of negotiations between the parties. "
        "The law sets new limits for farms and factories along the river and creates a fund for repairs.")


def test_title_is_the_headline_before_the_body():
    text = f"Menu\nNews\nSport\n\nParliament passes water bill after long talks\n\n{BODY}\n\n{BODY.replace('The law', 'A second paragraph')}"
    r = clean(text)
    assert r.title == "Parliament passes water bill after long talks"
    assert r.title not in r.text


def test_title_from_url_slug():
    text = f"Latest stories\n\nWater bill: what it means for farmers\n\n{BODY}\n\n{BODY}x"
    r = clean(text, url="https://news.example.org/2024/05/water-bill-what-it-means-for-farmers")
    assert r.title == "Water bill: what it means for farmers"


def test_no_title_when_nothing_looks_like_one():
    r = clean(BODY + "\n\n" + BODY.replace("The law", "This law"))
    assert r.title is None
    assert r.text.startswith("The regional parliament")


def test_slug_words():
    assert slug_words("https://x.org/a/water-bill-2024.html") >= {"water", "bill", "html"}
    assert slug_words(None) == set()
    assert slug_words("http://[bad") == set()


def test_an_author_name_over_a_dateline_is_not_the_title():
    """A list of recent stories, each "headline / author / date", then the article: the author's
    name repeats on every item, yet it is a byline, not the headline."""
    items = []
    for h in ("Storm closes two bridges on the coast", "Council votes to keep the library open",
              "Parliament passes water bill after long talks"):
        items += [h, "Jane Marlowe", "Monday 10:00PM"]
    text = "\n\n".join(["Recent from Jane Marlowe"] + items + [BODY, BODY.replace("The law", "A second paragraph")])
    r = clean(text)
    assert r.title != "Jane Marlowe"
    assert r.title == "Parliament passes water bill after long talks"


THAI_BODY = [
    "กรุงเทพมหานคร ได้ประกาศแผนการพัฒนาระบบขนส่งสาธารณะใหม่ในวันนี้ โดยมีเป้าหมายเพื่อลดปัญหาการจราจรติดขัดในใจกลางเมือง"
    " และเพิ่มความสะดวกให้กับประชาชนที่เดินทางไปทำงานทุกวัน",
    "ผู้ว่าราชการกล่าวว่า โครงการนี้จะใช้เวลาประมาณห้าปี และจะเริ่มก่อสร้างในช่วงต้นปีหน้า ประชาชนจำนวนมากแสดงความเห็นด้วยกับแผนดังกล่าว"
    " แต่บางส่วนกังวลเรื่องงบประมาณที่สูง",
    "นักวิชาการด้านการวางผังเมืองเห็นว่า การลงทุนในระบบรางจะช่วยให้เมืองเติบโตอย่างยั่งยืน"
    " และลดมลพิษทางอากาศที่เป็นปัญหาสำคัญของกรุงเทพฯ ในช่วงหลายปีที่ผ่านมา",
]


def test_a_thai_lede_is_not_taken_for_the_title():
    # Thai writes no full stop, so no paragraph "ends a sentence": the first one, long as it is,
    # must stay in the text rather than become the headline
    page = "\n".join(["หน้าแรก", "ข่าว", "กีฬา", "บันเทิง", "ติดต่อเรา", *THAI_BODY, "แชร์", "Facebook", "Twitter"])
    r = clean(page)
    assert r.title != THAI_BODY[0]
    for para in THAI_BODY:
        assert para in r.text


def test_a_markdown_heading_gives_the_title_without_its_markers():
    # partly cleaned input often comes as Markdown: the title is the headline's words
    text = f"# Parliament passes water bill after long talks\n\n{BODY}\n\n## What changes\n\n{BODY.replace('The law', 'A second paragraph')}"
    r = clean(text)
    assert r.title == "Parliament passes water bill after long talks"
    assert "## What changes" in r.text                      # headings inside the body stay as they are
    assert title_text("**Water bill passes**") == "Water bill passes"
    assert title_text("C# in depth") == "C# in depth"
    assert title_text("**a** and **b**") == "**a** and **b**"


def test_a_footnote_or_list_item_is_never_the_title():
    """A page whose kept text starts with a footnote ("* Dates may change ...") or a list item:
    the marker says it belongs to a list, so it stays in the body instead of becoming the title."""
    from extractor.metadata import find_title
    for first in ("* Dates may change at the request of the organiser", "- First round in March at the old circuit",
                  "2) Second round in April at the harbour circuit"):
        r = clean(first + "\n\n" + BODY + "\n\n" + BODY.replace("The law", "A second paragraph"))
        blocks = list(r.blocks)
        blocks[0].decide("content", None, None)      # as when the body starts with it
        assert find_title(blocks, 0, None) is None, first
        # without the marker the same line is a headline candidate
        r = clean(first[2:].strip() + "\n\n" + BODY + "\n\n" + BODY.replace("The law", "A second paragraph"))
        blocks = list(r.blocks)
        blocks[0].decide("content", None, None)
        assert find_title(blocks, 0, None) == 0, first


def test_a_lede_of_several_sentences_is_never_the_title():
    """A welcome paragraph that ends on "!" or "?" is not a headline when it runs on for several
    sentences and more than a headline's length: it stays in the body."""
    from extractor.metadata import PARAGRAPH_MIN_WORDS, find_title
    lede = ("I am a lawyer in the old town and advise small firms on contracts, data and staff. "
            "Clients come to me with questions about new rules every week. Call me and we will talk it through!")
    r = clean("Home\nContact\n\n" + lede + "\n\n" + BODY + "\n\n" + BODY.replace("The law", "A second paragraph"))
    assert r.title != lede and lede in r.text
    blocks = list(r.blocks)
    i = next(k for k, b in enumerate(blocks) if b.text == lede)
    assert blocks[i].features["words"] > PARAGRAPH_MIN_WORDS and blocks[i].features["sentences"] >= 2
    assert find_title(blocks, i, None) != i
    # a two-sentence headline of headline length still is one
    head = "Water bill passes. What changes for farmers?"
    r = clean("Home\nContact\n\n" + head + "\n\n" + BODY + "\n\n" + BODY.replace("The law", "A second paragraph"))
    assert r.title == head
    # (a headline that carries its deck in one repeated block stays the title: seed 004,
    # tests/test_seeds.py::test_title)


def test_a_hindi_lede_ending_on_a_danda_stays_in_the_body():
    """The first paragraph of a Hindi article ends on '।': a sentence, not a headline."""
    body = ["नगर परिषद ने मंगलवार को सार्वजनिक पुस्तकालयों के लिए नए बजट को मंजूरी दे दी, जिससे महीनों से चल रही बहस समाप्त हो गई।",
            "महापौर ने कहा कि इस फैसले से सभी मोहल्लों में अधिक किताबें और लंबे समय तक खुले रहने की सुविधा मिलेगी।",
            "विपक्ष के कुछ सदस्यों ने कहा कि बजट अब भी पर्याप्त नहीं है और कुछ शाखाएं बंद हो सकती हैं।"]
    r = clean("\n".join(["होम", "देश", "दुनिया", "खेल", "संपर्क करें", *body, "© 2024 सर्वाधिकार सुरक्षित।"]))
    assert r.title != body[0]
    assert all(p in r.text for p in body), r.text


def test_an_interviews_first_question_is_not_the_title():
    """A question-and-answer page without a headline: its first "Q:" line stays in the body (it
    reads like a headline: short, no full stop, before the body). An acronym label stays a
    headline's label."""
    qa = ("Q: What made you start writing about food?\n"
          "A: I grew up in a family of cooks and the kitchen was always the centre of our house, so it came "
          "naturally to me when I left home.\n"
          "Q: Which dish do you cook most often?\n"
          "A: A simple tomato soup, the one my grandmother taught me when I was eight years old, with bread "
          "from the bakery around the corner.")
    r = clean(qa)
    assert r.title is None
    assert r.text.startswith("Q: What made you start writing about food?")
    r = clean(f"Menu\nNews\n\nUS: Parliament passes water bill after long talks\n\n{BODY}\n\n{BODY.replace('The law', 'A law')}")
    assert r.title == "US: Parliament passes water bill after long talks"


def test_strip_site_name():
    assert strip_site_name("A long headline here | Site", "Site") == "A long headline here"
    assert strip_site_name("A long headline here - BBC News", None) == "A long headline here"
    assert strip_site_name("Site | A long headline here", "site") == "A long headline here"
    assert strip_site_name("Short title", None) == "Short title"


PROXY_BODY = ["The city council voted on Tuesday evening to set aside four million for protected bike lanes "
        "along the river road, after two years of debate.",
        "Supporters said the money would finally connect the northern suburbs to the centre, while "
        "opponents argued that the bus network needed the funds more urgently.",
        "Construction is expected to begin in the autumn and to last about eighteen months, according "
        "to the city's transport department."]
HEADER = ["Title: Council approves cycling budget | Riverside Gazette", "",
          "URL Source: https://gazette.example/news/council-approves-cycling-budget", "",
          "Published Time: 2025-03-14T09:30:00Z", "", "Markdown Content:"]


def test_a_reader_proxys_header_gives_title_url_and_date_when_the_page_does_not():
    r = clean("\n".join(HEADER + ["* [Home](/)", "* [News](/news)", "* [Sport](/sport)", "", "\n\n".join(PROXY_BODY)]))
    assert r.title == "Council approves cycling budget"               # the header's, without the site part
    assert r.url == "https://gazette.example/news/council-approves-cycling-budget"
    assert r.date == "2025-03-14T09:30:00Z"
    assert r.text == "\n\n".join(PROXY_BODY)
    assert [b.reason for b in r.blocks[:4]] == ["meta.reader_header"] * 4
    assert r.stats["by_category"]["meta"]["blocks"] == 4


def test_the_pages_own_headline_and_the_callers_url_come_before_the_header():
    page = "\n".join(HEADER + ["# Riverside votes four million for bike lanes", "", "\n\n".join(PROXY_BODY)])
    r = clean(page, url="https://gazette.example/a/1")
    assert r.title == "Riverside votes four million for bike lanes"
    assert r.url == "https://gazette.example/a/1"
    assert r.text == "\n\n".join(PROXY_BODY)


def test_a_breadcrumb_before_the_headline_is_not_part_of_the_title():
    assert title_text("Home : Entertainment : Singer turns to new cancer treatment") == "Singer turns to new cancer treatment"
    assert title_text("Home > News > World > Floods close the ring road") == "Floods close the ring road"
    assert title_text("Homeless shelters open early this winter") == "Homeless shelters open early this winter"
    assert title_text("Home: Sweet Home") == "Home: Sweet Home"                 # too short to be crumbs + headline


def test_a_breadcrumb_line_is_never_the_title():
    r = clean("Menu\n› Research and development\n\n" + BODY + "\n\n" + BODY.replace("The law", "A second paragraph"))
    assert r.title != "› Research and development"


def test_a_headline_far_above_the_body_is_found_by_the_url_slug():
    menu = [f"Section {i}" for i in range(25)]                 # a long menu between headline and body
    page = "\n".join(["Home", "Harbour bridge reopens after two years of works", *menu, "", BODY, "",
                       BODY.replace("The law", "A second paragraph")])
    url = "https://news.example/2024/05/harbour-bridge-reopens-after-two-years-of-works"
    assert clean(page, url=url).title == "Harbour bridge reopens after two years of works"
    assert clean(page).title != "Harbour bridge reopens after two years of works"   # no slug: too far up


def test_a_section_label_above_the_body_loses_to_the_headline_the_body_is_about():
    page = "\n".join(["Home", "News", "Parliament passes water bill after long talks", "Share", "Tweet", "Email",
                       "Science & Environment", "", BODY, "", BODY.replace("The law", "A second paragraph")])
    assert clean(page).title == "Parliament passes water bill after long talks"


def test_the_first_body_block_does_not_count_its_own_words_as_the_bodys():
    from extractor.metadata import _body_word_evidence, _body_words
    from extractor.types import Block
    blocks = [Block(0, "Menu", label="boilerplate"), Block(1, "Parliament water bill"), Block(2, "Farms and the river")]
    first, body, later = _body_words(blocks, 1)
    assert first == 1
    assert _body_word_evidence("Water bill passes parliament", body) > 0                 # another line
    assert _body_word_evidence("Water bill passes parliament", later) < 0    # only its own block has them
    assert _body_word_evidence("Water bill passes parliament", _body_words(blocks[:2], 1)[2]) == 0   # no other body
