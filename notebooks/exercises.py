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
# (sec-exercises)=
# # Discussion, Summary and Exercises

# %%
import d2l_local as d2l
import pandas as pd
import torch
from IPython.display import HTML, display
from torch import nn

d2l.book.show_run_mode("exercises")

# %% tags=["remove-cell"]
groups = d2l.summary.layer_groups(d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False))
total = groups["conv_params"] + groups["dense_params"]
dense_mib = d2l.book.glue("dense_mib", groups["dense_params"] * 4 / 2**20, ".0f")
dense_share = d2l.book.glue("dense_share", 100 * groups["dense_params"] / total, ".0f")
conv_flop_share = d2l.book.glue("conv_flop_share",
    100 * groups["conv_flops"] / (groups["conv_flops"] + groups["dense_flops"]), ".0f")
total_params_m = d2l.book.glue("total_params_m", d2l.book.millions(total))


# %% [markdown] slideshow={"slide_type": "slide"}
# AlexNet looks like a larger LeNet, and in a sense it is: what changed in 2012 was less
# the idea than the data, the hardware and a handful of practical choices (ReLU, dropout,
# augmentation). Its two hidden dense layers hold most of its parameters
# ({eval}`dense_mib` MiB in fp32, as [AlexNet](model.md#sec-model) computes), while its
# convolutions do most of its arithmetic. The tooling changed too: the fast GPU
# convolutions that Krizhevsky and Sutskever wrote in CUDA themselves are a
# library call in today's frameworks. PyTorch ([Paszke et al., 2019](../references.bib#paszke2019pytorch)), which this
# chapter uses, descends from Torch ([Collobert et al., 2011](../references.bib#collobert2011torch7)); DistBelief
# ([Dean et al., 2012](../references.bib#dean2012large)), Caffe ([Jia et al., 2014](../references.bib#jia2014caffe)), Theano ([Bergstra et al., 2010](../references.bib#bergstra2010theano)) and
# TensorFlow ([Abadi et al., 2016](../references.bib#abadi2016tensorflow)) were its predecessors and contemporaries.
#
# ## The 2012 paper and this chapter
#
# This chapter keeps the kinds of layers AlexNet stacks and most of their widths, leaves
# out what served the 2012 hardware (the split of layers between two GPUs, response
# normalisation) and changes almost everything around the network. Here is what the paper
# did ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)) next to the chapter's two recipes from
# [Training AlexNet](training.md#sec-training): the reference recipe, for a GPU, and the laptop recipe, for a CPU. The
# parameter counts are computed by the code below:

# %% tags=["hide-input"]
def count_parameters(side):  # the dense layers' sizes follow from the input's
    net = d2l.AlexNet()
    net(torch.zeros(1, 1, side, side))
    return sum(p.numel() for p in net.parameters())


params, laptop_params = count_parameters(224), count_parameters(65)
display(HTML(d2l.lessons.paper_table_html(params, laptop_params)))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary

# %% tags=["remove-cell"]
fwd = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))["forward_backward"]
fwdbwd_gflops = d2l.book.glue("fwdbwd_gflops", fwd / 1e9, ".2f")

# %% [markdown] slideshow={"slide_type": "slide"}
# * Until 2012, vision systems were built from crafted features and a simple classifier.
#   AlexNet showed that features learned layer by layer, from enough data, on fast enough
#   hardware, beat them on ImageNet ([Learned versus Crafted Features](features.md#sec-features)).
# * Data: the 2012 challenge had 1.28 million labelled training images; the chapter's
#   stand-in, Fashion-MNIST, has 60,000, enlarged to 224 pixels for the reference recipe
#   and to 65 for the laptop recipe ([The Missing Ingredient: Data](data.md#sec-data)).
# * Hardware: many simple cores, as in a GPU, give far more arithmetic per watt than a
#   few fast ones, because power grows faster than the clock ([The Missing Ingredient: Hardware](hardware.md#sec-hardware)).
# * The network: five convolutions and three dense layers, {eval}`total_params_m`
#   parameters, {eval}`dense_share`% of them in the dense layers, while
#   the convolutions do {eval}`conv_flop_share`% of the arithmetic;
#   {eval}`fwdbwd_gflops` GFLOPs per image forwards and backwards. ReLU keeps
#   gradients alive through the depth ([AlexNet](model.md#sec-model)). Dropout is meant to curb
#   overfitting, but it need not narrow the gap between training and test accuracy:
#   {numref}`ex-overfit` measures that gap with and without it.
# * Training: the reference recipe on a GPU, or a laptop recipe (the smallest input,
#   Adam with a one-cycle schedule, three epochs) on a CPU; the training panel lets you
#   change the hyperparameters and compare runs ([Training AlexNet](training.md#sec-training)).
# * On images enlarged 8 times (the reference recipe) the first layer's patches span only
#   25 of 121 directions. Under gradient descent, with or without momentum, the part of
#   each filter outside that span keeps its random start and changes no output; the part
#   inside can still compute any linear function of the original pixels under the window,
#   edge detectors included. At the laptop recipe's 65 pixels the patches span all 121
#   directions, most of them faintly, and Adam's steps do not keep to a span
#   ([What the First Layer Can Learn](firstlayer.md#sec-first-layer)).
#
# ## Exercises
#
# Each exercise below comes with a solution you can open; the solutions are experiments
# that run when the page runs, and each states its size at all three scales in its code.
# Where the full form of an experiment would take hours on a CPU (AlexNet on 224-pixel
# images for twenty epochs), the CPU full size runs a *CPU form* of it on the full data:
# AlexNet on 65-pixel images, the smallest input it takes ([AlexNet](model.md#sec-model)), for fewer
# epochs, with momentum (which the 2012 paper used too) to make up for them. In quick mode
# the runs are too small to answer most questions, so a solution also quotes what the
# recorded CPU full-size run of this page found, where that run used the experiment as it
# now stands; each sentence says which run it reports. In the tables, "–" marks a number the run
# could not measure: peak memory is measured on CUDA GPUs only.

