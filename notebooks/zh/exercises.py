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
# % translation of notebooks/exercises.md, prose sha256 6ef77fd3aa96a463
# (sec-exercises)=
# # 讨论、小结与练习

# %%
import d2l_local as d2l
import pandas as pd
import torch
from torch import nn

d2l.book.show_run_mode()

# %% tags=["remove-cell"]
groups = d2l.summary.layer_groups(d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False))
total = groups["conv_params"] + groups["dense_params"]
d2l.book.glue("dense_mib", groups["dense_params"] * 4 / 2**20)
d2l.book.glue("dense_share", 100 * groups["dense_params"] / total)
d2l.book.glue("conv_flop_share",
              100 * groups["conv_flops"] / (groups["conv_flops"] + groups["dense_flops"]))
d2l.book.glue("total_params_m", total / 1e6)

# %% [markdown]
# AlexNet看起来像一个更大的LeNet，从某种意义上说也确实如此：2012年发生改变的与其说是思想，不如说是数据、硬件以及少数几个实用的选择（ReLU、暂退法（dropout）、数据增广）。它的两个隐藏全连接层容纳了大部分参数（以fp32存储为 {glue:text}`dense_mib:.0f` MiB，见 {ref}`sec-model` 中的计算），而它的卷积层完成了大部分算术运算。工具也变了：当年Krizhevsky和Sutskever亲手用CUDA编写的快速GPU卷积，在今天的框架中只是一次库函数调用。本章使用的PyTorch {cite}`paszke2019pytorch` 源自Torch {cite}`collobert2011torch7`；DistBelief {cite}`dean2012large`、Caffe {cite}`jia2014caffe`、Theano {cite}`bergstra2010theano` 和TensorFlow {cite}`abadi2016tensorflow` 则是它的前辈和同辈。
#
# ## 2012年的论文与本章
#
# 本章保留了AlexNet的各层，却几乎改变了这些层周围的一切。下面把那篇论文的做法 {cite}`krizhevsky2012imagenet` 与本章的做法并列对照，本章一栏的数字由本章自己的代码计算得出：

# %% tags=["hide-input"]
ours = d2l.AlexNet()
ours(torch.zeros(1, 1, 224, 224))
params = sum(p.numel() for p in ours.parameters())
pd.DataFrame([
    ("data", "ILSVRC-2012: 1.28 million colour photographs, 1,000 classes",
     "Fashion-MNIST: 60,000 grey 28x28 images, 10 classes, enlarged to 224x224"),
    ("input", "random 224x224 crops (and flips) of 256x256 images, RGB",
     "the whole enlarged image, one grey channel"),
    ("augmentation", "crops, horizontal flips, PCA colour changes", "none"),
    ("layers", "5 convolutions, 3 dense layers; local response normalisation; "
     "overlapping 3x3 max-pooling at stride 2",
     "the same layers, no response normalisation, the same pooling"),
    ("hardware", "two GTX 580 (3 GB each), each holding half of each layer's filters",
     "one device, one stream"),
    ("parameters", "about 60 million", f"{params:,}"),
    ("optimizer", "SGD, momentum 0.9, weight decay 0.0005, batch 128",
     "SGD, no momentum, no weight decay, batch 128"),
    ("learning rate", "0.01, divided by 10 when the validation error stopped "
     "improving (three times)", "0.01, constant"),
    ("training", "about 90 passes over 1.2 million images, five to six days",
     "10 passes over 60,000 images (see the training page for the time)"),
    ("testing", "predictions averaged over ten crops", "one prediction per image"),
    ("result", "top-5 test error 15.3%, against 26.2% for the second-best entry",
     "test accuracy (see the training page)"),
], columns=["", "2012 paper", "this chapter"]).set_index("").style.set_properties(
    **{"text-align": "left", "white-space": "normal"})

# %% [markdown]
# ## 小结

# %% tags=["remove-cell"]
fwd = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))["forward_backward"]
d2l.book.glue("fwdbwd_gflops", fwd / 1e9)

