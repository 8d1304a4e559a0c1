"""Build a small but REAL argos package offline: SentencePiece + random-weight CTranslate2.

Why: the real zh→en package cannot be downloaded here, and tests must drive the actual
engine (SentencePiece, CTranslate2, argos's installer) rather than a stand-in. Random
weights give deterministic gibberish, so callers assert structure (segment counts, order,
alignment, placeholders, offline), never content. The benchmark builds a realistic-size
model (6+6 layers, d512, ffn 2048, vocab ~50k) with the same function.

Recipe (see ``shared/docs/translation.md``): the CTranslate2 vocabulary is the
SentencePiece pieces in id order (``<unk> <s> </s>`` = ids 0-2), padded with unused pieces
up to ``vocab_size``; the package is zipped with one top-level directory holding
``metadata.json``, ``model/`` and ``sentencepiece.model``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypedDict, Unpack


class ModelOptions(TypedDict, total=False):
    """The keyword options of :func:`build_ct2_model` (what ``build_package`` passes on)."""

    layers: tuple[int, int]
    heads: int
    d_model: int
    ffn: int
    vocab_size: int | None
    quantization: str
    seed: int


def train_sentencepiece(lines: Iterable[str], vocab_size: int = 2000) -> bytes:
    """A unigram SentencePiece model (bytes) trained on ``lines``."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([ln for ln in lines if ln.strip()]),
        model_writer=buf,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        model_type="unigram",
        minloglevel=2,
    )
    return buf.getvalue()


def _set_weights(spec: Any, *, d: int, ffn: int, vocab: int, layers: tuple[int, int], seed: int) -> None:
    # spec: a ctranslate2 TransformerSpec, whose layer tree ctranslate2 does not type
    import numpy as np

    rng = np.random.default_rng(seed)

    def w(*shape: int) -> object:
        return (rng.standard_normal(shape) * 0.05).astype("float32")

    def norm(ln: Any) -> None:
        ln.gamma = np.ones(d, dtype="float32")
        ln.beta = np.zeros(d, dtype="float32")

    emb = w(vocab, d)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = emb
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d, d)
        layer.self_attention.linear[1].weight = w(d, d)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = w(ffn, d)
        layer.ffn.linear_1.weight = w(d, ffn)
    dec.embeddings.weight = emb
    dec.projection.weight = emb
    norm(dec.layer_norm)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d, d)
        layer.self_attention.linear[1].weight = w(d, d)
        norm(layer.attention.layer_norm)
        layer.attention.linear[0].weight = w(d, d)
        layer.attention.linear[1].weight = w(2 * d, d)
        layer.attention.linear[2].weight = w(d, d)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = w(ffn, d)
        layer.ffn.linear_1.weight = w(d, ffn)


def build_ct2_model(
    out_dir: Path,
    pieces: list[str],
    *,
    layers: tuple[int, int] = (2, 2),
    heads: int = 2,
    d_model: int = 64,
    ffn: int = 128,
    vocab_size: int | None = None,
    quantization: str = "int8",
    seed: int = 1234,
) -> None:
    """A random-weight CTranslate2 transformer whose vocabulary is ``pieces`` (padded)."""
    from ctranslate2.specs import transformer_spec

    vocab = list(pieces)
    for i in range(max(0, (vocab_size or 0) - len(vocab))):
        vocab.append(f"▁pad{i}")
    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    _set_weights(spec, d=d_model, ffn=ffn, vocab=len(vocab), layers=layers, seed=seed)
    spec.config.unk_token, spec.config.bos_token = "<unk>", "<s>"
    spec.config.eos_token, spec.config.decoder_start_token = "</s>", "<s>"
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def build_package(
    out_file: Path,
    corpus: Iterable[str],
    *,
    from_code: str = "zh",
    to_code: str = "en",
    version: str = "0.0.1",
    sp_vocab: int = 2000,
    **model_options: Unpack[ModelOptions],
) -> Path:
    """Write an installable ``.argosmodel`` zip to ``out_file`` and return it."""
    import sentencepiece as spm

    sp_bytes = train_sentencepiece(corpus, sp_vocab)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    top = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    names = {"zh": "Chinese", "zt": "Chinese (traditional)", "en": "English"}
    metadata = {
        "package_version": version, "argos_version": "1.9.0", "from_code": from_code,
        "from_name": names.get(from_code, from_code), "to_code": to_code,
        "to_name": names.get(to_code, to_code), "type": "translate",
    }
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        build_ct2_model(model_dir, pieces, **model_options)
        out_file.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_file, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(f"{top}/metadata.json", json.dumps(metadata))
            z.writestr(f"{top}/sentencepiece.model", sp_bytes)
            for f in sorted(model_dir.iterdir()):
                z.write(f, f"{top}/model/{f.name}")
    return out_file


__all__ = ["ModelOptions", "build_ct2_model", "build_package", "train_sentencepiece"]
