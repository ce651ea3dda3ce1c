import pytest
import torch

import d2l_local as d2l
from d2l_local import hardware


def test_device_helpers():
    assert d2l.cpu() == torch.device("cpu") and d2l.gpu(1) == torch.device("cuda:1")
    gpus = d2l.try_all_gpus()
    if d2l.num_gpus() == 0:
        assert gpus == [d2l.cpu()]
    else:
        assert gpus == [d2l.gpu(i) for i in range(d2l.num_gpus())]
    assert d2l.try_gpu(d2l.num_gpus() + 5).type in {"cpu", "mps"}
    assert d2l.describe_device("cpu").startswith("cpu (") and "threads" in d2l.describe_device(
        "cpu")


def test_select_device():
    assert hardware.select_device(0, None, verbose=False) == (d2l.cpu(), 1)
    assert hardware.select_device(1, "cpu") == (d2l.cpu(), 1)
    if not torch.cuda.is_available():
        dev, world = hardware.select_device(1, None, verbose=False)
        assert world == 1 and dev.type in {"cpu", "mps"}
        with pytest.warns(UserWarning, match="num_gpus=2 asked for"):
            assert hardware.select_device(2, "auto", verbose=False)[1] == 1


def test_device_slug_names_a_file():
    assert hardware.device_slug("cpu") == "cpu"
    assert hardware.device_slug(torch.device("mps")) == "mps"


def test_out_of_memory_is_recognised_on_every_device():
    try:
        torch.empty(2**46, dtype=torch.uint8)
    except RuntimeError as err:
        cpu_error = err
    assert hardware.is_out_of_memory(cpu_error)
    assert hardware.is_out_of_memory(torch.cuda.OutOfMemoryError("CUDA out of memory"))
    assert hardware.is_out_of_memory(RuntimeError("MPS backend out of memory"))
    assert not hardware.is_out_of_memory(RuntimeError("mat1 and mat2 shapes cannot be multiplied"))
    assert not hardware.is_out_of_memory(ValueError("out of memory"))


def test_bf16_units_follow_the_hardware(monkeypatch):
    def has(name):
        check = getattr(torch.cpu, name, None)
        return bool(check and check())
    expected = has("_is_amx_tile_supported") or has("_is_avx512_bf16_supported")
    assert hardware.bf16_units("cpu") is expected
    assert hardware.bf16_units(torch.device("mps")) is False
    # AVX512-BF16 alone (an AMD Zen 4, say) is enough; AMX alone too; neither is not
    for amx, avx in ((False, True), (True, False), (False, False)):
        monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda a=amx: a)
        monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda v=avx: v)
        assert hardware.bf16_units("cpu") is (amx or avx)


def test_the_cpu_is_named_by_its_model(monkeypatch, tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel name\t: AMD EPYC  9R14 96-Core Processor\n")
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: real_open(
        info if path == "/proc/cpuinfo" else path, *a, **k))
    assert hardware.device_name("cpu") == "AMD EPYC 9R14 96-Core Processor"
    info.write_text("processor\t: 0\n")
    assert hardware.device_name("cpu") == (hardware.platform.processor()
                                           or hardware.platform.machine() or "CPU")


def test_median_seconds_takes_the_middle_and_warms_up():
    calls = []
    fake = iter([0.0, 1.0, 10.0, 13.0, 20.0, 22.0])  # start and end of each timed call
    real = hardware.time.perf_counter
    try:
        hardware.time.perf_counter = lambda: next(fake)
        seconds = hardware.median_seconds(lambda: calls.append(1), "cpu", repeat=3, warmup=2)
    finally:
        hardware.time.perf_counter = real
    assert len(calls) == 5 and seconds == 2.0  # durations 1, 3 and 2: the median is 2
    fake = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0])
    try:
        hardware.time.perf_counter = lambda: next(fake)
        seconds = hardware.median_seconds(lambda: None, "cpu", repeat=3, warmup=0,
                                          pick="fastest")
    finally:
        hardware.time.perf_counter = real
    assert seconds == 1.0  # durations 3, 1 and 2: a device's rate is its fastest call


def test_a_devices_rates_are_timed_by_their_fastest_call(monkeypatch):
    """Work beside a measurement only slows it: the rates a page quotes come from the
    fastest call, not the median (a build beside another once quoted a third of the rate)."""
    picked = []
    real = hardware.median_seconds
    monkeypatch.setattr(hardware, "median_seconds", lambda *a, **k: picked.append(
        k.get("pick")) or real(*a, **k))
    hardware.matmul_tflops("cpu", n=64, repeat=1)
    hardware.conv_tflops("cpu", batch=1, size=8, repeat=1)
    hardware.copy_gbps("cpu", mib=1, repeat=1)
    assert picked == ["fastest"] * 3


def test_rates_and_forward_time_are_measured():
    assert hardware.matmul_tflops("cpu", n=128, repeat=2) > 0
    assert hardware.conv_tflops("cpu", batch=1, size=8, repeat=2) > 0
    model = d2l.LeNet()
    model.train()
    assert 0 < d2l.time_forward(model, 4, 28, "cpu", repeat=2) < 5
    assert model.training
    assert hardware.copy_gbps("cpu", mib=8, repeat=2) > 0.1


def small_rates(calls):
    def measure(device, repeat=5):
        calls.append(str(device))
        return {"matmul fp32 TFLOP/s": hardware.matmul_tflops(device, 64, repeat=1),
                "matmul bf16 TFLOP/s": None, "conv fp32 TFLOP/s": 1.0, "copy GB/s": 2.0,
                "matrix size": 64}
    return measure