# %% [markdown]
# * 直到2012年，视觉系统都是由人工设计的特征加上一个简单的分类器构建而成的。AlexNet表明，借助足够多的数据和足够快的硬件逐层学习得到的特征，在ImageNet上胜过了人工设计的特征（{ref}`sec-features`）。
# * 数据：2012年的挑战赛有1.28百万张带标签的训练图像；本章的替代数据集Fashion-MNIST有60,000张，并被放大到224像素（{ref}`sec-data`）。
# * 硬件：许多简单的核心（就像GPU中那样）每瓦特提供的算术运算远多于少数几个快速核心，因为功耗比时钟频率增长得更快（{ref}`sec-hardware`）。
# * 网络：五个卷积层和三个全连接层，共 {glue:text}`total_params_m:.1f` 百万个参数，其中 {glue:text}`dense_share:.0f`%位于全连接层，而卷积层完成了 {glue:text}`conv_flop_share:.0f`%的算术运算；每张图像的前向加反向传播需要 {glue:text}`fwdbwd_gflops:.2f` GFLOPs。ReLU让梯度在整个网络深度中都不会消失，暂退法则用来对抗过拟合（{ref}`sec-model`）。
# * 在放大后的图像上，第一层看到的是平滑的图像块，因此它的滤波器在很大程度上保持着随机初始值（{ref}`sec-features`）。
# * 训练：在GPU上使用参考方案，在CPU上使用笔记本电脑方案（最小输入、Adam、两个轮次）；训练面板让你可以修改超参数并比较各次运行（{ref}`sec-training`）。
#
# ## 练习
#
# 下面的每道练习都附有可以展开查看的解答；这些解答是随页面一起运行的实验。在快速模式下，它们只使用少数几个小批量，因此其数字只用来演示方法；要得到真正的答案，请在GPU上以完整规模运行。每个解答都会说明它是在什么规模下运行的。
#
# ```{exercise}
# :label: ex-memory
#
# AlexNet的哪一部分主导了它的内存占用，哪一部分主导了它的计算量？对于训练和推理，内存大小、内存带宽和延迟分别起着怎样不同的作用？
# ```
#
# ```{solution-start} ex-memory
# :class: dropdown
# ```
#
# 按层的类型对 {ref}`sec-model` 中的逐层表格求和（激活值按一张图像计算）：

# %%
table = d2l.AlexNet().layer_summary((1, 1, 224, 224), verbose=False)
d2l.summary.conv_vs_dense(table).round(2)

# %% tags=["remove-cell"]
sums = d2l.summary.conv_vs_dense(table)
d2l.book.glue("ex1_dense_weights", sums.loc["dense", "weights MiB"])
d2l.book.glue("ex1_conv_weights", sums.loc["convolutions", "weights MiB"])
d2l.book.glue("ex1_conv_acts", sums.loc["convolutions", "activation MiB"])
d2l.book.glue("ex1_dense_acts", sums.loc["dense", "activation MiB"])

# %% [markdown]
# 全连接层有 {glue:text}`ex1_dense_weights:.0f` MiB的权重，卷积层只有 {glue:text}`ex1_conv_weights:.1f` MiB；但卷积层每张图像产生 {glue:text}`ex1_conv_acts:.1f` MiB的激活值，全连接层只产生 {glue:text}`ex1_dense_acts:.2f` MiB，而且大部分FLOPs是由卷积层完成的。训练时要为反向传播保留每一个激活值，因此激活值占用的内存随批量增大而增长，很快就会超过权重（{ref}`sec-model-memory`）；推理时则可以在下一层用完某个激活值之后立即释放它。一次只处理一张图像时，全连接层读取每个权重都只为了做一次乘加运算，因此它们的速度由内存带宽决定；在这种情况下最重要的是延迟，而在训练中最重要的是吞吐量。{numref}`ex-chip` 会给出具体的数字。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-chip
#
# 一个每秒完成 $P$ 次浮点运算、每秒从内存读取 $B$ 字节的处理器，只有在每移动一个字节所做的浮点运算超过 $P/B$ 次时，才能让它的算术单元保持忙碌。如果你有一块面积固定的硅片，为了训练AlexNet，你会如何在算术单元和内存带宽之间分配面积？如果是以每次一张图像的方式用它提供推理服务呢？
# ```
#
# ```{solution-start} ex-chip
# :class: dropdown
# ```
#
# 下面是每个带权重的层在批量大小为1和128时的这种*算术强度*：

# %%
intensity = pd.concat(
    {f"batch {b}": d2l.summary.arithmetic_intensity(table, b)["FLOPs/byte"]
     for b in (1, 128)}, axis=1)
intensity.assign(type=table.set_index("layer")["type"]).round(1)

