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
# (sec-model)=
# # AlexNet

# %%
import math

import d2l_local as d2l
import pandas as pd
import torch
from torch import nn

d2l.book.show_run_mode("model")


# %% [markdown] slideshow={"slide_type": "slide"}
# AlexNet ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)), named after Alex Krizhevsky, the
# paper's first author, won the ImageNet challenge of 2012 by a wide
# margin, and with it the argument that learned features beat designed ones. Its design
# is recognisably LeNet's ([LeCun and Bengio, 1995](../references.bib#lecun1995convolutional)), convolutions and pooling
# followed by fully connected layers, but it differs in four ways:
#
# 1. It is much deeper: five convolutional layers, two hidden fully connected layers and
#    a fully connected output layer (dense layers, as the code and the figures call fully
#    connected ones), eight learned layers in all.
# 2. It is much wider: its first two convolutions have 96 and 256 channels, sixteen times
#    LeNet's 6 and 16.
# 3. It uses the rectified linear unit (ReLU) ([Nair and Hinton, 2010](../references.bib#nair2010rectified)) instead of the
#    sigmoid.
# 4. It controls overfitting with dropout ([Srivastava et al., 2014](../references.bib#srivastava2014dropout)) and heavy data
#    augmentation (flips, crops and colour changes) rather than weight decay alone.
#
# The original network was spread over two GPUs, half of each layer's filters on each, the
# two halves exchanging results only at some layers, because, the paper explains, one
# GTX 580 had only 3 GiB (3,072 MiB) of memory ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)) ({ref}`sec-model-memory`
# counts what that means). On one modern GPU the network is
# a single stream, as in {numref}`fig-alexnet-vs-lenet`.
#
# ```{figure} ../img/alexnet-vs-lenet.svg
# :name: fig-alexnet-vs-lenet
# :alt: Two stacks of layers, LeNet above AlexNet, each read from its input at the bottom up. LeNet: a 1×28×28 image; 5×5 convolution with 6 channels and padding 2, sigmoid, 6×28×28; 2×2 average pooling, 6×14×14; 5×5 convolution with 16 channels, sigmoid, 16×10×10; 2×2 average pooling, 16×5×5; dense layers of 120 and 84 with sigmoids; dense 10. AlexNet: a 1×224×224 image; 11×11 convolution with 96 channels, stride 4 and padding 1, ReLU, 96×54×54; 3×3 max pooling with stride 2, 96×26×26; 5×5 convolution with 256 channels, 256×26×26; max pooling, 256×12×12; three 3×3 convolutions with 384, 384 and 256 channels, 384×12×12, 384×12×12 and 256×12×12; max pooling, 256×5×5; two dense layers of 4096 with ReLU and dropout 0.5; dense 10.
# :width: 400px
#
# LeNet (top) and the single-stream AlexNet of this chapter (below), each with its input at
# the bottom.
# Each box gives a layer and the shape of its output.
# ```
#
# ## The network in a few lines
#
# This is the whole model. The `Lazy` layers work out their input sizes from the first
# batch they see, and `init_cnn` (Xavier-uniform initialisation
# ([Glorot and Bengio, 2010](../references.bib#glorot2010understanding))) is applied right after that first batch, when the
# weights exist.

