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
# (sec-features)=
# # Learned versus Crafted Features

# %%
import math

import d2l_local as d2l
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

d2l.book.show_run_mode("features")


# %% [markdown]
# A vision system of the 2000s was a pipeline whose every stage but the last was written
# by people. Its images came from cameras that were costly for the resolution they gave.
# Each image became a vector of hand-designed *features*: histograms of oriented gradients
# ([Dalal and Triggs, 2005](../references.bib#dalal2005histograms)), keypoints found at every scale and described by
# their gradients, SIFT ([Lowe, 2004](../references.bib#lowe2004distinctive)) and its faster cousin SURF
# ([Bay et al., 2006](../references.bib#bay2006surf)), often quantised into a bag of visual words
# ([Sivic and Zisserman, 2003](../references.bib#sivic2003video)). Learning came last and was kept simple on purpose:
# a kernel method such as a support vector machine ([Schölkopf and Smola, 2002](../references.bib#scholkopf2002learning)), boosting
# ([Freund and Schapire, 1996](../references.bib#freund1996experiments)) or a max-margin structured model
# ([Taskar et al., 2004](../references.bib#taskar2004max)). These learners were well understood, with convex
# training problems ([Boyd and Vandenberghe, 2004](../references.bib#boyd2004convex)) and bounds on their error
# ([Boucheron et al., 2005](../references.bib#boucheron2005theory)), and on the benchmarks of the day they often beat
# neural networks. When a system got better, it was usually thanks to a better descriptor or
# better multi-view geometry ([Hartley and Zisserman, 2000](../references.bib#hartley2000multiple)), seldom to the learner.
#
# ## What a crafted feature computes
#
# Most crafted features start from local changes of brightness, measured by small fixed
# filters. Here are two classics. The Sobel filters respond to horizontal and vertical
# changes of brightness; a Gabor filter is a stripe pattern at some angle under a Gaussian
# window, and responds to edges and stripes of that orientation.

# %%
def sobel_filters():
    gx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return [gx, gx.T]  # changes along x, changes along y


def gabor_filter(theta, size=11, sigma=2.5, wavelength=5.0):
    half = size // 2
    steps = torch.arange(-half, half + 1.0)
    y, x = torch.meshgrid(steps, steps, indexing="ij")
    along = x * math.cos(theta) + y * math.sin(theta)
    across = -x * math.sin(theta) + y * math.cos(theta)
    kernel = torch.exp(-(along**2 + across**2) / (2 * sigma**2)) \
        * torch.cos(2 * math.pi * along / wavelength)
    return kernel - kernel.mean()  # no response to uniform brightness


# %% [markdown]
# Applied to four test images (the Sobel filters padded to 11 by 11, like the Gabor ones):

# %%
angles = (0, 45, 90, 135)
names = ["Sobel x", "Sobel y"] + [f"Gabor {a}°" for a in angles]
kernels = torch.stack([F.pad(k, (4, 4, 4, 4)) for k in sobel_filters()]
                      + [gabor_filter(math.radians(a)) for a in angles])
images = d2l.load_fashion_mnist()["test_images"][:4]
x = images.float().unsqueeze(1) / 255
responses = F.conv2d(x, kernels.unsqueeze(1), padding=5)

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Four test images (left) and their responses to two Sobel and four Gabor filters. Red is a strong positive response, blue a strong negative one.", "name": "fig-crafted-responses"}}
d2l.figures.plot_filter_responses(images, names, responses);

# %% [markdown]
# Each response map in [Figure 1](#fig-crafted-responses) highlights the edges of one
# orientation. A pipeline would pool such maps into histograms and hand the result to a
# classifier. Nothing in it adapts to the data: the filters are the same for shoes and for
# faces.
#
# ## Features that are learned
#
# A different group of researchers held that features should themselves be learned, and
# stacked in many layers trained together: low layers would find edges, colours and
# textures, higher layers parts of objects, the top layers whole objects. Sparse coding
# had already shown that edge-like filters emerge when a model is trained to represent
# natural images economically ([Olshausen and Field, 1996](../references.bib#olshausen1996emergence)), and large systems trained on
# unlabelled images learned detectors for faces and cats ([Le, 2013](../references.bib#le2013building)), a network
# of a billion connections trained on Google's DistBelief system ([Dean et al., 2012](../references.bib#dean2012large)).
# AlexNet's own first layer, trained on colour ImageNet photographs scaled to 256 by 256
# pixels (224-pixel crops of them), learned
# oriented edges and colour blobs that look much like the crafted filters above
# ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)).
#
# Does the chapter's AlexNet do the same on Fashion-MNIST? The next cell creates the
# network, keeps a copy of its first-layer filters as initialised, trains it with the
# settings of the reference recipe of [Training AlexNet](training.md#sec-training) (stochastic gradient descent at
# a learning rate of 0.01, images enlarged to 224 by 224 pixels) for two epochs on 10,000
# training images (512 in quick mode), and shows the filters again. `speed="auto"` computes
# in bf16 where the processor multiplies bf16 numbers in hardware, and in fp32 elsewhere
# ([Training AlexNet](training.md#sec-training) says more).