# %% tags=["remove-cell"]
kinds = intensity.assign(type=table.set_index("layer")["type"])
d2l.book.glue("dense_b1", float(kinds[kinds["type"] == "Linear"]["batch 1"].max()))
d2l.book.glue("conv_b1_min", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].min()))
d2l.book.glue("conv_b1_max", float(kinds[kinds["type"] == "Conv2d"]["batch 1"].max()))
weights = table.set_index("layer")["parameters"].reindex(kinds.index)
hidden = (weights > 1e6) & (kinds["type"] == "Linear")  # the two 4096-wide dense layers
d2l.book.glue("dense_b128", float(kinds[hidden]["batch 128"].min()))

# %% [markdown]
# 在批量大小为1时，全连接层每字节最多只做 {glue:text}`dense_b1:.2f` 次浮点运算：每个权重读取一次只做一次乘加运算，没有哪个处理器的内存快到能让它的算术单元在这种情况下保持忙碌。卷积层每字节做 {glue:text}`conv_b1_min:.0f` 到 {glue:text}`conv_b1_max:.0f` 次浮点运算，因为每个滤波器权重在每个位置上都会被重复使用。在批量大小为128时，两个隐藏全连接层达到 {glue:text}`dense_b128:.0f`。对于大批量的训练，应当把面积花在算术单元上；对于一次一张图像的推理服务，全连接层需要的是带宽，超出 $B$ 乘以其算术强度的那部分算术单元都会闲置。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-benchmark
#
# 为什么工程师不再用AlexNet对硬件进行基准测试了？测量一下AlexNet的一个训练步用到了这台机器多大比例的算术能力。
# ```
#
# ```{solution-start} ex-benchmark
# :class: dropdown
# ```
#
# 对批量大小为32的几个训练步计时，并将它们达到的FLOP/s与同一设备上大型矩阵乘积的速率进行比较：

# %%
flops_per_image = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))["forward_backward"]
device = d2l.try_gpu()
model = d2l.AlexNet(lr=0.01).to(device)
X = torch.rand(32, 1, 224, 224, device=device)
y = torch.randint(0, 10, (32,), device=device)
model(X[:1])
optimizer = model.configure_optimizers()


def step():
    optimizer.zero_grad()
    model.loss(model(X), y).backward()
    optimizer.step()


seconds = d2l.hardware.median_seconds(step, device, repeat=3)
achieved = 32 * flops_per_image / seconds
peak = d2l.matmul_tflops(device, n=2048) * 1e12
{"AlexNet TFLOP/s": achieved / 1e12, "matrix product TFLOP/s": peak / 1e12,
 "share": achieved / peak}

# %% tags=["remove-cell"]
h100 = d2l.hardware.PEAK_FLOPS["H100 80GB HBM3"]["bf16"]
n_params = sum(p.numel() for p in model.parameters())
d2l.book.glue("ex3_share", 100 * achieved / peak)
d2l.book.glue("ex3_device", d2l.describe_device(device))
d2l.book.glue("ex3_step_gflops", 32 * flops_per_image / 1e9)
d2l.book.glue("ex3_h100_ms", 32 * flops_per_image / h100 * 1e3)
# SGD reads each weight and its gradient and writes the weight: 3 x 4 bytes per weight,
# at the H100's 3.35 TB/s (its datasheet)
d2l.book.glue("ex3_update_ms", 3 * 4 * n_params / 3.35e12 * 1e3)
d2l.book.glue("ex3_params_m", n_params / 1e6)

# %% [markdown]
# 在 {glue:md}`ex3_device__zh` 上，AlexNet的一个训练步达到了大型fp32矩阵乘积速率的 {glue:text}`ex3_share:.0f`%。在现代GPU上情况就不同了：批量大小为32的一步需要 {glue:text}`ex3_step_gflops:.0f` GFLOPs，NVIDIA H100以其bf16峰值速率只需 {glue:text}`ex3_h100_ms:.2f` ms就能完成 {cite}`nvidia2022h100`，而仅仅是为了更新而读写 {glue:text}`ex3_params_m:.0f` 百万个权重及其梯度，以它的内存带宽就需要 {glue:text}`ex3_update_ms:.2f` ms。再加上每一步启动的几十个核函数以及需要搬运的小批量数据，用AlexNet做的测量，反映这些固定开销的程度，就与反映新芯片赖以构建的算术单元的程度不相上下了。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-epochs
#
# 让AlexNet和LeNet训练比本章的方案更多的轮次（二十个而不是十个），其中LeNet使用原始的28×28图像，AlexNet使用放大后的图像。在LeNet停止进步之后，AlexNet是否还在继续提升？为什么？
# ```
#
# ```{solution-start} ex-epochs
# :class: dropdown
# ```

