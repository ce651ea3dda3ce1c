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
# (sec-first-layer)=
# # What the First Layer Can Learn

# %%
import copy

import d2l_local as d2l
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

d2l.book.show_run_mode("firstlayer")

# %% [markdown] slideshow={"slide_type": "slide"}
# The first layer of the 2012 network learned edge and colour detectors from ImageNet's
# photographs ([Learned versus Crafted Features](features.md#sec-features)). [Training AlexNet](training.md#sec-training) trains this chapter's
# network by one of two recipes. The reference recipe, run on a GPU, feeds it Fashion-MNIST's
# 28 by 28 pixels enlarged eight times, to 224 ([The Missing Ingredient: Data](data.md#sec-data)), and trains it by
# stochastic gradient descent; the laptop recipe, run on a CPU, enlarges them to 65 pixels
# and trains with the Adam optimiser. This page trains the network briefly with the
# reference recipe's settings (at full size two epochs on 10,000 images, where the recipe
# takes ten on 60,000; quick mode trains far less, too little to learn), looks at its first-layer
# filters, and works out what gradient descent can and cannot make of them. The
# answer lies less in the network or its training than in the images the layer is given.
# The laptop recipe changes both the images and the optimiser; a section near the end says
# what that changes.
#
# ## A short training run
#
# The next cell creates the network of [AlexNet](model.md#sec-model), keeps a copy of its first-layer filters as
# initialised, and trains it with the settings of the reference recipe (stochastic
# gradient descent at a learning rate of 0.01 on 224-pixel images, no weight decay) for
# two epochs on 10,000 training images (in quick mode, one epoch on 256). Unlike that
# recipe, it lets the Trainer choose the arithmetic (`speed="auto"`): bf16 on a processor
# with bf16 units, fp32 elsewhere; further down the page says why that does not change the
# lesson.

# %%
model = d2l.AlexNet(lr=0.01)
data = d2l.FashionMNIST(batch_size=128, resize=(224, 224),
                        num_train=d2l.scales.pick(quick=256, full=10_000))
X, _ = next(iter(data.train_dataloader()))
model(X[:1])  # creates and initialises the weights
start = model.net[0].weight.detach().clone()
trainer = d2l.Trainer(max_epochs=d2l.scales.pick(quick=1, full=2), num_gpus=1, board=False,
                      speed="auto")
trainer.fit(model, data)
d2l.show_filters(model.net[0].weight, title="first-layer filters after training");


# %% tags=["remove-cell"]
def relative_change(now, before):
    return (now.detach().cpu() - before.cpu()).norm().item() / before.norm().item()


alexnet_change = relative_change(model.net[0].weight, start)
alexnet_scale = d2l.book.glue("alexnet_scale", d2l.book.run_scale(trainer.history))
alexnet_change = d2l.book.glue("alexnet_change", 100 * alexnet_change, ".1f")
alexnet_precision = d2l.book.glue("alexnet_precision", trainer.history[-1]["precision"])
alexnet_acc = d2l.book.glue("alexnet_acc", d2l.book.versus_chance(trainer.history[-1]["val_acc"]))

# %% [markdown] slideshow={"slide_type": "slide"}
# These are the filters {eval}`alexnet_scale`, where the network reached a test accuracy
# of {eval}`alexnet_acc`. They changed by
# {eval}`alexnet_change`% of their initial size: they still look like the noise
# they started as. Whether longer training would turn them into edge detectors can be
# answered without training longer, from what a gradient step is able to change.
#
# ## What a gradient step can change
#
# A filter of the first layer is 121 numbers, $w$, one per pixel of its 11 by 11 window.
# At each position of the window it meets a *patch* $p$, the 121 pixels under the window,
# and outputs $w \cdot p + b$. If $\delta$ is the derivative of the loss with respect to
# that output, the chain rule gives the filter's gradient as a sum over every image $n$ of
# the batch and every position $l$ of the window:
#
# $$\frac{\partial L}{\partial w} = \sum_{n} \sum_{l} \delta_{n,l}\, p_{n,l}.$$
#
# Here is that formula against PyTorch's autograd on one batch (`F.unfold` cuts an image
# into the patches the convolution sees):

