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
# % translation of notebooks/alexnet.md, prose sha256 b85e441fe41cc2e1
# (chap-alexnet)=
# # 深度卷积神经网络（AlexNet）
#
# 早在2012年之前，卷积网络就已经为人所知将近二十年 {cite}`lecun1995convolutional`，然而在计算机视觉的大多数领域，它们并不是首选的工具。2012年，一个有八个可学习层的网络，即AlexNet {cite}`krizhevsky2012imagenet`，以大幅领先的成绩赢得了ImageNet挑战赛；2013年和2014年，该挑战赛分类任务的冠军同样是深度卷积网络 {cite}`russakovsky2015imagenet`。本章探讨这件事为什么恰好发生在那个时候，并用你亲自运行的实验来回答。
#
# 各节按照这一论证的顺序展开：
#
# ```{tableofcontents}
# ```
#
# 本章关于速度、规模或准确率的每一个说法，要么由页面上你可以阅读并重新运行的代码计算得出，要么注明了出处。辅助库以 `d2l` 之名导入，这个名字来自《动手学深度学习》（*Dive into Deep Learning*）{cite}`zhang2023dive`，该库沿用了那本书中的命名；它的源代码位于 `d2l_local/`。

# %%
import d2l_local as d2l

d2l.book.show_run_mode()

# %% [markdown]
# 在快速模式下，每一页都能在笔记本电脑的CPU上几分钟内运行完毕（项目的测试正是这样运行全部页面的）。以本章的完整规模训练AlexNet需要GPU；没有GPU时，训练一页会改用笔记本电脑方案，而快速模式（`D2L_QUICK=1`）会让每个实验只在数据的一小部分上运行。