# %%
epochs = 20
lenet_vs_alexnet = {
    "LeNet, 28x28": (lambda: d2l.LeNet(lr=0.9),
                     lambda: d2l.FashionMNIST(batch_size=128)),
    "AlexNet, 224x224": (lambda: d2l.AlexNet(lr=0.01),
                         lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224))),
}
table4, hist4 = d2l.experiments.run_experiments(lenet_vs_alexnet, max_epochs=epochs,
                                                speed="auto")
table4.round(3)

# %% tags=["hide-input"]
d2l.plot_histories(hist4);

# %% tags=["remove-cell"]
d2l.book.glue("ex4_scale", d2l.book.run_scale(hist4["AlexNet, 224x224"]))
d2l.book.glue("ex4_lenet", table4.loc["LeNet, 28x28", "val_acc"])
d2l.book.glue("ex4_alexnet", table4.loc["AlexNet, 224x224", "val_acc"])
d2l.book.glue("ex4_quick", d2l.book.say("ex4_quick") if d2l.quick_mode() else "")
d2l.book.glue("ex4_note", d2l.book.near_chance_note(table4["val_acc"]))


# %% [markdown]
# 两个网络都{glue:md}`ex4_scale__zh`；LeNet最终的测试准确率为 {glue:text}`ex4_lenet:.3f`，AlexNet为 {glue:text}`ex4_alexnet:.3f`。{glue:md}`ex4_note__zh`{glue:md}`ex4_quick__zh` 在LeNet停止进步之后，AlexNet是否还会继续提高，要看全尺寸运行的曲线。之所以预期如此，理由是：AlexNet的参数量是LeNet的数百倍，每张图像的算术运算量是它的数千倍，因此能够拟合类别之间更细微的差别，并由暂退法防止它把这些差别死记硬背下来；而LeNet的sigmoid函数和较小的层则限制了它能拟合的内容。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-slim
#
# 对Fashion-MNIST来说，AlexNet实在太大了。简化它，使它在不明显损失准确率的前提下训练得更快；再为28×28的图像设计一个更好的网络。
# ```
#
# ```{solution-start} ex-slim
# :class: dropdown
# ```
#
# 下面是一个通道数减为四分之一、全连接部分小得多的版本，以及一个直接处理原始图像、完全不做上采样的小型网络：

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
    "SlimAlexNet, 224x224": (
        lambda: SlimAlexNet(),
        lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224))),
    "SmallNet, 28x28": (lambda: SmallNet(), lambda: d2l.FashionMNIST(batch_size=128)),
}
table5, hist5 = d2l.experiments.run_experiments(smaller, max_epochs=epochs,
                                                speed="auto")
pd.concat([table4, table5]).round(3)

# %% tags=["remove-cell"]
both = pd.concat([table4, table5])
d2l.book.glue("ex5_speedup", both.loc["SmallNet, 28x28", "images/s"]
              / both.loc["AlexNet, 224x224", "images/s"])
d2l.book.glue("ex5_small_acc", both.loc["SmallNet, 28x28", "val_acc"])
d2l.book.glue("ex5_alex_acc", both.loc["AlexNet, 224x224", "val_acc"])
d2l.book.glue("ex5_param_ratio", both.loc["AlexNet, 224x224", "parameters"]
              / both.loc["SmallNet, 28x28", "parameters"])
d2l.book.glue("ex5_note", d2l.book.near_chance_note(both["val_acc"]))

# %% [markdown]
# 在这次运行中，SmallNet的参数量只有AlexNet的 {glue:text}`ex5_param_ratio:.0f` 分之一，每秒训练的图像数是AlexNet的 {glue:text}`ex5_speedup:.0f` 倍，最终的测试准确率为 {glue:text}`ex5_small_acc:.3f`，而AlexNet为 {glue:text}`ex5_alex_acc:.3f`。{glue:md}`ex5_note__zh` 在快速模式下，这次运行只对少数几个小批量计时，因此这里的速度比只能看作粗略的估计。大的首层窗口和步幅、重叠的汇聚以及两个宽度为4096的层，都是为224像素的彩色照片而做的选择；在28×28的图像上，从第一层起就使用小窗口，能够保留住 {ref}`sec-features` 所表明的、放大图像上的大窗口无法利用的那些细节。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-batch
#
# 批量大小、吞吐量（每秒图像数）、一个轮次后的准确率以及所用的内存之间，是如何相互依赖的？
# ```
#
# ```{solution-start} ex-batch
# :class: dropdown
# ```
#
# 在每种批量大小下各训练一个轮次，学习率随批量大小等比例缩放：