# %%
class AlexNet(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(96, kernel_size=11, stride=4, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(256, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(384, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(384, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(256, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(num_classes))
        self.apply_init_after_first_forward(d2l.init_cnn)


# %% [markdown] slideshow={"slide_type": "slide"}
# :::{note}
# The d2l book ([Zhang et al., 2023a](../references.bib#zhang2023dive)) applies the initialisation inside `__init__`, while
# the lazy layers have no weights yet; the call then changes nothing and the network trains from PyTorch's default
# initialisation. Here the initialisation waits for the first forward pass. The library's
# `d2l.AlexNet` is this class plus options for the dropout rate, the activation and the
# optimizer, which later sections use.
# :::
#
# ## Layer by layer
#
# Feed one 224 by 224 grey image through and look at every layer's output shape,
# parameters and FLOPs:

# %%
table = AlexNet().layer_summary((1, 1, 224, 224))

# %% [markdown] slideshow={"slide_type": "subslide"}
# `layer_summary` also returns the numbers as a pandas DataFrame, to sort, filter and plot.
# Here are the layers that have weights:

# %%
table[table["parameters"] > 0]

# %% tags=["remove-cell"]
groups = d2l.summary.layer_groups(table)
total_params = int(table["parameters"].sum())
flops = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))
dense_mib = groups["dense_params"] * 4 / 2**20
all_flops = groups["conv_flops"] + groups["dense_flops"]
total_params = d2l.book.glue("total_params", total_params, ",")
conv_params = d2l.book.glue("conv_params", groups["conv_params"], ",")
dense_params = d2l.book.glue("dense_params", groups["dense_params"], ",")
dense_mib = d2l.book.glue("dense_mib", dense_mib, ".0f")
dense_param_share = d2l.book.glue(
    "dense_param_share", 100 * groups["dense_params"] / total_params, ".1f")
conv_flop_share = d2l.book.glue("conv_flop_share", 100 * groups["conv_flops"] / all_flops, ".1f")
fwd_gflops = d2l.book.glue("fwd_gflops", flops["forward"] / 1e9, ".2f")
fwdbwd_gflops = d2l.book.glue("fwdbwd_gflops", flops["forward_backward"] / 1e9, ".2f")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Where the parameters live and where the compute lives
#
# The network has {eval}`total_params` parameters:
# {eval}`conv_params` in the convolutions and {eval}`dense_params` in the
# fully connected layers, that is {eval}`dense_param_share`% of them
# ({eval}`dense_mib` MiB in fp32). The compute is the other way round: the
# convolutions do {eval}`conv_flop_share`% of the {eval}`fwd_gflops`
# GFLOPs of a forward pass. Forward plus backward costs {eval}`fwdbwd_gflops`
# GFLOPs per image; that number returns in [Training AlexNet](training.md#sec-training), to
# cost the reference recipe, and in [Exercise 3](exercises.md#ex-benchmark), to measure the
# rate of a training step.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Share of parameters and of forward FLOPs of each weighted layer, numbered as in the 2012 paper, conv1 to conv5 and dense6 to dense8 (net.0, net.3, net.6, net.8, net.10, net.14, net.17 and net.20 in the table above). The two hidden dense layers hold most parameters; the convolutions do most of the work.", "name": "fig-params-vs-flops"}}
d2l.figures.plot_params_vs_flops(table);

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Why 11 by 11 at stride 4
#
# The first layer does two jobs at once. Its stride of 4 shrinks the image quickly, so that
# every later layer works on a small map; its 11 by 11 window is wider than the stride, so
# that neighbouring windows overlap and no pixel falls between them. Following each layer's
# *jump* (input pixels between neighbouring outputs) and *receptive field* (input pixels
# one output depends on) through the network shows the effect:

# %%
fields = d2l.summary.receptive_fields(d2l.AlexNet(), input_size=224)
fields

# %% tags=["remove-cell"]
stride1_side = (224 + 2 * 1 - 11) // 1 + 1
stride1_side = d2l.book.glue("stride1_side", stride1_side)
stride4_side = d2l.book.glue("stride4_side", int(fields["output side"].iloc[0]))
stride_saving = d2l.book.glue(
    "stride_saving", (stride1_side / fields["output side"].iloc[0]) ** 2, ".0f")
last_field = d2l.book.glue("last_field", int(fields["receptive field"].iloc[-1]))


# %% [markdown] slideshow={"slide_type": "slide"}
# At stride 1 the first layer would output a {eval}`stride1_side` by
# {eval}`stride1_side` map instead of {eval}`stride4_side` by
# {eval}`stride4_side`: {eval}`stride_saving` times the positions, for this
# layer and for everything after it. With the stride of 4, each value after the last
# pooling layer depends on a {eval}`last_field` by {eval}`last_field` square of
# the 224-pixel input, most of the image. On ImageNet photographs an 11-pixel window is
# enough to see an edge or a colour blob; on this chapter's enlarged images, where each
# original pixel becomes 8 by 8 pixels, it is less than two original pixels wide, though
# the interpolation between their centres makes it depend on 3 or 4 of them along each
# axis ([What the First Layer Can Learn](firstlayer.md#sec-first-layer) shows what that means for the
# filters).
#
# (sec-model-memory)=
# ## Memory: why two GPUs in 2012
#
# The paper says that the 3 GiB of one GTX 580 limited the size of network it could train,
# and that it therefore spread its network over two cards ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)). Its
# network is not quite this chapter's: it takes colour crops that come to 227 pixels (the
# paper says 224, but only 227 gives its 55 by 55 first maps), normalises the responses of
# neighbouring channels after the first two convolutions, ends with 6 by 6 maps, and keeps
# the two cards' halves of the second, fourth and fifth convolutions apart, which a single
# stream writes as `groups=2`:

# %%
def paper_alexnet():
    """The 2012 network as one stream; groups=2 where each card saw only its own half."""
    def norm():
        return nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)
    return nn.Sequential(
        nn.Conv2d(3, 96, kernel_size=11, stride=4), nn.ReLU(), norm(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2, groups=2), nn.ReLU(), norm(),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1, groups=2), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1, groups=2), nn.ReLU(),
        nn.MaxPool2d(3, 2), nn.Flatten(),
        nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 1000))


