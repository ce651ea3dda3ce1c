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
# # Thảo luận, Tóm tắt và Bài tập

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
# AlexNet trông giống một LeNet lớn hơn, và theo một nghĩa nào đó thì đúng là vậy: điều thay đổi
# vào năm 2012 không nằm nhiều ở ý tưởng mà ở dữ liệu, phần cứng và một số lựa chọn thực tiễn (ReLU,
# dropout, tăng cường dữ liệu). Hai tầng ẩn kết nối đầy đủ của nó chứa phần lớn số tham số
# ({glue:text}`dense_mib:.0f` MiB ở fp32, như {ref}`sec-model` đã tính), trong khi các phép tích
# chập của nó thực hiện phần lớn khối lượng tính toán. Công cụ cũng đã thay đổi: các phép tích chập
# nhanh trên GPU mà Krizhevsky và Sutskever đã tự viết bằng CUDA nay chỉ là một lời gọi thư viện
# trong các framework ngày nay. PyTorch {cite}`paszke2019pytorch`, framework mà chương
# này sử dụng, có nguồn gốc từ Torch {cite}`collobert2011torch7`; DistBelief {cite}`dean2012large`,
# Caffe {cite}`jia2014caffe`, Theano {cite}`bergstra2010theano` và TensorFlow
# {cite}`abadi2016tensorflow` là những framework đi trước và cùng thời với nó.
#
# ## Bài báo năm 2012 và chương này
#
# Chương này giữ nguyên các tầng của AlexNet và thay đổi gần như mọi thứ xung quanh chúng. Dưới đây
# là những gì bài báo đã làm {cite}`krizhevsky2012imagenet` đặt cạnh những gì chương này làm, các
# con số của chương được tính bằng chính mã nguồn của nó:

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
# ## Tóm tắt

# %% tags=["remove-cell"]
fwd = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))["forward_backward"]
d2l.book.glue("fwdbwd_gflops", fwd / 1e9)

