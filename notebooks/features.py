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
# (sec-features)=
# # Learned versus Crafted Features

# %%
import math

import d2l_local as d2l
import torch
import torch.nn.functional as F

d2l.book.show_run_mode("features")


# %% [markdown] slideshow={"slide_type": "slide"}
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


# %% [markdown] slideshow={"slide_type": "subslide"}
# Applied to four test images of Fashion-MNIST, small grey pictures of clothes and shoes on
# which this chapter trains its network ([The Missing Ingredient: Data](data.md#sec-data) introduces them), with the
# Sobel filters padded to 11 by 11 like the Gabor ones:

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

# %% [markdown] slideshow={"slide_type": "slide"}
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
# unlabelled images learned detectors for faces and cats ([Le et al., 2012](../references.bib#le2012building); [Le, 2013](../references.bib#le2013building)), a network
# of a billion connections trained on Google's DistBelief system ([Dean et al., 2012](../references.bib#dean2012large)).
# AlexNet's own first layer, trained on colour ImageNet photographs scaled to 256 by 256
# pixels (224-pixel crops of them), learned filters much like the crafted ones above
# ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)). Its 96 filters of 11 by 11 pixels in three colours, drawn in
# [Figure 3 of the paper](https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks.pdf), respond
# to edges and stripes of particular orientations and spacings, or to blobs of colour. The
# network was split over two GPUs, and the split shows: the 48 filters on one card came out
# largely colourless, the 48 on the other largely colour-specific. Nobody wrote these
# filters; training on a million labelled photographs found them, together with every layer
# above them.
#
# If learned features were the better idea, why did they win only in 2012? The next two
# pages give the two main reasons, data and hardware. Deep networks of the 1990s also
# lacked some of the tricks that are routine today, and AlexNet combined new ones with old
# ones ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)). New were the rectified linear unit, an activation that does
# not squash its input into a narrow range ([Nair and Hinton, 2010](../references.bib#nair2010rectified)), and dropout, which keeps
# a large network from memorising its training images ([Srivastava et al., 2014](../references.bib#srivastava2014dropout)). Older, and used
# at a new scale: stochastic gradient descent (SGD: a step against the gradient of one
# small batch of images at a time) with momentum, which adds to each step part of the one
# before ([Rumelhart et al., 1986](../references.bib#rumelhart1986learning)); weight decay, which pulls every weight a little towards
# zero ([Krogh and Hertz, 1992](../references.bib#krogh1992simple)); and more training images made from the ones it had, by
# cropping, flipping and recolouring them, as LeNet had been trained on distorted digits
# ([LeCun et al., 1998](../references.bib#lecun1998gradient)).
# Two others it did without. It drew its initial weights from a Gaussian of
# standard deviation 0.01, not by the scaling that keeps the signal at a usable size through
# many layers ([Glorot and Bengio, 2010](../references.bib#glorot2010understanding)), and the Adam optimiser ([Kingma and Ba, 2014](../references.bib#kingma2014adam)), which
# this chapter uses to train on a laptop's CPU, appeared two years after it.
#
# Will the AlexNet of this chapter learn the same on Fashion-MNIST? Answering needs the
# data, the network and its training, which the next pages bring in that order;
# [What the First Layer Can Learn](firstlayer.md#sec-first-layer) then comes back to this question for AlexNet's first layer,
# and finds that the answer depends on the images more than on the network.

# %% tags=["remove-cell"]
assert kernels.shape == (6, 11, 11) and responses.shape == (4, 6, 28, 28)
assert torch.allclose(kernels.sum(dim=(1, 2)), torch.zeros(6), atol=1e-5)
d2l.book.finish_page();
