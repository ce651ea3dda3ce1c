# ---
# jupyter:
#   jupytext:
#     default_lexer: ipython3
#     formats: md:myst,py:percent
#     notebook_metadata_filter: kernelspec,jupytext
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
# (sec-data)=
# # The Missing Ingredient: Data

# %% tags=["remove-cell"]
import torch

import d2l_local as d2l

d2l.book.show_run_mode()

# %% [markdown]
# ## Fashion-MNIST, the chapter's stand-in for ImageNet
#
# Training on ImageNet takes hours on a modern GPU, so this chapter trains on
# Fashion-MNIST {cite}`xiao2017fashion`: 70,000 grey images of 28 by 28 pixels, each a
# piece of clothing from one of ten classes. The library finds the files on your disk (or
# downloads them once), checks them, and keeps them as tensors of bytes.

# %%
data = d2l.FashionMNIST(batch_size=32)
len(data.train_labels), len(data.val_labels)

# %% [markdown]
# Here are the first sixteen training images with their labels.

# %%
X, y = next(iter(data.val_dataloader()))
data.visualize((X[:16], y[:16]), nrows=2, ncols=8)

# %% tags=["remove-cell"]
assert X.shape == (32, 1, 28, 28) and X.dtype == torch.float32
assert 0 <= X.min() and X.max() <= 1
assert y.dtype == torch.int64 and set(y.tolist()) <= set(range(10))
full = d2l.load_fashion_mnist()
assert full["train_images"].shape == (60000, 28, 28)
assert full["test_images"].shape == (10000, 28, 28)
assert torch.bincount(full["train_labels"].long()).tolist() == [6000] * 10
