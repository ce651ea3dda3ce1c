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
# # Đặc trưng Được học và Đặc trưng Thủ công

# %%
import math

import d2l_local as d2l
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

d2l.book.show_run_mode()


# %% [markdown]
# Trước năm 2012, một hệ thống thị giác máy tính phần lớn là một cỗ máy được dựng bằng tay, với một
# phần nhỏ được học ở cuối. Người ta thu thập một tập dữ liệu, thường bằng những chiếc máy ảnh đắt
# tiền có độ phân giải khiêm tốn, rồi biến mỗi ảnh thành một vectơ gồm các *đặc trưng* do con người
# thiết kế: SIFT {cite}`lowe2004distinctive`, SURF {cite}`bay2006surf`, biểu đồ tần suất của gradient
# có hướng {cite}`dalal2005histograms` hay túi từ thị giác {cite}`sivic2003video`. Chỉ đến lúc đó
# một thuật toán học mới xuất hiện, thường là một mô hình tuyến tính hoặc một phương pháp hạt nhân
# {cite}`scholkopf2002learning`, đôi khi là boosting {cite}`freund1996experiments` hoặc một bộ ước
# lượng có cấu trúc {cite}`taskar2004max`. Những phương pháp đó đi kèm một lý thuyết gọn gàng
# {cite}`boucheron2005theory` và các bài toán tối ưu lồi {cite}`boyd2004convex`, và trên các bộ
# benchmark thời đó chúng thường vượt qua mạng nơ-ron. Tiến bộ đến từ những đặc trưng tốt hơn và
# hình học tốt hơn {cite}`hartley2000multiple`; bộ phân loại chỉ là chuyện tính sau.
#
# ## Một đặc trưng thủ công tính toán những gì
#
# Phần lớn các đặc trưng thủ công bắt đầu từ những thay đổi cục bộ của độ sáng, được đo bằng các bộ
# lọc cố định cỡ nhỏ. Dưới đây là hai bộ lọc kinh điển. Các bộ lọc Sobel phản hồi với thay đổi độ
# sáng theo chiều ngang và chiều dọc; một bộ lọc Gabor là một mẫu sọc nghiêng theo một góc nào đó nằm
# dưới một cửa sổ Gauss, và phản hồi với các cạnh và các sọc có hướng đó.

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
# Áp dụng lên bốn ảnh kiểm tra (các bộ lọc Sobel được đệm thành 11 x 11, giống các bộ lọc Gabor):

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
# Mỗi bản đồ phản hồi trong {numref}`fig-crafted-responses` làm nổi bật các cạnh theo một hướng. Một
# quy trình xử lý sẽ gộp những bản đồ như vậy thành các biểu đồ tần suất rồi chuyển kết quả cho một
# bộ phân loại. Không có gì trong đó thích nghi với dữ liệu: các bộ lọc là như nhau cho giày dép và
# cho khuôn mặt.
#
# ## Những đặc trưng được học
#
# Một nhóm nhà nghiên cứu khác cho rằng bản thân các đặc trưng cũng nên được học, và được xếp chồng
# thành nhiều tầng cùng được huấn luyện: các tầng thấp sẽ tìm ra cạnh, màu sắc và kết cấu, các tầng
# cao hơn tìm ra các bộ phận của vật thể, các tầng trên cùng tìm ra toàn bộ vật thể. Mã hóa thưa đã
# cho thấy các bộ lọc giống bộ phát hiện cạnh tự xuất hiện khi một mô hình được huấn luyện để biểu
# diễn ảnh tự nhiên một cách tiết kiệm {cite}`olshausen1996emergence`, và các hệ thống lớn được huấn
# luyện trên ảnh không có nhãn đã học được các bộ phát hiện khuôn mặt và mèo
# {cite}`dean2012large,le2013building`. Chính tầng đầu tiên của AlexNet, được huấn luyện trên ảnh
# chụp màu của ImageNet được đưa về kích thước 256 x 256 pixel (dùng các vùng cắt 224 pixel từ
# chúng), đã học được các cạnh có hướng và các đốm màu trông rất giống những bộ lọc thủ công ở trên
# {cite}`krizhevsky2012imagenet`.
#
# AlexNet của chương này có làm được như vậy trên Fashion-MNIST không? Ô mã tiếp theo tạo mạng, giữ
# một bản sao các bộ lọc tầng đầu tiên ngay sau khi khởi tạo, huấn luyện mạng với các thiết lập của
# công thức tham chiếu trong {ref}`sec-training` (hai epoch trên 10,000 ảnh huấn luyện khi chạy với
# kích thước đầy đủ; chế độ nhanh huấn luyện ít hơn, và đoạn văn bên dưới cho biết ít hơn bao nhiêu),
# rồi hiển thị lại các bộ lọc.

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
# Các bộ lọc này được huấn luyện {glue:md}`alexnet_scale__vi`, và chúng đã thay đổi
# {glue:text}`alexnet_change:.1f`% so với độ lớn ban đầu: chúng vẫn trông giống như thứ nhiễu mà từ
# đó chúng bắt đầu. Việc huấn luyện thêm có thể biến chúng thành các bộ phát hiện cạnh hay không phụ
# thuộc vào dữ liệu, và điều đó có thể đo được.
#
# ## Tầng đầu tiên có thể học được gì
#
# Gradient của hàm mất mát theo một bộ lọc tích chập là tổng có trọng số của các mảng đầu vào mà bộ
# lọc đã được áp dụng lên. Hạ gradient cộng những gradient như vậy vào bộ lọc, nên nó chỉ có thể di
# chuyển bộ lọc bên trong không gian sinh bởi các mảng đó; mọi phần của bộ lọc nằm ngoài không gian
# sinh ấy vẫn giữ giá trị khởi đầu ngẫu nhiên. Với tầng đầu tiên của AlexNet, các mảng có kích thước
# 11 x 11 pixel, tức 121 con số, được lấy cách nhau 4 pixel. Nếu các mảng của ảnh thật sinh ra đủ cả
# 121 hướng, các bộ lọc có thể trở thành bất cứ thứ gì. Liệu chúng có sinh ra đủ không?

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
# Trên các ảnh 28 x 28 gốc, các mảng sinh ra đủ cả {glue:text}`rank28` hướng. Trên các ảnh được phóng
# to tám lần, như các ảnh mà chương này dùng để huấn luyện, {glue:text}`patches224:,` mảng của 500
# ảnh này chỉ sinh ra {glue:text}`rank224` trong số 121 hướng, và chín hướng chứa
# {glue:text}`top9_224:.2f`% năng lượng của chúng. Một ảnh phóng to thì mượt: một cửa sổ 11 x 11 phủ
# chưa đến hai pixel gốc theo mỗi chiều, và mỗi pixel phóng to là trung bình có trọng số của nhiều
# nhất bốn pixel gốc.
#
# Vì vậy mỗi bộ lọc sau huấn luyện là điểm khởi đầu của nó cộng với một thứ nằm trong không gian nhỏ
# đó. Tách các bộ lọc thành phần nằm trong không gian sinh bởi các mảng của ảnh 224 pixel và phần còn
# lại sẽ cho thấy rõ điều này:

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
# Phần nằm ngoài không gian sinh, chiếm {glue:text}`outside_share:.0f`% độ lớn của các bộ lọc, hầu
# như không di chuyển: nó thay đổi bằng {glue:text}`outside_ratio:.0e` lần mức thay đổi của phần bên
# trong. Dù SGD chạy bao lâu đi nữa, phần đó vẫn là giá trị khởi đầu ngẫu nhiên: quá trình huấn
# luyện chỉ có thể định hình phần nằm trong không gian sinh. Công thức tham chiếu không dùng suy giảm
# trọng số, nên nó giữ nguyên toàn bộ phần đó. Suy giảm trọng số sẽ thu nhỏ phần đó, nhưng chậm: với
# hệ số suy giảm trọng số 0.0005 và động lượng 0.9 của bài báo năm 2012 (động lượng nhân tác dụng của
# suy giảm lên khoảng mười lần) ở tốc độ học 0.01, mười epoch với 469 bước mỗi epoch (60,000 ảnh
# trong các minibatch 128 ảnh) sẽ vẫn giữ lại một tỷ lệ {glue:text}`decay_left:.2f` của phần đó.
# Những gì tầng đầu tiên của chương
# này *có thể* trở thành là một mẫu mượt trải trên khoảng hai pixel gốc, cộng với giá trị khởi đầu
# ngẫu nhiên bị đóng băng của nó. Nó không thể trở thành những bộ phát hiện cạnh sắc nét như trong
# {numref}`fig-crafted-responses`, vì các ảnh phóng to không có cạnh sắc nét nào ở cấp độ cửa sổ của
# nó.
#
# ## Một tầng đầu tiên có kích thước vừa với chi tiết
#
# Hãy đưa cho một mạng các ảnh 28 x 28 gốc và một tầng đầu tiên có cửa sổ vừa với chi tiết của chúng,
# 5 x 5 pixel với sải bước 1, khi đó các mảng sinh ra đủ mọi hướng:

