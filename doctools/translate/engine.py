"""The translation engine: an argos package's CTranslate2 model driven directly.

Why not ``argostranslate.translate``: it translates one paragraph per call (≈1 sentence
per batch for Chinese), oversubscribes small machines (4 intra threads), sets no output
cap and no repetition guard, truncates long inputs silently and its sentencizer reaches
the network. Here every segment of a document goes to CTranslate2 at once, sorted by
length into token-budget batches submitted asynchronously (so ``inter_threads`` workers
run in parallel), with an output cap tied to each batch's source length; SentencePiece is
applied and undone by us (argos's decoder turns ``_`` into spaces).

Defaults, measured with ``benchmarks/translate_speed.py`` (2 cores, 6+6-layer d512 random
model, 62 sentences, 40 output tokens each in every path): beam 4 3.48 s, beam 2 2.36 s,
beam 1 1.73 s; argos's own path at beam 4 10.48 s with tuned threads, 31.67 s with its
defaults. Default beam is 2: ~1.5× faster than beam 4 while still searching (quality
cannot be measured here: no real model; users who want argos's beam 4 pass ``--beam 4``,
the fastest is ``--beam 1``). Threads ``inter = cores (≤4), intra = cores // inter``
(2 cores: 2/1, which beat 1/2 by 1.7-2.3× in shared/docs/translation.md); int8 whenever
CTranslate2 supports it on the CPU (2.6-2.9× faster than float32 there).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypedDict, Unpack

from doctools.errors import ConfigError
from doctools.translate.models import ModelInfo

DEFAULT_BEAM = 2
BATCH_TOKENS = 2048
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
    """(inter, intra) threads: parallel batches beat intra-op threads on few cores."""
    n = n or cores()
    inter = min(n, 4)
    return inter, max(1, n // inter)


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
    compute_type: str | None
    threads: tuple[int, int] | None
    batch_tokens: int
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
        compute_type: str | None = None,
        threads: tuple[int, int] | None = None,
        batch_tokens: int = BATCH_TOKENS,
        max_input_tokens: int = MAX_INPUT_TOKENS,
        repetition_penalty: float = REPETITION_PENALTY,
        no_repeat_ngram_size: int = NO_REPEAT_NGRAM,
        fixed_length: int | None = None,
    ) -> None:
        import ctranslate2
        import sentencepiece as spm

        if beam_size < 1:
            raise ConfigError("beam size must be at least 1")
        self.info = model
        self.beam_size = beam_size
        self.batch_tokens = batch_tokens
        self.max_input_tokens = max_input_tokens
        self.repetition_penalty = repetition_penalty
        self.no_repeat_ngram_size = no_repeat_ngram_size
        # benchmarks only: every output exactly this long (equal work for random weights)
        self.fixed_length = fixed_length
        sp_path = _find_sp(model.path)
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        self.inter, self.intra = threads or thread_plan()
        supported = ctranslate2.get_supported_compute_types("cpu")
        self.compute_type = compute_type or ("int8" if "int8" in supported else "default")
        try:
            self.model = ctranslate2.Translator(
                str(model.path / "model"), device="cpu", compute_type=self.compute_type,
                inter_threads=self.inter, intra_threads=self.intra,
            )
        except (RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot load translation model {model.name}: {exc}") from exc
        meta = _metadata(model.path)
        self.target_prefix: str = meta.get("target_prefix", "") or ""

    @property
    def model_id(self) -> str:
        return self.info.model_id

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
        """Cut length-sorted items into batches: within the token budget, of similar length
        (the output cap is per batch, so a short segment must not inherit a long one's cap)
        and numerous enough that every inter-thread worker gets batches."""
        n = len(order)
        max_items = max(1, min(64, -(-n // (2 * self.inter))))
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
        return batches

    def _submit(self, batch: list[int], pieces: list[list[str]]) -> tuple[list[int], int, list[_AsyncResult]]:
        longest = max(len(pieces[i]) for i in batch)
        cap = self.fixed_length or decode_cap(longest)
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


__all__ = ["DEFAULT_BEAM", "Hypothesis", "Translator", "TranslatorOptions", "decode_cap", "load_translator",
           "thread_plan"]
