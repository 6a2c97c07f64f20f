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
