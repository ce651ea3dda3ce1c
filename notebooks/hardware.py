# ---
# jupyter:
#   jupytext:
#     default_lexer: ipython3
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# (sec-hardware)=
# # The Missing Ingredient: Hardware

# %%
import os

import d2l_local as d2l
import pandas as pd
import torch
from IPython.display import display

d2l.book.show_run_mode("hardware")

# %% [markdown] slideshow={"slide_type": "slide"}
# Training a deep network means many passes over the data, each a long sequence of matrix
# products and convolutions. In 2012 that arithmetic became affordable through an
# unexpected route: graphics cards. Games need the same few operations, small matrix-vector
# products applied to millions of vertices and pixels, done as fast as possible
# ([Fernando, 2004](../references.bib#fernando2004gpu)). NVIDIA and ATI opened their chips to general computation
# (GPGPU), and Krizhevsky and Sutskever wrote fast convolutions for two NVIDIA GTX 580
# cards with 3 GiB of memory each, which they made public as cuda-convnet
# ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)).
#
# ## CPU cores and GPU cores
#
# A CPU core is built to run one stream of instructions as fast as possible: a high clock,
# megabytes of cache, branch prediction, deep pipelines and speculative execution. All of
# that takes chip area per core. Server CPUs have nonetheless reached 128 cores per socket
# (Intel's Xeon 6980P ([Intel, 2024](../references.bib#intel2024xeon6))) and 192 (AMD's EPYC 9965
# ([AMD, 2024](../references.bib#amd2024epyc))). A GPU spends its area differently. NVIDIA's A100 has 6,912 CUDA
# cores in 108 streaming multiprocessors ([NVIDIA, 2020a](../references.bib#nvidia2020a100)), and consumer chips of the
# same Ampere generation have up to 10,752 ([NVIDIA, 2020b](../references.bib#nvidia2020ga102)). Its threads run in
# *warps* of 32 that execute the same instruction together ([NVIDIA, 2024](../references.bib#nvidia2024cuda)); its clock
# is lower (1.41 GHz at most on the A100), its caches are small and it does no speculative
# execution, but its memory is fast: the A100 reads 1,555 GB/s from a bus 5,120 bits wide
# ([NVIDIA, 2020a](../references.bib#nvidia2020a100)).

# %% tags=["remove-cell"]
cpu_count = d2l.book.glue("cpu_count", os.cpu_count())
torch_threads = d2l.book.glue("torch_threads", torch.get_num_threads())


# %% [markdown] slideshow={"slide_type": "subslide"}
# This page runs on a machine with {eval}`cpu_count` logical CPUs (hardware threads), of which
# PyTorch computes on {eval}`torch_threads`; its measured rates follow below.
#
# Why many slow cores instead of a few fast ones? Because of how power grows with the
# clock. The d2l book argues it like this ([Zhang et al., 2023a](../references.bib#zhang2023dive)): a CPU core runs about four times
# as fast as a GPU core, and power grows about as the square of the clock, so the power
# budget of one CPU core feeds 16 GPU cores, which together do 16 times 1/4, four times
# its work.
#
# The physics behind the square is the dynamic power of a chip, about $C V^2 f$:
# capacitance, the square of the voltage, and the clock frequency $f$
# ([Hennessy and Patterson, 2019](../references.bib#hennessy2019computer)). The square is not the whole story. Where a slower clock also
# allows a lower voltage, and $V$ falls with $f$, power grows as the cube of the clock and
# slow cores gain more. Where the voltage is already as low as the transistors allow, only
# $f$ falls, power grows in proportion to the clock, and slow cores gain nothing. Here are
# the three cases, for one fast core against cores at a quarter of its clock, in the fast
# core's power budget (one fast core draws one unit of power and does one unit of work per
# second):

# %%
def designs(exponent, ratio=4):
    """One fast core against slow cores at 1/ratio of its clock, with the same power,
    if a core's power grows as clock**exponent."""
    slow = ratio**exponent  # slow cores that the fast core's power feeds
    return [{"power ~ clock^": exponent, "design": "1 fast core", "cores": 1,
             "power": 1.0, "work per second": 1.0},
            {"power ~ clock^": exponent, "design": f"cores at 1/{ratio} of its clock",
             "cores": slow, "power": slow * (1 / ratio) ** exponent,
             "work per second": slow / ratio}]


