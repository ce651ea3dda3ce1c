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
# % translation of notebooks/model.md, prose sha256 b3ca1c5a34a953c9
# (sec-model)=
# # AlexNet

# %%
import d2l_local as d2l
import pandas as pd
import torch
from torch import nn

d2l.book.show_run_mode()


# %% [markdown]
# AlexNet {cite}`krizhevsky2012imagenet` 以大幅领先的成绩赢得了2012年的ImageNet挑战赛，也随之赢得了“学习得到的特征胜过人工设计的特征”这场争论。从它的设计中一眼就能认出LeNet {cite}`lecun1995convolutional` 的影子，即卷积层和汇聚层之后接全连接层，但它在四个方面有所不同：
#
# 1. 它深得多：有五个卷积层、两个隐藏全连接层和一个全连接输出层，总共八个可学习层。
# 2. 它宽得多：前两个卷积层分别有96和256个通道，是LeNet的6和16个通道的十六倍。
# 3. 它使用修正线性单元（ReLU） {cite}`nair2010rectified`，而不是sigmoid函数。
# 4. 它用暂退法（dropout） {cite}`srivastava2014dropout` 和大量的数据增广（翻转、裁剪和颜色变换）来控制过拟合，而不是只依靠权重衰减。
#
# 最初的网络分布在两块GPU上，每一层的滤波器在每块GPU上各放一半，两半只在某些层交换结果，论文解释说，这是因为一块GTX 580只有3 GB显存 {cite}`krizhevsky2012imagenet`（{ref}`sec-model-memory` 计算了这意味着什么）。在一块现代GPU上，这个网络是单路的，如 {numref}`fig-alexnet-vs-lenet` 所示。
#
# ```{figure} ../../img/alexnet-vs-lenet.svg
# :name: fig-alexnet-vs-lenet
# :width: 620px
#
# LeNet（左）与本章的单路AlexNet（右），输入位于底部。每个方框给出一个层及其输出的形状。
# ```
#
# ## 几行代码写成的网络
#
# 这就是整个模型。`Lazy` 层会根据它们看到的第一个小批量推断出自己的输入大小，而 `init_cnn`（Xavier均匀初始化 {cite}`glorot2010understanding`）会在第一个小批量之后、权重已经存在时立即应用。

