"""The translation engine: an argos package's CTranslate2 model driven directly.

Why not ``argostranslate.translate``: it translates one paragraph per call (≈1 sentence
per batch for Chinese), oversubscribes small machines (4 intra threads), sets no output
cap and no repetition guard, truncates long inputs silently and its sentencizer reaches
the network. Here every segment of a document goes to CTranslate2 at once, sorted by
length into batches of similar length, submitted asynchronously heaviest first (so the
``inter_threads`` workers run in parallel and finish together), with an output cap tied to
each batch's source length; SentencePiece is applied and undone by us (argos's decoder
turns ``_`` into spaces). Where it runs (CPU or CUDA, compute type, threads) is chosen by
:mod:`doctools.translate.device`.

Measured with ``benchmarks/translate_speed.py`` (2 cores, 6+6-layer d512 random model,
40 output tokens per sentence in every path; see its ``--curve``): on one core the cost of
a sentence falls with the batch until a batch holds ~32-64 rows (sentences × beam), then
stays flat (beam 4: 347 → 113 CPU ms, ×3.1 at most); so batches hold ``ROWS_PER_BATCH``
rows and no more, which also leaves enough batches to keep every worker busy to the end
(and halves the memory of 128-row batches). What batching shares is the streaming of the
weights through the GEMMs; the rest of a sentence's cost is per row (KV-cache copies and
beam reordering, top-k and softmax over the vocabulary, int8 (de)quantization, attention:
~60% of the engine's CPU in a profile) and is the same work in argos's path, so at beam 4
the engine needs ~2.4× less CPU than argos and ~2.8× less idle-machine wall time.
Default beam is 2: ~1.8× cheaper than beam 4 while still searching (quality cannot be
measured here: no real model; users who want argos's beam 4 pass ``--beam 4``, the fastest
is ``--beam 1``). int8 on the CPU is 2.6-2.9× faster than float32.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypedDict, Unpack

from doctools.errors import ConfigError
from doctools.translate import device as _device
from doctools.translate.device import DevicePlan
from doctools.translate.models import ModelInfo

DEFAULT_BEAM = 2
# Per device: rows (sentences × beam) per batch, where the per-core cost stops falling
# (``translate_speed.py --curve``: from 32-64 rows on the CPU at beam 1, 2 and 4; 256 rows
# cost more again), and source tokens per batch at most (bounds one batch's memory). A GPU
# wants far larger batches (H200 reference in issue 11: 256-512 sentences; not measurable here).
ROWS_PER_BATCH = {"cpu": 64, "cuda": 1024}
BATCH_TOKENS = {"cpu": 2048, "cuda": 16384}
MAX_INPUT_TOKENS = 200  # longer segments are split at ；/，before translation
REPETITION_PENALTY = 1.05
NO_REPEAT_NGRAM = 4

Progress = Callable[[int, int], None]  # (segments done, total)


@dataclass(frozen=True)
class Hypothesis:
    """One translated segment: text (SentencePiece-decoded) and whether it hit the cap."""

    text: str
    tokens: int
    src_tokens: int
    hit_cap: bool


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def thread_plan(n: int | None = None) -> tuple[int, int]:
    """(inter, intra) CPU threads for n cores (default: this process's cores)."""
    return _device.thread_plan(n or cores())


def decode_cap(src_tokens: int) -> int:
    """Output-token cap for a source length: English needs ~1-2 pieces per Chinese piece."""
    return min(512, 2 * src_tokens + 10)


class _TranslationResult(Protocol):
    """ctranslate2's TranslationResult, as used here (ctranslate2 ships no types)."""

    hypotheses: list[list[str]]


class _AsyncResult(Protocol):
    """ctranslate2's AsyncTranslationResult (``translate_batch(..., asynchronous=True)``)."""

    def result(self) -> _TranslationResult: ...


class TranslatorOptions(TypedDict, total=False):
    """The keyword options of :class:`Translator` (what ``load_translator`` passes on)."""

    beam_size: int
    device: str
    compute_type: str | None
    threads: tuple[int, int] | None
    batch_tokens: int | None
    max_input_tokens: int
    repetition_penalty: float
    no_repeat_ngram_size: int
    fixed_length: int | None


class Translator:
    """A loaded model: load once per worker, translate many documents."""

    load_seconds: float  # set by load_translator
    _placeholder_style: str  # chosen and set on first use by translate.document

    def __init__(
        self,
        model: ModelInfo,
        *,
        beam_size: int = DEFAULT_BEAM,
        device: str = "auto",
        compute_type: str | None = None,
        threads: tuple[int, int] | None = None,
        batch_tokens: int | None = None,
        max_input_tokens: int = MAX_INPUT_TOKENS,
        repetition_penalty: float = REPETITION_PENALTY,
        no_repeat_ngram_size: int = NO_REPEAT_NGRAM,
        fixed_length: int | None = None,
    ) -> None:
        import sentencepiece as spm

        if beam_size < 1:
            raise ConfigError("beam size must be at least 1")
        self.info = model
        self.beam_size = beam_size
        self.max_input_tokens = max_input_tokens
        self.repetition_penalty = repetition_penalty
        self.no_repeat_ngram_size = no_repeat_ngram_size
        # benchmarks only: every output exactly this long (equal work for random weights)
        self.fixed_length = fixed_length
        sp_path = _find_sp(model.path)
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        self.device_plan = _device.detect_device(device, compute_type=compute_type, threads=threads, cores=cores())
        self.model = _load(model, self.device_plan)
        self.device = self.device_plan.device
        self.compute_type = self.device_plan.compute_type
        self.inter, self.intra = self.device_plan.inter, self.device_plan.intra
        self.batch_tokens = batch_tokens or BATCH_TOKENS[self.device]
        meta = _metadata(model.path)
        self.target_prefix: str = meta.get("target_prefix", "") or ""

    @property
    def model_id(self) -> str:
        return self.info.model_id

    def describe(self) -> str:
        """Where the model runs, for logs: ``cpu int8 2×1 threads``, ``cuda:0 int8_float16``."""
        return self.device_plan.describe()

    def settings_key(self) -> str:
        """What changes the output besides the source: part of the memory key."""
        return f"beam{self.beam_size}:rp{self.repetition_penalty}:nr{self.no_repeat_ngram_size}"

    def count_tokens(self, text: str) -> int:
        return len(self.sp.encode(text, out_type=int))

    def round_trips(self, text: str) -> bool:
        """True when ``text`` survives SentencePiece encode → decode unchanged, without <unk>."""
        ids = self.sp.encode(text, out_type=int)
        return self.sp.unk_id() not in ids and self.sp.decode(ids) == text

    def translate(self, texts: Sequence[str], progress: Progress | None = None) -> list[Hypothesis]:
        """Translate every text; result i belongs to text i. Empty texts stay empty."""
        pieces = [self.sp.encode(t, out_type=str) if t.strip() else [] for t in texts]
        order = sorted((i for i, p in enumerate(pieces) if p), key=lambda i: len(pieces[i]))
        out: list[Hypothesis | None] = [None] * len(texts)
        for i, p in enumerate(pieces):
            if not p:
                out[i] = Hypothesis("", 0, 0, False)
        pending = [self._submit(b, pieces) for b in self.plan([len(pieces[i]) for i in order], order)]
        done = len(texts) - len(order)
        total = len(texts)
        if progress:
            progress(done, total)
        for idx, cap, results in pending:
            for i, res in zip(idx, results, strict=True):
                hyp = res.result().hypotheses[0]
                if self.target_prefix and hyp and hyp[0] == self.target_prefix:
                    hyp = hyp[1:]
                text = self.sp.decode_pieces(hyp) if hyp else ""
                own = cap if self.fixed_length else min(cap, decode_cap(len(pieces[i])))
                out[i] = Hypothesis(text, len(hyp), len(pieces[i]), len(hyp) >= own)
                done += 1
                if progress:
                    progress(done, total)
        return [h for h in out if h is not None]

    def plan(self, widths: list[int], order: list[int]) -> list[list[int]]:
        """Cut length-sorted items into batches, heaviest first.

        A batch holds at most ``ROWS_PER_BATCH`` rows (more costs as much per sentence) and
        ``batch_tokens`` source tokens, and only segments of similar length (the output cap is
        per batch, so a short segment must not inherit a long one's cap; padding stays small).
        The cut never depends on the number of threads: which segments share a batch (its
        padding, its cap) can change the output, and the English must be the same whichever
        executor and how many workers made it. Heaviest batches go first so that the workers
        finish together: the last ones are the cheapest.
        """
        rows = ROWS_PER_BATCH[self.device]
        max_items = max(1, rows // self.beam_size)
        batches: list[list[int]] = []
        batch: list[int] = []
        first = 0
        for width, i in zip(widths, order, strict=True):
            if batch and ((len(batch) + 1) * width > self.batch_tokens or len(batch) >= max_items
                          or width > first * 2 + 8):
                batches.append(batch)
                batch = []
            if not batch:
                first = width
            batch.append(i)
        if batch:
            batches.append(batch)
        cost = dict(zip(order, widths, strict=True))
        return sorted(batches, key=lambda b: -len(b) * (self._cap(cost[b[-1]]) + cost[b[-1]]))

    def _cap(self, longest: int) -> int:
        return self.fixed_length or decode_cap(longest)

    def _submit(self, batch: list[int], pieces: list[list[str]]) -> tuple[list[int], int, list[_AsyncResult]]:
        cap = self._cap(max(len(pieces[i]) for i in batch))
        extra = {"min_decoding_length": cap} if self.fixed_length else {}
        prefix = [[self.target_prefix] for _ in batch] if self.target_prefix else None
        results = self.model.translate_batch(
            [pieces[i] for i in batch],
            target_prefix=prefix,
            beam_size=self.beam_size,
            max_decoding_length=cap,
            max_input_length=0,  # we split long inputs ourselves; never truncate silently
            repetition_penalty=self.repetition_penalty,
            no_repeat_ngram_size=self.no_repeat_ngram_size,
            return_scores=False,
            asynchronous=True,
            **extra,
        )
        return batch, cap, list(results)


def _load(model: ModelInfo, plan: DevicePlan) -> Any:  # a ctranslate2.Translator (untyped)
    import ctranslate2

    try:
        return ctranslate2.Translator(
            str(model.path / "model"), device=plan.device, device_index=list(plan.device_index),
            compute_type=plan.compute_type, inter_threads=plan.inter, intra_threads=plan.intra,
        )
    except (RuntimeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if plan.device == "cpu":
            raise ConfigError(f"cannot load translation model {model.name}: {first}") from exc
        # a GPU CTranslate2 sees but cannot use (e.g. CUDA 12 libraries missing): say so, no silent CPU
        raise ConfigError(f"cannot load translation model {model.name} on {plan.describe()}: {first} "
                          "(check CTranslate2's CUDA requirements, or use device cpu)") from exc


def _find_sp(path: Path) -> Path:
    for name in ("sentencepiece.model", "spm.model", "source.spm"):
        if (path / name).is_file():
            return path / name
    raise ConfigError(f"package {path.name} has no SentencePiece model (BPE packages are not supported)")


def _metadata(path: Path) -> dict[str, str]:
    import json

    try:
        data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_translator(from_code: str = "zh", to_code: str = "en", *, script: str | None = None,
                    **options: Unpack[TranslatorOptions]) -> Translator:
    """Find the installed package for the pair (zh/zt by ``script``) and load it once."""
    from doctools.translate.models import find

    t0 = time.perf_counter()
    tr = Translator(find(from_code, to_code, script=script), **options)
    tr.load_seconds = time.perf_counter() - t0
    return tr


__all__ = ["BATCH_TOKENS", "DEFAULT_BEAM", "ROWS_PER_BATCH", "Hypothesis", "Translator", "TranslatorOptions",
           "decode_cap", "load_translator", "thread_plan"]
