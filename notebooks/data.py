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
# (sec-data)=
# # The Missing Ingredient: Data

# %%
import d2l_local as d2l
import pandas as pd
import torch

d2l.book.show_run_mode("data")

# %% [markdown] slideshow={"slide_type": "subslide"}
# A deep network has millions of parameters, and it needs enough data to pin those
# parameters down before it can beat a convex method with crafted features. Research of the
# 1990s worked with small collections of small images, often of objects photographed on
# clean backgrounds: the COIL-100 library, for instance, holds 7,200 images of 100 objects
# turned on a turntable ([Nene et al., 1996](../references.bib#nene1996coil)).
#
# ImageNet, built by Fei-Fei Li's group ([Deng et al., 2009](../references.bib#deng2009imagenet)), changed the scale. In
# 2009 it held 3.2 million images in 5,247 categories, each category a noun of WordNet
# ([Miller, 1995](../references.bib#miller1995wordnet)). People checked every label: search engines proposed candidate
# images for a noun, and workers on Amazon Mechanical Turk kept those that showed it. The yearly
# ImageNet Large Scale Visual Recognition Challenge ([Russakovsky et al., 2015](../references.bib#russakovsky2015imagenet)) took a
# subset as a common target: its 2012 round, which AlexNet won, had 1,000 classes with
# 1.28 million training images (732 to 1,300 per class), 50,000 validation and 100,000 test
# images.
#
# Size alone did not set ImageNet apart; labels checked by people, on photographs large
# enough to show detail, did. TinyImages ([Torralba et al., 2008](../references.bib#torralba2008tiny)) had already gathered 79
# million pictures from image search, far more than ImageNet (the dataset figure below), but
# at 32 by 32 pixels, each labelled only by the search term that had found it, which no
# person checked. CIFAR-100 ([Krizhevsky, 2009](../references.bib#krizhevsky2009learning)) did check the labels of 60,000 of those
# thumbnails; the 2012 challenge's training set alone is more than twenty times as large.
# Collections have since grown far beyond all three: LAION-5B ([Schuhmann et al., 2022](../references.bib#schuhmann2022laion))
# holds 5.85 billion images with their text, gathered from the web and filtered by a model
# rather than checked by people.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Number of images in some data sets, on a logarithmic axis. The training set of the 2012 challenge, on which AlexNet was trained, is in red.", "name": "fig-dataset-scale"}}
d2l.figures.plot_dataset_scale();

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Fashion-MNIST, the chapter's stand-in for ImageNet
#
# Training on ImageNet takes days, so this chapter trains on Fashion-MNIST
# ([Xiao et al., 2017](../references.bib#xiao2017fashion)): 70,000 grey images of 28 by 28 pixels of articles sold by the
# online retailer Zalando, in ten classes: tops and trousers, dresses and coats, but also
# sandals, sneakers, ankle boots and bags. The library finds the files on your disk (or
# downloads them once), checks them, and keeps them as tensors of bytes.

# %%
full = d2l.load_fashion_mnist()
{name: tuple(t.shape) for name, t in full.items()}

# %% [markdown] slideshow={"slide_type": "subslide"}
# Here are the first sixteen test images with their labels.

# %%
first = full["test_images"][:16]
labels = [d2l.TEXT_LABELS[i] for i in full["test_labels"][:16]]
d2l.show_images(first, 2, 8, titles=labels);

# %% [markdown] slideshow={"slide_type": "subslide"}
# The classes are balanced: every class has the same number of training images, so
# accuracy is a fair summary and a classifier that guesses scores 10%.

# %%
counts = torch.bincount(full["train_labels"].long())
per_class = d2l.book.glue("per_class", int(counts[0]), ",")
pd.DataFrame({"training images": counts.tolist()}, index=d2l.TEXT_LABELS)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Each class has {eval}`per_class` training images. For training, the library serves
# them in batches, already on the training device, as floating-point numbers between 0 and
# 1:

# %%
data = d2l.FashionMNIST(batch_size=32)
X, y = next(iter(data.train_dataloader()))
X.shape, X.dtype, y[:8]

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Upsampling to 224 by 224
#
# AlexNet was designed for 224 by 224 images. To keep the architecture as it is, the
# chapter enlarges each 28 by 28 image eight times in each direction with bilinear
# interpolation. The library does this on the training device, batch by batch.

# %%
small = full["test_images"][:1]
large = d2l.resize_on_device(small, (224, 224))
d2l.show_images([small[0], large[0, 0]], 1, 2, titles=["28 x 28", "224 x 224"],
                scale=2.5);

# %% [markdown] slideshow={"slide_type": "subslide"}
# The enlarged image looks smoother, but it holds no new information: every one of its
# pixels is a weighted average of at most four pixels of the original
# ([What the First Layer Can Learn](firstlayer.md#sec-first-layer) shows what this does to the first layer). It costs a lot, though,
# because every convolution slides over more positions. Here is the work of the forward
# pass per image in FLOPs (floating-point operations, a multiply-add counting as two; a
# GFLOP is a billion of them), counted by PyTorch's `FlopCounterMode`, at the smallest size
# AlexNet accepts (65, see [AlexNet](model.md#sec-model)), at 96 and at 224:

# %%
flops = {size: d2l.model_flops(d2l.AlexNet(), (1, 1, size, size))["forward"]
         for size in (65, 96, 224)}
pd.DataFrame({"forward GFLOPs": {size: f / 1e9 for size, f in flops.items()}}
             ).rename_axis("image side").round(3)

# %% [markdown] slideshow={"slide_type": "subslide"}
# Measured time on this machine tells the same story:

# %%
device = d2l.try_gpu()
seconds = {size: d2l.time_forward(d2l.AlexNet(), 64, size, device)
           for size in (96, 224)}
pd.DataFrame({"ms per batch of 64": {size: s * 1000 for size, s in seconds.items()}}
             ).rename_axis("image side").round(1)

# %% tags=["remove-cell"]
positions_ratio = d2l.book.glue("positions_ratio", (224 / 96) ** 2, ".1f")
flops_ratio = d2l.book.glue("flops_ratio", flops[224] / flops[96], ".1f")
upsample_ratio = d2l.book.glue("upsample_ratio", seconds[224] / seconds[96], ".1f")
device_name = d2l.book.glue("device_name", d2l.book.device_text(device))

# %% [markdown] slideshow={"slide_type": "subslide"}
# An image of 224 pixels has {eval}`positions_ratio` times as many pixels as one
# of 96, and the forward pass costs {eval}`flops_ratio` times the FLOPs. On
# {eval}`device_name` a batch at 224 pixels took {eval}`upsample_ratio` times
# as long as at 96 pixels. The exercises ask you to design a network that works on the 28
# by 28 images directly.

# %% tags=["remove-cell"]
assert X.shape == (32, 1, 28, 28) and X.dtype == torch.float32
assert 0 <= X.min() and X.max() <= 1
assert y.dtype == torch.int64 and set(y.tolist()) <= set(range(10))
assert full["train_images"].shape == (60000, 28, 28)
assert full["test_images"].shape == (10000, 28, 28)
assert counts.tolist() == [6000] * 10
assert first.shape == (16, 28, 28)
assert large.shape == (1, 1, 224, 224)
assert flops[224] > 5 * flops[96] > 5 * flops[65]
d2l.book.finish_page();