# %%
class AlexNet(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(96, kernel_size=11, stride=4, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(256, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(384, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(384, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(256, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(num_classes))
        self.apply_init_after_first_forward(d2l.init_cnn)


# %% [markdown]
# :::{note}
# d2l一书 {cite}`zhang2023dive` 在 `__init__` 中应用初始化，而此时延迟初始化的层还没有权重；于是这次调用没有任何作用，网络是从PyTorch的默认初始化开始训练的。这里的初始化则会等到第一次前向传播之后。本库的 `d2l.AlexNet` 就是这个类，外加暂退概率、激活函数和优化器等选项，供后面几节使用。
# :::
#
# ## 逐层分析
#
# 输入一张224×224的灰度图像，查看每一层的输出形状、参数和FLOPs：

# %%
table = AlexNet().layer_summary((1, 1, 224, 224))

# %% [markdown]
# `layer_summary` 还会以pandas DataFrame的形式返回这些数字，便于排序、筛选和绘图。下面是带有权重的各层：

# %%
table[table["parameters"] > 0]

# %% tags=["remove-cell"]
groups = d2l.summary.layer_groups(table)
total_params = int(table["parameters"].sum())
flops = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))
dense_mib = groups["dense_params"] * 4 / 2**20
all_flops = groups["conv_flops"] + groups["dense_flops"]
d2l.book.glue("total_params", total_params)
d2l.book.glue("conv_params", groups["conv_params"])
d2l.book.glue("dense_params", groups["dense_params"])
d2l.book.glue("dense_mib", dense_mib)
d2l.book.glue("dense_param_share", 100 * groups["dense_params"] / total_params)
d2l.book.glue("conv_flop_share", 100 * groups["conv_flops"] / all_flops)
d2l.book.glue("fwd_gflops", flops["forward"] / 1e9)
d2l.book.glue("fwdbwd_gflops", flops["forward_backward"] / 1e9)

# %% [markdown]
# ## 参数在哪里，计算在哪里
#
# 这个网络共有 {glue:text}`total_params:,` 个参数：卷积层中有 {glue:text}`conv_params:,` 个，全连接层中有 {glue:text}`dense_params:,` 个，后者占全部参数的 {glue:text}`dense_param_share:.1f`%（以fp32存储为 {glue:text}`dense_mib:.0f` MiB）。计算量的分布则正好相反：在一次前向传播的 {glue:text}`fwd_gflops:.2f` GFLOPs中，卷积层完成了 {glue:text}`conv_flop_share:.1f`%。每张图像的前向加反向传播需要 {glue:text}`fwdbwd_gflops:.2f` GFLOPs；这个数字会在基准测试中再次出现。

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Share of parameters and of forward FLOPs of each weighted layer. The two hidden dense layers hold most parameters; the convolutions do most of the work.", "name": "fig-params-vs-flops"}}
d2l.figures.plot_params_vs_flops(table);

# %% [markdown]
# ## 为什么用步幅为4的11×11窗口
#
# 第一层同时承担着两项任务。步幅4让图像迅速缩小，使后面的每一层都在较小的特征图上工作；11×11的窗口比步幅宽，因此相邻的窗口相互重叠，不会有像素落在窗口之间。沿着网络逐层追踪每一层的*跳距*（相邻输出之间相隔的输入像素数）和*感受野*（一个输出所依赖的输入像素），就能看出这种效果：

# %%
fields = d2l.summary.receptive_fields(d2l.AlexNet(), input_size=224)
fields

# %% tags=["remove-cell"]
stride1_side = (224 + 2 * 1 - 11) // 1 + 1
d2l.book.glue("stride1_side", stride1_side)
d2l.book.glue("stride4_side", int(fields["output side"].iloc[0]))
d2l.book.glue("stride_saving", (stride1_side / fields["output side"].iloc[0]) ** 2)
d2l.book.glue("last_field", int(fields["receptive field"].iloc[-1]))

# %% [markdown]
# 如果步幅为1，第一层输出的将是 {glue:text}`stride1_side` × {glue:text}`stride1_side` 的特征图，而不是 {glue:text}`stride4_side` × {glue:text}`stride4_side`：该层及其后所有层的位置数都将是现在的 {glue:text}`stride_saving:.0f` 倍。步幅为4时，最后一个汇聚层之后的每个值都依赖于224像素输入中一块 {glue:text}`last_field` × {glue:text}`last_field` 的正方形区域，也就是图像的大部分。在ImageNet的照片上，11像素的窗口足以看到一条边缘或一个色块；而在本章放大后的图像上，它覆盖的原始像素还不到两个（{ref}`sec-features` 说明了这对滤波器意味着什么）。
#
# (sec-model-memory)=
# ## 显存：2012年为什么要用两块GPU
#
# 训练时保存在显存中的不只是权重。每个权重都有对应的梯度；如果像2012年那篇论文那样使用带动量的SGD，还要有一个动量缓冲区；此外，每一层的输出都要保留下来供反向传播使用。下面是对ImageNet形状的网络（3个颜色通道，1,000个类别）在论文所用的批量大小128下的统计：

# %%
budget = d2l.summary.training_memory(d2l.AlexNet(num_classes=1000), (1, 3, 224, 224),
                                     batch_size=128, optimizer_states=1)
gib = pd.Series(budget, name="GiB") / 2**30
gib["total"] = gib.sum()
gib.round(3)

# %% tags=["remove-cell"]
d2l.book.glue("mem_total", gib["total"])
d2l.book.glue("mem_share", 100 * gib["total"] / 3)
d2l.book.glue("mem_acts", gib["activations"])
imagenet_params = budget["weights"] // 4
d2l.book.glue("imagenet_params", imagenet_params / 1e6)

# %% [markdown]
# 按照这种统计，拥有 {glue:text}`imagenet_params:.1f` 百万个参数的单路网络需要 {glue:text}`mem_total:.2f` GiB，相当于一块3 GB显卡的 {glue:text}`mem_share:.0f`%。这个统计没有计入激活值的梯度（反向传播同样需要它们，其大小与 {glue:text}`mem_acts:.2f` GiB的激活值相当）、卷积代码的工作内存，以及在显卡上等待处理的图像；论文中的网络约有60百万个参数，还要稍大一些。论文指出，正是一块GTX 580只有3 GB显存这一限制，使它把网络分布到了两块显卡上 {cite}`krizhevsky2012imagenet`。而一块NVIDIA H100有80 GB显存 {cite}`nvidia2022h100`。
#
# ## 最小输入
#
# 224像素并不是这个网络的硬性要求。每个卷积层和汇聚层都按已知的规则缩小图像，只有当某一层会产生空输出时，网络才会出错。从一个像素开始向上搜索，就能找到可行的最小边长：

# %%
smallest = d2l.smallest_input_size(d2l.AlexNet())
smallest

# %%
pd.DataFrame(d2l.summary.size_trace(d2l.AlexNet(), smallest),
             columns=["layer", "output (C, H, W)"]).drop_duplicates().T

# %% [markdown]
# 第一个卷积层（11×11，步幅4，填充1）把边长 $n$ 变为 $\lfloor (n - 9)/4 \rfloor + 1$，三个最大汇聚层（3×3，步幅2）各自把 $m$ 变为 $\lfloor (m - 3)/2 \rfloor + 1$，这要求 $m \ge 3$。从末端的一个像素往回推：最后一个汇聚层需要3，中间那个需要7，因此第一个卷积层必须输出15，这要求 $n \ge 65$。输入为65像素时，网络最后得到 $256 \times 1 \times 1$ 的特征图；输入为224像素时，最后得到 $256 \times 5 \times 5$，也就是第一个全连接层的6400个输入。
#
# ## 用ReLU代替sigmoid
#
# sigmoid函数把输入压缩到 $(0, 1)$ 中，它的导数 $\sigma(x)(1 - \sigma(x))$ 至多为 $1/4$，而且一旦 $|x|$ 超过几个单位就几乎为零。ReLU，即 $\max(0, x)$，不需要计算指数，并且对于每个正输入，它的导数都恰好为1。

# %% tags=["hide-input"] mystnb={"figure": {"caption": "ReLU and sigmoid (left) and their derivatives (right).", "name": "fig-activation-gradients"}}
d2l.figures.plot_activation_gradients();

# %% [markdown]
# 这对深度网络意味着什么，可以从梯度中看出来。取一个小批量的真实图像，分别送入使用ReLU和使用sigmoid的AlexNet（两者都刚刚初始化），比较到达每一层权重的梯度的大小：

# %%
data = d2l.FashionMNIST(batch_size=32, resize=(224, 224))
X, y = next(iter(data.train_dataloader()))
norms = {}
for act in ("relu", "sigmoid"):
    torch.manual_seed(0)
    model = d2l.AlexNet(activation=act)
    model(X[:1])  # creates and initialises the weights
    model.loss(model(X), y).backward()
    norms[act] = {name: layer.weight.grad.norm().item()
                  for name, layer in model.named_modules()
                  if isinstance(layer, (nn.Conv2d, nn.Linear))}
grads = pd.DataFrame(norms)
grads.assign(ratio=grads["relu"] / grads["sigmoid"]).round(6)

# %% tags=["remove-cell"]
first = grads.index[0]
d2l.book.glue("first_layer_ratio", float(grads.loc[first, "relu"] / grads.loc[first, "sigmoid"]))

# %% [markdown]
# 使用sigmoid时，到达第一层的梯度大约只有使用ReLU时的 {glue:text}`first_layer_ratio:.0f` 分之一。sigmoid的导数至多为 $1/4$，而反向传播的信号在到达第一层之前要经过七个这样的导数，因此前面几层的滤波器几乎不动，除非非常仔细地选择初始化，否则训练就会停滞。{ref}`sec-exercises` 的最后一道练习建议用sigmoid训练网络，亲眼看到这一现象。
#
# ## 暂退法
#
# 暂退法在训练时以概率 $p$ 将每个激活值置零，并将保留下来的值乘以 $1/(1-p)$，使期望值保持不变；在测试时它什么也不做。AlexNet的两个隐藏全连接层使用 $p = 0.5$：

# %%
dropout = nn.Dropout(0.5)
h = torch.ones(10_000)
dropout.train()
kept = dropout(h)
dropout.eval()
{"fraction zeroed": (kept == 0).float().mean().item(),
 "largest value": kept.max().item(),
 "mean in training": kept.mean().item(),
 "mean in evaluation": dropout(h).mean().item()}

# %% [markdown]
# 大约一半的单元为零，其余的单元翻倍，均值保持在1附近，而在评估模式下该层就是恒等映射。由于每个小批量训练的都是一个不同的“变薄”的网络，任何单元都不能指望某个特定的其他单元一定存在，这就使43百万个全连接层参数更难记住训练图像。这一点在这里究竟有多重要，将在练习中通过实验测量：在一个很小的训练集上，过拟合很容易被诱发（{ref}`sec-exercises` 中的 {numref}`ex-overfit`）。

# %% tags=["remove-cell"]
kept_rows = table[~table["type"].isin(["ReLU", "Dropout"])]
expected = [(1, 96, 54, 54), (1, 96, 26, 26), (1, 256, 26, 26), (1, 256, 12, 12),
            (1, 384, 12, 12), (1, 384, 12, 12), (1, 256, 12, 12), (1, 256, 5, 5),
            (1, 6400), (1, 4096), (1, 4096), (1, 10)]
assert list(kept_rows["output shape"]) == expected
assert total_params == 46_764_746
assert groups["conv_params"] == 3_723_968 and groups["dense_params"] == 43_040_778
assert abs(flops["forward"] / 1e9 - 1.88) < 0.01
assert abs(flops["forward_backward"] / 1e9 - 5.56) < 0.01
assert smallest == 65
ours = AlexNet()
ours(torch.zeros(1, 1, 224, 224))
assert sum(p.numel() for p in ours.parameters()) == 46_764_746
assert grads.loc[first, "relu"] > 10 * grads.loc[first, "sigmoid"]
assert fields["receptive field"].tolist() == [11, 19, 51, 67, 99, 131, 163, 195]
assert fields["jump"].tolist() == [4, 8, 8, 16, 16, 16, 16, 32]
assert stride1_side == 216 and round(float(fields["output side"].iloc[0])) == 54
# 3 input channels and 1,000 classes add 2 x 11 x 11 x 96 and 4096 x 990 + 990 parameters
assert imagenet_params == 46_764_746 + 2 * 11 * 11 * 96 + 4096 * 990 + 990 == 50_844_008
assert 1.0 < gib["total"] < 1.5
assert abs((kept == 0).float().mean().item() - 0.5) < 0.03
