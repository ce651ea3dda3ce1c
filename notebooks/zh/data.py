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
# % translation of notebooks/data.md, prose sha256 3f9bc1d0c500bdb8
# (sec-data)=
# # 缺失的要素：数据

# %%
import d2l_local as d2l
import torch

d2l.book.show_run_mode()

# %% [markdown]
# 一个深度网络有数百万个参数，它需要足够多的数据来确定这些参数，然后才能胜过使用人工设计特征的凸方法。1990年代的研究使用的是由小图像组成的小型图像集，图中的物体往往是在干净的背景下拍摄的：例如，COIL-100图库收录了100个物体放在转台上旋转拍摄的7,200张图像 {cite}`nene1996coil`。
#
# ImageNet改变了数据的规模 {cite}`deng2009imagenet`。它的作者以WordNet {cite}`miller1995wordnet` 中的名词作为类别，用图像搜索引擎为每个类别收集候选图像，再请Amazon Mechanical Turk上的众包工作者确认哪些图像确实展示了该类别；2009年，它包含5,247个类别的3.2百万张图像。一年一度的ImageNet大规模视觉识别挑战赛（ImageNet Large Scale Visual Recognition Challenge） {cite}`russakovsky2015imagenet` 取其中一个子集作为共同的目标：AlexNet获胜的2012年那一届有1,000个类别，包含1.28百万张训练图像（每类732到1,300张），以及50,000张验证图像和100,000张测试图像。这比CIFAR-100 {cite}`krizhevsky2009learning` 大了一个数量级以上，而且图像也远大于TinyImages {cite}`torralba2008tiny` 中32×32的缩略图。如今的图像集合，例如LAION-5B {cite}`schuhmann2022laion`，收录了数十亿张配有文本的图像。

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Number of images in some data sets, on a logarithmic axis. The training set of the 2012 challenge, on which AlexNet was trained, is in red.", "name": "fig-dataset-scale"}}
d2l.figures.plot_dataset_scale();

# %% [markdown]
# ## Fashion-MNIST：本章中ImageNet的替身
#
# 在ImageNet上训练要花好几天，因此本章在Fashion-MNIST {cite}`xiao2017fashion` 上训练：它包含70,000张28×28像素的灰度图像，内容是网络零售商Zalando出售的商品，分为十个类别：有上衣和裤子、连衣裙和外套，也有凉鞋、运动鞋、短靴和包。本库会在你的磁盘上找到这些文件（或者下载一次），对它们进行检查，并将其保存为字节张量。

# %%
full = d2l.load_fashion_mnist()
{name: tuple(t.shape) for name, t in full.items()}

# %% [markdown]
# 下面是前十六张测试图像及其标签。

# %%
first = full["test_images"][:16]
labels = [d2l.TEXT_LABELS[i] for i in full["test_labels"][:16]]
d2l.show_images(first, 2, 8, titles=labels);

# %% [markdown]
# 各个类别是均衡的：每个类别的训练图像数量相同，因此准确率是一个公允的概括指标，而靠猜测的分类器只能得到10%。

# %%
counts = torch.bincount(full["train_labels"].long())
d2l.book.glue("per_class", int(counts[0]))
dict(zip(d2l.TEXT_LABELS, counts.tolist()))

# %% [markdown]
# 每个类别有 {glue:text}`per_class:,` 张训练图像。训练时，本库以小批量的形式提供这些图像，它们已经位于训练设备上，并表示为0到1之间的浮点数：

# %%
data = d2l.FashionMNIST(batch_size=32)
X, y = next(iter(data.train_dataloader()))
X.shape, X.dtype, y[:8]

# %% [markdown]
# ## 上采样到224×224
#
# AlexNet是为224×224的图像设计的。为了保持架构不变，本章用双线性插值将每张28×28的图像在每个方向上放大八倍。本库在训练设备上逐个小批量地完成这一操作。

# %%
small = full["test_images"][:1]
large = d2l.resize_on_device(small, (224, 224))
d2l.show_images([small[0], large[0, 0]], 1, 2, titles=["28 x 28", "224 x 224"],
                scale=2.5);

# %% [markdown]
# 放大后的图像看起来更平滑，但并没有包含任何新信息：它的每个像素都是原图中至多四个像素的加权平均（{ref}`sec-features` 展示了这对第一层有什么影响）。不过它的代价很高，因为每个卷积都要在更多的位置上滑动。下面是由PyTorch的 `FlopCounterMode` 统计的每张图像前向计算的FLOPs，分别对应AlexNet所能接受的最小尺寸（65，见 {ref}`sec-model`）、96和224：

# %%
flops = {size: d2l.model_flops(d2l.AlexNet(), (1, 1, size, size))["forward"]
         for size in (65, 96, 224)}
{size: f"{f / 1e9:.3f} GFLOPs" for size, f in flops.items()}

# %% [markdown]
# 在这台机器上实测的时间也说明了同样的问题：

# %%
device = d2l.try_gpu()
seconds = {size: d2l.hardware.time_forward(d2l.AlexNet(), 64, size, device)
           for size in (96, 224)}
{size: f"{s * 1000:.1f} ms per batch of 64" for size, s in seconds.items()}

# %% tags=["remove-cell"]
d2l.book.glue("positions_ratio", (224 / 96) ** 2)
d2l.book.glue("flops_ratio", flops[224] / flops[96])
d2l.book.glue("upsample_ratio", seconds[224] / seconds[96])
d2l.book.glue("device_name", d2l.describe_device(device))

# %% [markdown]
# 224像素的图像的像素数是96像素图像的 {glue:text}`positions_ratio:.1f` 倍，前向传播的FLOPs则是其 {glue:text}`flops_ratio:.1f` 倍。在 {glue:md}`device_name__zh` 上，224像素的一个小批量所用的时间是96像素时的 {glue:text}`upsample_ratio:.1f` 倍。练习会要求你设计一个直接处理28×28图像的网络。

# %% tags=["remove-cell"]
assert X.shape == (32, 1, 28, 28) and X.dtype == torch.float32
assert 0 <= X.min() and X.max() <= 1
assert y.dtype == torch.int64 and set(y.tolist()) <= set(range(10))
assert full["train_images"].shape == (60000, 28, 28)
assert full["test_images"].shape == (10000, 28, 28)
assert counts.tolist() == [6000] * 10
assert first.shape == (16, 28, 28)
assert large.shape == (1, 1, 224, 224)
assert flops[224] > 5 * flops[96] > 5 * flops[65]
