import random

from extractor import clean

from .conftest import SEED_NAMES, load_seed


def test_same_output_in_any_order_and_repeated():
    texts = [load_seed(n)[0] for n in SEED_NAMES]
    first = [clean(t).to_dict() for t in texts]
    rng = random.Random(7)
    for _ in range(3):
        order = list(range(len(texts)))
        rng.shuffle(order)
        again = {i: clean(texts[i]).to_dict() for i in order}
        assert [again[i] for i in range(len(texts))] == first