# %%
space5 = d2l.features.patch_space(train_images, 28, kernel=5, stride=1, padding=2)
space5.rank, space5.share(9)


# %% [markdown]
# Dưới đây là một mạng như vậy, đủ nhỏ để huấn luyện trên CPU của một máy laptop, được huấn luyện
# bằng SGD với động lượng (một bước động lượng cũng là một tổng các gradient, nên lập luận về không
# gian sinh vẫn đúng):

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
# Được huấn luyện {glue:md}`native_scale__vi`, trong {glue:text}`native_seconds:.0f` giây, mạng này
# đạt độ chính xác kiểm tra {glue:md}`native_acc__vi`. Các bộ lọc tầng đầu tiên của nó đã dịch
# chuyển {glue:text}`native_change:.0f`% so với độ lớn ban đầu, so với
# {glue:text}`alexnet_change:.1f`% của tầng đầu tiên của AlexNet ở trên. Hai lần chạy khác nhau không
# chỉ ở đầu vào (NativeNet dùng động lượng và tốc độ học lớn gấp năm lần), nên hai con số này không
# phải là một cuộc so tài ngang bằng. Điều mà lập luận về không gian sinh cho biết thì đúng với thời
# gian huấn luyện bất kỳ: các mảng của NativeNet sinh ra đủ cả 25 hướng của cửa sổ, nên không có gì
# giới hạn các bộ lọc của nó, và bất kỳ mẫu nào giúp phân biệt các lớp, chúng đều có thể tự do trở
# thành.
#
# Bài học ở đây không phải là AlexNet không học được đặc trưng nào trên Fashion-MNIST: mọi tầng phía
# trên tầng đầu tiên đều được huấn luyện trên những gì tầng đầu tiên truyền lên. Bài học là một tầng
# chỉ có thể học những gì mà đầu vào của nó cho phép nó nhìn thấy. Mạng năm 2012 nhìn thấy những bức
# ảnh màu với chi tiết ở mọi cấp độ, và tầng đầu tiên của nó trở thành các bộ phát hiện cạnh và màu
# sắc; bản sao của chương này nhìn thấy những ảnh phóng to mượt mà, và tầng đầu tiên của nó giữ nguyên
# giá trị khởi đầu ngẫu nhiên ở phần nằm ngoài không gian sinh bởi các ảnh đó.

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