# %%
side = d2l.scales.pick(quick=65, cpu=65, gpu=224)  # AlexNet's input side
alexnet_optimizer = d2l.scales.pick(quick="momentum", cpu="momentum", gpu="sgd")
alexnet = f"AlexNet, {side}x{side}"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ```{exercise}
# :label: ex-memory
#
# Which part of AlexNet dominates its memory, and which dominates its compute? How do
# memory size, memory bandwidth and latency matter differently for training and for
# inference?
# ```
#
# ```{solution-start} ex-memory
# :class: dropdown
# ```
#
# Sum the per-layer table of [AlexNet](model.md#sec-model) by kind of layer (activations for one
# image):

# %%
table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
d2l.summary.conv_vs_dense(table).round(2)

# %% tags=["remove-cell"]
sums = d2l.summary.conv_vs_dense(table)
ex1_dense_weights = d2l.book.glue("ex1_dense_weights", sums.loc["dense", "weights MiB"], ".0f")
ex1_conv_weights = d2l.book.glue("ex1_conv_weights", sums.loc["convolutions", "weights MiB"], ".1f")
ex1_conv_acts = d2l.book.glue("ex1_conv_acts", sums.loc["convolutions", "activation MiB"], ".1f")
ex1_dense_acts = d2l.book.glue("ex1_dense_acts", sums.loc["dense", "activation MiB"], ".2f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The dense layers hold {eval}`ex1_dense_weights` MiB of weights against
# {eval}`ex1_conv_weights` MiB for the convolutions, but the convolutions produce
# {eval}`ex1_conv_acts` MiB of activations per image against
# {eval}`ex1_dense_acts` MiB, and they do most of the FLOPs. Training keeps
# every activation for the backward pass, so activation memory grows with the batch and
# soon exceeds the weights ([Memory: why two GPUs in 2012](model.md#sec-model-memory)); inference can free each activation
# as soon as the next layer has used it. Serving one image at a time, the dense layers
# read every weight for a single multiply-add each, so their speed is set by memory
# bandwidth; latency matters most there, throughput in training. {numref}`ex-chip` puts numbers on
# this.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-chip
#
# A processor that does $P$ FLOP/s and reads $B$ bytes/s from memory keeps its arithmetic
# units busy only on work that does more than $P/B$ FLOPs per byte moved. If you had a
# fixed area of silicon, how would you split it between arithmetic units and memory
# bandwidth to train AlexNet? And to serve it one image at a time?
# ```
#
# ```{solution-start} ex-chip
# :class: dropdown
# ```
#
# Here is that *arithmetic intensity* for each weighted layer, at batch 1 and batch 128:

# %%
intensity = pd.concat(
    {f"batch {b}": d2l.summary.arithmetic_intensity(table, b)["FLOPs/byte"]
     for b in (1, 128)}, axis=1)
intensity.assign(type=table.set_index("layer")["type"]).round(1)

# %% tags=["remove-cell"]
kinds = intensity.assign(type=table.set_index("layer")["type"])
dense_b1 = d2l.book.glue(
    "dense_b1", float(kinds[kinds["type"] == "Linear"]["batch 1"].max()), ".2f")
conv_b1_min = d2l.book.glue(
    "conv_b1_min", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].min()), ".0f")
