"""Devices: choose one, name it, time work on it, and measure its arithmetic rates."""

from __future__ import annotations

import html
import math
import os
import platform
import re
import time
import warnings
from pathlib import Path

import torch
import torch.nn.functional as F

from . import config
from .locales import CATALOGS, format_in, in_every_language

# Dense peak rates (FLOP/s) from the vendors' datasheets, for model FLOP utilisation.
# bf16 is the tensor-core rate without sparsity; fp32 the plain (non-TF32) rate. The one
# table of them: the chapter's peak-FLOPs history (figures.py) reads A100's and H100's
# here (datasheets: nvidia2020a100, nvidia2022h100 in references.bib).
PEAK_FLOPS = {
    "H200": {"bf16": 989e12, "fp32": 67e12},
    "H100 80GB HBM3": {"bf16": 989e12, "fp32": 67e12},  # SXM
    "H100 PCIe": {"bf16": 756e12, "fp32": 51e12},
    "H100": {"bf16": 989e12, "fp32": 67e12},
    "A100": {"bf16": 312e12, "fp32": 19.5e12},
    "L4": {"bf16": 121e12, "fp32": 30e12},
    "T4": {"bf16": 65e12, "fp32": 8.1e12},  # fp16 tensor rate; T4 has no bf16 units
    "V100": {"bf16": 125e12, "fp32": 15.7e12},
}


def cpu():
    """The CPU device."""
    return torch.device("cpu")


def gpu(i=0):
    """The i-th CUDA device."""
    return torch.device(f"cuda:{i}")


def num_gpus():
    """How many CUDA GPUs there are."""
    return torch.cuda.device_count()


def _mps_available():
    return bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())


def try_gpu(i=0):
    """The i-th GPU if it exists (CUDA, or Apple MPS for i=0), else the CPU."""
    if num_gpus() >= i + 1:
        return gpu(i)
    if i == 0 and _mps_available():
        return torch.device("mps")
    return cpu()


def try_all_gpus():
    """All CUDA GPUs, or [cpu()] if there are none."""
    return [gpu(i) for i in range(num_gpus())] or [cpu()]


def select_device(num_gpus_wanted=1, device=None, verbose=True):
    """(device, world_size) for a Trainer: an explicit device, else CUDA, MPS, then CPU.

    Asking for more GPUs than exist warns and uses what there is, as d2l does.
    """
    if device is not None:
        if isinstance(device, str) and device not in {"cpu", "cuda", "mps", "auto"} \
                and not device.startswith("cuda:"):
            raise ValueError(f"device={device!r} is not allowed: device must be 'auto', "
                             "'cpu', 'cuda', 'cuda:N' or 'mps'.")
        if device == "auto":
            return select_device(max(num_gpus_wanted, 1), None, verbose)
        dev = torch.device(device)
        if dev.type == "cuda" and not torch.cuda.is_available():
            raise ValueError(f"device={device!r} is not available: this machine has no "
                             "CUDA GPU. Use device='cpu' or 'auto'.")
        if dev.type == "mps" and not _mps_available():
            raise ValueError(f"device={device!r} is not available: no Apple GPU here.")
        return dev, 1
    if num_gpus_wanted == 0:
        return cpu(), 1
    have = num_gpus()
    if have == 0:
        dev = try_gpu()
        if dev.type == "cpu" and verbose:
            config.tell("msg_no_gpu")
        if num_gpus_wanted > 1:
            warnings.warn(f"num_gpus={num_gpus_wanted} asked for, none available; "
                          f"using {dev}.", stacklevel=3)
        return dev, 1
    if num_gpus_wanted > have:
        warnings.warn(f"num_gpus={num_gpus_wanted} asked for but only {have} available: "
                      f"using {have}.", stacklevel=3)
    return gpu(0), min(num_gpus_wanted, have)