# %%
sweep = {  # (b=b keeps each batch size in its own lambda)
    f"batch {b}": (lambda b=b: d2l.AlexNet(lr=0.01 * b / 128),
                   lambda b=b: d2l.FashionMNIST(batch_size=b, resize=(224, 224)))
    for b in (32, 128, 512)
}
table6, _ = d2l.experiments.run_experiments(sweep, max_epochs=1, speed="auto")
table6[["images/s", "peak MiB", "val_acc", "seconds"]].round(3)

# %% tags=["remove-cell"]
rates = table6["images/s"]
d2l.book.glue("ex6_rates", "; ".join(f"{k}: {rates[k]:,.0f}" for k in rates.index))
d2l.book.glue("ex6_memory", d2l.book.say("ex6_memory_cpu" if table6["peak MiB"].isna().all()
                                         else "ex6_memory_gpu"))

# %% [markdown]
# 本次运行中的每秒图像数：{glue:md}`ex6_rates__zh`。{glue:md}`ex6_memory__zh` 吞吐量随批量增大而增长，直到设备被充分利用；超过这一点之后，更大的批量只意味着每个轮次的更新次数更少，在完整的一个轮次之后，这通常会降低准确率（快速运行的一个轮次只有一两个小批量，太短，显示不出这一点），而为反向传播保留的激活值决定了批量大小的上限。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-lenet-tricks
#
# 给LeNet加上AlexNet的主要技巧：ReLU和暂退法。然后对训练图像加上随机翻转和小幅平移：它们利用了Fashion-MNIST的哪些不变性？哪些数据增广反而会有害？
# ```
#
# ```{solution-start} ex-lenet-tricks
# :class: dropdown
# ```
#
# 翻转和平移作为数据加载器的一部分，在设备上完成：

# %%
lenets = {
    "LeNet (sigmoid)": (
        lambda: d2l.LeNet(lr=0.9),
        lambda: d2l.FashionMNIST(batch_size=128)),
    "LeNet + ReLU + dropout": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128)),
    "... + flips and shifts": (
        lambda: d2l.LeNet(lr=0.1, activation="relu", dropout=0.3),
        lambda: d2l.FashionMNIST(batch_size=128, augment=True)),
}
table7, hist7 = d2l.experiments.run_experiments(lenets, max_epochs=epochs,
                                                speed="auto")
table7.round(3)

# %% tags=["remove-cell"]
d2l.book.glue("ex7_best", table7["val_acc"].idxmax())
d2l.book.glue("ex7_scale", d2l.book.run_scale(hist7["LeNet (sigmoid)"]))
d2l.book.glue("ex7_note", d2l.book.near_chance_note(table7["val_acc"]))

# %% [markdown]
# 三个版本都{glue:md}`ex7_scale__zh`，其中测试准确率最高的是 *{glue:md}`ex7_best__zh`*。{glue:md}`ex7_note__zh` 平移了一两个像素的衣服仍然是同一件衣服，镜像翻转后的衬衫仍然是衬衫，因此小幅平移和水平翻转都不会改变标签。不过，它们并非同样真实：Fashion-MNIST中的鞋大多朝向同一个方向，因此镜像翻转后的鞋是测试集中很少出现的图像。竖直翻转或大角度旋转的害处会更大：这个数据集中的图像全都是正立的。Albumentations {cite}`buslaev2020albumentations` 等库提供了更多可供选择的数据增广方法，选择时要考虑的也是同一个问题。
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-overfit
#
# 让AlexNet过拟合，并测量暂退法带来了哪些变化。要彻底破坏训练，你必须去掉或改变哪一项特性？
# ```
#
# ```{solution-start} ex-overfit
# :class: dropdown
# ```
#
# 只给AlexNet 1,000张训练图像（快速模式用得更少，见表格下方的那句话），那么每张图像就对应着数万个参数。使用学习率为0.01的普通SGD时，每个轮次八个小批量意味着更新次数很少，因此本实验使用小学习率的Adam，它会为每个权重自适应地调整步长。单个轮次的准确率会跳动几个百分点，因此表中取最后几个轮次（全尺寸时为五个）的平均值，并给出训练准确率与测试准确率之间的差距：