# %% [markdown] slideshow={"slide_type": "subslide"}
# Training keeps more in memory than the weights. For each weight there is its gradient
# and, with SGD and momentum as in the paper, a momentum buffer; and every layer's output is
# kept for the backward pass. Here is that count for both networks at the paper's batch
# size of 128, this chapter's in its ImageNet shape (3 colour channels, 1,000 classes):

# %%
budgets = {
    "this chapter's network": d2l.summary.training_memory(
        d2l.AlexNet(num_classes=1000), (1, 3, 224, 224), batch_size=128, optimizer_states=1),
    "the 2012 paper's network": d2l.summary.training_memory(
        paper_alexnet(), (1, 3, 227, 227), batch_size=128, optimizer_states=1)}
gib = pd.DataFrame(budgets) / 2**30
gib.loc["total"] = gib.sum()
d2l.summary.memory_table(gib.round(3))  # its labels in the reader's language

# %% tags=["remove-cell"]
paper = "the 2012 paper's network"
paper_params = sum(p.numel() for p in paper_alexnet().parameters())
paper_params_m = d2l.book.glue("paper_params_m", d2l.book.millions(paper_params))
card_gib = 3  # a GTX 580's 3 GiB (3,072 MiB)
mem_total = d2l.book.glue("mem_total", gib.loc["total", paper], ".2f")
mem_share = d2l.book.glue("mem_share", 100 * gib.loc["total", paper] / card_gib, ".0f")
mem_card = d2l.book.glue("mem_card", gib.loc["total", paper] / 2, ".2f")
ours_total = d2l.book.glue("ours_total", gib.loc["total", "this chapter's network"], ".2f")
shapes = d2l.summary.layer_table(paper_alexnet(), (1, 3, 227, 227),
                                 verbose=False)["output shape"]
largest = max(math.prod(s[1:]) for s in shapes) * 128 * 4 / 2**30
largest_act = d2l.book.glue("largest_act", largest, ".2f")
imagenet_params = budgets["this chapter's network"]["weights"] // 4
imagenet_params_m = d2l.book.glue("imagenet_params_m", d2l.book.millions(imagenet_params))

# %% [markdown] slideshow={"slide_type": "subslide"}
# By this count the paper's network, with {eval}`paper_params_m` parameters,
# needs {eval}`mem_total` GiB for a training step, {eval}`mem_share`% of one 3 GiB
# card, or about {eval}`mem_card` GiB on each of two (the paper split every layer, the
# dense ones included, between the cards). This chapter's single stream, with
# {eval}`imagenet_params_m` parameters in its ImageNet shape, needs
# {eval}`ours_total` GiB. The count is a lower bound. The backward pass also holds
# gradients of the activations, though not all at once: autograd frees each one as soon as
# the layer below has used it, so it adds about a layer's worth at a time, the largest
# being the first layer's output, {eval}`largest_act` GiB. The convolution code needs
# working memory, the next batch of images waits on the card, and the driver takes its
# share. So a count alone cannot settle whether the whole step fitted in 3 GiB with room to
# spare; the paper reports that it did not, and splitting the network also halved each
# card's arithmetic. {eval}`memory_peak` An NVIDIA H100 has 80 GB ([NVIDIA, 2022](../references.bib#nvidia2022h100)).

# %% tags=["remove-cell"]
if torch.cuda.is_available():  # a measured peak, where the hardware allows
    net = paper_alexnet().cuda()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    images = torch.randn(128, 3, 227, 227, device="cuda")
    labels = torch.randint(0, 1000, (128,), device="cuda")
    torch.cuda.reset_peak_memory_stats()
    for _ in range(2):  # the second step has the momentum buffers too
        optimizer.zero_grad()
        nn.functional.cross_entropy(net(images), labels).backward()
        optimizer.step()
    peak = torch.cuda.max_memory_allocated() / 2**30
    note = d2l.book.say("memory_peak", peak=peak, device=d2l.describe_device("cuda"))
    del net, optimizer, images, labels
    torch.cuda.empty_cache()