# %%
model = d2l.AlexNet(lr=0.01)
data = d2l.FashionMNIST(batch_size=128, resize=(224, 224),
                        num_train=d2l.scales.pick(quick=512, full=10_000))
X, _ = next(iter(data.train_dataloader()))
model(X[:1])  # creates and initialises the weights
start = model.net[0].weight.detach().clone()
trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False, speed="auto")
trainer.fit(model, data)
d2l.show_filters(model.net[0].weight, title="first-layer filters after training");


# %% tags=["remove-cell"]
def relative_change(now, before):
    return (now.detach() - before).norm().item() / before.norm().item()


alexnet_change = relative_change(model.net[0].weight, start)
alexnet_scale = d2l.book.glue("alexnet_scale", d2l.book.run_scale(trainer.history))
alexnet_change = d2l.book.glue("alexnet_change", 100 * alexnet_change, ".1f")
alexnet_precision = d2l.book.glue("alexnet_precision", trainer.history[-1]["precision"])

# %% [markdown]
# These are the filters {eval}`alexnet_scale`, and they changed by
# {eval}`alexnet_change`% of their initial size: they still look like the noise
# they started as. Whether more training could turn them into edge detectors depends on
# the data, and that can be measured.
#
# ## What the first layer can learn
#
# The gradient of a loss with respect to a convolution filter is a weighted sum of the
# input patches the filter was applied to. Gradient descent adds such gradients to the
# filter, so it can only move the filter within the span of those patches; any part of
# the filter outside that span keeps its random start. For the first layer of AlexNet the
# patches are 11 by 11 pixels, 121 numbers, taken every 4 pixels. If the patches of real
# images span all 121 directions, the filters can become anything. Do they?

# %%
train_images = d2l.load_fashion_mnist()["train_images"][:500]
spaces = {size: d2l.features.patch_space(train_images, size)
          for size in (28, 56, 112, 224)}
pd.DataFrame(
    {"upsampling": [f"{size // 28}x" for size in spaces],
     "directions spanned (of 121)": [s.rank for s in spaces.values()],
     "energy in the top 9": [s.share(9) for s in spaces.values()],
     "directions for 99.9%": [s.directions_for(0.999) for s in spaces.values()]},
    index=pd.Index(spaces, name="image side")).round(5)

# %% tags=["remove-cell"]
s224, s28 = spaces[224], spaces[28]
rank224 = d2l.book.glue("rank224", s224.rank)
top9_224 = d2l.book.glue("top9_224", 100 * s224.share(9), ".2f")
rank28 = d2l.book.glue("rank28", s28.rank)
patches224 = d2l.book.glue("patches224", s224.patches, ",")

# %% [markdown]
# On the original 28 by 28 images the patches span all {eval}`rank28` directions. On
# images enlarged eight times, as the chapter trains on, the {eval}`patches224`
# patches of these 500 images span only {eval}`rank224` of the 121, and nine
# directions hold {eval}`top9_224`% of their energy. An enlarged image is smooth:
# an 11 by 11 window covers less than two of the original pixels in each direction, and
# every enlarged pixel is a weighted average of at most four original ones.
#
# So each trained filter is its starting point plus something inside that small space.
# Splitting the filters into their part inside the span of the 224-pixel patches and the
# rest makes this visible:

# %%
inside, outside = d2l.features.split_filters(model.net[0].weight, s224)
start_inside, start_outside = d2l.features.split_filters(start, s224)
moved_inside = (inside - start_inside).norm().item()
moved_outside = (outside - start_outside).norm().item()
{"change inside the span": moved_inside, "change outside the span": moved_outside,
 "size of the outside part": outside.norm().item()}

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Twelve trained first-layer filters (top), their part inside the span of the patches (middle) and the rest (bottom), each column on one colour scale. The bottom row is the part of their random start that training cannot touch.", "name": "fig-filter-parts"}}
d2l.figures.plot_filter_parts({"trained": model.net[0].weight, "inside": inside,
                               "outside": outside});

# %% tags=["remove-cell"]
outside_share = d2l.book.glue("outside_share",
    100 * outside.norm().item() / model.net[0].weight.norm().item(), ".0f")