conv_b1_max = d2l.book.glue(
    "conv_b1_max", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].max()), ".0f")
weights = table.set_index("layer")["parameters"].reindex(kinds.index)
hidden = (weights > 1e6) & (kinds["type"] == "Linear")  # the two 4096-wide dense layers
dense_b128 = d2l.book.glue("dense_b128", float(kinds[hidden]["batch 128"].min()), ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# At batch 1 the dense layers do at most {eval}`dense_b1` FLOPs per byte: every
# weight is read for a single multiply-add, and no processor has memory fast enough to
# keep its arithmetic busy on that. The convolutions do {eval}`conv_b1_min` to
# {eval}`conv_b1_max`, because each filter weight is reused at every position.
# At batch 128 the two hidden dense layers reach {eval}`dense_b128`. For training
# with large batches, spend the area on arithmetic; for serving one image at a time, the
# dense layers need bandwidth, and arithmetic units beyond $B$ times their intensity would
# sit idle.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-benchmark
#
# Why do engineers no longer benchmark hardware on AlexNet? Measure how much of this
# machine's arithmetic a training step of AlexNet uses.
# ```
#
# ```{solution-start} ex-benchmark
# :class: dropdown
# ```
#
# Time a few training steps at batch 32 and compare the FLOP/s they achieve with those of
# a large fp32 matrix product, the product that [Measured on your machine](hardware.md#sec-hardware-measured) times. Other
# work on a shared machine slows any measurement, so the steps and the products take turns,
# and each keeps its fastest time:

# %%
flops_per_image = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))["forward_backward"]
device = d2l.try_gpu()
model = d2l.AlexNet(lr=0.01).to(device)
X = torch.rand(32, 1, 224, 224, device=device)
y = torch.randint(0, 10, (32,), device=device)
model(X[:1])
optimizer = model.configure_optimizers()


def step():
    optimizer.zero_grad()
    model.loss(model(X), y).backward()
    optimizer.step()


n = d2l.hardware.RATE_SIZES.get(device.type, 2048)  # the hardware page's size
A, B = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
step_s, product_s = [], []
for turn in range(3):  # the first turn also warms both up
    step_s.append(d2l.hardware.median_seconds(step, device, repeat=1, warmup=turn == 0))
    product_s.append(d2l.hardware.median_seconds(lambda: A @ B, device, repeat=1,
                                                 warmup=turn == 0))
achieved = 32 * flops_per_image / min(step_s)
peak = 2 * n**3 / min(product_s)  # the matrix product's rate, not the processor's peak
{"AlexNet TFLOP/s": achieved / 1e12, "matrix size": n,
 "matrix product TFLOP/s": peak / 1e12, "share": achieved / peak}

# %% tags=["remove-cell"]
h100 = d2l.hardware.PEAK_FLOPS["H100 80GB HBM3"]["bf16"]
n_params = sum(p.numel() for p in model.parameters())
ex3_share = d2l.book.glue("ex3_share", 100 * achieved / peak, ".0f")
ex3_turns_tflops = d2l.book.glue("ex3_turns_tflops", peak / 1e12, ".3f")
# the book's one measurement of this machine's product, which every page quotes
shared = d2l.measured_rates(device)["matmul fp32 TFLOP/s"] * 1e12
ex3_shared_tflops = d2l.book.glue("ex3_shared_tflops", shared / 1e12, ".3f")
ex3_shared_share = d2l.book.glue("ex3_shared_share", 100 * achieved / shared, ".0f")
ex3_device = d2l.book.glue("ex3_device", d2l.book.device_text(device))
ex3_step_gflops = d2l.book.glue("ex3_step_gflops", 32 * flops_per_image / 1e9, ".0f")
ex3_h100_ms = d2l.book.glue("ex3_h100_ms", 32 * flops_per_image / h100 * 1e3, ".2f")
# SGD reads each weight and its gradient and writes the weight: 3 x 4 bytes per weight,
# at the H100's 3.35 TB/s (its datasheet)
ex3_update_ms = d2l.book.glue("ex3_update_ms", 3 * 4 * n_params / 3.35e12 * 1e3, ".2f")
ex3_params_m = d2l.book.glue("ex3_params_m", d2l.book.millions(n_params, digits=0))
ex3_verdict = d2l.book.glue("ex3_verdict", d2l.book.say(
    "ex3_above" if achieved > peak else "ex3_busy" if achieved / peak >= 0.5 else "ex3_idle",
    step=achieved / 1e9, product=peak / 1e9, n=n))