else:
    note = d2l.book.say("memory_peak_no_gpu")
memory_peak = d2l.book.glue("memory_peak", note)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The smallest input
#
# 224 pixels is not a requirement of the network. Every convolution and pooling layer
# shrinks the image by a known rule, and the network fails only when some layer would
# produce an empty output. Searching upward from one pixel finds the smallest side that
# works:

# %%
smallest = d2l.smallest_input_size(d2l.AlexNet())
smallest

# %%
trace = pd.DataFrame(d2l.summary.size_trace(d2l.AlexNet(), smallest),
                     columns=["layer", "output (C, H, W)"])
trace[~trace["layer"].isin(["ReLU", "Dropout"])]  # the layers that change the shape

# %% [markdown] slideshow={"slide_type": "slide"}
# The first convolution (11 by 11, stride 4, padding 1) turns a side of $n$ into
# $\lfloor (n - 9)/4 \rfloor + 1$, and each of the three max-poolings (3 by 3, stride 2)
# turns $m$ into $\lfloor (m - 3)/2 \rfloor + 1$, which needs $m \ge 3$. Working backwards
# from one pixel at the end: the last pooling needs 3, the middle one 7, so the first
# convolution must output 15, which needs $n \ge 65$. At 65 pixels the network ends with a
# $256 \times 1 \times 1$ map; at 224 it ends with $256 \times 5 \times 5$, the 6,400
# inputs of the first dense layer.
#
# ## ReLU instead of sigmoid
#
# The sigmoid squeezes its input into $(0, 1)$ and its derivative,
# $\sigma(x)(1 - \sigma(x))$, is at most $1/4$ and nearly zero once $|x|$ is larger than a
# few units. ReLU, $\max(0, x)$, needs no exponential and its derivative is exactly 1 for
# every positive input.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "ReLU and sigmoid (left) and their derivatives (right).", "name": "fig-activation-gradients"}}
d2l.figures.plot_activation_gradients();

# %% [markdown] slideshow={"slide_type": "subslide"}
# What this means for a deep network shows in the gradients. Take one batch of real
# images, run it through AlexNet with ReLU and with sigmoid, both freshly initialised, and
# compare the size of the gradient that reaches each layer's weights:

# %%
data = d2l.FashionMNIST(batch_size=32, resize=(224, 224))
X, y = next(iter(data.train_dataloader()))
norms, inputs = {}, {}
for act in ("relu", "sigmoid"):
    torch.manual_seed(0)
    model = d2l.AlexNet(activation=act)
    model(X[:1])  # creates and initialises the weights
    layers = {name: layer for name, layer in model.named_modules()
              if isinstance(layer, (nn.Conv2d, nn.Linear))}
    seen = {}  # the mean size of each weighted layer's input, recorded on the way
    hooks = [layer.register_forward_pre_hook(
        lambda _, args, name=name, seen=seen: seen.__setitem__(name, args[0].abs().mean().item()))
        for name, layer in layers.items()]
    model.loss(model(X), y).backward()
    for hook in hooks:
        hook.remove()
    norms[act] = {name: layer.weight.grad.norm().item() for name, layer in layers.items()}
    inputs[f"input, {act}"] = seen
grads = pd.DataFrame(norms)
grads.assign(ratio=grads["relu"] / grads["sigmoid"]).join(pd.DataFrame(inputs)).round(6)

# %% tags=["remove-cell"]
first = grads.index[0]
first_layer_ratio = d2l.book.glue(
    "first_layer_ratio", float(grads.loc[first, "relu"] / grads.loc[first, "sigmoid"]), ",.0f")
last = grads.index[-1]
last_layer_ratio = d2l.book.glue(
    "last_layer_ratio", float(grads.loc[last, "sigmoid"] / grads.loc[last, "relu"]), ".0f")
sigmoid_input = d2l.book.glue("sigmoid_input", inputs["input, sigmoid"][last], ".2g")
relu_input = d2l.book.glue("relu_input", inputs["input, relu"][last], ".2g")

