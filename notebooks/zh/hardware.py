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

# %% [markdown]
# % translation of notebooks/hardware.md, prose sha256 6b5567353b975f63
# (sec-hardware)=
# # 缺失的要素：硬件

# %%
import os

import d2l_local as d2l
import pandas as pd
from IPython.display import display

d2l.book.show_run_mode()

# %% [markdown]
# 训练一个深度网络意味着对数据进行多次遍历，每一次遍历都是一长串矩阵乘积和卷积运算。2012年，这些算术运算通过一条出人意料的途径变得可以负担：显卡。游戏需要的恰好是同样几种运算，即作用于数百万个顶点和像素的小型矩阵-向量乘积，而且要尽可能快地完成 {cite}`fernando2004gpu`。NVIDIA和ATI将它们的芯片开放给通用计算（GPGPU），Krizhevsky和Sutskever则为两块各有3 GB显存的NVIDIA GTX 580显卡编写了快速卷积程序，并以cuda-convnet之名公开发布 {cite}`krizhevsky2012imagenet`。
#
# ## CPU核心与GPU核心
#
# CPU核心的设计目标是尽可能快地执行单一的指令流：高时钟频率、数兆字节的缓存、分支预测、深流水线以及推测执行。这些都要占用每个核心的芯片面积。尽管如此，服务器CPU的每个插槽已经做到了128个核心（Intel的Xeon 6980P {cite}`intel2024xeon6`）和192个核心（AMD的EPYC 9965 {cite}`amd2024epyc`）。GPU则以另一种方式使用它的芯片面积。NVIDIA的A100在108个流式多处理器中共有6,912个CUDA核心 {cite}`nvidia2020a100`，同属Ampere这一代的消费级芯片则最多有10,752个 {cite}`nvidia2020ga102`。它的线程以32个为一组组成*线程束*（warp），同一线程束中的线程一起执行同一条指令 {cite}`nvidia2024cuda`；它的时钟频率较低（A100最高为1.41 GHz），缓存很小，也不做推测执行，但它的显存很快：A100通过5,120位宽的总线，每秒可读取1,555 GB {cite}`nvidia2020a100`。

# %% tags=["remove-cell"]
d2l.book.glue("cpu_count", os.cpu_count())


# %% [markdown]
# 本页运行在一台有 {glue:text}`cpu_count` 个逻辑CPU（硬件线程）的机器上；下文给出它的实测速率。
#
# 为什么要用许多慢速核心，而不是少数几个快速核心？原因在于功耗随时钟频率增长的方式。芯片的动态功耗大约为 $C V^2 f$，即电容、电压的平方与时钟频率 $f$ 三者之积 {cite}`hennessy2019computer`。更快的时钟需要更高的电压，因此在芯片频率范围的高端，功耗大致按时钟频率的三次方增长。d2l一书是按平方关系来论证的 {cite}`zhang2023dive`；这里把两种模型都列出来，比较一个以四倍基准时钟运行的核心与若干以四分之一基准时钟运行的核心。一个以基准时钟运行的核心消耗一个单位的功率，每秒完成一个单位的工作：

# %%
def designs(exponent):
    """Power and work of three designs if a core's power grows as clock**exponent."""
    same_power = (4 / 0.25) ** exponent  # slow cores in the fast core's power budget
    rows = []
    for name, cores, clock in (("1 core at 4x clock", 1, 4.0),
                               ("16 cores at 1/4 clock", 16, 0.25),
                               ("same power, cores at 1/4 clock", same_power, 0.25)):
        rows.append({"power ~ clock^": exponent, "design": name, "cores": int(cores),
                     "power": cores * clock**exponent,
                     "work per second": cores * clock})
    return rows


power = pd.DataFrame(designs(2) + designs(3)).set_index(["power ~ clock^", "design"])
power

# %% tags=["remove-cell"]
d2l.book.glue("gain2", power.loc[(2, "same power, cores at 1/4 clock"), "work per second"] / 4)
d2l.book.glue("gain3", power.loc[(3, "same power, cores at 1/4 clock"), "work per second"] / 4)

