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
# % translation of notebooks/features.md, prose sha256 f3e047125f2b2419
# (sec-features)=
# # 学习得到的特征与人工设计的特征

# %%
import math

import d2l_local as d2l
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

d2l.book.show_run_mode()


# %% [markdown]
# 2012年以前，计算机视觉系统大体上是一台手工搭建的机器，只在末端有一个小小的可学习部分。你会先收集一个数据集（往往要用昂贵而分辨率一般的相机），然后把每张图像转换成一个由人设计的*特征*所组成的向量：SIFT {cite}`lowe2004distinctive`、SURF {cite}`bay2006surf`、方向梯度直方图 {cite}`dalal2005histograms` 或视觉词袋 {cite}`sivic2003video`。直到这时，学习算法才会登场，通常是线性模型或核方法 {cite}`scholkopf2002learning`，有时是提升方法（boosting） {cite}`freund1996experiments` 或结构化估计器 {cite}`taskar2004max`。这些方法有着简洁的理论 {cite}`boucheron2005theory`，求解的是凸优化问题 {cite}`boyd2004convex`，而且在当时的基准测试上常常胜过神经网络。进步来自更好的特征和更好的几何方法 {cite}`hartley2000multiple`；分类器只是事后才顺带考虑的部分。
#
# ## 人工设计的特征计算的是什么
#
# 大多数人工设计的特征都从亮度的局部变化出发，用小型的固定滤波器来测量这种变化。这里举两个经典的例子。Sobel滤波器对水平方向和竖直方向的亮度变化产生响应；Gabor滤波器是高斯窗口下某个角度的条纹图案，对该方向的边缘和条纹产生响应。

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


# %% [markdown]
# 把它们应用于四张测试图像（Sobel滤波器和Gabor滤波器一样，填充到11×11）：

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

# %% [markdown]
# {numref}`fig-crafted-responses` 中的每张响应图都突出显示了某一个方向的边缘。一条处理流水线会把这样的响应图汇聚成直方图，再把结果交给分类器。其中没有任何部分会根据数据进行调整：无论对鞋子还是对人脸，滤波器都是一样的。
#
# ## 学习得到的特征
#
# 另一批研究者则认为，特征本身就应该通过学习得到，并且要堆叠成多层、一起训练：低层发现边缘、颜色和纹理，较高的层发现物体的部件，最顶层发现完整的物体。稀疏编码已经表明，当训练一个模型以经济的方式表示自然图像时，类似边缘的滤波器就会自然出现 {cite}`olshausen1996emergence`；在无标签图像上训练的大型系统则学会了人脸和猫的检测器 {cite}`dean2012large,le2013building`。AlexNet自己的第一层在缩放到256×256像素的彩色ImageNet照片（取其中224像素的裁剪区域）上训练后，学到了带方向的边缘和色块，看起来与上面人工设计的滤波器十分相似 {cite}`krizhevsky2012imagenet`。
#
# 本章的AlexNet在Fashion-MNIST上也会如此吗？下一个单元格创建网络，保存一份第一层滤波器在初始化时的副本，使用 {ref}`sec-training` 中参考方案的设置对它进行训练（全尺寸时在10,000张训练图像上训练两个轮次；快速模式训练得更少，具体多少见下文），然后再次显示这些滤波器。

# %%
model = d2l.AlexNet(lr=0.01)
data = d2l.FashionMNIST(batch_size=128, resize=(224, 224), num_train=10_000)
X, _ = next(iter(data.train_dataloader()))
model(X[:1])  # creates and initialises the weights
start = model.net[0].weight.detach().clone()
trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False)
trainer.fit(model, data)
d2l.show_filters(model.net[0].weight, title="first-layer filters after training");


# %% tags=["remove-cell"]
def relative_change(now, before):
    return (now.detach() - before).norm().item() / before.norm().item()


alexnet_change = relative_change(model.net[0].weight, start)
d2l.book.glue("alexnet_scale", d2l.book.run_scale(trainer.history))
d2l.book.glue("alexnet_change", 100 * alexnet_change)

