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
# # Thành phần Còn thiếu: Dữ liệu

# %%
import d2l_local as d2l
import torch

d2l.book.show_run_mode()

# %% [markdown]
# Một mạng sâu có hàng triệu tham số, và nó cần đủ dữ liệu để xác định chắc chắn những tham số
# đó trước khi có thể vượt qua một phương pháp lồi dùng đặc trưng thủ công. Các nghiên cứu của thập niên 1990
# làm việc với những bộ sưu tập nhỏ gồm các ảnh nhỏ, thường là ảnh chụp đồ vật trên nền sạch: chẳng
# hạn, thư viện COIL-100 chứa 7,200 ảnh của 100 đồ vật được xoay trên một bàn xoay
# {cite}`nene1996coil`.
#
# ImageNet đã thay đổi quy mô {cite}`deng2009imagenet`. Các tác giả của nó lấy các danh từ của
# WordNet {cite}`miller1995wordnet` làm hạng mục, thu thập ảnh ứng viên cho từng hạng mục bằng các
# công cụ tìm kiếm hình ảnh, rồi nhờ những người làm việc trên Amazon Mechanical Turk xác nhận ảnh
# nào thực sự thể hiện hạng mục đó; vào năm 2009, nó chứa 3.2 triệu ảnh thuộc 5,247 hạng mục. Cuộc
# thi thường niên ImageNet Large Scale Visual Recognition Challenge
# {cite}`russakovsky2015imagenet` lấy một tập con làm mục tiêu chung: vòng thi năm 2012, mà AlexNet
# giành chiến thắng, có 1,000 lớp với 1.28 triệu ảnh huấn luyện (732 đến 1,300 ảnh mỗi lớp), 50,000
# ảnh kiểm định và 100,000 ảnh kiểm tra. Con số đó lớn hơn CIFAR-100
# {cite}`krizhevsky2009learning` hơn một bậc độ lớn, với các ảnh lớn hơn nhiều so với những ảnh thu
# nhỏ 32 x 32 của TinyImages {cite}`torralba2008tiny`. Các bộ sưu tập ảnh ngày nay, chẳng hạn
# LAION-5B {cite}`schuhmann2022laion`, chứa hàng tỷ ảnh kèm văn bản.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Number of images in some data sets, on a logarithmic axis. The training set of the 2012 challenge, on which AlexNet was trained, is in red.", "name": "fig-dataset-scale"}}
d2l.figures.plot_dataset_scale();

# %% [markdown]
# ## Fashion-MNIST, tập dữ liệu thay thế ImageNet trong chương này
#
# Huấn luyện trên ImageNet mất nhiều ngày, vì vậy chương này huấn luyện trên Fashion-MNIST
# {cite}`xiao2017fashion`: 70,000 ảnh xám kích thước 28 x 28 pixel về các mặt hàng do nhà bán lẻ
# trực tuyến Zalando bán, chia thành mười lớp: áo và quần dài (trouser), váy liền (dress) và áo khoác (coat), nhưng
# cũng có cả xăng-đan (sandal), giày thể thao (sneaker), bốt cổ ngắn (ankle boot) và túi xách (bag). Thư viện tìm các tệp trên đĩa của bạn (hoặc
# tải chúng về một lần), kiểm tra chúng, và lưu chúng dưới dạng tensor byte.

# %%
full = d2l.load_fashion_mnist()
{name: tuple(t.shape) for name, t in full.items()}

# %% [markdown]
# Dưới đây là mười sáu ảnh kiểm tra đầu tiên cùng nhãn của chúng.

# %%
first = full["test_images"][:16]
labels = [d2l.TEXT_LABELS[i] for i in full["test_labels"][:16]]
d2l.show_images(first, 2, 8, titles=labels);

# %% [markdown]
# Các lớp được cân bằng: lớp nào cũng có cùng số ảnh huấn luyện, nên độ chính xác là một con số tóm
# tắt công bằng và một bộ phân loại đoán bừa đạt 10%.

# %%
counts = torch.bincount(full["train_labels"].long())
d2l.book.glue("per_class", int(counts[0]))
dict(zip(d2l.TEXT_LABELS, counts.tolist()))

# %% [markdown]
# Mỗi lớp có {glue:text}`per_class:,` ảnh huấn luyện. Khi huấn luyện, thư viện cung cấp chúng theo
# từng minibatch, đã nằm sẵn trên thiết bị huấn luyện, dưới dạng số thực dấu phẩy động trong khoảng
# từ 0 đến 1:

# %%
data = d2l.FashionMNIST(batch_size=32)
X, y = next(iter(data.train_dataloader()))
X.shape, X.dtype, y[:8]

# %% [markdown]
# ## Tăng mẫu lên 224 x 224
#
# AlexNet được thiết kế cho ảnh 224 x 224. Để giữ nguyên kiến trúc, chương này phóng to mỗi ảnh
# 28 x 28 lên tám lần theo mỗi chiều bằng phép nội suy song tuyến tính. Thư viện thực hiện việc này
# trên thiết bị huấn luyện, lần lượt từng minibatch.

# %%
small = full["test_images"][:1]
large = d2l.resize_on_device(small, (224, 224))
d2l.show_images([small[0], large[0, 0]], 1, 2, titles=["28 x 28", "224 x 224"],
                scale=2.5);

# %% [markdown]
# Ảnh phóng to trông mượt hơn, nhưng không chứa thêm thông tin nào mới: mỗi pixel của nó là trung
# bình có trọng số của nhiều nhất bốn pixel của ảnh gốc ({ref}`sec-features` cho thấy điều này ảnh
# hưởng thế nào đến tầng đầu tiên). Tuy vậy, việc này rất tốn kém, vì mỗi phép tích chập phải trượt
# qua nhiều vị trí hơn. Dưới đây là số FLOP của lượt truyền xuôi cho mỗi ảnh, được đếm bằng
# `FlopCounterMode` của PyTorch, ở kích thước nhỏ nhất mà AlexNet chấp nhận (65, xem
# {ref}`sec-model`), ở 96 và ở 224:

# %%
flops = {size: d2l.model_flops(d2l.AlexNet(), (1, 1, size, size))["forward"]
         for size in (65, 96, 224)}
{size: f"{f / 1e9:.3f} GFLOPs" for size, f in flops.items()}

# %% [markdown]
# Thời gian đo được trên máy này cũng cho thấy điều tương tự:

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
# Một ảnh 224 pixel có số pixel gấp {glue:text}`positions_ratio:.1f` lần một ảnh 96 pixel, và lượt
# truyền xuôi tốn số FLOP gấp {glue:text}`flops_ratio:.1f` lần. Trên {glue:md}`device_name__vi`, một
# minibatch ở 224 pixel mất thời gian gấp {glue:text}`upsample_ratio:.1f` lần so với ở 96 pixel. Phần
# bài tập yêu cầu bạn thiết kế một mạng làm việc trực tiếp trên các ảnh 28 x 28.

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