# %%
few = lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224), num_train=1000)
overfit = {
    "dropout 0.5": (lambda: d2l.AlexNet(lr=1e-4, dropout=0.5, optimizer="adam"), few),
    "no dropout": (lambda: d2l.AlexNet(lr=1e-4, dropout=0.0, optimizer="adam"), few),
}
table8, hist8 = d2l.experiments.run_experiments(overfit, max_epochs=30, speed="auto")
late8 = d2l.experiments.late_accuracy(hist8, last=5)
late8.round(3)

# %% tags=["hide-input"]
d2l.plot_histories(hist8, metric=("train_acc", "val_acc"));

# %% tags=["remove-cell"]
gap_none, gap_drop = late8.loc["no dropout", "gap"], late8.loc["dropout 0.5", "gap"]
d2l.book.glue("ex8_scale", d2l.book.run_scale(hist8["no dropout"]))
# the sentence (in each edition's language) is in d2l_local/locales
verdict = d2l.book.say("ex8_gap" if gap_none > 0.05 else "ex8_no_gap",
                       gap_none=gap_none, gap_drop=gap_drop)
d2l.book.glue("ex8_verdict", verdict)

# %% [markdown]
# 两个网络的训练情况均为：{glue:md}`ex8_scale__zh`。{glue:md}`ex8_verdict__zh` 训练准确率是在网络训练过程中统计的，因此使用暂退法时，它是在变薄的网络上测得的；测试准确率则始终使用完整的网络。
#
# 在完整的训练集上，暂退法也同样重要吗？下面在全部60,000张图像上（快速模式下更少）提出同一个问题，这次用的就是参考方案本身（学习率为0.01的SGD，训练十个轮次，而不是Adam）：

# %%
all_images = lambda: d2l.FashionMNIST(batch_size=128, resize=(224, 224))
full_data = {
    "dropout 0.5": (lambda: d2l.AlexNet(lr=0.01, dropout=0.5), all_images),
    "no dropout": (lambda: d2l.AlexNet(lr=0.01, dropout=0.0), all_images),
}
table8b, hist8b = d2l.experiments.run_experiments(full_data, max_epochs=10,
                                                  speed="auto")
d2l.experiments.late_accuracy(hist8b, last=3).round(3)

# %% tags=["remove-cell"]
d2l.book.glue("ex8b_scale", d2l.book.run_scale(hist8b["no dropout"]))
late8b = d2l.experiments.late_accuracy(hist8b, last=3)
d2l.book.glue("ex8b_result", d2l.book.say(
    "ex8b_result", gap_none=late8b.loc["no dropout", "gap"],
    gap_drop=late8b.loc["dropout 0.5", "gap"], acc_none=late8b.loc["no dropout", "val_acc"],
    acc_drop=late8b.loc["dropout 0.5", "val_acc"]))

# %% [markdown]
# 训练情况为：{glue:md}`ex8b_scale__zh`；{glue:md}`ex8b_result__zh`。请将这两个差距与小数据集那次运行的差距进行比较，在那次运行中（全尺寸时），每个参数可供拟合的图像只有这里的六十分之一。
#
# 要彻底破坏训练，可以试试sigmoid（`activation="sigmoid"`）或取值为1的学习率，并用 {ref}`sec-model` 中的梯度来解释你所看到的现象。
#
# ```{solution-end}
# ```

# %% tags=["remove-cell"]
expected_epochs = d2l.config.QUICK.max_epochs if d2l.quick_mode() else epochs
assert all(len(h) == expected_epochs for h in hist4.values())
assert list(table6.index) == ["batch 32", "batch 128", "batch 512"]
assert (table6["images/s"] > 0).all()
assert table5.loc["SmallNet, 28x28", "parameters"] < table4.loc["AlexNet, 224x224", "parameters"] / 10
assert intensity.loc["net.14", "batch 1"] < 1 < intensity.loc["net.3", "batch 1"]
assert params == 46_764_746 and 0 < achieved / peak < 1.5
if not d2l.quick_mode():
    assert table4["val_acc"].min() > 0.8
    assert late8.loc["no dropout", "gap"] > 0.05, late8