# %% [markdown] slideshow={"slide_type": "slide"}
# With sigmoids, the gradient reaching the first layer is about
# {eval}`first_layer_ratio` times smaller than with ReLU. The sigmoid's derivative
# is at most $1/4$, and the backward signal passes through seven of them before it reaches
# the first layer. At the same learning rate (the factor each gradient is multiplied by to make a
# step), each step of gradient descent therefore moves
# the first layer's filters about that many times less than with ReLU: the early filters
# barely move. The ReLU-against-sigmoid comparison of
# [Teaching with This Chapter](teaching.md#sec-teaching) trains both networks briefly and shows
# what that does to a short run.
#
# At the top the order is reversed: the last layers get larger gradients with sigmoids,
# {eval}`last_layer_ratio` times larger for the output layer. A weight's gradient is the error
# at the layer's output times the layer's input, summed over the batch. A sigmoid's output
# is never far from 0.5 at initialisation, so every input of the output layer is about
# {eval}`sigmoid_input` in size, against {eval}`relu_input` on average with ReLU, whose
# outputs are zero for negative inputs and, with this initialisation, mostly shrink from layer to
# layer (the last two columns of the table). Going down, each sigmoid multiplies the error by at most $1/4$,
# and within a few layers the sigmoid network's gradients fall below ReLU's. The last exercise of
# [Discussion, Summary and Exercises](exercises.md#sec-exercises) suggests training with sigmoids to see it.
#
# ## Dropout
#
# Dropout zeroes each activation with probability $p$ during training and scales the
# survivors by $1/(1-p)$, so that the expected value stays the same; at test time it does
# nothing. The two hidden dense layers of AlexNet use $p = 0.5$:

# %%
dropout = nn.Dropout(0.5)
h = torch.ones(10_000)
dropout.train()
kept = dropout(h)
dropout.eval()
{"fraction zeroed": (kept == 0).float().mean().item(),
 "largest value": kept.max().item(),
 "mean in training": kept.mean().item(),
 "mean in evaluation": dropout(h).mean().item()}

# %% [markdown] slideshow={"slide_type": "subslide"}
# About half the units are zero, the rest are doubled, the mean stays near 1, and in
# evaluation mode the layer is the identity. Because every batch trains a different thinned
# network, no unit can rely on a particular other unit being present, which makes it harder
# for the 43 million dense parameters to memorise the training images. How much that
# matters here is measured in the exercises, on a small training set where overfitting is
# easy to provoke ([Exercise 8](exercises.md#ex-overfit) in [Discussion, Summary and Exercises](exercises.md#sec-exercises)).

# %% tags=["remove-cell"]
# the page's AlexNet is the library's, layer by layer (which the figure is drawn from)
library = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
columns = ["type", "output shape", "parameters"]
assert table[columns].equals(library[columns])
assert total_params == 46_764_746
assert groups["conv_params"] == 3_723_968 and groups["dense_params"] == 43_040_778
assert abs(flops["forward"] / 1e9 - 1.88) < 0.01
assert abs(flops["forward_backward"] / 1e9 - 5.56) < 0.01
assert smallest == 65
ours = AlexNet()
ours(torch.zeros(1, 1, 224, 224))
assert sum(p.numel() for p in ours.parameters()) == 46_764_746
assert grads.loc[first, "relu"] > 10 * grads.loc[first, "sigmoid"]
assert grads.loc[last, "sigmoid"] > 2 * grads.loc[last, "relu"]  # the top, reversed
assert 0.3 < inputs["input, sigmoid"][last] < 0.7 and inputs["input, relu"][last] < 0.3
assert fields["receptive field"].tolist() == [11, 19, 51, 67, 99, 131, 163, 195]
assert fields["jump"].tolist() == [4, 8, 8, 16, 16, 16, 16, 32]
assert stride1_side == 216 and round(float(fields["output side"].iloc[0])) == 54
# 3 input channels and 1,000 classes add 2 x 11 x 11 x 96 and 4096 x 990 + 990 parameters
assert imagenet_params == 46_764_746 + 2 * 11 * 11 * 96 + 4096 * 990 + 990 == 50_844_008
assert 1.0 < gib.loc["total", "this chapter's network"] < 1.5
# the paper's network: about 60 million parameters, 6 x 6 x 256 = 9,216 inputs to fc6
assert paper_params == 60_965_224 and (1, 256, 6, 6) in list(shapes)
assert (1, 96, 55, 55) in list(shapes)  # its first maps, from 227-pixel crops
assert 1.5 < gib.loc["total", paper] < 0.6 * card_gib
assert abs((kept == 0).float().mean().item() - 0.5) < 0.03
d2l.book.finish_page();