def device_name(device) -> str:
    """The chip's name: 'NVIDIA H100 80GB HBM3', 'Apple GPU', or the CPU's name."""
    device = torch.device(device)
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple GPU"
    return _cpu_model() or platform.processor() or platform.machine() or "CPU"


def _cpu_model() -> str | None:
    """The processor's marketing name on Linux ('Intel(R) Xeon(R) Platinum 8488C'), else
    None (platform.processor() gives only 'x86_64' there)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split()) or None
    except OSError:
        return None
    return None


def describe_device(device) -> str:
    """A human name for a device, e.g. 'cuda:0 (NVIDIA H100 80GB HBM3)'."""
    device = torch.device(device)
    if device.type == "cpu":
        threads = torch.get_num_threads()
        return f"cpu ({device_name(device)}, {threads} thread{'' if threads == 1 else 's'})"
    return f"{device} ({device_name(device)})"


CPU_NAME = re.compile(r"cpu \((?P<name>.+), (?P<threads>\d+) threads?\)")


class DeviceName(str):
    """A device as :func:`describe_device` names it, in English (what results record),
    which a sentence in another language writes in that language: 'cpu (Xeon, 2 threads)'
    is 'cpu（Xeon，2 个线程）' in Chinese. The library's messages (``config.say``) and the
    pages' sentences (``book.say``) ask a value for ``in_language``."""

    def in_language(self, language: str) -> str:
        found = CPU_NAME.fullmatch(self)
        if not found:
            return str(self)
        threads = int(found["threads"])
        key = "device_cpu_1" if threads == 1 else "device_cpu"
        return format_in(language, CATALOGS[language][key], name=found["name"], threads=threads)


def device_words(device) -> DeviceName:
    """:class:`DeviceName` of ``device`` (a device, or a name a result recorded)."""
    if isinstance(device, str) and "(" in device:
        return DeviceName(device)
    return DeviceName(describe_device(device))


def device_slug(device) -> str:
    """A short file-name part for a device: 'h100-80gb', 'mps', 'cpu'."""
    device = torch.device(device)
    if device.type != "cuda":
        return device.type
    words = device_name(device).lower().replace("nvidia", "").split()
    return "-".join(words[:2]) or "cuda"


def peak_flops(device, precision="bf16"):
    """Datasheet peak FLOP/s for known GPUs, else None."""
    if torch.device(device).type != "cuda":
        return None
    name = device_name(device)
    for key, rates in PEAK_FLOPS.items():
        if key in name:
            return rates.get(precision)  # None where the table has no rate (tf32)
    return None


def bf16_units(device) -> bool:
    """True when the device computes bfloat16 products in hardware, so bf16 pays there.

    CUDA GPUs from compute capability 8.0 (Ampere) on have bf16 tensor cores. On the CPU,
    Intel's AMX tiles and the AVX512-BF16 dot-product instructions (Intel Cooper Lake and
    later, AMD Zen 4 and later) do; without either, PyTorch emulates bf16 with conversions
    around fp32 arithmetic, which is slower than fp32 itself. Measured by the benchmark
    (``python -m benchmarks.bench --device cpu --quick``): bf16 autocast trained AlexNet at
    1.84x the fp32 rate on a 2-core AMD EPYC with AVX512-BF16 and no AMX.
    """
    device = torch.device(device)
    if device.type == "cuda":
        return torch.cuda.get_device_capability(device) >= (8, 0)
    if device.type == "cpu":
        return any(bool(check and check()) for check in (
            getattr(torch.cpu, "_is_amx_tile_supported", None),
            getattr(torch.cpu, "_is_avx512_bf16_supported", None)))
    return False