# %% [markdown]
# 在两种模型中，以四分之一时钟运行的十六个核心所完成的工作都与那一个快速核心相同，而功耗只是它的一小部分。如果把快速核心的全部功率预算都花在慢速核心上，那么当功耗随时钟频率的平方增长时，吞吐量是快速核心的 {glue:text}`gain2:.0f` 倍；当功耗随时钟频率的三次方增长时，则是 {glue:text}`gain3:.0f` 倍。前提是工作能够拆分成许多相互独立的部分，就像矩阵乘积和卷积那样。
#
# ## 在你的机器上实测
#
# 下面是此刻在这台机器的CPU上（如果有GPU，也包括GPU）实测的矩阵乘积、卷积和内存复制速率。卷积的形状与AlexNet的第二层相同；bf16矩阵乘积只在处理器具有bf16矩阵单元（张量核心，或者CPU上Intel的AMX）时才会测量。

# %%
rates = pd.DataFrame(d2l.throughput_table(n=1024 if d2l.quick_mode() else 4096))
rates.set_index("device").round(3)

# %% tags=["remove-cell"]
has_gpu = d2l.try_gpu().type != "cpu"
note = d2l.book.say("gpu_listed" if has_gpu else "gpu_missing")
d2l.book.glue("gpu_note", note, display=False)
d2l.book.glue("cpu_tflops", float(rates["matmul fp32 TFLOP/s"][0]))
d2l.book.glue("cpu_copy", float(rates["copy GB/s"][0]))

# %% [markdown]
# 这台机器的CPU在fp32矩阵乘积上达到了 {glue:text}`cpu_tflops:.2f` TFLOP/s，内存复制速率为 {glue:text}`cpu_copy:.0f` GB/s。{glue:md}`gpu_note__zh`

# %% tags=["hide-input"]
committed = d2l.results.load_results("hardware-*.json")
if committed:
    display(pd.DataFrame(committed[0]["rows"]).set_index("device").round(3))
else:
    print("No GPU measurements have been committed with this book yet.")

# %% [markdown]
# :::{note}
# 这类数字取决于矩阵的大小、数据类型和所用的库。GPU只有在张量核心上以bf16或fp16处理大矩阵时，才能达到其最高速率；fp32矩阵乘积要慢好几倍。可以换用其他尺寸重新运行该单元格来验证。
# :::
#
# ## 峰值速率
#
# 处理器的峰值速率等于其算术单元的数量乘以时钟频率，再乘以每个单元每个周期完成的运算次数。AlexNet所用的每块GTX 580显卡有512个CUDA核心，频率为1.544 GHz，每个核心每个周期完成一次乘加运算（两次浮点运算） {cite}`nvidia2010gtx580`：合计约1.6 TFLOP/s。Intel的Xeon Platinum 8480+是2023年的一款服务器CPU，有56个频率为2.0 GHz的核心，每个核心有两个AVX-512单元，每个单元每个周期完成16次fp32乘加运算 {cite}`intel2023xeon`：在fp32下约为7.2 TFLOP/s。如今的数据中心GPU在张量核心上以bf16运算可以达到每秒数百TFLOP {cite}`nvidia2020a100,nvidia2022h100`。

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Peak FLOP/s of some processors (log scale), from their makers' figures; GPUs in blue, a CPU in orange, and the matrix-product rates measured on this machine as green stars.", "name": "fig-flops-history"}}
measured = [(f"measured: {r['device'].split(' (')[0]}, {kind}", r[f"matmul {kind} TFLOP/s"] * 1e12)
            for r in rates.to_dict("records") for kind in ("fp32", "bf16")
            if r.get(f"matmul {kind} TFLOP/s")]
d2l.figures.plot_flops_history(measured);

# %% tags=["remove-cell"]
assert len(rates) >= 1 and (rates["matmul fp32 TFLOP/s"] > 0).all()
assert (rates["copy GB/s"] > 0).all()
assert power.loc[(2, "1 core at 4x clock"), "power"] == 16
assert power.loc[(3, "16 cores at 1/4 clock"), "work per second"] == 4
assert power.loc[(3, "same power, cores at 1/4 clock"), "power"] == 64
gtx580 = next(f for name, _, f, *_ in d2l.figures.PEAK_FLOPS_HISTORY if name.startswith("GTX"))
assert abs(gtx580 / 1e12 - 1.58) < 0.01