# %% [markdown]
# 这些滤波器{glue:md}`alexnet_scale__zh`，变化量为其初始大小的 {glue:text}`alexnet_change:.1f`%：它们看起来仍然像最初的那团噪声。更多的训练能否把它们变成边缘检测器，取决于数据，而这一点可以测量出来。
#
# ## 第一层能学到什么
#
# 损失关于卷积滤波器的梯度，是该滤波器所作用的各个输入图像块的加权和。梯度下降把这样的梯度加到滤波器上，因此只能让滤波器在这些图像块的张成空间内移动；滤波器位于该张成空间之外的任何部分都会保持其随机初始值。对于AlexNet的第一层，图像块为11×11像素，即121个数，每隔4个像素取一次。如果真实图像的图像块张成了全部121个方向，滤波器就可以变成任何样子。那么它们张成了吗？

# %%
train_images = d2l.load_fashion_mnist()["train_images"][:500]
spaces = {size: d2l.features.patch_space(train_images, size)
          for size in (28, 56, 112, 224)}
pd.DataFrame(
    {"upsampling": [f"{size // 28}x" for size in spaces],
     "directions spanned (of 121)": [s.rank for s in spaces.values()],
     "energy in the top 9": [s.share(9) for s in spaces.values()],
     "directions for 99.9%": [s.directions_for(0.999) for s in spaces.values()]},
    index=pd.Index(spaces, name="image side")).round(5)

# %% tags=["remove-cell"]
s224, s28 = spaces[224], spaces[28]
d2l.book.glue("rank224", s224.rank)
d2l.book.glue("top9_224", 100 * s224.share(9))
d2l.book.glue("rank28", s28.rank)
d2l.book.glue("patches224", s224.patches)

# %% [markdown]
# 在原始的28×28图像上，图像块张成了全部 {glue:text}`rank28` 个方向。在放大八倍的图像上（也就是本章训练所用的图像），这500张图像的 {glue:text}`patches224:,` 个图像块只张成了121个方向中的 {glue:text}`rank224` 个，而且其中九个方向就占了它们 {glue:text}`top9_224:.2f`% 的能量。放大后的图像是平滑的：一个11×11的窗口在每个方向上覆盖不到两个原始像素，而且每个放大后的像素都是至多四个原始像素的加权平均。
#
# 因此，每个训练后的滤波器都等于它的初始值加上这个小空间中的某个量。把滤波器分解为位于224像素图像块张成空间之内的部分和其余部分，就能清楚地看到这一点：

# %%
inside, outside = d2l.features.split_filters(model.net[0].weight, s224)
start_inside, start_outside = d2l.features.split_filters(start, s224)
moved_inside = (inside - start_inside).norm().item()
moved_outside = (outside - start_outside).norm().item()
{"change inside the span": moved_inside, "change outside the span": moved_outside,
 "size of the outside part": outside.norm().item()}

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Twelve trained first-layer filters (top), their part inside the span of the patches (middle) and the rest (bottom), each column on one colour scale. The bottom row is the part of their random start that training cannot touch.", "name": "fig-filter-parts"}}
d2l.figures.plot_filter_parts({"trained": model.net[0].weight, "inside": inside,
                               "outside": outside});

# %% tags=["remove-cell"]
d2l.book.glue("outside_share",
              100 * outside.norm().item() / model.net[0].weight.norm().item())
d2l.book.glue("outside_ratio", moved_outside / moved_inside)
lr, decay, momentum, steps = 0.01, 5e-4, 0.9, 10 * 469
d2l.book.glue("decay_left", (1 - lr * decay / (1 - momentum)) ** steps)

# %% [markdown]
# 张成空间之外的部分占滤波器大小的 {glue:text}`outside_share:.0f`%，它几乎没有移动：其变化量只有空间内部分的 {glue:text}`outside_ratio:.0e` 倍。无论SGD运行多久，这一部分都保持着随机初始值：训练只能塑造张成空间之内的部分。参考方案没有使用权重衰减，因此这一部分会被完整地保留下来。权重衰减会缩小它，但速度很慢：按照2012年那篇论文0.0005的权重衰减和0.9的动量（动量会把权重衰减的效果放大约十倍），在0.01的学习率下，十个轮次、每个轮次469步（60,000张图像，批量大小为128）之后，这一部分还会剩下 {glue:text}`decay_left:.2f`。本章的第一层*能够*变成的，是覆盖大约两个原始像素的平滑图案，再加上它被冻结的随机初始值。它不可能变成 {numref}`fig-crafted-responses` 中那种清晰的边缘检测器，因为在其窗口的尺度上，放大后的图像根本没有清晰的边缘。
#
# ## 与细节尺度相匹配的第一层
#
# 给网络输入原始的28×28图像，并让第一层的窗口与图像的细节相匹配，即5×5像素、步幅为1，图像块就能张成所有方向：

