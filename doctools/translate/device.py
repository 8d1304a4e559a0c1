"""Where the translation model runs: CTranslate2's device, compute type and threads.

The choice depends only on what the user asked for and on two facts CTranslate2 reports —
how many CUDA devices it sees and which compute types each device runs efficiently — so
:func:`plan_device` takes those facts as arguments and is pure: tests exercise every branch
(a GPU machine included) without a GPU. :func:`detect_device` asks CTranslate2 for the facts.

Rules: ``auto`` is CUDA when CTranslate2 sees a CUDA device, else the CPU (CTranslate2's own
notion of a usable GPU: driver present, device visible, e.g. through ``CUDA_VISIBLE_DEVICES``
as Ray sets it for an actor that asked for a GPU). The compute type is the fastest the device
supports: int8 weights with float16 activations on tensor-core GPUs, int8 on the CPU (see
CTranslate2's quantization notes). Threads are planned for the CPU only; on CUDA one batch
runs at a time per visible GPU, all GPUs in use.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from doctools.errors import ConfigError

DEVICES = ("auto", "cpu", "cuda")
# fastest first; the first one the device supports wins
PREFERRED: Mapping[str, tuple[str, ...]] = {
    "cuda": ("int8_float16", "float16", "int8_bfloat16", "bfloat16", "int8_float32", "int8", "float32"),
    "cpu": ("int8", "int8_float32", "int16", "float32"),
}
# CTranslate2 resolves these itself on any device
_ALWAYS = ("default", "auto")


@dataclass(frozen=True)
class DevicePlan:
    """Everything ``ctranslate2.Translator`` needs to know about where it runs."""

    device: str  # "cpu" or "cuda"
    device_index: tuple[int, ...]  # the GPUs used (cuda), (0,) on the CPU
    compute_type: str
    inter: int  # batches translated in parallel (per GPU on cuda)
    intra: int  # threads per batch (the CPU's share; 1 on cuda)

    @property
    def workers(self) -> int:
        """Batches in flight at once: what the batch planner must keep busy."""
        return self.inter * len(self.device_index)

    def describe(self) -> str:
        if self.device == "cuda":
            gpus = ",".join(str(i) for i in self.device_index)
            return f"cuda:{gpus} {self.compute_type}"
        return f"cpu {self.compute_type} {self.inter}×{self.intra} threads"


def thread_plan(n: int) -> tuple[int, int]:
    """(inter, intra) CPU threads for n cores: parallel batches beat intra-op threads on few
    cores (2 cores: 2/1 beat 1/2 by 1.7-2.3×, shared/docs/translation.md)."""
    inter = max(1, min(n, 4))
    return inter, max(1, n // inter)


def choose_device(requested: str | None, cuda_devices: int) -> str:
    """``cpu`` or ``cuda`` for what the user asked (``auto`` when None)."""
    want = (requested or "auto").strip().lower()
    if want not in DEVICES:
        raise ConfigError(f"unknown device {requested!r}; use one of {', '.join(DEVICES)}")
    if want == "cuda" and cuda_devices < 1:
        raise ConfigError("device cuda asked for, but CTranslate2 sees no CUDA device (it needs an NVIDIA GPU, "
                          "its driver and CUDA 12); use device auto or cpu")
    if want == "auto":
        return "cuda" if cuda_devices > 0 else "cpu"
    return want


def choose_compute_type(device: str, supported: Collection[str], requested: str | None = None) -> str:
    """The compute type for ``device``: the one asked for (checked), else the fastest supported."""
    if requested:
        if requested in _ALWAYS or requested in supported:
            return requested
        raise ConfigError(f"compute type {requested} is not supported on {device} "
                          f"(supported: {', '.join(sorted(supported)) or 'none'})")
    for ct in PREFERRED[device]:
        if ct in supported:
            return ct
    return "default"


def plan_device(requested: str | None, cuda_devices: int, supported: Mapping[str, Collection[str]], *,
                compute_type: str | None = None, threads: tuple[int, int] | None = None,
                cores: int = 1) -> DevicePlan:
    """The full choice from the facts: CUDA device count and compute types per device.

    ``supported`` needs an entry for the chosen device only (``cuda`` when a GPU is seen).
    ``threads`` overrides the thread plan; ``cores`` sizes it on the CPU.
    """
    device = choose_device(requested, cuda_devices)
    ct = choose_compute_type(device, supported.get(device, ()), compute_type)
    if threads is not None and (threads[0] < 1 or threads[1] < 0):
        raise ConfigError(f"threads must be (inter ≥ 1, intra ≥ 0), not {threads}")
    if device == "cuda":
        inter, intra = threads or (1, 1)
        return DevicePlan("cuda", tuple(range(cuda_devices)), ct, inter, intra)
    inter, intra = threads or thread_plan(cores)
    return DevicePlan("cpu", (0,), ct, inter, intra)


def detect_device(requested: str | None = "auto", *, compute_type: str | None = None,
                  threads: tuple[int, int] | None = None, cores: int = 1) -> DevicePlan:
    """:func:`plan_device` with the facts CTranslate2 reports on this machine."""
    import ctranslate2

    count = ctranslate2.get_cuda_device_count()
    supported = {"cpu": set(ctranslate2.get_supported_compute_types("cpu"))}
    if count > 0:
        supported["cuda"] = set(ctranslate2.get_supported_compute_types("cuda"))
    return plan_device(requested, count, supported, compute_type=compute_type, threads=threads, cores=cores)


__all__ = ["DEVICES", "DevicePlan", "choose_compute_type", "choose_device", "detect_device", "plan_device",
           "thread_plan"]
