"""The engine's batch plan and the alignment it must keep (tiny real model, random weights).

Batches are cut from length-sorted segments and submitted heaviest first, so results come
back in an order unrelated to the input: every test checks that result i still belongs to
text i (its source-token count is the text's own).
"""

from __future__ import annotations

import random

import pytest

from doctools.translate.engine import ROWS_PER_BATCH, Translator, decode_cap


@pytest.fixture(scope="module")
def make(installed_model):  # type: ignore[no-untyped-def]
    made: dict[tuple[int, int, int | None], Translator] = {}

    def get(beam: int = 4, inter: int = 2, fixed: int | None = None) -> Translator:
        key = (beam, inter, fixed)
        if key not in made:
            made[key] = Translator(installed_model, beam_size=beam, threads=(inter, 1), fixed_length=fixed)
        return made[key]

    return get


def _plan(tr: Translator, widths: list[int]) -> list[list[int]]:
    order = sorted(range(len(widths)), key=lambda i: widths[i])
    return tr.plan([widths[i] for i in order], order)


def _cost(tr: Translator, batch: list[int], widths: list[int]) -> int:
    longest = max(widths[i] for i in batch)
    return len(batch) * ((tr.fixed_length or decode_cap(longest)) + longest)


@pytest.mark.parametrize("beam", [1, 2, 4])
def test_plan_covers_each_segment_once_within_limits_heaviest_first(make, beam: int) -> None:  # type: ignore[no-untyped-def]
    tr = make(beam)
    rng = random.Random(beam)
    widths = [rng.choice([2, 3, 5, 8, 13, 21, 30, 44, 60, 90, 150]) + rng.randrange(3) for _ in range(300)]
    batches = _plan(tr, widths)
    assert sorted(i for b in batches for i in b) == list(range(len(widths)))
    for b in batches:
        ws = [widths[i] for i in b]
        assert len(b) <= max(1, ROWS_PER_BATCH["cpu"] // beam)
        assert len(b) == 1 or len(b) * max(ws) <= tr.batch_tokens
        assert max(ws) <= 2 * min(ws) + 8  # a short segment never inherits a long one's output cap
    costs = [_cost(tr, b, widths) for b in batches]
    assert costs == sorted(costs, reverse=True)


def test_rows_per_batch_follow_the_beam(make) -> None:  # type: ignore[no-untyped-def]
    widths = [10] * 400
    assert max(len(b) for b in _plan(make(1), widths)) == ROWS_PER_BATCH["cpu"]
    assert max(len(b) for b in _plan(make(4), widths)) == ROWS_PER_BATCH["cpu"] // 4


def test_the_cut_does_not_depend_on_the_threads(make) -> None:  # type: ignore[no-untyped-def]
    """Which segments share a batch can change the output: it must not depend on how many
    workers the machine or the executor gives the translator."""
    for widths in ([10] * 6, [7], [], [3, 5, 9, 12, 40, 41, 80] * 20):
        assert _plan(make(4, inter=1), widths) == _plan(make(4, inter=2), widths) == _plan(make(4, inter=4), widths)


def test_results_stay_aligned_with_texts(make) -> None:  # type: ignore[no-untyped-def]
    tr = make(2)
    base = ["各位代表：", "经济发展稳中有进。", "新增“四上”企业574家，增长9.3%。",
            "，".join(f"第{i}项任务推进城市更新" for i in range(1, 9)) + "。"]
    texts = [base[i % 4] * (1 + i % 3) for i in range(37)] + ["", "   ", base[0]]
    seen: list[tuple[int, int]] = []
    out = tr.translate(texts, progress=lambda d, t: seen.append((d, t)))
    assert len(out) == len(texts)
    for text, hyp in zip(texts, out, strict=True):
        assert hyp.src_tokens == (tr.count_tokens(text) if text.strip() else 0)
        assert bool(hyp.text) == bool(text.strip())
        # a batch holds lengths w..2w+8, its cap is the longest one's
        assert hyp.tokens <= (decode_cap(2 * hyp.src_tokens + 8) if text.strip() else 0)
    assert seen[-1] == (len(texts), len(texts))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_fixed_length_gives_every_path_the_same_work(make) -> None:  # type: ignore[no-untyped-def]
    tr = make(4, fixed=12)
    out = tr.translate(["各位代表：", "经济发展稳中有进。" * 5, ""])
    assert [h.tokens for h in out] == [12, 12, 0]
    assert [h.hit_cap for h in out] == [True, True, False]