# %% [markdown] slideshow={"slide_type": "subslide"}
# On {eval}`ex3_device` an AlexNet training step reached {eval}`ex3_share`%
# of the rate of the matrix product timed in turns with it. {eval}`ex3_verdict` The
# book's shared measurement of the same product on this machine
# ([Measured on your machine](hardware.md#sec-hardware-measured)), which the other pages quote,
# is {eval}`ex3_shared_tflops` TFLOP/s, against {eval}`ex3_turns_tflops` TFLOP/s here, and
# the step reached {eval}`ex3_shared_share`% of it. The two are one product timed at
# different moments, which on a shared machine can differ, since its rate changes with the
# other work it carries; the product timed here took turns with the step, under the same
# load, so the share against it is the fair comparison. On a modern GPU the
# picture changes: a step
# of batch 32 is {eval}`ex3_step_gflops` GFLOPs, which an NVIDIA H100 would finish
# in {eval}`ex3_h100_ms` ms at its bf16 peak ([NVIDIA, 2022](../references.bib#nvidia2022h100)), while merely
# reading and writing the {eval}`ex3_params_m` weights and their
# gradients for the update takes
# {eval}`ex3_update_ms` ms at its memory bandwidth. Add the dozens of kernels
# launched per step and the batch to move, and a measurement with AlexNet says as much
# about those fixed costs as about the arithmetic units a new chip is built around.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-epochs
#
# Train AlexNet and LeNet for more epochs than the chapter's recipe (twenty instead of
# ten), LeNet on the original 28 by 28 images and AlexNet on the enlarged ones. Does
# AlexNet keep improving after LeNet has stopped? Why?
# ```
#
# ```{solution-start} ex-epochs
# :class: dropdown
# ```
#
# LeNet trains for twenty epochs at both full sizes (it is cheap). AlexNet does too on a
# GPU; the CPU form gives it five epochs on 65-pixel images. Quick mode trains both for two
# epochs on 256 images.

# %%
lenet_vs_alexnet = {
    "LeNet, 28x28": (lambda: d2l.LeNet(lr=0.9),
                     lambda: d2l.FashionMNIST(batch_size=128)),
    alexnet: (lambda: d2l.AlexNet(lr=0.01, optimizer=alexnet_optimizer),
              lambda: d2l.FashionMNIST(batch_size=128, resize=(side, side))),
}
epochs = {"LeNet, 28x28": d2l.scales.pick(quick=2, full=20),
          alexnet: d2l.scales.pick(quick=2, cpu=5, gpu=20)}
table4, hist4 = d2l.experiments.run_experiments(lenet_vs_alexnet, max_epochs=epochs,
                                                speed="auto")
d2l.experiments.rounded(table4)

# %% tags=["hide-input"]
d2l.plot_histories(hist4);

# %% tags=["remove-cell"]
# the accuracies as the table and the plot's description write them (three digits), so
# that a gain the sentence gives is the difference of the two accuracies it quotes
lenet_acc = [round(r["val_acc"], 3) for r in hist4["LeNet, 28x28"]]
alex_acc = [round(r["val_acc"], 3) for r in hist4[alexnet]]
tail = min(5, len(lenet_acc) - 1, len(alex_acc) - 1)
lenet_gain, alex_gain = (round(acc[-1] - acc[-1 - tail], 3) for acc in (lenet_acc, alex_acc))
passed = next((i + 1 for i, a in enumerate(alex_acc) if a > lenet_acc[-1]), None)
ex4_result = d2l.book.glue("ex4_result", d2l.book.result(
                 "ex4", "ex4_passed" if passed else "ex4_not_passed",
                 lenet=lenet_acc[-1], lenet_epochs=len(lenet_acc), alexnet=alex_acc[-1],
                 alexnet_epochs=len(alex_acc), passed=passed or 0, tail=tail,
                 lenet_gain=lenet_gain, alexnet_gain=alex_gain))
ex4_why = d2l.book.glue("ex4_why", d2l.book.say(
    "ex4_why", side=side,
    param_ratio=table4.loc[alexnet, "parameters"] / table4.loc["LeNet, 28x28", "parameters"],
    flop_ratio=d2l.model_flops(d2l.AlexNet(), (1, 1, side, side))["forward"]
    / d2l.model_flops(d2l.LeNet(), (1, 1, 28, 28))["forward"]))


# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex4_result` Where AlexNet trains for fewer epochs than LeNet, as in the CPU form,
# the last epochs of the two runs are not the same epochs: AlexNet's last ones come early
# in its training, when accuracy still rises fast. Such a run shows only that AlexNet had
# not stopped improving when it ended; the GPU form, twenty epochs each, puts the same
# epochs side by side. {eval}`ex4_why` So it can fit finer differences between the classes,
# with dropout meant to keep it from memorising them (Exercise 8 measures how much it
# does), while LeNet's sigmoids and small layers limit what
# it can fit.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-slim
#
# AlexNet is far too big for Fashion-MNIST. Simplify it to train faster without losing
# much accuracy, and design a better network for 28 by 28 images.
# ```
#
# ```{solution-start} ex-slim
# :class: dropdown
# ```
#
# Two smaller networks. SlimAlexNet keeps AlexNet's large first window and stride, its
# overlapping pooling and the enlarged input, but has four convolutions instead of five,
# each a quarter as wide as its counterpart in AlexNet (24, 64, 96 and 64 channels; one of
# the two 384-wide layers is gone), and one dense layer of 512 instead of two of 4,096.
# SmallNet works on the original images with no upsampling at all. Each is trained as AlexNet is in {numref}`ex-epochs`: the same
# optimizer, learning rate, batch size and number of epochs.