# %%
space5 = d2l.features.patch_space(train_images, 28, kernel=5, stride=1, padding=2)
space5.rank, space5.share(9)


# %% [markdown]
# 下面就是这样一个网络，它小到可以在笔记本电脑的CPU上训练，并使用带动量的SGD进行训练（动量法的一步同样是梯度之和，因此关于张成空间的论证依然成立）：

# %%
class NativeNet(d2l.Classifier):
    """Two convolution blocks on 28x28 images, the first with 5x5 windows."""
    def __init__(self, lr=0.05):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(32, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.LazyConv2d(64, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.LazyLinear(10))
        self.apply_init_after_first_forward(d2l.init_cnn)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.lr, momentum=0.9)


native = NativeNet()
native_data = d2l.FashionMNIST(batch_size=128)
native(torch.zeros(1, 1, 28, 28))
native_start = native.net[0].weight.detach().clone()
native_trainer = d2l.Trainer(max_epochs=2, num_gpus=1, board=False)
native_trainer.fit(native, native_data)
d2l.show_filters(native.net[0].weight, num_cols=16,
                 title="5x5 filters on 28x28 images");

# %% tags=["remove-cell"]
native_change = relative_change(native.net[0].weight, native_start)
d2l.book.glue("native_change", 100 * native_change)
d2l.book.glue("native_scale", d2l.book.run_scale(native_trainer.history))
d2l.book.glue("native_acc", d2l.book.versus_chance(native_trainer.history[-1]["val_acc"]))
d2l.book.glue("native_seconds", sum(r["epoch_s"] for r in native_trainer.history))

# %% [markdown]
# 这个网络{glue:md}`native_scale__zh`，用时 {glue:text}`native_seconds:.0f` 秒，测试准确率达到 {glue:md}`native_acc__zh`。它的第一层滤波器的变化量为其初始大小的 {glue:text}`native_change:.0f`%，相比之下，上面AlexNet的第一层为 {glue:text}`alexnet_change:.1f`%。两次运行的差别不只在输入上（NativeNet使用了动量，学习率也大五倍），因此这两个数字并不是同等条件下的比较。关于张成空间的结论对任何训练时长都成立：NativeNet的图像块张成了其窗口的全部25个方向，因此没有什么在限制它的滤波器，凡是有助于区分各个类别的图案，它们都可以自由地变成。
#
# 这里的启示并不是AlexNet在Fashion-MNIST上学不到特征：第一层之上的每一层，都是在第一层传递给它的东西上训练的。启示在于：一个层只能学到它的输入让它看到的东西。2012年的网络看到的是在各个尺度上都有细节的彩色照片，它的第一层变成了边缘和颜色检测器；本章的复制版看到的是平滑的放大图像，它的第一层在这些图像的张成空间之外保持着随机初始值。

# %% tags=["remove-cell"]
assert kernels.shape == (6, 11, 11) and responses.shape == (4, 6, 28, 28)
assert torch.allclose(kernels.sum(dim=(1, 2)), torch.zeros(6), atol=1e-5)
assert len(trainer.history) == (d2l.config.QUICK.max_epochs if d2l.quick_mode() else 2)
assert torch.isfinite(model.net[0].weight).all()
# the rank numbers the prose states
assert spaces[28].rank == 121 and 20 <= spaces[224].rank <= 30
assert spaces[224].share(9) > 0.999 and spaces[112].rank < spaces[56].rank < 121
assert space5.rank == 25
# gradient descent moved the filters only inside the span (TF32 on a GPU rounds a little)
assert moved_outside < 0.01 * moved_inside, (moved_outside, moved_inside)
assert native_change > 2 * alexnet_change
