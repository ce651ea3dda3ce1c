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
# (chap-alexnet)=
# # Deep Convolutional Neural Networks (AlexNet)
#
# Convolutional networks were known for almost two decades before 2012
# {cite}`lecun1995convolutional`, yet in most of computer vision they were not the tool of
# choice. In 2012 a network with eight learned layers, AlexNet
# {cite}`krizhevsky2012imagenet`, won the ImageNet challenge by a wide margin, and in 2013 and 2014
# the winners of the challenge's classification task were deep convolutional networks too
# {cite}`russakovsky2015imagenet`. This chapter asks why it happened then, and answers with
# experiments you run yourself.
#
# The sections follow the argument:
#
# ```{tableofcontents}
# ```
#
# Everything the chapter states about speed, size or accuracy is computed on the page, by
# code you can read and rerun, or cited. The helper library is imported as `d2l`, after the book
# *Dive into Deep Learning* {cite}`zhang2023dive`, whose names it keeps; its source is in
# `d2l_local/`.

# %%
import d2l_local as d2l

d2l.book.show_run_mode()

# %% [markdown]
# In quick mode every page runs in minutes on a laptop's CPU (the project's tests run
# them all that way). Training AlexNet at the chapter's full
# size needs a GPU; without one, the training page uses a laptop recipe, and quick mode
# (`D2L_QUICK=1`) runs every experiment on a small part of the data.
