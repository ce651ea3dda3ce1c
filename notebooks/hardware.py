# ---
# jupyter:
#   jupytext:
#     default_lexer: ipython3
#     formats: md:myst,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# (sec-hardware)=
# # The Missing Ingredient: Hardware

# %% tags=["remove-cell"]
import d2l_local as d2l
import pandas as pd
import torch
from IPython.display import display

d2l.book.show_run_mode()

# %% [markdown]
# Training a deep network means many passes over the data, each a long sequence of matrix
# products and convolutions. In 2012 that arithmetic became affordable through an
# unexpected route: graphics cards. Games need the same few operations, small matrix-vector
# products applied to millions of vertices and pixels, done as fast as possible
# {cite}`fernando2004gpu`. NVIDIA and ATI opened their chips to general computation
# (GPGPU), and Krizhevsky and Sutskever wrote fast convolutions for two NVIDIA GTX 580
# cards with 3 GB of memory each {cite}`krizhevsky2012imagenet`. Their code, cuda-convnet,
# was the standard for years.
#
# ## CPU cores and GPU cores
#
# A CPU core is built to run one stream of instructions as fast as possible: a high clock,
# megabytes of cache, branch prediction, deep pipelines and speculative execution. All of
# that takes chip area, so a laptop has 4 to 8 cores and a server rarely more than 64 per
# socket. A GPU spends its area differently: thousands of small cores (an Ampere GPU has up
# to 6912 CUDA cores), grouped so that each group executes the same instruction (a warp),
# running at about 1 GHz, with small caches and no speculation, but with a memory bus at
# least ten times wider.
#
# Why many slow cores instead of a few fast ones? Because the power a core draws grows
# about with the square of its clock. Take one core at the base clock as one unit of power
# and one unit of work per second:

# %%
pd.DataFrame(d2l.hardware.power_clock_table()).set_index("design")

# %% [markdown]
# One core at four times the clock does 4 units of work for 16 units of power. Sixteen
# cores at a quarter of the clock also do 4 units of work, for 1 unit of power. Spend the
# whole 16 units on slow cores and you get 64 units of work: sixteen times the throughput
# for the same power, provided the work splits into many independent pieces, as matrix
# products and convolutions do.
#
# ## Measured on your machine
#
# Here are matrix-product and convolution rates measured right now, on this machine's CPU
# and, if there is one, its GPU. The convolution has the shape of AlexNet's second layer.

# %%
rates = pd.DataFrame(d2l.throughput_table(n=1024 if d2l.quick_mode() else 4096))
rates.set_index("device").round(3)

# %% tags=["remove-cell"]
has_gpu = d2l.try_gpu().type != "cpu"
note = ("The GPU's rates are in the same table." if has_gpu else
        "No GPU was found, so only the CPU is listed; the rates the project measured on a "
        "GPU follow below, when they have been committed.")
d2l.book.glue("gpu_note", note, display=False)
d2l.book.glue("cpu_tflops", float(rates["matmul fp32 TFLOP/s"][0]))

# %% [markdown]
# This machine's CPU reached {glue:text}`cpu_tflops:.2f` TFLOP/s on the matrix product.
# {glue:md}`gpu_note`

# %% tags=["hide-input"]
committed = d2l.results.load_results("hardware-*.json")
if committed:
    display(pd.DataFrame(committed[0]["rows"]).set_index("device").round(3))
else:
    print("No GPU measurements are committed yet (results/hardware-*.json).")

# %% [markdown]
# :::{note}
# Numbers like these depend on the matrix size, the data type and the library. A GPU
# reaches its highest rate only with large matrices in bf16 or fp16 on its tensor cores;
# fp32 matrix products run several times slower. Rerun the cell with other sizes to see.
# :::
#
# ## Peak rates since 1999
#
# The peak rates of a few chips, from the figures their makers publish, show how far
# graphics hardware has come: from 480 MFLOP/s for the GeForce 256 of 1999 to about
# 1.5 TFLOP/s for each of AlexNet's GTX 580 cards, to hundreds of TFLOP/s for today's
# accelerators in low precision. CPUs rarely pass 1 TFLOP/s; Amazon's Graviton 3 reaches
# about 2 TFLOP/s in fp16, like the GPU of Apple's M1.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Peak FLOP/s of some processors over time (log scale); GPUs in blue, a CPU in orange, and the matrix-product rates measured on this machine as green stars.", "name": "fig-flops-history"}}
measured = [(f"measured: {r['device'].split(' (')[0]}", r["matmul fp32 TFLOP/s"] * 1e12)
            for r in rates.to_dict("records")]
d2l.figures.plot_flops_history(measured);

# %% tags=["remove-cell"]
assert len(rates) >= 1 and (rates["matmul fp32 TFLOP/s"] > 0).all()
table = d2l.hardware.power_clock_table()
assert table[0]["throughput"] == table[1]["throughput"] == 4
assert table[2]["throughput"] == 64
