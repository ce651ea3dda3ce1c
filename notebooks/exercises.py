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
# (sec-exercises)=
# # Discussion and Exercises

# %% tags=["remove-cell"]
import d2l_local as d2l
import pandas as pd
import torch
from torch import nn

d2l.book.show_run_mode()

# %% [markdown]
# AlexNet looks like a larger LeNet, and in a sense it is: what changed in 2012 was less
# the idea than the data, the hardware and a handful of practical choices (ReLU, dropout,
# augmentation). Its two hidden dense layers hold most of its parameters (164 MiB in fp32,
# as {ref}`sec-model` computes), while its convolutions do most of its arithmetic. Tens of millions of dense
# parameters trained on 60,000 images should overfit badly; dropout is what keeps them in
# check. The tooling changed too: what took months of CUDA programming in 2012 is now a
# dozen lines in a framework descended from DistBelief {cite}`dean2012large`, Caffe
# {cite}`jia2014caffe`, Theano {cite}`bergstra2010theano` and TensorFlow
# {cite}`abadi2016tensorflow`.
#
# Each exercise below is a small experiment you can run. In quick mode they use a few
# batches, so their numbers show the method; run them at full size on a GPU for real
# answers.
#
# ## 1. Memory and compute of convolutions and dense layers
#
# Which part of AlexNet dominates memory, and which dominates compute? Sum the per-layer
# table of {ref}`sec-model` by kind of layer (activations for one image):

# %%
table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
d2l.summary.conv_vs_dense(table).round(2)

# %% [markdown]
# Training must also keep every activation for the backward pass, so activation memory
# grows with the batch; inference can free each activation as soon as the next layer has
# used it. *Question:* for inference on one image at a time, is the dense part limited by
# arithmetic or by reading its weights from memory? What changes for training with batches
# of 128? (Exercise 2 computes the numbers.)
#
# ## 2. A chip designer's trade-off
#
# A processor that does $P$ FLOP/s and reads $B$ bytes/s from memory keeps its arithmetic
# units busy only on work that does more than $P/B$ FLOPs per byte moved. Here is that
# *arithmetic intensity* for each weighted layer, at batch 1 and batch 128:

# %%
intensity = pd.concat({f"batch {b}": d2l.summary.arithmetic_intensity(table, b)["FLOPs/byte"]
                       for b in (1, 128)}, axis=1)
intensity.assign(type=table.set_index("layer")["type"]).round(1)

# %% tags=["remove-cell"]
kinds = intensity.assign(type=table.set_index("layer")["type"])
d2l.book.glue("dense_b1", float(kinds[kinds["type"] == "Linear"]["batch 1"].max()))
d2l.book.glue("conv_b1_min", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].min()))
d2l.book.glue("conv_b1_max", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].max()))
hidden = table.set_index("layer")["parameters"] > 1e6  # the two 4096-wide dense layers
d2l.book.glue("dense_b128", float(kinds[hidden & (kinds["type"] == "Linear")]["batch 128"].min()))

# %% [markdown]
# At batch 1 the dense layers do at most {glue:text}`dense_b1:.2f` FLOPs per byte: every
# weight is read for a single multiply-add, and no processor has memory fast enough to
# keep its arithmetic busy on that. The convolutions do {glue:text}`conv_b1_min:.0f` to
# {glue:text}`conv_b1_max:.0f`, because each filter weight is reused at every position.
# At batch 128 the two hidden dense layers reach {glue:text}`dense_b128:.0f`: batching
# is what makes them worth running on a GPU. *Question:* if you had a
# fixed area of silicon, how would you split it between arithmetic units and memory
# bandwidth for training this network? And for serving it one image at a time?
#
# ## 3. Why AlexNet is no longer a benchmark
#
# *Question:* using the results of {ref}`sec-training`, how long does one epoch of
# Fashion-MNIST take on a modern GPU, and how much of the GPU's peak rate does AlexNet use?
# What makes a good benchmark for today's hardware, and why does a network whose largest
# layers are dense matrix-vector products at small batch sizes misrepresent it?
#
# ## 4. More epochs: AlexNet against LeNet
#
# Train both for the same number of epochs, LeNet on the original 28 by 28 images and
# AlexNet on the upsampled ones:

# %%
epochs = 10
lenet_vs_alexnet = {
    "LeNet, 28x28": (lambda: d2l.LeNet(lr=0.9),
                     lambda: d2l.FashionMNIST(batch_size=128)),
    "AlexNet, 224x224": (lambda: d2l.AlexNet(lr=0.01),
                         lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224))),
}
table4, hist4 = d2l.experiments.run_experiments(lenet_vs_alexnet, max_epochs=epochs)
table4.round(3)

# %% tags=["hide-input"]
d2l.plot_histories(hist4);


# %% [markdown]
# *Question:* AlexNet has hundreds of times more parameters and does thousands of times
# more arithmetic per image. Does it keep improving after LeNet has stopped? Why?
#
# ## 5. A slimmer AlexNet, and a network for 28 by 28 images
#
# AlexNet is far too big for Fashion-MNIST. Here is a version with a quarter of the
# channels and much smaller dense layers, and a small network that works on the original
# images, with no upsampling at all:

# %%
class SlimAlexNet(d2l.Classifier):
    def __init__(self, lr=0.05):
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