# %%
conv = model.net[0]
device = conv.weight.device
X, y = (t[:32].to(device) for t in next(iter(data.train_dataloader())))
model.zero_grad()
out = conv(X)  # (batch, 96 filters, 54, 54 positions)
out.retain_grad()
model.loss(model.net[1:](out), y).backward()
patches = F.unfold(X, kernel_size=11, stride=4, padding=1)  # (batch, 121, positions)
by_formula = torch.einsum("bfl,bpl->fp", out.grad.flatten(2), patches)
gap = ((by_formula.view_as(conv.weight) - conv.weight.grad).abs().max()
       / conv.weight.grad.abs().max()).item()
gap

# %% tags=["remove-cell"]
model.zero_grad()
gradient_gap = d2l.book.glue("gradient_gap", gap, ".0e")

# %% [markdown] slideshow={"slide_type": "slide"}
# The two agree to {eval}`gradient_gap` of the gradient's largest entry, which is
# rounding. So every gradient is a weighted sum of patches, and so is every step of
# gradient descent without weight decay, with or without momentum (a momentum step adds up
# earlier gradients).
# A few words for what follows. The *span* of a set of patches is the set of all their
# weighted sums: training can move a filter only within it. A *direction* is a pattern of
# 121 numbers of length one, and the *energy* of the patches along it is the sum, over all
# the patches, of their squared dot products with it. The span has as many dimensions as
# there are independent directions with energy above zero; the eigenvectors of
# $\sum p\, p^\top$, with its eigenvalues as their energies, are such directions, most
# energy first. If the patches of the training images span all 121 directions, a filter can
# become anything. Do they?
#
# ## How many directions enlarged images span
#
# The next cell counts them for 500 training images at four sizes, and, to see whether the
# count comes from the clothes or from the enlargement, for 500 images of random pixels:

# %%
train_images = d2l.load_fashion_mnist()["train_images"][:500]
noise = torch.randint(0, 256, (500, 28, 28), dtype=torch.uint8,
                      generator=torch.Generator().manual_seed(0))
sizes = (28, 56, 112, 224)
spaces = {size: d2l.features.patch_space(train_images, size) for size in sizes}
noise_ranks = {size: d2l.features.patch_space(noise, size).rank for size in sizes}
pd.DataFrame(
    {"enlargement": [f"{size // 28}x" for size in sizes],
     "directions spanned (of 121)": [spaces[size].rank for size in sizes],
     "same, random pixels": [noise_ranks[size] for size in sizes],
     "energy in the top 9": [spaces[size].share(9) for size in sizes],
     "directions for 99.9%": [spaces[size].directions_for(0.999) for size in sizes]},
    index=pd.Index(sizes, name="image side")).round(5)

# %% tags=["remove-cell"]
s224, s28 = spaces[224], spaces[28]
rank224 = d2l.book.glue("rank224", s224.rank)
noise224 = d2l.book.glue("noise224", noise_ranks[224])
top9_224 = d2l.book.glue("top9_224", 100 * s224.share(9), ".2f")
rank28 = d2l.book.glue("rank28", s28.rank)
rank112 = d2l.book.glue("rank112", spaces[112].rank)
noise112 = d2l.book.glue("noise112", noise_ranks[112])
patches224 = d2l.book.glue("patches224", s224.patches, "wan")

# %% [markdown] slideshow={"slide_type": "slide"}
# On the original 28 by 28 images the patches span all {eval}`rank28` directions. On
# images enlarged eight times, as the reference recipe trains on, the {eval}`patches224`
# patches of these 500 images span only {eval}`rank224` of the 121, and nine
# directions hold {eval}`top9_224`% of their energy. Random pixels, enlarged the same way,
# span {eval}`noise224`: the limit comes from the enlargement, not from the clothes.
#
# ## Where the 25 comes from
#
# Bilinear enlargement places the original pixels' centres 8 enlarged pixels apart and
# joins neighbouring centres by straight lines, along the rows and then along the columns.
# [Figure 7](#fig-window-grid) draws an 11 by 11 window on an enlarged test image, with the
# original pixels' borders and centres.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Part of an enlarged test image, with the borders of its original pixels (white lines) and their centres (dots). The solid square is one 11 by 11 window, the dashed one the next window along the row, 4 pixels on.", "name": "fig-window-grid"}}
test_images = d2l.load_fashion_mnist()["test_images"]
d2l.figures.plot_window_on_grid(test_images[0]);

# %% [markdown] slideshow={"slide_type": "subslide"}
# Along a row, the window sees 11 values that lie on straight lines which bend only at the
# original pixel centres. The window spans 10 steps and the centres are 8 apart, so it
# holds one or two bends. Each window starts 4 pixels after the last, half the spacing of
# the centres, so windows meet the grid in only two ways. Counting the positions of the
# bends inside a window over every window of the image:

# %%
d2l.features.bends(scale=8), d2l.features.bends(scale=8, padding=0)

# %% [markdown] slideshow={"slide_type": "subslide"}
# With the layer's padding of one pixel the bends fall at 4.5 in one kind of window and at
# 0.5 and 8.5 in the other (the second result is what the positions would be without
# padding: 3.5 and 7.5). Rows of both kinds are straight between the nodes 0, 0.5,
# 4.5, 8.5 and 10, so each is fixed by its five values at those nodes: it is a weighted sum
# of five tents, each 1 at one node and 0 at the others. A patch is such a row shape down the columns times one along the
# rows, so every patch is a weighted sum of 5 x 5 = 25 products ([Figure 8](#fig-window-shapes)).

# %% tags=["hide-input"] mystnb={"figure": {"caption": "The five row shapes of an 11-pixel window on an 8x bilinear enlargement (top, and down the left) and the 25 patches they make; every patch of every enlarged image is a weighted sum of these.", "name": "fig-window-shapes"}}
shapes = d2l.features.window_shapes(scale=8)
d2l.figures.plot_window_shapes(shapes);

# %% [markdown] slideshow={"slide_type": "subslide"}
# The measured span and the derived one are the same space: no part of the 25 products
# lies outside the span measured on the training images.

# %%
s224 = spaces[224]  # the span measured at 224 pixels, in the table above
products = d2l.features.basis_patches(shapes)
{"products": len(products),
 "rank of the products": torch.linalg.matrix_rank(products.reshape(len(products), -1)).item(),
 "largest share outside the measured span": s224.outside_share(products)}

# %% tags=["remove-cell"]
interior112 = d2l.features.patch_space(train_images, 112, interior=True).rank
bends112 = d2l.book.glue("bends112", len(d2l.features.bends(scale=4)))
interior112 = d2l.book.glue("interior112", interior112)
# at 2x: the windows inside the image, for the clothes and for random pixels
interior56 = d2l.features.patch_space(train_images, 56, interior=True).rank
noise_interior56 = d2l.features.patch_space(noise, 56, interior=True).rank
edge56 = d2l.book.glue("edge56", spaces[56].rank - interior56)
noise_edge56 = d2l.book.glue("noise_edge56", noise_ranks[56] - noise_interior56)
interior56 = d2l.book.glue("interior56", interior56)
edge112 = d2l.book.glue("edge112", spaces[112].rank - interior112)
noise_edge112 = d2l.book.glue(
    "noise_edge112", noise_ranks[112] - d2l.features.patch_space(noise, 112, interior=True).rank)
# the direction the clothes lack: random pixels with a black top-left pixel
corner_black = int((train_images[:, 0, 0] == 0).sum())
dark_corner = noise.clone()
dark_corner[:, 0, 0] = 0
dark = {size: d2l.features.patch_space(dark_corner, size).rank for size in (56, 112)}
corner_black = d2l.book.glue("corner_black", corner_black)
dark112 = d2l.book.glue("dark112", dark[112])
dark56 = d2l.book.glue("dark56", dark[56])

# %% [markdown] slideshow={"slide_type": "slide"}
# At four times enlargement the centres are 4 pixels apart, as far as one window is from
# the next, so all windows meet the grid the same way, with {eval}`bends112` bends:
# four shapes per axis, and the windows wholly inside the image span
# {eval}`interior112` directions. The other {eval}`edge112` of the
# {eval}`rank112` come from windows at the top and left edges, part of which lies in the
# layer's zero padding; random pixels give such windows {eval}`noise_edge112`. The
# direction the clothes lack needs a lit top-left pixel, and that pixel is black in all
# {eval}`corner_black` of these training images: random pixels with that one pixel set to
# black span {eval}`dark112`, as many as the clothes. The same pixel separates the two at
# twice the size: the windows wholly inside the image span {eval}`interior56` directions
# for the clothes and for random pixels alike, the edge windows add {eval}`edge56` for
# the clothes and {eval}`noise_edge56` for random pixels, and random pixels with a black
# top-left pixel span {eval}`dark56`, as many as the clothes.
#
# ## The part outside the span changes nothing
#
# The span is set by the enlargement, so every patch of every enlarged image, test images
# included, lies in it. The part of a filter outside the span is orthogonal to all of them:
# its dot product with every patch is zero, so it adds nothing to any output of the layer.
# Splitting each trained filter into its part inside the span and the rest, and running
# the network on test images with the outside part removed:

# %%
inside, outside = d2l.features.split_filters(model.net[0].weight, s224)
trimmed = copy.deepcopy(model)
with torch.no_grad():
    trimmed.net[0].weight.copy_(inside)
model.eval()
trimmed.eval()
X_test, _ = next(iter(data.val_dataloader()))
X_test = X_test.to(device)
with torch.no_grad():
    first, first_trimmed = model.net[0](X_test), trimmed.net[0](X_test)
    agree = (model(X_test).argmax(1) == trimmed(X_test).argmax(1)).float().mean().item()
output_gap = ((first - first_trimmed).abs().max() / first.abs().max()).item()
{"largest change of a first-layer output": output_gap,
 "test predictions unchanged": agree,
 "size of the outside part": outside.norm().item() / model.net[0].weight.norm().item()}

# %% tags=["remove-cell"]
# the largest change as the table above shows it (four significant digits)
output_gap = d2l.book.glue("output_gap", output_gap, ".4g")
test_batch = d2l.book.glue("test_batch", len(X_test))
agree_share = d2l.book.glue("agree_share", 100 * agree, ".0f")
outside_size = 100 * outside.norm().item() / model.net[0].weight.norm().item()
outside_share = d2l.book.glue("outside_share", outside_size, ".0f")
# the short run's outcome: this run's at full size (the prose states it), the recorded
# full-size run's in quick mode, whose two steps are too few to learn anything
first_found = d2l.book.glue("first_found", d2l.book.result(
    "short_run", "firstlayer_found", stated=True, epochs=len(trainer.history),
    train=trainer.history[-1]["train_images"], acc=trainer.history[-1]["val_acc"],
    change=float(alexnet_change), outside=outside_size, agree=100 * agree,
    test=len(X_test)))

# %% [markdown] slideshow={"slide_type": "subslide"}
# Removing the outside part changed the layer's outputs on {eval}`test_batch` test
# images only by rounding again: the largest change, in the table above, is
# {eval}`output_gap` of their largest value. It left {eval}`agree_share`% of the network's
# predictions as they were. The outside part is
# {eval}`outside_share`% of the filters' size, so most of the noise pictured above is
# invisible to the network. [Figure 9](#fig-filter-parts) draws the two parts.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Twelve first-layer filters trained by this page's run, gradient descent on 224-pixel images (top), their part inside the span of the patches (middle) and the rest (bottom), each column on one colour scale. Under gradient descent the bottom row is the part of their random start that training cannot touch.", "name": "fig-filter-parts"}}
d2l.figures.plot_filter_parts({"trained": model.net[0].weight, "inside": inside,
                               "outside": outside});

# %% [markdown] slideshow={"slide_type": "fragment"}
# {eval}`first_found`

# %%
start_inside, start_outside = d2l.features.split_filters(start, s224)
moved_inside = (inside - start_inside).norm().item()
moved_outside = (outside - start_outside).norm().item()
{"change inside the span": moved_inside, "change outside the span": moved_outside}

# %% tags=["remove-cell"]
# how many times as far the inside part moved, to two digits (580, not 5.8e+02)
inside_ratio = d2l.book.glue("inside_ratio", float(f"{moved_inside / moved_outside:.2g}"),
                             ",.0f")
lr, decay, momentum, steps = 0.01, 5e-4, 0.9, 10 * 469
decay_left = d2l.book.glue("decay_left", (1 - lr * decay / (1 - momentum)) ** steps, ".2f")


# %% [markdown] slideshow={"slide_type": "slide"}
# In this page's run the part inside the span moved about {eval}`inside_ratio` times as far as the part outside. What little the outside part moved is rounding: this
# run computed in {eval}`alexnet_precision`, whose rounding errors do not lie in the
# span, and exact arithmetic would leave the outside part exactly where it started. The
# reference recipe has no weight decay, so the outside part stays as long as training
# runs. Weight decay would shrink it, but slowly: with the 2012 paper's weight decay of
# 0.0005 and momentum of 0.9 (which multiplies the decay's effect by about ten) at a
# learning rate of 0.01, ten epochs of 469 steps each (60,000 images in batches of 128)
# would leave {eval}`decay_left` of it. Either way it changes no output.
#
# ## What the first layer can become
#
# The part inside the span is not confined to blur. A window's 121 pixels are weighted
# sums of a few original pixels, the ones whose centres lie near it:

# %%
def window_functions(space):
    """For each window wholly inside the image: how many original pixels it depends on,
    and how many independent linear functions of them the filters inside the span compute."""
    starts = d2l.features.window_starts(space.size, inside_only=True)  # none in the padding
    rows = [d2l.features.window_pixels(size=space.size, start=s) for s in starts]
    rows = [r[:, r.abs().sum(0) > 0] for r in rows]  # the original pixels each row uses
    basis = space.basis[:, :space.rank]
    counts = []
    for down in rows:
        for along in rows:
            patch_map = torch.kron(down, along)  # a window's 121 pixels from the originals
            counts.append((patch_map.shape[1],
                           torch.linalg.matrix_rank(basis.T @ patch_map).item()))
    return pd.DataFrame(counts, columns=["original pixels", "independent functions"])


windows224 = window_functions(s224)
windows224.value_counts().rename("windows").sort_index().to_frame()

# %% tags=["remove-cell"]
covered, realisable = windows224["original pixels"], windows224["independent functions"]
most_covered = d2l.book.glue("most_covered", max(covered))
fewest_covered = d2l.book.glue("fewest_covered", min(covered))
windows_inside = d2l.book.glue("windows_inside", len(windows224), ",")

# %% [markdown] slideshow={"slide_type": "slide"}
# Along each axis a window depends on 3 or 4 original pixels, so on
# {eval}`fewest_covered` to {eval}`most_covered` of them in all. In each of the
# {eval}`windows_inside` windows that lie wholly inside the image (the padded border aside), the filters inside the span compute as many independent
# linear functions of those pixels as there are pixels (the table's two counts agree on
# every row): every linear function of them, and nothing else. A filter
# inside the span can therefore take the difference between neighbouring original pixels,
# which is an edge detector at the scale of the original image. What it cannot do is
# respond to detail finer than an original pixel, because the enlarged images have none,
# and one filter has to serve every kind of window at once.
#
# ## Nearest, bilinear or bicubic
#
# All of this comes from bilinear enlargement, the method the chapter's data module uses.
# Other methods give other counts:

# %%
modes = ("nearest", "bilinear", "bicubic")
by_mode = {mode: [(spaces[size] if mode == "bilinear"  # measured above
                   else d2l.features.patch_space(train_images, size, mode=mode)).rank
                  for size in (56, 112, 224)] for mode in modes}
pd.DataFrame(by_mode, index=pd.Index(["2x", "4x", "8x"], name="enlargement")).rename(
    columns=lambda m: f"{m}: directions spanned")

# %% tags=["remove-cell"]
nearest224 = d2l.book.glue("nearest224", by_mode["nearest"][2])
bicubic224 = d2l.book.glue("bicubic224", by_mode["bicubic"][2])

# %% [markdown] slideshow={"slide_type": "slide"}
# Nearest-neighbour enlargement copies each original pixel into an 8 by 8 block, so a
# window row is constant within each block. New blocks begin at the window's pixel 1 and 9
# in one kind of window and at pixel 5 in the other (counting its first pixel as 0): a
# constant and three steps, four shapes per axis, and {eval}`nearest224` directions at 8x. Bicubic enlargement mixes
# four original pixels along each axis into every value, so a window depends on more of
# them, and at 8x its patches span {eval}`bicubic224`. The count belongs to the
# enlargement, the window, the stride and the padding together, not to AlexNet.
#
# ## The laptop recipe: 65 pixels and Adam
#
# The laptop recipe changes both things this argument rests on. Its images are 65 pixels
# wide, Fashion-MNIST's enlarged about 2.3 times, and it trains with Adam
# ([Kingma and Ba, 2014](../references.bib#kingma2014adam)), not plain gradient descent. The same measurements at 65 pixels:

# %%
s65 = d2l.features.patch_space(train_images, 65)
windows65 = window_functions(s65)
faint_from = s65.directions_for(0.999)  # the directions past these hold 0.1% of the energy
{"directions spanned (of 121)": s65.rank, "energy in the top 9": round(s65.share(9), 4),
 "directions for 99.9%": faint_from,
 "original pixels per window": (int(windows65["original pixels"].min()),
                                int(windows65["original pixels"].max())),
 "every window: functions = pixels": bool(
     (windows65["original pixels"] == windows65["independent functions"]).all())}