power = pd.DataFrame(designs(1) + designs(2) + designs(3)).set_index(
    ["power ~ clock^", "design"])
d2l.hardware.table(power, "power")

# %% tags=["remove-cell"]
slow_design = "cores at 1/4 of its clock"
gain2 = d2l.book.glue("gain2", power.loc[(2, slow_design), "work per second"], ".0f")
gain3 = d2l.book.glue("gain3", power.loc[(3, slow_design), "work per second"], ".0f")
cores3 = d2l.book.glue("cores3", power.loc[(3, slow_design), "cores"])

# %% [markdown] slideshow={"slide_type": "slide"}
# With the square, the book's case, the slow cores do {eval}`gain2` times the work
# for the same power; with the cube, {eval}`cores3` slow cores do {eval}`gain3`
# times; with power in proportion to the clock, they do only as much work as the one fast
# core, and there is no gain at all.
# Real chips lie between these: voltage cannot fall far below a threshold, and part of the
# power leaks whatever the clock. The gain is real only while the work splits into many
# independent pieces, as matrix products and convolutions do; it is one reason why a GPU's
# cores run at a lower clock than a CPU's.
#
# (sec-hardware-measured)=
# ## Measured on your machine
#
# Here are matrix-product, convolution and memory-copy rates of this machine's CPU and, if
# there is one, its GPU. They are measured once, by the first page that needs them, and
# kept: every page of the chapter that quotes a rate of this machine quotes this one
# measurement, whose date the table gives (`d2l.measured_rates(device, fresh=True)`
# measures again). The convolution is one that AlexNet, built
# on the next page, computes: 256 filters of 5 by 5 over 96 channels (the maps the layer before
# outputs, one per filter) of 26 by 26 values, for a
# batch of 32 images; the bf16 matrix product is measured where the processor has bf16 matrix
# units (tensor cores, or AMX or AVX512-BF16 instructions on a CPU).
#
# fp32, bf16 and fp16, here and on the following pages, are formats of floating-point
# numbers. fp32 is the usual one: 32 bits, a sign, 8 bits of exponent and 23 of mantissa
# (the significant digits). fp16 has 16 bits, 5 of exponent and 10 of mantissa, so its
# range is narrow (nothing above 65,504); bf16 has 16 bits too, but 8 of exponent and 7 of
# mantissa: fp32's range with less precision. The 16-bit formats are faster for two
# reasons: each number is half the bytes to move, and matrix units (tensor cores, AMX)
# multiply them at several times the fp32 rate.

# %%
rates = pd.DataFrame(d2l.throughput_table())
d2l.hardware.table(rates.set_index("device"), "rates")

# %% tags=["hide-input"]
# a GPU's rates, measured when this book ran on one
recorded = d2l.results.load_results("hardware-*.json")
if recorded:
    display(d2l.hardware.table(pd.DataFrame(recorded[0]["rows"]).set_index("device"),
                               "rates"))

# %% tags=["remove-cell"]
has_gpu = d2l.try_gpu().type != "cpu"
note = (d2l.book.say("gpu_listed") if has_gpu else
        d2l.book.say("gpu_recorded", device=recorded[0]["device"]) if recorded else
        d2l.book.say("gpu_missing"))
gpu_note = d2l.book.glue("gpu_note", note)
# the rates as the table writes them: three decimals at most (0.36, 0.325)
conv_fp32, product_fp32 = (round(float(rates[column][0]), 3)
                           for column in ("conv fp32 TFLOP/s", "matmul fp32 TFLOP/s"))
cpu_tflops = d2l.book.glue("cpu_tflops", product_fp32, "g")
# where the convolution outran the product, say so: the training page bounds by the faster
conv_faster = d2l.book.glue("conv_faster", d2l.book.say("hw_conv_faster", rate=conv_fp32)
                            if conv_fp32 > product_fp32 else "")
