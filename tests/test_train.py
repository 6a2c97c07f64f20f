"""The training labels are derived by documented rules; these pin them."""
from extractor.train import folds, label_by_gold, label_by_snippets, label_seed, site_of, Doc

GOLD = "The council approved the budget on Tuesday after a long debate.\n\nWork starts in spring."


def test_label_by_gold():
    page = ("Home\n"
            "The council approved the budget on Tuesday after a long debate.\n"
            "Work starts in spring.\n"
            "The council approved the plan for the park on Friday.\n"      # shares some 4-grams: ambiguous or not
            "Subscribe to our newsletter for more news every day\n")
    labels, ambiguous = label_by_gold(page, GOLD)
    assert labels[1] == 0          # "Home": not a token run of the gold
    assert labels[2] == 1 and labels[3] == 1
    assert labels[5] == 0
    assert 4 not in labels or labels[4] == 0
    assert ambiguous + len(labels) == 5


def test_label_by_snippets():
    page = "Keep this sentence please.\nRemove this footer\nunrelated"
    assert label_by_snippets(page, ["this sentence"], ["this footer"]) == {1: 1, 2: 0}


def test_label_seed():
    rows = [{"line": 1, "label": "title"}, {"line": 2, "label": "body"}, {"line": 3, "label": "either"},
            {"line": 4, "label": "donation"}]
    assert label_seed(rows) == {1: 0, 2: 1, 4: 0}


def test_site_of():
    assert site_of("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert site_of("https://edition.example.com/a") == "example.com"
    assert site_of(None) == "unknown"


def test_folds_are_grouped_and_deterministic():
    docs = [Doc(f"d{i}", "article", f"g{i % 7}", "", None, None) for i in range(40)]
    f1, f2 = folds(docs, 5), folds(docs, 5)
    assert f1 == f2
    by_group = {}
    for d, f in zip(docs, f1):
        by_group.setdefault(d.group, set()).add(f)
    assert all(len(s) == 1 for s in by_group.values())
