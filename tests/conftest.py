import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
BENCH = ROOT.parent / "shared" / "bench"


def load_seed(name: str) -> tuple[str, list[dict]]:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    rows = [json.loads(l) for l in (SEEDS / f"{name}.labels.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return text, rows


SEED_NAMES = sorted(p.name[:-4] for p in SEEDS.glob("*.txt"))


@pytest.fixture(params=SEED_NAMES)
def seed(request):
    return (request.param, *load_seed(request.param))


def _speedups_built() -> bool:
    from extractor import trees
    return trees._speedups is not None


C_BUILT = _speedups_built()


@pytest.fixture(params=["numpy", pytest.param("c", marks=pytest.mark.skipif(
    not C_BUILT, reason="extractor._speedups not built (no C compiler at install)"))])
def walk(request, monkeypatch):
    """Run the test with the numpy versions of the hot loops, then with their C versions
    (extractor/_speedups.c: the tree walk, the topic overlap) when they are built."""
    from extractor import trees
    monkeypatch.setattr(trees, "USE_C", request.param == "c")
    return request.param