# %%
class SmallNet(d2l.Classifier):
    """Three 3x3 convolution blocks for 28x28 inputs."""
    def __init__(self, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        block = lambda c: [nn.LazyConv2d(c, kernel_size=3, padding=1), nn.ReLU(),
                           nn.MaxPool2d(kernel_size=2)]
        self.net = nn.Sequential(*block(32), *block(64), *block(128), nn.Flatten(),
                                 nn.LazyLinear(256), nn.ReLU(), nn.Dropout(0.3),
                                 nn.LazyLinear(10))
        self.apply_init_after_first_forward(d2l.init_cnn)


# %%
smaller = {
    "SlimAlexNet, 224x224": (lambda: SlimAlexNet(),
                             lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224))),
    "SmallNet, 28x28": (lambda: SmallNet(), lambda: d2l.FashionMNIST(batch_size=128)),
}
table5, hist5 = d2l.experiments.run_experiments(smaller, max_epochs=epochs)
pd.concat([table4, table5]).round(3)

# %% [markdown]
# *Question:* how much accuracy did each simplification cost, and how much time did it
# save? Which design choices of AlexNet matter for 28 by 28 images, and which only made
# sense for ImageNet?
#
# ## 6. Batch size against throughput, accuracy and memory
#
# Larger batches keep the GPU busier, up to a point, but they also mean fewer updates per
# epoch. One epoch at each batch size, with the learning rate scaled with the batch:

# %%
sweep = {  # (b=b keeps each batch size in its own lambda)
    f"batch {b}": (lambda b=b: d2l.AlexNet(lr=0.01 * b / 128),
                   lambda b=b: d2l.FashionMNIST(batch_size=b, resize=(224, 224)))
    for b in (32, 128, 512)
}
table6, _ = d2l.experiments.run_experiments(sweep, max_epochs=1)
table6[["images/s", "peak MiB", "val_acc", "seconds"]].round(3)

# %% [markdown]
# *Question:* where does throughput stop growing on your device? What limits the batch
# size from above, and what happens to accuracy after one epoch as the batch grows?
#
# ## 7. LeNet with ReLU and dropout, and invariances
#
# Give LeNet AlexNet's two main tricks, and then add random flips and small shifts of the
# training images (an invariance of clothing photos: a mirrored shoe is still a shoe),
# done on the device:

# %%
lenets = {
    "LeNet (sigmoid)": (lambda: d2l.LeNet(lr=0.9), lambda: d2l.FashionMNIST(batch_size=128)),
    "LeNet + ReLU + dropout": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128)),
    "... + flips and shifts": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128, augment=True)),
}
table7, hist7 = d2l.experiments.run_experiments(lenets, max_epochs=epochs)
table7.round(3)

# %% [markdown]
# *Question:* which change helped most? Libraries such as Albumentations
# {cite}`buslaev2020albumentations` offer many more augmentations; which of them respect
# the invariances of Fashion-MNIST, and which would hurt?
#
# ## 8. Make AlexNet overfit
#
# Give AlexNet only 1,000 training images and it has tens of thousands of parameters for
# each of them. With the chapter's plain SGD at a learning rate of 0.01, eight batches an
# epoch are too few updates to get far in 30 epochs, so this experiment uses Adam with a
# small learning rate, which fits such a small set much sooner. Compare the network with
# and without dropout. One epoch's accuracies jump by a few points, so the table averages
# the last five epochs and gives the gap between training and test accuracy:

# %%
few = lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224), num_train=1000)
overfit = {
    "dropout 0.5": (lambda: d2l.AlexNet(lr=1e-4, dropout=0.5, optimizer="adam"), few),
    "no dropout": (lambda: d2l.AlexNet(lr=1e-4, dropout=0.0, optimizer="adam"), few),
}
table8, hist8 = d2l.experiments.run_experiments(overfit, max_epochs=3 * epochs)
late8 = d2l.experiments.late_accuracy(hist8, last=5)
late8.round(3)

# %% tags=["hide-input"]
d2l.plot_histories(hist8, metric=("train_acc", "val_acc"));

# %% [markdown]
# The training accuracy is counted while the network trains, so with dropout it is
# measured on a thinned network; the test accuracy always uses the whole one.
#
# *Question:* where does the gap open up, and how does dropout change it? Run the same
# experiment with `optimizer="sgd", lr=0.01` to see how much the optimizer decides how
# soon a network overfits.
#
# *Question:* which feature must you remove or change to break training altogether? Try
# the sigmoid (`activation="sigmoid"`), a learning rate of 1, or the default
# initialisation of PyTorch, and explain what you see with the gradients of
# {ref}`sec-model`.

# %% tags=["remove-cell"]
expected_epochs = 2 if d2l.quick_mode() else epochs
assert all(len(h) == expected_epochs for h in hist4.values())
assert list(table6.index) == ["batch 32", "batch 128", "batch 512"]
assert (table6["images/s"] > 0).all()
assert table5.loc["SmallNet, 28x28", "parameters"] < table4.loc["AlexNet, 224x224", "parameters"] / 10
assert intensity.loc["net.14", "batch 1"] < 1 < intensity.loc["net.3", "batch 1"]
if not d2l.quick_mode():
    assert table4["val_acc"].min() > 0.8
    assert late8.loc["no dropout", "gap"] > 0.05, late8