# %%
class SlimAlexNet(d2l.Classifier):
    def __init__(self, lr=0.01, optimizer="sgd"):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(24, kernel_size=11, stride=4, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(64, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(96, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(64, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(512), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(10))
        self.apply_init_after_first_forward(d2l.init_cnn)

    def configure_optimizers(self):  # SGD, SGD with momentum or Adam, as AlexNet's
        return d2l.models.make_optimizer(self.parameters(), self.optimizer, self.lr)


# %%
class SmallNet(d2l.Classifier):
    """Three 3x3 convolution blocks for 28x28 inputs."""
    configure_optimizers = SlimAlexNet.configure_optimizers

    def __init__(self, lr=0.01, optimizer="sgd"):
        super().__init__()
        self.save_hyperparameters()
        block = lambda c: [nn.LazyConv2d(c, kernel_size=3, padding=1), nn.ReLU(),
                           nn.MaxPool2d(kernel_size=2)]
        self.net = nn.Sequential(*block(32), *block(64), *block(128), nn.Flatten(),
                                 nn.LazyLinear(256), nn.ReLU(), nn.Dropout(0.3),
                                 nn.LazyLinear(10))
        self.apply_init_after_first_forward(d2l.init_cnn)


# %%
slim = f"SlimAlexNet, {side}x{side}"
smaller = {
    slim: (lambda: SlimAlexNet(lr=0.01, optimizer=alexnet_optimizer),
           lambda: d2l.FashionMNIST(batch_size=128, resize=(side, side))),
    "SmallNet, 28x28": (lambda: SmallNet(lr=0.01, optimizer=alexnet_optimizer),
                        lambda: d2l.FashionMNIST(batch_size=128)),
}
table5, hist5 = d2l.experiments.run_experiments(smaller, max_epochs=epochs[alexnet],
                                                speed="auto")
both = pd.concat([table4, table5])
d2l.experiments.rounded(both)

# %% tags=["remove-cell"]
# the accuracies and rates as the table shows them, so that a ratio or a difference the
# sentence gives is that of the numbers it quotes
acc, rate = both["val_acc"].round(3), both["images/s"].round()
small_acc, alexnet_acc = acc["SmallNet, 28x28"], acc[alexnet]
ex5_result = d2l.book.glue("ex5_result", d2l.book.this_run(
    "ex5", "ex5_small_level" if small_acc == alexnet_acc
    else "ex5_small_ahead" if small_acc > alexnet_acc else "ex5_small_behind",
    hist5[slim], epochs=epochs[alexnet],
    param_ratio=both.loc[alexnet, "parameters"] / both.loc["SmallNet, 28x28", "parameters"],
    speedup=rate["SmallNet, 28x28"] / rate[alexnet],
    small=small_acc, alexnet=alexnet_acc, slim=acc[slim],
    slim_gap=round(acc[slim] - alexnet_acc, 3),
    slim_speedup=rate[slim] / rate[alexnet]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex5_result` The two small networks change different things. SlimAlexNet is
# shallower and narrower but keeps the choices AlexNet made for 224-pixel colour
# photographs: the large first window and stride, the overlapping pooling and the enlarged
# input. SmallNet drops them: its 3 by 3 windows at stride 1 work on the original pixels from its
# first layer on, and meet every pixel in the same way. On an enlarged image, as
# [What the First Layer Can Learn](firstlayer.md#sec-first-layer) showed, a large window computes linear functions of fewer
# original pixels than it has weights, one filter has to serve every way a window meets the pixel grid, and
# its 121 pixels are interpolated from those originals.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-batch
#
# How do the batch size, the throughput (images per second), the accuracy after one epoch
# and the memory used depend on each other?
# ```
#
# ```{solution-start} ex-batch
# :class: dropdown
# ```
#
# One epoch at each batch size (over all 60,000 training images at full size), with the
# learning rate scaled with the batch (AlexNet on {eval}`ex6_side`-pixel images in
# this run):

# %%
sweep = {  # (b=b keeps each batch size in its own lambda)
    f"batch {b}": (lambda b=b: d2l.AlexNet(lr=0.01 * b / 128,
                                              optimizer=alexnet_optimizer),
                   lambda b=b: d2l.FashionMNIST(batch_size=b, resize=(side, side)))
    for b in (32, 128, 512)
}
table6, _ = d2l.experiments.run_experiments(sweep, max_epochs=1, speed="auto")
d2l.experiments.rounded(table6[["images/s", "peak MiB", "val_acc", "seconds"]])

# %% tags=["remove-cell"]
ex6_side = d2l.book.glue("ex6_side", side)
# the accuracies as the table shows them, so that the sentences quote the same digits
rates, accs = table6["images/s"], table6["val_acc"].round(3)
a32, a128, a512 = (float(accs[f"batch {b}"]) for b in (32, 128, 512))
rising = bool(rates.is_monotonic_increasing)
ex6_result = d2l.book.glue("ex6_result", d2l.book.result(
                 "ex6", "ex6_rising" if rising else "ex6_not_rising",
                 r32=rates["batch 32"], r128=rates["batch 128"], r512=rates["batch 512"],
                 a32=a32, a128=a128, a512=a512))
# how the accuracies compare; a quick run's have hardly left guessing, so it says nothing
ex6_accuracy = d2l.book.glue("ex6_accuracy", "" if d2l.scales.current() == "quick" else
                             d2l.book.say(d2l.experiments.batch_accuracy_key(a32, a128, a512),
                                          behind=round(min(a32, a128) - a512, 3), tol=0.02))
ex6_memory = d2l.book.glue("ex6_memory", d2l.book.say(
    "ex6_memory_cpu" if table6["peak MiB"].isna().all() else "ex6_memory_gpu"))

# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex6_result` {eval}`ex6_memory` Throughput grows with the batch until the
# device is busy, and the activations kept for the backward pass set the upper limit on
# the batch. {eval}`ex6_accuracy` A larger batch changes two things at once, so a run like
# this one cannot say which of them costs accuracy where a larger batch does. One is the
# number of updates: an epoch at batch 512 takes a sixteenth of the steps of one at batch
# 32. The other is the learning rate, scaled with the batch: 0.04 at batch 512, four times
# batch 128's, which can make the first steps unstable, the more so with momentum (which
# the CPU form uses). Both are hypotheses to test: train batch 512 again at batch 128's
# learning rate of 0.01, and compare the runs' loss histories (train with `d2l.Trainer` and
# read `trainer.step_log`, the mean loss logged as the epoch goes): a loss that falls
# steadily but slowly points to too few updates, one that rises or stalls over the first
# steps to the learning rate.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-lenet-tricks
#
# Give LeNet AlexNet's main tricks, ReLU and dropout. Then add random flips and small
# shifts of the training images: which invariances of Fashion-MNIST do they use, and
# which augmentations would hurt?
# ```
#
# ```{solution-start} ex-lenet-tricks
# :class: dropdown
# ```
#
# The flips and shifts are done on the device, as part of the loader. Each network trains
# for twenty epochs at full size (LeNet is cheap enough for a CPU), two in quick mode. The
# sigmoid LeNet trains at a learning rate of 0.9, the other two at 0.1 with dropout 0.3
# (AlexNet's is 0.5), so the first two rows differ in three settings at once, not only in
# the two tricks; a sigmoid LeNet at 0.1, or a ReLU LeNet without dropout, would tell
# their effects apart:

# %%
lenets = {
    "LeNet (sigmoid)": (
        lambda: d2l.LeNet(lr=0.9),
        lambda: d2l.FashionMNIST(batch_size=128)),
    "LeNet + ReLU + dropout": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128)),
    "... + flips and shifts": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128, augment=True)),
}
table7, hist7 = d2l.experiments.run_experiments(
    lenets, max_epochs=d2l.scales.pick(quick=2, full=20), speed="auto")
d2l.experiments.rounded(table7)

# %% tags=["remove-cell"]
acc7 = table7["val_acc"]
ex7_result = d2l.book.glue("ex7_result", d2l.book.result(
                 "ex7", "ex7_found", epochs=len(hist7["LeNet (sigmoid)"]),
                 sigmoid=acc7["LeNet (sigmoid)"], relu=acc7["LeNet + ReLU + dropout"],
                 augmented=acc7["... + flips and shifts"], best=acc7.idxmax()))
# what the flips and shifts did, from the rounded table; a quick run's two epochs say nothing
plain7, augmented7 = (round(acc7[k], 3) for k in ("LeNet + ReLU + dropout",
                                                   "... + flips and shifts"))
ex7_augment = d2l.book.glue("ex7_augment", "" if d2l.scales.current() == "quick" else
                            d2l.book.say(d2l.experiments.augment_key(plain7, augmented7),
                                         cost=round(plain7 - augmented7, 3),
                                         gain=round(augmented7 - plain7, 3),
                                         epochs=len(hist7["LeNet (sigmoid)"]), tol=0.005))


# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex7_result` {eval}`ex7_augment` A garment shifted by a pixel or two is the same garment, and a
# mirrored shirt is still a shirt, so small shifts and horizontal flips keep the label.
# They are not all equally realistic, though. The next cell compares each training image
# with the mean image of its class, as it is, mirrored and upside down:

# %%
def closer_as_it_is(images, flip_dim):
    """The share of ``images`` closer to their mean as they are than flipped."""
    mean = images.mean(0)
    as_is = (images - mean).flatten(1).norm(dim=1)
    flipped = (images.flip(flip_dim) - mean).flatten(1).norm(dim=1)
    return (as_is < flipped).float().mean().item()


fmnist = d2l.load_fashion_mnist()
X7, y7 = fmnist["train_images"].float(), fmnist["train_labels"]
orientation = pd.DataFrame(
    {name: {"closer to the class mean than mirrored": closer_as_it_is(X7[y7 == k], -1),
            "closer to the class mean than upside down": closer_as_it_is(X7[y7 == k], -2)}
     for k, name in enumerate(d2l.TEXT_LABELS)}).T.rename_axis("class").round(3)
orientation

# %% tags=["remove-cell"]
shoes = orientation.loc[["sandal", "sneaker", "ankle boot"]]
others = orientation.drop(shoes.index)
mirrored, upside_down = orientation.columns
shoe_low = d2l.book.glue("shoe_low", 100 * shoes[mirrored].min(), ".0f")
shoe_high = d2l.book.glue("shoe_high", 100 * shoes[mirrored].max(), ".0f")
other_low = d2l.book.glue("other_low", 100 * others[mirrored].min(), ".0f")
other_high = d2l.book.glue("other_high", 100 * others[mirrored].max(), ".0f")
upright_low = d2l.book.glue("upright_low", 100 * orientation[upside_down].min(), ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# Of the sandals, sneakers and ankle boots, {eval}`shoe_low`% to {eval}`shoe_high`% are
# closer to their class's mean as they are than mirrored, against {eval}`other_low`% to
# {eval}`other_high`% in the other classes: Fashion-MNIST's shoes point one way, so a
# mirrored shoe is an image the test set rarely shows. Where flips cost accuracy, that is
# one suspect; a run that flips every class but the shoes would tell. Upside down, the
# images of every class are further from their mean in at least {eval}`upright_low`% of
# cases, so vertical flips would make images the test set hardly holds: try them in place
# of the horizontal flips. Libraries such as
# Albumentations ([Buslaev et al., 2020](../references.bib#buslaev2020albumentations)) offer many more augmentations to choose
# from with the same question in mind.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-overfit
#
# Train AlexNet for many epochs on only a few training images, so that it fits them better
# than images it has not seen: how far apart do its training and test accuracy drift, and how much of that gap does dropout close? Then find
# a change to the network or its recipe after which it learns nothing at all.
# ```
#
# ```{solution-start} ex-overfit
# :class: dropdown
# ```
#
# Give AlexNet only 1,000 training images (256 in quick mode) and it has tens of
# thousands of parameters for each of them. With plain SGD at a learning rate of 0.01,
# eight batches an epoch are few updates, so this experiment uses Adam, which adapts its
# step to each weight, for thirty epochs (four in quick mode), with a small learning rate
# on a GPU (1e-4) and a larger one for the CPU form's 65-pixel network (5e-4). The CPU
# form tests on 2,000 of the test images, since it tests after every one of its thirty
# short epochs. One epoch's accuracies jump by a few points, so the table averages the
# last five epochs (all four in quick mode) and gives the gap between training and test
# accuracy:

# %%
few = lambda: d2l.FashionMNIST(batch_size=128, resize=(side, side),
                               num_train=d2l.scales.pick(quick=256, full=1000),
                               num_val=d2l.scales.pick(quick=None, cpu=2_000, gpu=None))
lr8 = d2l.scales.pick(quick=5e-4, cpu=5e-4, gpu=1e-4)
overfit = {
    "dropout 0.5": (lambda: d2l.AlexNet(lr=lr8, dropout=0.5, optimizer="adam"), few),
    "no dropout": (lambda: d2l.AlexNet(lr=lr8, dropout=0.0, optimizer="adam"), few),
}
table8, hist8 = d2l.experiments.run_experiments(
    overfit, max_epochs=d2l.scales.pick(quick=4, full=30), speed="auto")
late8 = d2l.experiments.late_accuracy(hist8, last=5)
late8.round(3)

# %% tags=["hide-input"]
d2l.plot_histories(hist8, metric=("train_acc", "val_acc"));

# %% tags=["remove-cell"]
# the gaps as the table shows them, so that the sentence and its choice use those digits
gap_none, gap_drop = (float(late8["gap"].round(3)[name]) for name in ("no dropout",
                                                                      "dropout 0.5"))
ex8_result = d2l.book.glue("ex8_result", d2l.book.result(
                 "ex8", d2l.experiments.dropout_gap_key(gap_none, gap_drop),
                 gap_none=gap_none, gap_drop=gap_drop, epochs=len(hist8["no dropout"]),
                 train=hist8["no dropout"][-1]["train_images"]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex8_result` The training accuracy is counted while the network trains, so with
# dropout it is measured on a thinned network; the test accuracy always uses the whole one.
#
# Does dropout matter on the full training set too? The same question on all 60,000
# images, asked with the recipe of [Training AlexNet](training.md#sec-training) for each scale: the reference
# recipe on a GPU (SGD at 0.01 for ten epochs), the laptop recipe otherwise (Adam with a
# one-cycle schedule; two epochs at CPU full size, on 256 images in quick mode):

# %%
if d2l.scales.current() == "gpu":  # the reference recipe
    recipe8 = lambda dropout: d2l.AlexNet(lr=0.01, dropout=dropout)
    epochs8b, batch8b = 10, 128
else:  # the laptop recipe
    recipe8 = lambda dropout: d2l.AlexNet(lr=1e-3, dropout=dropout, optimizer="adam",
                                          schedule="one-cycle")
    epochs8b, batch8b = 2, 256
all_images = lambda: d2l.FashionMNIST(batch_size=batch8b, resize=(side, side))
full_data = {
    "dropout 0.5": (lambda: recipe8(0.5), all_images),
    "no dropout": (lambda: recipe8(0.0), all_images),
}
table8b, hist8b = d2l.experiments.run_experiments(full_data, max_epochs=epochs8b,
                                                  speed="auto")
late8b = d2l.experiments.late_accuracy(hist8b, last=d2l.scales.pick(quick=1, cpu=1, gpu=3))
late8b.round(3)

# %% tags=["remove-cell"]
ex8b_result = d2l.book.glue("ex8b_result", d2l.book.result(
    "ex8b", "ex8b_found", epochs=epochs8b, train=hist8b["no dropout"][-1]["train_images"],
    gap_none=late8b.loc["no dropout", "gap"], gap_drop=late8b.loc["dropout 0.5", "gap"],
    acc_none=late8b.loc["no dropout", "val_acc"], acc_drop=late8b.loc["dropout 0.5", "val_acc"]))

# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`ex8b_result` Compare the two gaps with those of the small-set run, where each
# parameter had sixty times fewer images to fit.
#
# To break training altogether, try the sigmoid (`activation="sigmoid"`) or a learning
# rate of 1, and explain what you see with the gradients of [AlexNet](model.md#sec-model).
# The ReLU-against-sigmoid comparison of [Teaching with This Chapter](teaching.md#sec-teaching)
# runs the first of these beside ReLU, briefly, and draws both runs' test accuracy.
#
# ```{solution-end}
# ```

# %% tags=["remove-cell"]
full_size = not d2l.quick_mode()
assert [len(h) for h in hist4.values()] == list(epochs.values())
assert list(table6.index) == ["batch 32", "batch 128", "batch 512"]
assert (table6["images/s"] > 0).all()
assert table5.loc["SmallNet, 28x28", "parameters"] < table4.loc[alexnet, "parameters"] / 10
assert intensity.loc["net.14", "batch 1"] < 1 < intensity.loc["net.3", "batch 1"]
assert params == 46_764_746 and 0 < achieved / peak < 1.5
if full_size:  # what the solutions' sentences claim, checked where they are made
    assert table4["val_acc"].min() > 0.8, table4
    assert late8.loc["no dropout", "gap"] > 0.05, late8
d2l.book.finish_page();
