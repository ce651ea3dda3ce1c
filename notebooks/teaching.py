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
# (sec-teaching)=
# # Teaching with This Chapter

# %%
import d2l_local as d2l
from IPython.display import HTML, display

d2l.book.show_run_mode("teaching")

# %% [markdown] slideshow={"slide_type": "subslide"}
# This page is for the person at the front of the room. It plans two lessons from the
# chapter's pages, a 50-minute class and a 2-hour lab, and shows how to run the training
# panel's comparisons in one click. The seconds in the plans are not guesses: they are the
# time each page's code cells took when the chapter's pages were run one after another and
# timed cell by cell. The next cell lists those timed runs: the scale, the machine, the
# date and the pages each one timed.

# %%
d2l.lessons.show_timed_runs()

# %% [markdown] slideshow={"slide_type": "subslide"}
# A scale that no timed run covers has no column; the sentence under each table names it.
# Each step runs its page's code from the top (a notebook runs in order) to the end of the
# section the table names, less the cells an earlier step of the same page has run. The
# sections are the same in JupyterLab, in the Colab notebooks and in the book; the
# notebooks add a few cells of their own, and the book hides a few, which only hand values
# to the text, so the sections, not cell numbers, say where to stop. A timed run's seconds
# are those of its machine on that day: the same pages can take less time on a faster or
# quieter machine and more on a slower or busier one, and the note at the top of each page
# gives the time of the page's latest run. Before class, run each page you plan to use
# from the top on the machine you will teach with, and read the time in its note. The
# planned minutes are the teacher's budget for talk, questions and the code together, and a
# time longer than a step's minutes says so. The times are the cells' alone: a preset run
# live in class, as in the class's fourth step, adds its runs' time to them.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A 50-minute class
#
# One story in five steps: why 2012, what changed in the network, and a live comparison
# that the class predicts before it ends.

# %%
display(HTML(d2l.lessons.plan_html("class50")))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## A 2-hour lab
#
# Students work in pairs at their own machines. Each pair runs the pages in order and
# stops to answer the questions in the text; the last twenty minutes are one exercise per
# pair, reported to the room.

# %%
display(HTML(d2l.lessons.plan_html("lab120")))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## The slideshow
#
# Every page of the chapter is also a slideshow. In the project's JupyterLab, open a page,
# run it from the top, then open its slides from the notebook's toolbar (or the command
# `slideshow:open`): jupyterlab-myst-revealjs shows the page as reveal.js slides beside the
# notebook, with the MyST markup rendered and the code cells runnable on the slides in the
# page's kernel. A Markdown cell with a heading starts a new slide, every other one a slide
# below it. Start long cells, such as training, from the notebook rather than from a slide:
# the extension rebuilds its slides shortly after the notebook changes, and a cell that
# runs longer than that loses its output on the slide, while the notebook keeps it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Comparisons in one click: the panel's presets
#
# The training panel ([Training AlexNet](training.md#sec-training)) has a preset chooser and a
# *Run preset* button. A preset is a pair of runs that differ in exactly one setting; the
# rest is the recipe for the machine, sized for the scale: one epoch on 600 images in quick
# mode, three epochs on 6,000 at CPU full size (the input-size preset: one epoch on 3,000),
# the reference run's length on a GPU. The
# button queues both runs; each appears in the table of runs when it ends, and the
# comparison plot then shows their test accuracy side by side. Stop ends the run in
# progress and skips the rest. The table below lists the presets with the values they
# compare at this page's scale, and what each is expected to show.

# %%
display(HTML(d2l.lessons.presets_html()))

# %% tags=["remove-cell"]
size_ratio = d2l.book.glue("size_ratio", d2l.runs.size_cost_ratio(), ".0f")

# %% [markdown] slideshow={"slide_type": "subslide"}
# These are expectations, not results: a short run can hide a difference that a long one
# shows, which is itself worth discussing with a class. The input-size preset is the slow
# one: its 224-pixel run does about {eval}`size_ratio` times the arithmetic of the 65-pixel run, so on
# a 2-core CPU it takes minutes where the small one takes seconds; choosing it in the panel
# times a training step on the machine and shows how long each run will take
# (`panel.estimate_preset()` does the same from code). Here the panel runs the ReLU
# against sigmoid preset on the same slice of the data at every scale, two epochs of 3,000
# images (two, so that each curve of the comparison plot has a line to draw): shorter than
# the preset at full size, so that this page stays short, and longer than quick mode's
# preset; in class, press *Run preset* instead. The plot under the panel is that comparison.

# %%
panel = d2l.TrainingPanel(preset="relu_sigmoid")
records = panel.run_preset(train_fraction=0.05, max_epochs=2)  # small at every scale
panel

# %% [markdown] slideshow={"slide_type": "subslide"}
# The same comparison runs without any widget, for a script or a prepared notebook:
# `d2l.runs.run_preset("dropout")` returns one record per run, each with its history.

# %% tags=["remove-cell"]
assert [r["status"] for r in records] == ["finished", "finished"]
assert [r["hparams"]["activation"] for r in records] == ["relu", "sigmoid"]
assert all(len(r["history"]) == 2 for r in records)
assert panel.compare.value == (1, 2)
d2l.book.finish_page();
