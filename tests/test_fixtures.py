"""Own golden cases: one synthetic page per furniture category and language (fixtures/cases)."""
import json

import pytest

from extractor import clean

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "cases").glob("*.json"))


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request):
    return json.loads(request.param.read_text(encoding="utf-8"))


def test_furniture_removed_with_its_category(case):
    r = clean(case["text"])
    by_text = {b.text: b for b in r.blocks}
    for line in case["remove"]:
        b = by_text[line]
        assert not b.kept, f"kept: {line!r}"
    # at least one line of the page's furniture is removed by a rule of the case's category
    cats = {by_text[l].category for l in case["remove"]}
    assert case["category"] in cats, f"{case['category']} not among {cats}"


def test_body_kept_and_title_found(case):
    r = clean(case["text"])
    for para in case["keep"]:
        assert para in r.text
    assert r.title == case["title"]
    assert r.language == case["language"]