def synchronize(device):
    """Wait until the device has finished its queued work (a no-op on the CPU)."""
    device = torch.device(device)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def median_seconds(fn, device, repeat=5, warmup=1, pick="median"):
    """Median wall time of ``fn()`` over ``repeat`` calls, after ``warmup`` untimed ones
    (``pick="fastest"``: the shortest, which other work on the machine can only lengthen:
    what a device's rates are measured by).

    The device is synchronised around every call, so queued GPU work is counted. (Not
    ``torch.utils.benchmark.Timer``: its ``timeit(1)`` runs two warm-up calls before each
    timed one, tripling the cost of a median over single calls of a slow measurement, and
    ``blocked_autorange`` decides the count itself.)
    """
    for _ in range(warmup):
        fn()
    synchronize(device)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        synchronize(device)
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0] if pick == "fastest" else times[len(times) // 2]


def reset_peak_memory(device):
    if torch.device(device).type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)


def peak_memory_mb(device):
    """Peak allocated device memory since the last reset, in MiB (None off CUDA)."""
    if torch.device(device).type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    return None


_OOM_MESSAGES = ("out of memory", "can't allocate memory", "cannot allocate memory",
                 "not enough memory")


def is_out_of_memory(err: BaseException) -> bool:
    """True for an allocation failure on any device: CUDA's and MPS's OutOfMemoryError, and
    the CPU allocator's RuntimeError ('DefaultCPUAllocator: can't allocate memory')."""
    if isinstance(err, getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError)):
        return True
    return isinstance(err, RuntimeError) and any(m in str(err).lower() for m in _OOM_MESSAGES)


def matmul_tflops(device, n=2048, dtype=torch.float32, repeat=5):
    """Measured TFLOP/s of an n x n by n x n matrix product (the fastest of ``repeat``: a
    rate the device reaches, not one that work beside it on a shared machine lowered)."""
    device = torch.device(device)
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    seconds = median_seconds(lambda: a @ b, device, repeat, pick="fastest")
    return 2 * n**3 / seconds / 1e12