# %% tags=["remove-cell"]
rank65 = d2l.book.glue("rank65", s65.rank)
top9_65 = d2l.book.glue("top9_65", 100 * s65.share(9), ".1f")
strong65 = d2l.book.glue("strong65", faint_from)
faint65 = d2l.book.glue("faint65", s65.rank - faint_from)
fewest65 = d2l.book.glue("fewest65", windows65["original pixels"].min())
most65 = d2l.book.glue("most65", windows65["original pixels"].max())

# %% [markdown] slideshow={"slide_type": "subslide"}
# A 65-pixel window depends on {eval}`fewest65` to {eval}`most65` original pixels,
# fewer than its 121, and filters inside the span compute every linear function of them, as
# at 224 pixels. But the original pixels' centres are about 2.3 enlarged pixels apart, not
# a whole number, so the windows meet the grid in many ways, and together their patches
# span all {eval}`rank65` directions: no part of a filter is out of reach. The span is
# lopsided, though. Nine directions hold {eval}`top9_65`% of the patch energy and
# {eval}`strong65` hold 99.9%; along the other {eval}`faint65` the images barely
# excite a filter, so its part there barely changes any output.
#
# Adam also breaks the first step of the argument. It divides each weight's step by a
# running measure of that weight's own gradients, so its step is no longer a weighted sum
# of patches; its very first step moves every weight by about the learning rate, against the
# sign of its gradient. Here is one step of each optimiser, at the laptop
# recipe's learning rate, from the same random start and the same gradient on 64 images of
# 65 pixels, and how much of each step lies in the faint directions:

# %%
laptop = d2l.AlexNet(lr=1e-3)
X65, y65 = next(iter(d2l.FashionMNIST(batch_size=64, resize=(65, 65),
                                       num_train=64).train_dataloader()))
laptop(X65[:1])  # creates and initialises the weights
laptop.loss(laptop(X65), y65).backward()
w = laptop.net[0].weight
one_step = {}
for name, optimizer in (("SGD", torch.optim.SGD), ("Adam", torch.optim.Adam)):
    moved = w.detach().clone().requires_grad_()
    moved.grad = w.grad.detach().clone()
    optimizer([moved], lr=1e-3).step()
    one_step[name] = moved.detach() - w.detach()
faint_share = {name: d2l.features.split_filters(step, s65, rank=faint_from)[1].norm().item()
               / step.norm().item() for name, step in one_step.items()}
pd.Series(faint_share, name="share of the step in the faint directions").rename_axis(
    "optimiser").round(4).to_frame()

