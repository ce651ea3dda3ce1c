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
# (sec-features)=
# # Learned versus Crafted Features

# %% tags=["remove-cell"]
import d2l_local as d2l
import torch

d2l.book.show_run_mode()

# %% [markdown]
# Before 2012, a computer vision system was mostly a hand-built machine with a small learned
# part at the end. You would collect a data set, often with costly cameras of modest
# resolution, then turn every image into a vector of *features* designed by people: SIFT
# {cite}`lowe2004distinctive`, SURF {cite}`bay2006surf`, histograms of oriented gradients
# {cite}`dalal2005histograms` or bags of visual words {cite}`sivic2003video`. Only then
# would a learning algorithm appear, usually a linear model or a kernel method
# {cite}`scholkopf2002learning`, sometimes boosting {cite}`freund1996experiments` or a
# structured estimator {cite}`taskar2004max`. Those methods came with clean theory
# {cite}`boucheron2005theory` and convex optimisation problems {cite}`boyd2004convex`,
# and on the benchmarks of the day they often beat neural networks. Progress came from
# better features and better geometry {cite}`hartley2000multiple`; the classifier was an
# afterthought.
#
# ## What a crafted feature computes
#
# Most crafted features start from local changes of brightness, measured by small fixed
# filters. Here are two classics, applied to Fashion-MNIST images: the Sobel filters,
# which respond to horizontal and vertical edges, and Gabor filters, oriented stripes under
# a Gaussian window that resemble the receptive fields of cells in the visual cortex.

# %%
names, kernels = d2l.features.crafted_filter_bank()
images = d2l.load_fashion_mnist()["test_images"][:4]

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Four test images (left) and their responses to two Sobel and four Gabor filters. Red is a strong positive response, blue a strong negative one.", "name": "fig-crafted-responses"}}
d2l.figures.plot_filter_responses(images, names, kernels);

# %% [markdown]
# Each response map in {numref}`fig-crafted-responses` highlights the edges of one
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
# natural images economically {cite}`olshausen1996emergence`, and large systems trained on
# unlabelled images learned detectors for faces and cats {cite}`dean2012large,le2013building`.
# AlexNet's own first layer, trained on ImageNet, learned oriented edges and colour blobs
# that look much like the crafted filters above {cite}`krizhevsky2012imagenet`.
#
# You can check this with the chapter's own network. The next cell trains AlexNet (built
# in {ref}`sec-model`) for two epochs and shows its 96 first-layer filters.

# %%
model = d2l.AlexNet(lr=0.01)
data = d2l.FashionMNIST(batch_size=128, resize=(224, 224))
trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False)
trainer.fit(model, data)
d2l.show_filters(model.net[0].weight, title="first-layer filters after two epochs");

# %% [markdown]
# Two epochs on a laptop's CPU in quick mode are only a few batches, so those filters are
# still close to their random start. The filters of a full ten-epoch run on a GPU, when
# the project has committed one, look different:

# %% tags=["hide-input"] mystnb={"figure": {"caption": "First-layer filters of AlexNet after the chapter's full training recipe, from the results committed with the book (if any).", "name": "fig-learned-filters"}}
runs = d2l.results.load_results("alexnet-*.json")
full = [r for r in runs if not r["quick_mode"]]
if full:
    run = full[0]
    d2l.show_filters(d2l.results.filters_tensor(run),
                     title=f"{len(run['history'])} epochs on {run['device']}")
else:
    print("No full-size run is committed yet (results/alexnet-*.json). "
          "Run `make bench` on a GPU to make one.")

# %% [markdown]
# Fashion-MNIST images are grey and small, so the filters cannot learn colour; with
# enough training, many of them become oriented edge and stripe detectors, the same kinds
# of operators people once designed by hand.

# %% tags=["remove-cell"]
assert kernels.shape == (6, 11, 11)
assert model.net[0].weight.shape == (96, 1, 11, 11)
assert len(trainer.history) == 2
assert torch.isfinite(model.net[0].weight).all()
