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
# (sec-visualize)=
# # Inside the Trained Network

# %%
import d2l_local as d2l
import pandas as pd
import torch
from IPython.display import display

d2l.book.show_run_mode("visualize")

# %% [markdown] slideshow={"slide_type": "slide"}
# [Training AlexNet](training.md#sec-training) measured what the trained network does: its test accuracy and the
# classes it confuses. This page opens it up and asks what each layer learned. Every
# convolution layer, with the ReLU after it, turns its input into *feature maps*, one per
# channel; each map is a grid of *units*, and a unit looks at one window of the image, its
# *receptive field*. A channel has learned something when its units fire on some images
# and stay quiet on others.
#
# ## The trained network
#
# Training takes minutes, so the training page keeps the network it trained on this
# machine, one file per scale, and the next cell loads it. When there is none (this page
# was opened on its own, say in Colab), the cell trains the network itself, with the call
# the training page makes, so that at every scale both pages look at the same recipe:

# %%
scale = d2l.scales.current()  # "quick", "cpu" or "gpu": the note at the top says which
net = d2l.trained.load(scale)  # the training page's network, if it ran here at this scale
if net is None:  # this page runs on its own: train the same recipe here
    run = d2l.trained.recipe(scale)
    run.trainer.fit(run.model, run.data)
    net = d2l.trained.save(run)
model, data = net.model.eval(), net.data

# %% tags=["remove-cell"]
if net.origin == "loaded":
    network_origin = d2l.book.say(
        "visualize_loaded", scale=d2l.book.say(f"scale_name_{scale}"), saved=net.saved,
        recipe=d2l.book.say(net.name), device=d2l.book.device_text(net.device),
        run_scale=d2l.book.run_scale(net.history),
        accuracy=d2l.book.versus_chance(net.test_acc))
else:
    network_origin = d2l.book.say(
        "visualize_trained", scale=d2l.book.say(f"scale_name_{scale}"),
        recipe=d2l.book.say(net.name), device=d2l.book.device_text(net.device),
        run_scale=d2l.book.run_scale(net.history),
        duration=d2l.book.duration(sum(r["epoch_s"] for r in net.history)),
        accuracy=d2l.book.versus_chance(net.test_acc))
network_origin = d2l.book.glue("network_origin", network_origin)

# %% [markdown] slideshow={"slide_type": "slide"}
# {eval}`network_origin`
#
# ## What each layer responds to
#
# The library's explorer reads the network as five *stages*, conv1 to conv5, each a
# convolution with the ReLU after it. An `Inspector` keeps what its views need: the
# activations of the images looked at, and, for a class-balanced sample of test images,
# the largest activation of every channel on every image. The next cell summarises each
# stage: how many channels it has, the side of its maps, the side of the window of input
# pixels one unit sees, how many channels stayed at zero on every sampled image, and how
# much the eight sampled images that excite a channel most agree about their class:

# %%
ins = d2l.explorer.Inspector(model, data)  # 300 test images, balanced over the classes
labels = ins.labels[ins.sample]
rows = []
for stage in ins.stages:
    peaks = ins.maxima(stage)[0]  # (images, channels): each image's largest activation
    top8 = labels[peaks.argsort(0, descending=True)[:8]]  # classes of each channel's top 8
    agreement = (top8 == top8.mode(0).values).float().mean(0)  # share in their main class
    maps = ins.activations(0)[0][stage.name]
    field = ins.receptive_field(stage, maps.shape[-2] // 2, maps.shape[-1] // 2)
    rows.append({"layer": stage.name, "channels": peaks.shape[1], "map side": maps.shape[-1],
                 "receptive field side": d2l.explorer.box_size(field)[0],
                 "silent channels": int((peaks.max(0).values == 0).sum()),
                 "top-8 class agreement": agreement.mean().item()})
layers = pd.DataFrame(rows).set_index("layer")
# the same agreement for eight sampled images drawn at random, 2,000 times
g = torch.Generator().manual_seed(0)
draws = torch.stack([labels[torch.randperm(len(labels), generator=g)[:8]]
                     for _ in range(2000)])
chance = (draws == draws.mode(1, keepdim=True).values).float().mean().item()
display({"top-8 class agreement, eight random images": chance})
layers.round(3)

# %% tags=["remove-cell"]
side = data.resize[0]
shares = [d2l.book.say("visualize_layer_share", layer=name, share=100 * value)
          for name, value in layers["top-8 class agreement"].items()]
layer_agreement = d2l.book.say(
    "visualize_agreement", scale=d2l.book.say(f"scale_name_{scale}"), side=side,
    sample=len(ins.sample), layers=d2l.book.join(shares), chance=100 * chance)
selective = [name for name, value in layers["top-8 class agreement"].items()
             if value >= 1.5 * chance]
if len(selective) == len(layers):
    layer_agreement += d2l.book.say("visualize_selective_all")
elif selective:
    missed = [name for name in layers.index if name not in selective]
    layer_agreement += d2l.book.say("visualize_selective", reached=d2l.book.join(selective, "visualize_layer_separator"),
                                    missed=d2l.book.join(missed, "visualize_layer_separator"))
else:
    layer_agreement += d2l.book.say("visualize_selective_none")
layer_agreement = d2l.book.glue("layer_agreement", layer_agreement)
# whether it rises at every stage, as the table shows it (to three digits)
shown = layers["top-8 class agreement"].round(3)
lower = [name for before, (name, value) in zip(shown, list(shown.items())[1:])
         if value <= before]
agreement_trend = d2l.book.glue("agreement_trend", d2l.book.say(
    "visualize_trend_uneven", stages=d2l.book.join(lower, "visualize_layer_separator"))
    if lower else d2l.book.say(
        "visualize_trend_rising", first=100 * shown.iloc[0], last=100 * shown.iloc[-1],
        first_layer=shown.index[0], last_layer=shown.index[-1]))
layer_silent = d2l.book.glue("layer_silent", d2l.book.say("visualize_silent", layers=d2l.book.join(
    [d2l.book.say("visualize_silent_layer", layer=name, silent=int(row["silent channels"]),
                  channels=int(row["channels"])) for name, row in layers.iterrows()])))

# %% [markdown] slideshow={"slide_type": "slide"}
# {eval}`layer_agreement` {eval}`layer_silent`
#
# The receptive fields grow with depth, because every convolution and pooling layer widens
# the window: a unit of conv1 sees a small patch of the enlarged image, a unit of conv5
# most or all of it (the box is computed from the kernels, strides and paddings, and may
# reach into the padding). So the first layer can only respond to local brightness and
# its edges, and a late layer can respond to the outline of a whole garment. Whether it
# does is what the agreement column measures, on this run's network.
#
# ## One image, layer by layer
#
# The explorer's views, drawn for one test image at a time: the feature maps of every
# stage (its eight most active channels, most active first), the receptive field of the
# unit that fires most in the chosen channel, the sampled test images that excite that
# channel most (with the box each one's best unit sees), the five most probable classes,
# and an *occlusion* map from Captum ([Kokhlikyan et al., 2020](../references.bib#kokhlikyan2020captum)): the drop in the predicted class's score when a square of the image is blacked out, so red marks
# the pixels the prediction relies on. The next cell picks an image the network classifies
# correctly and, if there is one, an image it gets wrong:

# %%
with torch.no_grad():
    preds = torch.cat([model(X.to(ins.device)).argmax(1).cpu()
                       for X, _ in data.val_dataloader()])
right = torch.nonzero(preds == data.val_labels).flatten()
wrong = torch.nonzero(preds != data.val_labels).flatten()
first = int(right[0])
second = int(wrong[0]) if len(wrong) else int(right[1])
figures = ins.figures(first)  # the last layer, its most active channel on this image


# %% tags=["remove-cell"]
def said_class(index):
    return d2l.book.class_name(ins.class_name(index))


p_first = ins.predictions(first, 1)[0][0].item()
p_second = ins.predictions(second, 1)[0][0].item()
two_images = d2l.book.glue("two_images", d2l.book.say(
    "visualize_images", first=first, first_class=said_class(data.val_labels[first]),
    first_p=p_first, second=second, second_class=said_class(data.val_labels[second]),
    second_pred=said_class(preds[second])) if len(wrong) else d2l.book.say(
    "visualize_images_right", first=first, first_class=said_class(data.val_labels[first]),
    first_p=p_first, second=second, second_class=said_class(data.val_labels[second]),
    second_p=p_second))

# %% [markdown] slideshow={"slide_type": "subslide"}
# {eval}`two_images` Above, the first of them, looked at through the last convolution
# layer. Below, the second, through the first layer: its receptive field is a small
# window, and the images that excite its channel most tend to share a brightness pattern
# rather than a class.

# %%
figures = ins.figures(second, layer="conv1")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The layer explorer
#
# In JupyterLab or Colab the explorer below lets you choose the image (by number, or a
# random one of a class), the layer, the channel (the menu lists them most active first)
# and the unit, and redraws the views that change. The attribution map is computed when
# you press *attribute*, by occlusion or by integrated gradients. In the static book it
# shows the views of its starting choice.

# %%
explorer = d2l.LayerExplorer(model, data, index=second)
explorer

# %% [markdown] slideshow={"slide_type": "subslide"}
# How long does a change take? `measure()` makes each kind of change through the controls,
# as a reader does, and times the update, on a second explorer so that the one above keeps
# its choice:

# %%
timings = d2l.LayerExplorer(model, data).measure()
pd.DataFrame(timings).T.round(3)

# %% tags=["remove-cell"]
t = {kind: value["wall"] for kind, value in timings.items()}
explorer_timing = d2l.book.glue("explorer_timing", d2l.book.say(
    "explorer_timing", device=d2l.book.device_text(ins.device), image=t["image"],
    layer=t["layer"], channel=t["channel"], unit=t["unit"], sample=len(ins.sample),
    first=t["top images, first time"], occlusion=t["attribute occlusion"],
    gradients=t["attribute integrated gradients"]))

# %% [markdown] slideshow={"slide_type": "slide"}
# {eval}`explorer_timing` The `cpu` column counts the processor time of this process: where
# it exceeds the clock, the work ran on several cores at once.
#
# ## What this shows
#
# A first-layer channel sees only a small patch, so what it responds to is a local pattern
# of brightness (the top images of the channel above share one, not a class); what such channels can learn from images enlarged from 28 pixels is limited, and
# [What the First Layer Can Learn](firstlayer.md#sec-first-layer) works out how. The deeper a layer, the larger its units' windows
# and, by and large, the more its channels' favourite images agree about the class.
# {eval}`agreement_trend` A network of AlexNet's design trained on ImageNet's colour
# photographs shows the progression more clearly, from edges and colours to textures, parts
# and whole objects ([Zeiler and Fergus, 2014](../references.bib#zeiler2014visualizing)); Fashion-MNIST's grey, centred garments on
# a black background give a network less to find.

# %% tags=["remove-cell"]
assert net.history and len(net.history) == net.settings["max_epochs"]
assert net.test_acc >= (0.3 if scale == "quick" else 0.86), net.test_acc  # above chance
assert list(layers.index) == ["conv1", "conv2", "conv3", "conv4", "conv5"]
assert list(layers["receptive field side"]) == sorted(layers["receptive field side"])
assert 0 < chance < 1 and (layers["top-8 class agreement"] <= 1).all()
assert set(figures) == {"feature maps", "receptive field", "top images", "predictions",
                        "attribution"}
assert all(value["wall"] > 0 for value in timings.values()), timings
d2l.book.finish_page();
