"""Where the model runs: the device choice from CTranslate2's facts, and the real path here.

``plan_device`` takes the CUDA device count and the supported compute types as arguments,
so a GPU machine is described, not mocked; the real ``detect_device`` asks CTranslate2.
"""

from __future__ import annotations

import pytest

from doctools.errors import ConfigError
from doctools.translate.device import (
    DevicePlan,
    choose_compute_type,
    choose_device,
    detect_device,
    plan_device,
    thread_plan,
)

# what CTranslate2 4.x reports (shapes from its quantization notes)
CPU_INTEL = {"float32", "int8", "int8_float32", "int16"}
CPU_NO_INT8 = {"float32"}
GPU_AMPERE = {"float32", "float16", "bfloat16", "int8", "int8_float32", "int8_float16", "int8_bfloat16"}
GPU_PASCAL_61 = {"float32", "int8", "int8_float32"}  # compute capability 6.1: no efficient fp16


def test_auto_is_cpu_without_a_gpu() -> None:
    plan = plan_device("auto", 0, {"cpu": CPU_INTEL}, cores=2)
    assert plan == DevicePlan("cpu", (0,), "int8", 2, 1)
    assert plan.workers == 2
    assert plan.describe() == "cpu int8 2×1 threads"


def test_auto_is_cuda_when_ctranslate2_sees_a_gpu() -> None:
    plan = plan_device("auto", 2, {"cpu": CPU_INTEL, "cuda": GPU_AMPERE}, cores=16)
    assert plan.device == "cuda"
    assert plan.compute_type == "int8_float16"  # int8 weights, fp16 activations on tensor cores
    assert plan.device_index == (0, 1)  # every visible GPU (Ray narrows them with CUDA_VISIBLE_DEVICES)
    assert (plan.inter, plan.intra) == (1, 1)  # no CPU thread plan on the GPU
    assert plan.workers == 2
    assert plan.describe() == "cuda:0,1 int8_float16"


def test_older_gpu_gets_the_fastest_type_it_supports() -> None:
    assert plan_device("cuda", 1, {"cuda": GPU_PASCAL_61}).compute_type == "int8_float32"
    assert plan_device("cuda", 1, {"cuda": {"float32", "float16"}}).compute_type == "float16"
    assert plan_device("cuda", 1, {"cuda": {"float32"}}).compute_type == "float32"


def test_cpu_asked_for_on_a_gpu_machine_stays_on_the_cpu() -> None:
    plan = plan_device("cpu", 4, {"cpu": CPU_INTEL, "cuda": GPU_AMPERE}, cores=8)
    assert (plan.device, plan.compute_type, plan.inter, plan.intra) == ("cpu", "int8", 4, 2)


def test_cpu_without_int8_falls_back_to_float32() -> None:
    assert plan_device("auto", 0, {"cpu": CPU_NO_INT8}).compute_type == "float32"
    assert choose_compute_type("cpu", set()) == "default"  # CTranslate2 then keeps the model's own type


def test_cuda_without_a_device_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError) as err:
        plan_device("cuda", 0, {"cpu": CPU_INTEL})
    msg = str(err.value)
    assert "no CUDA device" in msg and "auto or cpu" in msg and "\n" not in msg


@pytest.mark.parametrize("asked", ["gpu", "tpu", "cuda:0", ""])
def test_unknown_device_is_refused(asked: str) -> None:
    if asked == "":  # empty means the default, like None
        assert choose_device(asked, 0) == "cpu"
        return
    with pytest.raises(ConfigError, match="unknown device"):
        choose_device(asked, 1)


def test_device_names_are_case_and_space_tolerant() -> None:
    assert choose_device(" CUDA ", 1) == "cuda"
    assert choose_device("Auto", 0) == "cpu"
    assert choose_device(None, 3) == "cuda"