# %% [markdown]
# * Cho đến năm 2012, các hệ thống thị giác được xây dựng từ đặc trưng thủ công và một bộ phân loại
#   đơn giản. AlexNet đã cho thấy các đặc trưng được học qua từng tầng, từ đủ dữ liệu, trên phần cứng
#   đủ nhanh, vượt qua chúng trên ImageNet ({ref}`sec-features`).
# * Dữ liệu: cuộc thi năm 2012 có 1.28 triệu ảnh huấn luyện có nhãn; tập dữ liệu thay thế của chương
#   này, Fashion-MNIST, có 60,000 ảnh, được phóng to lên 224 pixel ({ref}`sec-data`).
# * Phần cứng: nhiều lõi đơn giản, như trong GPU, cho khối lượng tính toán trên mỗi watt lớn hơn
#   nhiều so với một vài lõi nhanh, vì công suất tăng nhanh hơn xung nhịp ({ref}`sec-hardware`).
# * Mạng: năm phép tích chập và ba tầng kết nối đầy đủ, {glue:text}`total_params_m:.1f` triệu tham
#   số, {glue:text}`dense_share:.0f`% trong số đó nằm ở các tầng kết nối đầy đủ, trong khi các phép
#   tích chập thực hiện {glue:text}`conv_flop_share:.0f`% khối lượng tính toán;
#   {glue:text}`fwdbwd_gflops:.2f` GFLOP mỗi ảnh cho cả truyền xuôi và truyền ngược. ReLU giữ cho
#   gradient không bị triệt tiêu qua chiều sâu của mạng, dropout chống lại quá khớp
#   ({ref}`sec-model`).
# * Trên các ảnh phóng to, tầng đầu tiên nhìn thấy các mảng mượt, nên các bộ lọc của nó giữ lại phần
#   lớn giá trị khởi đầu ngẫu nhiên ({ref}`sec-features`).
# * Huấn luyện: công thức tham chiếu trên GPU, hoặc công thức cho laptop (đầu vào nhỏ nhất, Adam, hai
#   epoch) trên CPU; bảng điều khiển huấn luyện cho phép bạn thay đổi các siêu tham số và so sánh các
#   lần chạy ({ref}`sec-training`).
#
# ## Bài tập
#
# Mỗi bài tập dưới đây đi kèm một lời giải mà bạn có thể mở ra; các lời giải là những thí nghiệm chạy
# khi trang được chạy. Ở chế độ nhanh, chúng chỉ dùng một vài minibatch, nên các con số của chúng
# minh họa phương pháp; hãy chạy chúng ở kích thước đầy đủ trên GPU để có câu trả lời thực sự. Mỗi
# lời giải đều cho biết nó đã chạy ở quy mô nào.
#
# ```{exercise}
# :label: ex-memory
#
# Phần nào của AlexNet chiếm phần lớn bộ nhớ, và phần nào chiếm phần lớn khối lượng tính toán? Dung
# lượng bộ nhớ, băng thông bộ nhớ và độ trễ quan trọng khác nhau như thế nào đối với huấn luyện và
# đối với suy luận?
# ```
#
# ```{solution-start} ex-memory
# :class: dropdown
# ```
#
# Cộng bảng theo từng tầng của {ref}`sec-model` theo loại tầng (giá trị kích hoạt tính cho một ảnh):

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
# Các tầng kết nối đầy đủ chứa {glue:text}`ex1_dense_weights:.0f` MiB trọng số so với
# {glue:text}`ex1_conv_weights:.1f` MiB của các phép tích chập, nhưng các phép tích chập tạo ra
# {glue:text}`ex1_conv_acts:.1f` MiB giá trị kích hoạt cho mỗi ảnh so với
# {glue:text}`ex1_dense_acts:.2f` MiB, và chúng thực hiện phần lớn số FLOP. Quá trình huấn luyện giữ
# lại mọi giá trị kích hoạt cho lượt truyền ngược, nên bộ nhớ cho giá trị kích hoạt tăng theo
# minibatch và sớm vượt quá bộ nhớ cho trọng số ({ref}`sec-model-memory`); khi suy luận, có thể giải
# phóng mỗi giá trị kích hoạt ngay khi tầng kế tiếp đã dùng xong. Khi phục vụ từng ảnh một, các tầng
# kết nối đầy đủ đọc mọi trọng số chỉ để thực hiện một phép nhân-cộng với mỗi trọng số, nên tốc độ
# của chúng bị quyết định bởi băng thông bộ nhớ; ở đó độ trễ là quan trọng nhất, còn trong huấn luyện
# thì thông lượng là quan trọng nhất. {numref}`ex-chip` đưa ra các con số cụ thể cho điều này.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-chip
#
# Một bộ xử lý thực hiện $P$ FLOP/s và đọc $B$ byte/s từ bộ nhớ chỉ giữ cho các khối số học của nó
# bận rộn với những công việc thực hiện nhiều hơn $P/B$ FLOP trên mỗi byte được di chuyển. Nếu bạn có
# một diện tích silicon cố định, bạn sẽ chia nó giữa các khối số học và băng thông bộ nhớ như thế nào
# để huấn luyện AlexNet? Và để phục vụ nó với từng ảnh một?
# ```
#
# ```{solution-start} ex-chip
# :class: dropdown
# ```
#
# Dưới đây là *cường độ số học* đó cho từng tầng có trọng số, với kích thước batch 1 và 128:

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
# Với kích thước batch 1, các tầng kết nối đầy đủ thực hiện nhiều nhất {glue:text}`dense_b1:.2f`
# FLOP trên mỗi byte: mỗi trọng số được đọc chỉ để thực hiện một phép nhân-cộng, và không bộ xử lý nào
# có bộ nhớ đủ nhanh để giữ cho các khối số học bận rộn với việc đó. Các phép tích chập thực hiện từ
# {glue:text}`conv_b1_min:.0f` đến {glue:text}`conv_b1_max:.0f`, vì mỗi trọng số của bộ lọc được dùng
# lại ở mọi vị trí. Với kích thước batch 128, hai tầng ẩn kết nối đầy đủ đạt
# {glue:text}`dense_b128:.0f`. Để huấn luyện với minibatch lớn, hãy dành diện tích cho các khối số
# học; để phục vụ từng ảnh một, các tầng kết nối đầy đủ cần băng thông, và các khối số học vượt quá
# $B$ nhân với cường độ của chúng sẽ chỉ nằm không.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-benchmark
#
# Vì sao các kỹ sư không còn dùng AlexNet để benchmark phần cứng nữa? Hãy đo xem một bước huấn luyện
# AlexNet sử dụng được bao nhiêu phần khả năng tính toán của máy này.
# ```
#
# ```{solution-start} ex-benchmark
# :class: dropdown
# ```
#
# Đo thời gian của một vài bước huấn luyện với kích thước batch 32 và so sánh số FLOP/s mà chúng đạt
# được với tốc độ của một phép nhân ma trận lớn trên cùng thiết bị:

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
# Trên {glue:md}`ex3_device__vi`, một bước huấn luyện AlexNet đạt {glue:text}`ex3_share:.0f`% tốc độ
# của một phép nhân ma trận fp32 lớn. Trên một GPU hiện đại, bức tranh thay đổi: một bước với
# minibatch 32 ảnh là {glue:text}`ex3_step_gflops:.0f` GFLOP, mà một card NVIDIA H100 sẽ hoàn thành
# trong {glue:text}`ex3_h100_ms:.2f` ms ở tốc độ đỉnh bf16 của nó {cite}`nvidia2022h100`, trong khi
# chỉ riêng việc đọc và ghi {glue:text}`ex3_params_m:.0f` triệu trọng số cùng gradient của chúng cho
# bước cập nhật đã mất {glue:text}`ex3_update_ms:.2f` ms với băng thông bộ nhớ của nó. Cộng thêm hàng
# chục kernel GPU được khởi chạy mỗi bước và minibatch cần chuyển dữ liệu, một phép đo với AlexNet
# nói về những chi phí cố định đó cũng nhiều như nói về các khối số học mà một con chip mới được xây
# dựng xoay quanh.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-epochs
#
# Huấn luyện AlexNet và LeNet với nhiều epoch hơn công thức của chương (hai mươi thay vì mười), LeNet
# trên các ảnh 28 x 28 gốc và AlexNet trên các ảnh phóng to. AlexNet có tiếp tục cải thiện sau khi
# LeNet đã dừng lại không? Vì sao?
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
# Cả hai mạng đều được huấn luyện {glue:md}`ex4_scale__vi`; LeNet kết thúc với độ chính xác kiểm tra
# {glue:text}`ex4_lenet:.3f`, AlexNet với {glue:text}`ex4_alexnet:.3f`.{glue:md}`ex4_note__vi`{glue:md}`ex4_quick__vi`
# AlexNet có còn tiếp tục cải thiện sau khi LeNet đã chững lại hay không được thể hiện qua các đường
# cong của một lần chạy với kích thước đầy đủ. Lý do để kỳ vọng điều đó: AlexNet có nhiều hơn hàng trăm lần số
# tham số và thực hiện nhiều hơn hàng nghìn lần khối lượng tính toán trên mỗi ảnh, nên nó có thể khớp
# những khác biệt tinh tế hơn giữa các lớp, với dropout ngăn nó ghi nhớ chúng, trong khi các hàm
# sigmoid và các tầng nhỏ của LeNet giới hạn những gì LeNet có thể khớp.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-slim
#
# AlexNet quá lớn so với Fashion-MNIST. Hãy đơn giản hóa nó để huấn luyện nhanh hơn mà không mất
# nhiều độ chính xác, và thiết kế một mạng tốt hơn cho ảnh 28 x 28.
# ```
#
# ```{solution-start} ex-slim
# :class: dropdown
# ```
#
# Một phiên bản với một phần tư số kênh và phần kết nối đầy đủ nhỏ hơn nhiều, cùng một mạng nhỏ làm
# việc trên các ảnh gốc mà hoàn toàn không tăng mẫu:

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
# Trong lần chạy này, SmallNet, với số tham số ít hơn AlexNet {glue:text}`ex5_param_ratio:.0f` lần, đã
# huấn luyện được số ảnh mỗi giây gấp {glue:text}`ex5_speedup:.0f` lần và kết thúc với độ chính xác
# kiểm tra {glue:text}`ex5_small_acc:.3f`, so với {glue:text}`ex5_alex_acc:.3f` của AlexNet.{glue:md}`ex5_note__vi`
# Ở chế độ nhanh, lần chạy chỉ đo thời gian trên vài minibatch, nên hãy coi tỉ lệ tốc độ của nó là con số
# ước lượng thô. Cửa sổ và sải bước lớn ở tầng đầu tiên, phép gộp chồng lấn và hai tầng rộng 4096 là
# những lựa chọn dành cho ảnh chụp màu 224 pixel; trên ảnh 28 x 28, các cửa sổ nhỏ ngay từ tầng đầu
# tiên giữ lại được những chi tiết mà, như {ref}`sec-features` đã cho thấy, cửa sổ lớn trên một ảnh
# phóng to không thể tận dụng.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-batch
#
# Kích thước batch, thông lượng (số ảnh mỗi giây), độ chính xác sau một epoch và lượng bộ nhớ sử
# dụng phụ thuộc lẫn nhau như thế nào?
# ```
#
# ```{solution-start} ex-batch
# :class: dropdown
# ```
#
# Một epoch ở mỗi kích thước batch, với tốc độ học được co giãn theo kích thước batch:

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
# Số ảnh mỗi giây trong lần chạy này: {glue:md}`ex6_rates__vi`. {glue:md}`ex6_memory__vi` Thông lượng
# tăng theo kích thước batch cho đến khi thiết bị được tận dụng hết; vượt quá mức đó, minibatch lớn
# hơn chỉ có nghĩa là ít lần cập nhật hơn trong mỗi epoch, điều này thường làm giảm độ chính xác sau
# một epoch đầy đủ (một epoch ở chế độ nhanh chỉ gồm một hai minibatch, quá ngắn để thấy điều đó), và
# các giá trị kích hoạt được giữ lại cho lượt truyền ngược đặt ra giới hạn trên cho kích thước batch.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-lenet-tricks
#
# Hãy trang bị cho LeNet các thủ thuật chính của AlexNet, ReLU và dropout. Sau đó thêm các phép lật
# ngẫu nhiên và dịch chuyển nhỏ cho ảnh huấn luyện: chúng khai thác những tính bất biến nào của
# Fashion-MNIST, và những phép tăng cường nào sẽ gây hại?
# ```
#
# ```{solution-start} ex-lenet-tricks
# :class: dropdown
# ```
#
# Các phép lật và dịch chuyển được thực hiện trên thiết bị, như một phần của bộ nạp dữ liệu:

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
# Được huấn luyện {glue:md}`ex7_scale__vi`, độ chính xác kiểm tra cao nhất trong ba mạng thuộc về
# *{glue:md}`ex7_best__vi`*.{glue:md}`ex7_note__vi` Một món đồ bị dịch đi một hai pixel vẫn là món đồ
# đó, và một chiếc áo sơ mi bị lật gương vẫn là một chiếc áo sơ mi, nên các phép dịch chuyển nhỏ và
# lật ngang giữ nguyên nhãn. Tuy vậy, chúng không chân thực như nhau: giày trong Fashion-MNIST phần
# lớn quay về cùng một hướng, nên một chiếc giày bị lật gương là loại ảnh mà tập kiểm tra hiếm khi có.
# Lật theo chiều dọc hay xoay nhiều sẽ gây hại nhiều hơn: các ảnh của tập dữ liệu đều ở tư thế thẳng
# đứng.
# Những thư viện như Albumentations {cite}`buslaev2020albumentations` cung cấp nhiều phép tăng cường
# hơn nữa để lựa chọn, với cùng câu hỏi đó trong đầu.
#
# ```{solution-end}
# ```
#
# ```{exercise}
# :label: ex-overfit
#
# Hãy làm cho AlexNet quá khớp, và đo xem dropout thay đổi điều gì. Bạn phải loại bỏ hoặc thay đổi
# đặc điểm nào để làm hỏng hoàn toàn quá trình huấn luyện?
# ```
#
# ```{solution-start} ex-overfit
# :class: dropdown
# ```
#
# Chỉ cho AlexNet 1,000 ảnh huấn luyện (chế độ nhanh dùng ít hơn, như câu bên dưới bảng cho biết)
# và nó sẽ có hàng chục nghìn tham số cho mỗi ảnh. Với SGD thuần ở tốc độ học 0.01, tám minibatch
# mỗi epoch là ít lần cập nhật, nên thí nghiệm này dùng Adam với tốc độ học nhỏ, một bộ tối ưu tự
# điều chỉnh bước cập nhật cho từng trọng số. Độ chính xác của từng epoch dao động vài điểm phần
# trăm, nên bảng lấy trung bình các epoch cuối (năm epoch khi chạy với kích thước đầy đủ) và cho biết
# khoảng cách giữa độ chính xác huấn luyện và độ chính xác kiểm tra:

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
# Cả hai mạng đều được huấn luyện {glue:md}`ex8_scale__vi`. {glue:md}`ex8_verdict__vi` Độ chính xác
# huấn luyện được tính trong khi mạng đang huấn luyện, nên khi có dropout, nó được đo trên một mạng đã
# bị tỉa thưa; độ chính xác kiểm tra luôn dùng toàn bộ mạng.
#
# Dropout có quan trọng trên toàn bộ tập huấn luyện không? Cùng câu hỏi đó trên cả 60,000 ảnh (ít
# hơn ở chế độ nhanh), lần này với chính công thức tham chiếu (SGD với tốc độ học 0.01 trong mười
# epoch, không phải Adam):

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
# Được huấn luyện {glue:md}`ex8b_scale__vi`, {glue:md}`ex8b_result__vi`. Hãy so sánh hai khoảng cách
# này với khoảng cách trong lần chạy trên tập nhỏ, nơi (ở kích thước đầy đủ) mỗi tham số có ít hơn
# sáu mươi lần số ảnh để khớp.
#
# Để làm hỏng hoàn toàn quá trình huấn luyện, hãy thử hàm sigmoid (`activation="sigmoid"`) hoặc tốc
# độ học bằng 1, và giải thích những gì bạn thấy bằng các gradient trong {ref}`sec-model`.
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