def conv_tflops(device, batch=32, size=26, channels=(96, 256), kernel=5, dtype=torch.float32,
                repeat=5):
    """Measured TFLOP/s of a convolution, by default the shape of AlexNet's second one at 224
    pixels (96 channels of 26 x 26 values in, 256 filters of 5 x 5)."""
    device = torch.device(device)
    cin, cout = channels
    x = torch.randn(batch, cin, size, size, device=device, dtype=dtype)
    w = torch.randn(cout, cin, kernel, kernel, device=device, dtype=dtype)
    seconds = median_seconds(lambda: F.conv2d(x, w, padding=kernel // 2), device, repeat,
                             pick="fastest")
    flops = 2 * batch * cout * size * size * cin * kernel * kernel
    return flops / seconds / 1e12


def copy_gbps(device, mib=256, repeat=5):
    """Measured memory bandwidth: GB/s read plus written by copying a ``mib`` MiB tensor."""
    device = torch.device(device)
    src = torch.empty(mib * 2**20 // 4, device=device)
    dst = torch.empty_like(src)
    seconds = median_seconds(lambda: dst.copy_(src), device, repeat, pick="fastest")
    return 2 * src.numel() * 4 / seconds / 1e9


# The sizes every rate of a device is measured at: a matrix product large enough to keep
# the device busy (a GPU needs far larger ones than a 2-core CPU to reach its rate).
RATE_SIZES = {"cpu": 2048, "cuda": 8192, "mps": 4096}


def measure_rates(device, repeat=5) -> dict:
    """Matrix-product (fp32, and bf16 where the device has bf16 units), convolution and
    copy rates of ``device``, measured now."""
    device = torch.device(device)
    n = RATE_SIZES.get(device.type, 2048)
    return {"matmul fp32 TFLOP/s": matmul_tflops(device, n, repeat=repeat),
            "matmul bf16 TFLOP/s": (matmul_tflops(device, n, torch.bfloat16, repeat)
                                    if bf16_units(device) else None),
            "conv fp32 TFLOP/s": conv_tflops(device, repeat=repeat),
            "copy GB/s": copy_gbps(device, repeat=repeat),
            "matrix size": n}


# how measure_rates times: a measurement kept by an earlier method is measured again
# (the median of five calls quoted a third of a busy machine's fp32 rate)
RATES_METHOD = "fastest of the calls"


def rates_path(device) -> Path:
    """The file :func:`measured_rates` keeps ``device``'s measurement in."""
    return config.cache_dir() / f"rates-{device_slug(device)}.json"


def measured_rates(device, fresh=False) -> dict:
    """This machine's rates for ``device`` (:func:`measure_rates`), measured once and then
    read back, so that every page quoting a rate of this machine quotes the same
    measurement (three pages that each timed a matrix product would print three numbers).

    Kept in :func:`rates_path` with the device's description, the torch version and how
    it was timed (:data:`RATES_METHOD`); a different machine, thread count, torch or
    method measures again, and so does ``fresh=True``;
    the book's build (``D2L_STATIC_BOOK=1``) takes its own measurement once, rather than
    quote one that the tests took while other tests ran beside them.
    Returns the rates with ``"device"`` and ``"measured"`` (UTC date and time).
    """
    import json

    from filelock import FileLock
    device = torch.device(device)
    # the book's build measures its own, not the one its tests took beside other work
    key = {"device": describe_device(device), "torch": torch.__version__,
           "book": config.static_book(), "method": RATES_METHOD}
    path = rates_path(device)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock"):  # two pages measuring at once would disagree
        if not fresh:
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
                if saved.get("key") == key:
                    return {k: v for k, v in saved.items() if k != "key"}
            except (OSError, ValueError):
                pass
        record = {"key": key, "device": key["device"], **measure_rates(device),
                  "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        config.atomic_write(path, json.dumps(record, indent=1))
    return {k: v for k, v in record.items() if k != "key"}


def throughput_table() -> list[dict]:
    """:func:`measured_rates` of the CPU and, if present, the GPU: one row per device."""
    devices = [cpu()] + ([try_gpu()] if try_gpu().type != "cpu" else [])
    return [measured_rates(dev) for dev in devices]


# ------------------------------------------------------------- tables in every language
# The words of the hardware page's tables (their English headers and text cells) and the
# catalog key of each; a word without a key is shown as it is (a device's name, a date).
TABLE_WORDS = {
    "device": "hw_col_device", "matmul fp32 TFLOP/s": "hw_col_matmul_fp32",
    "matmul bf16 TFLOP/s": "hw_col_matmul_bf16", "conv fp32 TFLOP/s": "hw_col_conv_fp32",
    "copy GB/s": "hw_col_copy", "matrix size": "hw_col_matrix_size",
    "measured": "hw_col_measured", "power ~ clock^": "hw_col_exponent",
    "design": "hw_col_design", "cores": "hw_col_cores", "power": "hw_col_power",
    "work per second": "hw_col_work", "1 fast core": "hw_design_fast",
}
# text cells with a number in them: (English form, catalog key with the same placeholders)
TABLE_FORMS = [(re.compile(r"cores at 1/(?P<ratio>\d+) of its clock"), "hw_design_slow")]
NO_RATE = {"matmul bf16 TFLOP/s": "hw_no_bf16_units"}  # what a missing rate means


def _word(text: str, lang: str) -> str:
    if text in TABLE_WORDS:
        return CATALOGS[lang][TABLE_WORDS[text]]
    if CPU_NAME.fullmatch(text):  # a processor as a measurement recorded it
        return DeviceName(text).in_language(lang)
    for form, key in TABLE_FORMS:
        m = form.fullmatch(text)
        if m:
            values = {k: int(v) if v.isdigit() else v for k, v in m.groupdict().items()}
            return format_in(lang, CATALOGS[lang][key], **values)
    return text


def _number(value):
    """``value`` as a Python int or float, or None where it is not a number."""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if isinstance(value, float) and math.isnan(value) else value


def _column_format(values, digits: int) -> tuple[int, int]:
    """How a column writes its numbers, so that it reads as one format: the decimals of
    the value that needs the most (at most ``digits``: 0.360 beside 0.325, not 0.36), and
    the count from which thousands are grouped (five digits, as the prose groups them; four
    where the column holds a five-digit one: 2048 alone, 9,245 beside 16,556)."""
    numbers = [v for v in map(_number, values) if v is not None]
    decimals = max((len(f"{v:.{digits}f}".rstrip("0").partition(".")[2])
                    for v in numbers if isinstance(v, float)), default=0)
    large = any(abs(v) >= 10_000 for v in numbers)
    return decimals, 1_000 if large else 10_000


def _cell(value, column, lang: str, digits: int, decimals=None, group_from=10_000) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return CATALOGS[lang][NO_RATE[column]] if column in NO_RATE else "–"
    number = _number(value)
    if number is None:
        return _word(str(value), lang)
    grouping = "," if abs(number) >= group_from else ""
    if isinstance(number, float):
        shown = digits if decimals is None else decimals
        return format_in(lang, f"{{v:{grouping}.{shown}f}}", v=round(number, digits))
    return format_in(lang, f"{{v:{grouping}}}", v=number)


class Table:
    """A table of the hardware page in a reader's language: its headers and words
    translated (:data:`TABLE_WORDS`), its numbers written as the language writes them,
    a missing rate said in words. In a notebook it shows the page's edition's language;
    in the static book every edition's, each in a ``lang`` element of a ``.d2l-l10n``
    container, of which the book shows the page's language (one run, three editions)."""

    def __init__(self, frame, name, digits=3):
        self.frame, self.name, self.digits = frame.reset_index(), name, digits

    def rows(self, lang="en") -> list[list[str]]:
        """The header row, then a row of text per row of the table."""
        columns = list(self.frame.columns)
        formats = [_column_format(self.frame.iloc[:, i], self.digits)
                   for i in range(len(columns))]
        return [[_word(str(c), lang) for c in columns]] + [
            [_cell(v, c, lang, self.digits, *f) for v, c, f in zip(row, columns, formats)]
            for row in self.frame.itertuples(index=False)]

    def html(self, lang="en") -> str:
        head, *body = [[html.escape(text) for text in row] for row in self.rows(lang)]
        cells = "".join(f"<th>{h}</th>" for h in head)
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                       for row in body)
        label = html.escape(CATALOGS[lang][f"hw_table_{self.name}"])
        # wider than a phone: a region that scrolls, reachable and scrollable by keyboard
        return (f'<div style="overflow-x:auto" tabindex="0" role="region" '
                f'aria-label="{label}"><table class="dataframe"><thead><tr>{cells}</tr>'
                f"</thead><tbody>{rows}</tbody></table></div>")

    def _repr_html_(self):
        if not config.static_book():
            return self.html(config.language())
        return in_every_language(self.html)

    def __repr__(self):
        rows = self.rows(config.language())
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join("  ".join(text.rjust(w) for text, w in zip(row, widths))
                         for row in rows)


def table(frame, name, digits=3) -> Table:
    """``frame`` shown as :class:`Table` ``name`` ('rates', 'power'), numbers rounded to
    ``digits`` decimals."""
    return Table(frame, name, digits)


def main():  # python -m d2l_local.hardware: measure this machine, write results/hardware-*.json
    import json

    devices = [cpu()] + ([try_gpu()] if try_gpu().type != "cpu" else [])
    rows = [measured_rates(d, fresh=True) for d in devices]
    dev = try_gpu()
    out = config.results_dir() / f"hardware-{device_slug(dev)}.json"
    config.atomic_write(out, json.dumps({"device": device_name(dev), "torch": torch.__version__,
                                         "rows": rows, "cpu_count": os.cpu_count()}, indent=1))
    for r in rows:
        print(r)
    print("wrote", out)


if __name__ == "__main__":
    main()