def test_explicit_compute_type_is_checked_against_the_device() -> None:
    assert plan_device("cpu", 0, {"cpu": CPU_INTEL}, compute_type="int16").compute_type == "int16"
    assert plan_device("cpu", 0, {"cpu": CPU_INTEL}, compute_type="default").compute_type == "default"
    assert plan_device("cuda", 1, {"cuda": GPU_AMPERE}, compute_type="float16").compute_type == "float16"
    with pytest.raises(ConfigError, match=r"float16 is not supported on cpu \(supported: float32, int16"):
        plan_device("cpu", 0, {"cpu": CPU_INTEL}, compute_type="float16")


def test_threads_override_and_validation() -> None:
    plan = plan_device("cpu", 0, {"cpu": CPU_INTEL}, threads=(1, 2), cores=2)
    assert (plan.inter, plan.intra, plan.workers) == (1, 2, 1)
    assert plan_device("cuda", 1, {"cuda": GPU_AMPERE}, threads=(2, 4)).workers == 2
    with pytest.raises(ConfigError, match="threads"):
        plan_device("cpu", 0, {"cpu": CPU_INTEL}, threads=(0, 1))


@pytest.mark.parametrize(("cores", "plan"), [(1, (1, 1)), (2, (2, 1)), (3, (3, 1)), (8, (4, 2)), (16, (4, 4))])
def test_thread_plan_prefers_parallel_batches(cores: int, plan: tuple[int, int]) -> None:
    assert thread_plan(cores) == plan


# ----------------------------------------------------------------------------- the real path here


def test_real_auto_follows_what_ctranslate2_reports() -> None:
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    plan = detect_device("auto", cores=2)
    assert plan.device == ("cuda" if gpus else "cpu")
    if not gpus:  # this machine: no GPU, so auto is the CPU with int8 (CTranslate2 supports it on x86-64)
        assert plan.compute_type in ctranslate2.get_supported_compute_types("cpu")
        assert (plan.inter, plan.intra) == (2, 1)


def test_real_cuda_request_without_gpu_fails_clearly() -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a CUDA device")
    with pytest.raises(ConfigError, match="no CUDA device"):
        detect_device("cuda")


def test_translator_loads_on_the_chosen_device(installed_model) -> None:  # type: ignore[no-untyped-def]
    import ctranslate2

    from doctools.translate import load_translator

    tr = load_translator("zh", "en", device="auto", threads=(2, 1))
    expected = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
    assert tr.device == expected
    assert tr.model.device == expected  # what CTranslate2 itself reports
    assert tr.describe().startswith(expected)
    out = tr.translate(["各位代表：", "", "经济发展稳中有进。"])
    assert [bool(h.text) for h in out] == [True, False, True]


def test_translator_refuses_bad_device_requests(installed_model) -> None:  # type: ignore[no-untyped-def]
    import ctranslate2

    from doctools.translate import load_translator

    with pytest.raises(ConfigError, match="unknown device"):
        load_translator("zh", "en", device="gpu")
    with pytest.raises(ConfigError, match="not supported on cpu"):
        load_translator("zh", "en", device="cpu", compute_type="float16")
    if not ctranslate2.get_cuda_device_count():
        with pytest.raises(ConfigError, match="no CUDA device"):
            load_translator("zh", "en", device="cuda")


def test_unloadable_model_is_a_one_line_error(installed_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import dataclasses
    import shutil

    from doctools.translate.engine import Translator

    broken = tmp_path / installed_model.path.name
    shutil.copytree(installed_model.path, broken)
    data = (broken / "model" / "model.bin").read_bytes()
    (broken / "model" / "model.bin").write_bytes(data[: len(data) // 3])  # a truncated download
    with pytest.raises(ConfigError) as err:
        Translator(dataclasses.replace(installed_model, path=broken), device="cpu")
    assert str(err.value).startswith(f"cannot load translation model {installed_model.name}: ")
    assert "\n" not in str(err.value)