# %% tags=["remove-cell"]
sgd_faint = d2l.book.glue("sgd_faint", 100 * faint_share["SGD"], ".0f")
adam_faint = d2l.book.glue("adam_faint", 100 * faint_share["Adam"], ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The SGD step puts {eval}`sgd_faint`% of its size into the faint directions, as much
# as the patches' own weak energy there gives it; the Adam step puts {eval}`adam_faint`%.
# So with the laptop recipe the first layer is not confined to a span, but part of every
# step goes where it changes little of what the layer computes, and nothing there pulls the
# filters towards a pattern. How far its filters moved, as [Training AlexNet](training.md#sec-training) reports,
# does not by itself say how much they learned.
#
# ## A first layer sized for the detail
#
# Give a network the original 28 by 28 images and a first layer whose window fits their
# detail, 5 by 5 pixels at stride 1, and the patches span every direction:

# %%
space5 = d2l.features.patch_space(train_images, 28, kernel=5, stride=1, padding=2)
space5.rank, space5.share(9)


# %% [markdown] slideshow={"slide_type": "subslide"}
# Here is such a network, NativeNet (native to 28-pixel images), small enough to train on a laptop's CPU, trained with SGD and
# momentum (a momentum step is a sum of gradients too, so the span argument holds):

# %%
class NativeNet(d2l.Classifier):
    """Two convolution blocks on 28x28 images, the first with 5x5 windows."""
    def __init__(self, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(32, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.LazyConv2d(64, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.LazyLinear(10))
        self.apply_init_after_first_forward(d2l.init_cnn)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.lr, momentum=0.9)


native = NativeNet()
native_data = d2l.FashionMNIST(batch_size=128,  # all 60,000 images (quick mode: 5,000)
                               num_train=d2l.scales.pick(quick=5_000, full=None))
native(torch.zeros(1, 1, 28, 28))
native_start = native.net[0].weight.detach().clone()
native_trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False, speed="auto")
native_trainer.fit(native, native_data)
d2l.show_filters(native.net[0].weight, num_cols=8, scale=1.0,
                 title="5x5 filters on 28x28 images");

# %% tags=["remove-cell"]
native_change = relative_change(native.net[0].weight, native_start)
native_change = d2l.book.glue("native_change", 100 * native_change, ".0f")
native_steps = d2l.book.glue("native_steps", native_trainer.num_train_batches * 2)
alexnet_steps = d2l.book.glue("alexnet_steps",
                              trainer.num_train_batches * trainer.max_epochs)
native_scale = d2l.book.glue("native_scale", d2l.book.run_scale(native_trainer.history))
native_acc = d2l.book.glue(
    "native_acc", d2l.book.versus_chance(native_trainer.history[-1]["val_acc"]))
native_seconds = d2l.book.glue(
    "native_seconds", d2l.book.duration(sum(r["epoch_s"] for r in native_trainer.history)))

# %% [markdown] slideshow={"slide_type": "subslide"}
# This network reached a test accuracy of {eval}`native_acc` {eval}`native_scale`,
# in {eval}`native_seconds` of training. In its {eval}`native_steps` steps its
# first-layer filters moved by {eval}`native_change`% of their initial size, all of it
# inside the span of its patches, since that span is every direction of its window. The
# AlexNet run at the top of this page took {eval}`alexnet_steps` steps, without momentum
# and at a fifth of the learning rate, so how far the two moved does not compare. What does
# compare is where a step can go, at any length of training: AlexNet's steps stay in 25 of
# its 121 directions, and the part of its filters outside them stays as it started (after
# this page's short run, {eval}`outside_share`% of their size; a longer run grows the part
# inside, not this one); NativeNet's patches span all 25 directions of its window, so nothing confines
# its filters, and whatever patterns help to tell the classes apart, they are free to take.
#
# The lesson is not that AlexNet learns no features on Fashion-MNIST: every layer above
# the first is trained on what the first passes on, and the first can still become a
# detector of edges between original pixels. It is that a layer can learn only what its
# input lets it see. The 2012 network saw colour photographs with detail at every scale,
# and its first layer became edge and colour detectors. Trained by the reference recipe,
# this chapter's copy sees smooth eightfold enlargements, and the part of each filter that
# could hold finer detail keeps its random start, unseen by anything after it. Trained by
# the laptop recipe, it sees smaller enlargements in which no direction is out of reach but
# most are faint, and Adam moves its filters along those too.

# %% tags=["remove-cell"]
assert len(trainer.history) == trainer.max_epochs and len(native_trainer.history) == 2
assert torch.isfinite(model.net[0].weight).all()
assert gap < 1e-2, gap  # the gradient formula (TF32 on a GPU rounds a little)
# the rank numbers the prose states
assert spaces[28].rank == 121 and spaces[224].rank == 25 == noise_ranks[224]
assert spaces[224].share(9) > 0.999 and spaces[112].rank < spaces[56].rank < 121
assert d2l.features.bends(scale=8) == [0.5, 4.5, 8.5] and len(shapes) == 5
assert s224.outside_share(products) < 1e-5 and interior112 == 16 == len(
    d2l.features.bends(scale=4) + [0, 0]) ** 2
assert set(covered) == {9, 12, 16} and (realisable == covered).all()
assert s65.rank == 121 and set(windows65["original pixels"]) == {36, 42, 49}
assert (windows65["original pixels"] == windows65["independent functions"]).all()
assert faint_share["Adam"] > 3 * faint_share["SGD"], faint_share
assert by_mode["nearest"][2] == 16 and by_mode["bicubic"][2] > 25
assert space5.rank == 25
assert interior56 == noise_interior56  # the 2x difference is the edges' alone
# the clothes lack one edge direction at 2x and 4x: the one a lit top-left pixel excites
assert corner_black == len(train_images) and noise_ranks[112] == spaces[112].rank + 1
assert dark == {56: spaces[56].rank, 112: spaces[112].rank} and noise_ranks[56] == dark[56] + 1
# the outside part changes no output; gradient descent moved only the inside part
assert output_gap < 1e-3 and agree == 1.0, (output_gap, agree)
assert moved_outside < 0.01 * moved_inside, (moved_outside, moved_inside)
d2l.book.finish_page();