outside_ratio = d2l.book.glue("outside_ratio", moved_outside / moved_inside, ".0e")
lr, decay, momentum, steps = 0.01, 5e-4, 0.9, 10 * 469
decay_left = d2l.book.glue("decay_left", (1 - lr * decay / (1 - momentum)) ** steps, ".2f")

# %% [markdown]
# The part outside the span, {eval}`outside_share`% of the filters' size, has
# barely moved: it changed {eval}`outside_ratio` times as much as the part inside.
# That little is rounding: this run computed in {eval}`alexnet_precision`, whose
# rounding errors do not lie in the span, and exact arithmetic would leave the outside part
# exactly where it started.
# However long SGD runs, that part stays the random start: training can shape only the
# part inside the span. The reference recipe has no weight decay, so it keeps all of it.
# Weight decay would shrink it, but slowly: with the 2012 paper's weight decay of 0.0005
# and momentum of 0.9 (which multiplies the decay's effect by about ten) at a learning
# rate of 0.01, ten epochs of 469 steps each (60,000 images in batches of 128) would leave
# {eval}`decay_left` of it.
# What the chapter's first layer *can* become is a smooth pattern over about two original
# pixels, plus its frozen random start. It cannot become the crisp edge detectors of
# [Figure 1](#fig-crafted-responses), because the enlarged images have no crisp edges at the
# scale of its window.
#
# ## A first layer sized for the detail
#
# Give a network the original 28 by 28 images and a first layer whose window fits their
# detail, 5 by 5 pixels at stride 1, and the patches span every direction:

# %%
space5 = d2l.features.patch_space(train_images, 28, kernel=5, stride=1, padding=2)
space5.rank, space5.share(9)


# %% [markdown]
# Here is such a network, small enough to train on a laptop's CPU, trained with SGD and
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
native_data = d2l.FashionMNIST(batch_size=128,  # all 60,000 images (quick mode: 10,000)
                               num_train=d2l.scales.pick(quick=10_000, full=None))
native(torch.zeros(1, 1, 28, 28))
native_start = native.net[0].weight.detach().clone()
native_trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False, speed="auto")
native_trainer.fit(native, native_data)
d2l.show_filters(native.net[0].weight, num_cols=16,
                 title="5x5 filters on 28x28 images");

# %% tags=["remove-cell"]
native_change = relative_change(native.net[0].weight, native_start)
native_change = d2l.book.glue("native_change", 100 * native_change, ".0f")
native_scale = d2l.book.glue("native_scale", d2l.book.run_scale(native_trainer.history))
native_acc = d2l.book.glue(
    "native_acc", d2l.book.versus_chance(native_trainer.history[-1]["val_acc"]))
native_seconds = d2l.book.glue(
    "native_seconds", d2l.book.duration(sum(r["epoch_s"] for r in native_trainer.history)))

# %% [markdown]
# This network reached a test accuracy of {eval}`native_acc` {eval}`native_scale`,
# in {eval}`native_seconds` of training. Its first-layer filters
# moved by {eval}`native_change`% of their initial size, against
# {eval}`alexnet_change`% for AlexNet's first layer above. The two runs differ in
# more than the input (NativeNet uses momentum and a five times larger learning rate), so
# the two numbers are not a like-for-like race. What the span says holds for any length of
# training: NativeNet's patches span all 25 directions of its window, so nothing confines
# its filters, and whatever patterns help to tell the classes apart, they are free to take.
#
# The lesson is not that AlexNet learns no features on Fashion-MNIST: every layer above
# the first is trained on what the first passes on. It is that a layer can learn only what
# its input lets it see. The 2012 network saw colour photographs with detail at every
# scale, and its first layer became edge and colour detectors; this chapter's copy sees
# smooth enlargements, and its first layer keeps its random start outside their span.

# %% tags=["remove-cell"]
assert kernels.shape == (6, 11, 11) and responses.shape == (4, 6, 28, 28)
assert torch.allclose(kernels.sum(dim=(1, 2)), torch.zeros(6), atol=1e-5)
assert len(trainer.history) == 2 and len(native_trainer.history) == 2
assert torch.isfinite(model.net[0].weight).all()
# the rank numbers the prose states
assert spaces[28].rank == 121 and 20 <= spaces[224].rank <= 30
assert spaces[224].share(9) > 0.999 and spaces[112].rank < spaces[56].rank < 121
assert space5.rank == 25
# gradient descent moved the filters only inside the span (TF32 on a GPU rounds a little)
assert moved_outside < 0.01 * moved_inside, (moved_outside, moved_inside)
assert native_change > 2 * alexnet_change
d2l.book.finish_page();
