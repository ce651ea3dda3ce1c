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
# (chap-alexnet)=
# # Deep Convolutional Neural Networks (AlexNet)
#
# Convolutional networks trained by backpropagation were 23 years old in 2012
# ([LeCun et al., 1989](../references.bib#lecun1989backpropagation); [LeCun and Bengio, 1995](../references.bib#lecun1995convolutional)), yet in most of computer vision they were not the tool of
# choice. In 2012 a network with eight learned layers, AlexNet
# ([Krizhevsky et al., 2012](../references.bib#krizhevsky2012imagenet)), won the ImageNet challenge by a wide margin, and in 2013 and 2014
# the winners of the challenge's classification task were deep convolutional networks too
# ([Russakovsky et al., 2015](../references.bib#russakovsky2015imagenet)). This chapter asks why it happened then, and answers with
# experiments you run yourself.
#
# The sections follow the argument:
#
# ```{tableofcontents}
# ```
#
# Everything the chapter states about speed, size or accuracy is computed on the page, by
# code you can read and rerun, or cited. The helper library is imported as `d2l`, after the book
# *Dive into Deep Learning* ([Zhang et al., 2023a](../references.bib#zhang2023dive)), whose names it keeps; its source is in
# `d2l_local/`.

# %%
import d2l_local as d2l

d2l.book.show_run_mode("alexnet")

# %% [markdown] slideshow={"slide_type": "subslide"}
# The chapter runs at three scales, with the same code. In *quick mode* (`D2L_QUICK=1`)
# every page runs in a few minutes on a laptop's CPU, each experiment on a small part of
# the real data; where a lesson needs a trained network it still trains one, and where a
# question needs the full run the page says so and gives what a recorded full-size run
# found. At *CPU full size* the training page trains on the full training set and tests on
# the full test set, with a recipe sized for a processor with two cores, and an exercise
# whose full form would take hours on a CPU runs a smaller *CPU form*, whose size it
# states. At *GPU full size* the training page runs the *reference recipe*, the settings of
# the d2l book that [Training AlexNet](training.md#sec-training) sets out, and the exercises
# run their full forms. The note at the top of
# each page says which scale ran, on what, and how long it took.

# %% tags=["remove-cell"]
d2l.book.finish_page();