cpu_copy = d2l.book.glue("cpu_copy", float(rates["copy GB/s"][0]), ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# This machine's CPU reached {eval}`cpu_tflops` TFLOP/s on the fp32 matrix
# product and copied memory at {eval}`cpu_copy` GB/s. {eval}`conv_faster` {eval}`gpu_note`

# %% [markdown] slideshow={"slide_type": "slide"}
# :::{note}
# Numbers like these depend on the matrix size, the data type and the library. A GPU
# reaches its highest rate only with large matrices in bf16 or fp16 on its tensor cores;
# fp32 matrix products run several times slower. Rerun the cell with other sizes to see.
# :::
#
# ## Peak rates
#
# A processor's peak rate is its number of arithmetic units times their clock times the
# operations each does per cycle. Each of AlexNet's GTX 580 cards had 512 CUDA cores at
# 1.544 GHz, each doing one multiply-add (two FLOPs) per cycle ([NVIDIA, 2010](../references.bib#nvidia2010gtx580)):
# about 1.6 TFLOP/s. Intel's Xeon Platinum 8480+, a server CPU of 2023, has 56 cores at
# 2.0 GHz with two AVX-512 units that each do 16 fp32 multiply-adds per cycle
# ([Intel, 2023](../references.bib#intel2023xeon)): about 7.2 TFLOP/s in fp32. Today's data-centre GPUs reach hundreds
# of TFLOP/s in bf16 on their tensor cores ([NVIDIA, 2020a](../references.bib#nvidia2020a100); [NVIDIA, 2022](../references.bib#nvidia2022h100)): an H100's bf16 peak is
# {eval}`h100_vs_gtx580` times the fp32 peak of one of AlexNet's cards.

# %% tags=["remove-cell"]
peaks = {name: flops for name, _, flops, *_ in d2l.figures.PEAK_FLOPS_HISTORY}
gtx580 = peaks["GTX 580 (one of AlexNet's two)"]
h100_vs_gtx580 = d2l.book.glue("h100_vs_gtx580", peaks["H100, bf16 matrix"] / gtx580, ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The first chip NVIDIA sold as a GPU, the GeForce 256 of 1999, has no place on this scale.
# It did the fixed steps of drawing a 3D scene in hardware: its transform and lighting
# engines placed and lit the corners of triangles, and its rendering engine filled in their
# pixels. NVIDIA rated it by what it drew, 15 million triangles and 480 million pixels per
# second ([NVIDIA, 1999](../references.bib#nvidia1999geforce256)), not in FLOP/s: a program could set up these steps but could not run
# arithmetic of its own on them. Programmable shading ([Fernando, 2004](../references.bib#fernando2004gpu)) and then CUDA
# ([NVIDIA, 2024](../references.bib#nvidia2024cuda)) turned such chips into processors for any arithmetic, the kind on which AlexNet
# was trained.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Peak FLOP/s of some processors (log scale), from their makers' figures; GPUs in blue, a CPU in orange, and the matrix-product rates measured on this machine as green stars. The GeForce 256 of 1999 is not shown, as NVIDIA rated it in pixels and triangles per second, not in FLOP/s.", "name": "fig-flops-history"}}
measured = [(f"measured: {r['device'].split(' (')[0]}, {kind}", r[f"matmul {kind} TFLOP/s"] * 1e12)
            for r in rates.to_dict("records") for kind in ("fp32", "bf16")
            if r.get(f"matmul {kind} TFLOP/s")]
d2l.figures.plot_flops_history(measured);

# %% tags=["remove-cell"]
assert len(rates) >= 1 and (rates["matmul fp32 TFLOP/s"] > 0).all()
assert (rates["copy GB/s"] > 0).all()
assert (power["power"] == 1).all()  # every design within one fast core's power
assert power.loc[(2, slow_design), "cores"] == 16  # the book's 16 GPU cores
assert power.loc[(2, slow_design), "work per second"] == 4  # and its 4 times the work
assert power.loc[(1, slow_design), "work per second"] == 1
assert abs(gtx580 / 1e12 - 1.58) < 0.01  # "about 1.6 TFLOP/s"
assert 600 < h100_vs_gtx580 < 650
assert not any(name.startswith("GeForce") for name in peaks)  # rated in pixels/s, not FLOP/s
d2l.book.finish_page();