def test_a_machine_is_measured_once_and_every_page_reads_that_measurement(monkeypatch,
                                                                           tmp_path):
    calls = []
    monkeypatch.setenv("D2L_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(hardware, "measure_rates", small_rates(calls))
    first = d2l.measured_rates("cpu")
    assert first["device"] == d2l.describe_device("cpu") and first["matmul fp32 TFLOP/s"] > 0
    assert first["measured"].endswith("UTC") and "key" not in first
    assert hardware.rates_path("cpu") == tmp_path / "rates-cpu.json"
    assert d2l.measured_rates("cpu") == first  # read back, not measured again
    assert d2l.throughput_table() == [first] or d2l.try_gpu().type != "cpu"
    assert calls == ["cpu"]
    torch.set_num_threads(1)  # another thread count is another machine's rate
    try:
        other = d2l.measured_rates("cpu")
    finally:
        torch.set_num_threads(2)
    assert calls == ["cpu", "cpu"] and other["device"].endswith("1 thread)")
    d2l.measured_rates("cpu", fresh=True)
    assert len(calls) == 3
    hardware.rates_path("cpu").write_text("{not json")  # a torn file is measured again
    assert d2l.measured_rates("cpu")["device"] == d2l.describe_device("cpu")
    assert len(calls) == 4
    # a measurement kept by an earlier method of timing is measured again
    import json
    saved = json.loads(hardware.rates_path("cpu").read_text())
    saved["key"].pop("method", None)  # as the files of the median method were kept
    hardware.rates_path("cpu").write_text(json.dumps(saved))
    d2l.measured_rates("cpu")
    assert len(calls) == 5


def test_measure_rates_measures_bf16_only_with_bf16_units(monkeypatch):
    rates = hardware.measure_rates("cpu", repeat=1)
    assert rates["matmul fp32 TFLOP/s"] > 0 and rates["copy GB/s"] > 0
    assert (rates["matmul bf16 TFLOP/s"] is None) is (not hardware.bf16_units("cpu"))


def test_peak_flops_only_for_known_gpus():
    assert hardware.peak_flops("cpu") is None


def test_the_hardware_tables_are_in_each_language(monkeypatch):
    """The page's tables: headers and words in the reader's language, numbers written as
    it writes them, a rate the device has no units for said in words (it showed 'None'),
    and in the static book every language, of which the page's stylesheet shows one."""
    import pandas as pd

    from d2l_local.locales import LANGUAGES
    rows = [{"device": "cpu (AMD EPYC, 2 threads)", "matmul fp32 TFLOP/s": 0.04912,
             "matmul bf16 TFLOP/s": None, "conv fp32 TFLOP/s": 0.0451, "copy GB/s": 12.5,
             "matrix size": 2048, "measured": "2026-01-02 03:04 UTC"}]
    table = hardware.table(pd.DataFrame(rows).set_index("device"), "rates")
    assert table.rows("en")[1] == ["cpu (AMD EPYC, 2 threads)", "0.049", "no bf16 units",
                                   "0.045", "12.5", "2048", "2026-01-02 03:04 UTC"]
    vi_head, vi_row = table.rows("vi")
    assert vi_row[:6] == ["cpu (AMD EPYC, 2 luồng)", "0,049", "không có bộ bf16", "0,045",
                          "12,5", "2048"]
    # a column reads as one format: 0.360 beside 0.325, 32.0 beside 12.5, and four-digit
    # counts grouped only beside five-digit ones (2048 as the prose and Exercise 3 write it)
    two = pd.DataFrame([rows[0], {**rows[0], "device": "cuda:0", "conv fp32 TFLOP/s": 0.36,
                                  "copy GB/s": 32.0, "matrix size": 16384}]).set_index("device")
    en = hardware.table(two, "rates").rows("en")
    assert [r[3] for r in en[1:]] == ["0.045", "0.360"]
    assert [r[4] for r in en[1:]] == ["12.5", "32.0"] and [r[5] for r in en[1:]] == [
        "2,048", "16,384"]
    zh_head, zh_row = table.rows("zh")
    assert zh_head[0] == "设备" and zh_row[2] == "无 bf16 单元"
    assert zh_row[0] == "cpu（AMD EPYC，2 个线程）"  # as every sentence of the page writes it
    for lang in LANGUAGES:  # every header has a translation, none is left in English
        head = table.rows(lang)[0]
        assert len(set(head)) == len(head)
        if lang != "en":
            assert not set(head) & set(table.rows("en")[0])
    power = pd.DataFrame([{"power ~ clock^": 2, "design": "1 fast core", "cores": 1,
                           "power": 1.0, "work per second": 1.0},
                          {"power ~ clock^": 2, "design": "cores at 1/4 of its clock",
                           "cores": 16, "power": 1.0, "work per second": 4.0}]
                         ).set_index(["power ~ clock^", "design"])
    assert [r[1] for r in hardware.table(power, "power").rows("vi")[1:]] == \
        ["1 lõi nhanh", "lõi chạy ở 1/4 xung nhịp của nó"]
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    html = hardware.table(power, "power")._repr_html_()
    assert html.startswith('<div class="d2l-l10n">')
    assert all(f'<div lang="{lang}">' in html for lang in LANGUAGES)
    assert html.count('role="region"') == len(LANGUAGES) and 'tabindex="0"' in html
    monkeypatch.setenv("D2L_STATIC_BOOK", "0")
    monkeypatch.setenv("D2L_LANG", "zh")
    assert "设计" in hardware.table(power, "power")._repr_html_()
    assert "d2l-l10n" not in hardware.table(power, "power")._repr_html_()
