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
# AlexNet {cite}`krizhevsky2012imagenet` đã thắng cuộc thi ImageNet năm 2012 với cách biệt lớn, và
# cùng với đó thắng luôn cuộc tranh luận rằng đặc trưng được học vượt trội hơn đặc trưng được thiết
# kế. Thiết kế của nó dễ nhận ra là thiết kế của LeNet {cite}`lecun1995convolutional`, gồm các phép
# tích chập và gộp rồi đến các tầng kết nối đầy đủ, nhưng khác ở bốn điểm:
#
# 1. Nó sâu hơn nhiều: năm tầng tích chập, hai tầng ẩn kết nối đầy đủ và một tầng đầu ra kết nối
#    đầy đủ, tổng cộng tám tầng được học.
# 2. Nó rộng hơn nhiều: hai phép tích chập đầu tiên của nó có 96 và 256 kênh, gấp mười sáu lần con số
#    6 và 16 của LeNet.
# 3. Nó dùng đơn vị tuyến tính chỉnh lưu (ReLU) {cite}`nair2010rectified` thay cho hàm sigmoid.
# 4. Nó kiểm soát quá khớp bằng dropout {cite}`srivastava2014dropout` và tăng cường dữ liệu mạnh
#    (lật, cắt và thay đổi màu sắc) thay vì chỉ dựa vào suy giảm trọng số.
#
# Mạng gốc được chia ra trên hai GPU, mỗi GPU giữ một nửa số bộ lọc của mỗi tầng, hai nửa chỉ trao
# đổi kết quả ở một số tầng, vì, như bài báo giải thích, một card GTX 580 chỉ có 3 GB bộ nhớ
# {cite}`krizhevsky2012imagenet` ({ref}`sec-model-memory` tính xem điều đó có nghĩa là gì). Trên một GPU hiện đại, mạng là một luồng duy nhất, như trong
# {numref}`fig-alexnet-vs-lenet`.
#
# ```{figure} ../../img/alexnet-vs-lenet.svg
# :name: fig-alexnet-vs-lenet
# :width: 620px
#
# LeNet (trái) và AlexNet một luồng của chương này (phải), đầu vào ở phía dưới. Mỗi ô cho biết
# một tầng và hình dạng đầu ra của nó.
# ```
#
# ## Mạng chỉ trong vài dòng
#
# Đây là toàn bộ mô hình. Các tầng `Lazy` tự suy ra kích thước đầu vào từ minibatch đầu tiên mà
# chúng nhận được, và `init_cnn` (khởi tạo Xavier đều {cite}`glorot2010understanding`) được áp dụng
# ngay sau minibatch đầu tiên đó, khi các trọng số đã tồn tại.

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
# Cuốn sách d2l {cite}`zhang2023dive` áp dụng phép khởi tạo bên trong `__init__`, khi các tầng lazy
# chưa có trọng số; lời gọi khi đó không thay đổi gì và mạng được huấn luyện từ cách khởi tạo mặc
# định của PyTorch. Ở đây, phép khởi tạo đợi đến lượt truyền xuôi đầu tiên. `d2l.AlexNet` của thư
# viện chính là lớp này cộng thêm các tùy chọn cho tỷ lệ dropout, hàm kích hoạt và bộ tối ưu, được
# dùng ở các mục sau.
# :::
#
# ## Từng tầng một
#
# Đưa một ảnh xám 224 x 224 qua mạng và xem hình dạng đầu ra, số tham số và số FLOP của từng tầng:

# %%
table = AlexNet().layer_summary((1, 1, 224, 224))

# %% [markdown]
# `layer_summary` cũng trả về các con số dưới dạng một DataFrame của pandas, để sắp xếp, lọc và vẽ
# đồ thị. Dưới đây là các tầng có trọng số:

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
# ## Tham số nằm ở đâu và tính toán nằm ở đâu
#
# Mạng có {glue:text}`total_params:,` tham số: {glue:text}`conv_params:,` trong các phép tích chập và
# {glue:text}`dense_params:,` trong các tầng kết nối đầy đủ, tức là {glue:text}`dense_param_share:.1f`%
# tổng số ({glue:text}`dense_mib:.0f` MiB ở fp32). Khối lượng tính toán thì ngược lại: các phép tích
# chập chiếm {glue:text}`conv_flop_share:.1f`% trong số {glue:text}`fwd_gflops:.2f` GFLOP của một
# lượt truyền xuôi. Truyền xuôi cộng truyền ngược tốn {glue:text}`fwdbwd_gflops:.2f` GFLOP mỗi ảnh;
# con số này sẽ xuất hiện lại trong phần benchmark.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Share of parameters and of forward FLOPs of each weighted layer. The two hidden dense layers hold most parameters; the convolutions do most of the work.", "name": "fig-params-vs-flops"}}
d2l.figures.plot_params_vs_flops(table);

# %% [markdown]
# ## Vì sao 11 x 11 với sải bước 4
#
# Tầng đầu tiên làm hai việc cùng lúc. Sải bước 4 của nó thu nhỏ ảnh nhanh chóng, để mọi tầng phía
# sau làm việc trên một bản đồ nhỏ; cửa sổ 11 x 11 của nó rộng hơn sải bước, để các cửa sổ kề nhau
# chồng lên nhau và không pixel nào lọt vào giữa chúng. Theo dõi *bước nhảy* (số pixel đầu vào giữa
# hai đầu ra kề nhau) và *vùng tiếp nhận* (số pixel đầu vào mà một đầu ra phụ thuộc vào) của từng tầng
# qua toàn mạng cho thấy hiệu quả này:

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
# Với sải bước 1, tầng đầu tiên sẽ cho ra một bản đồ {glue:text}`stride1_side` x
# {glue:text}`stride1_side` thay vì {glue:text}`stride4_side` x {glue:text}`stride4_side`: gấp
# {glue:text}`stride_saving:.0f` lần số vị trí, cho tầng này và cho mọi tầng sau nó. Với sải bước 4,
# mỗi giá trị sau tầng gộp cuối cùng phụ thuộc vào một hình vuông {glue:text}`last_field` x
# {glue:text}`last_field` của ảnh đầu vào 224 pixel, tức phần lớn bức ảnh. Trên ảnh chụp của
# ImageNet, một cửa sổ 11 pixel đủ để thấy một cạnh hay một đốm màu; trên các ảnh phóng to của chương
# này, nó chỉ phủ chưa đến hai pixel của ảnh gốc ({ref}`sec-features` cho thấy điều đó có ý nghĩa gì
# đối với các bộ lọc).
#
# (sec-model-memory)=
# ## Bộ nhớ: vì sao cần hai GPU vào năm 2012
#
# Quá trình huấn luyện giữ trong bộ nhớ nhiều thứ hơn là các trọng số. Với mỗi trọng số có gradient
# của nó và, khi dùng SGD với động lượng như trong bài báo năm 2012, một bộ đệm động lượng; và đầu ra
# của mọi tầng được giữ lại cho lượt truyền ngược. Dưới đây là con số đó cho mạng ở hình dạng dành cho
# ImageNet (3 kênh màu, 1,000 lớp) với kích thước batch 128 như trong bài báo:

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
# Theo cách đếm này, mạng một luồng, với {glue:text}`imagenet_params:.1f` triệu tham số, cần
# {glue:text}`mem_total:.2f` GiB, tức {glue:text}`mem_share:.0f`% của một card 3 GB. Cách đếm này bỏ
# qua gradient của các giá trị kích hoạt (lượt truyền ngược cũng cần chúng, và chúng lớn ngang với
# {glue:text}`mem_acts:.2f` GiB giá trị kích hoạt), bộ nhớ làm việc của mã tích chập, và các ảnh đang
# chờ trên card; mạng trong bài báo, với khoảng 60 triệu tham số, lớn hơn một chút. Bài báo nêu 3 GB
# của một card GTX 580 là giới hạn khiến nhóm tác giả phải chia mạng ra trên hai card
# {cite}`krizhevsky2012imagenet`. Một card NVIDIA H100 có 80 GB {cite}`nvidia2022h100`.
#
# ## Đầu vào nhỏ nhất
#
# 224 pixel không phải là một yêu cầu của mạng. Mỗi tầng tích chập và tầng gộp thu nhỏ ảnh theo một
# quy tắc đã biết, và mạng chỉ thất bại khi một tầng nào đó cho ra đầu ra rỗng. Tìm kiếm tăng dần từ
# một pixel sẽ cho ra cạnh nhỏ nhất hoạt động được:

# %%
smallest = d2l.smallest_input_size(d2l.AlexNet())
smallest

# %%
pd.DataFrame(d2l.summary.size_trace(d2l.AlexNet(), smallest),
             columns=["layer", "output (C, H, W)"]).drop_duplicates().T

# %% [markdown]
# Phép tích chập đầu tiên (11 x 11, sải bước 4, đệm 1) biến một cạnh dài $n$ thành
# $\lfloor (n - 9)/4 \rfloor + 1$, và mỗi phép gộp cực đại trong ba phép (3 x 3, sải bước 2) biến $m$
# thành $\lfloor (m - 3)/2 \rfloor + 1$, điều này đòi hỏi $m \ge 3$. Suy ngược từ một pixel ở cuối:
# tầng gộp cuối cần 3, tầng ở giữa cần 7, vậy phép tích chập đầu tiên phải cho ra 15, điều này đòi
# hỏi $n \ge 65$. Ở 65 pixel, mạng kết thúc với một bản đồ $256 \times 1 \times 1$; ở 224 pixel, nó
# kết thúc với $256 \times 5 \times 5$, tức 6400 đầu vào của tầng kết nối đầy đủ đầu tiên.
#
# ## ReLU thay cho sigmoid
#
# Hàm sigmoid ép đầu vào của nó vào khoảng $(0, 1)$, và đạo hàm của nó, $\sigma(x)(1 - \sigma(x))$,
# tối đa là $1/4$ và gần như bằng không khi $|x|$ lớn hơn vài đơn vị. ReLU, $\max(0, x)$, không cần
# hàm mũ và đạo hàm của nó đúng bằng 1 với mọi đầu vào dương.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "ReLU and sigmoid (left) and their derivatives (right).", "name": "fig-activation-gradients"}}
d2l.figures.plot_activation_gradients();

# %% [markdown]
# Điều này có ý nghĩa gì với một mạng sâu thì thể hiện ở gradient. Lấy một minibatch ảnh thật, cho
# nó chạy qua AlexNet dùng ReLU và dùng sigmoid, cả hai đều vừa được khởi tạo, rồi so sánh độ lớn của
# gradient đi tới trọng số của mỗi tầng:

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
# Với sigmoid, gradient đi tới tầng đầu tiên nhỏ hơn khoảng {glue:text}`first_layer_ratio:.0f` lần so
# với khi dùng ReLU. Đạo hàm của sigmoid tối đa là $1/4$, và tín hiệu lan truyền ngược đi qua bảy đạo
# hàm như vậy trước khi tới tầng đầu tiên, nên các bộ lọc ở những tầng đầu hầu như không thay đổi và
# quá trình huấn luyện bị đình trệ, trừ khi phép khởi tạo được chọn hết sức cẩn thận. Bài tập cuối
# cùng của {ref}`sec-exercises` gợi ý huấn luyện với sigmoid để thấy điều này.
#
# ## Dropout
#
# Dropout đặt mỗi giá trị kích hoạt về 0 với xác suất $p$ trong khi huấn luyện và nhân các giá trị còn
# lại với $1/(1-p)$, để giá trị kỳ vọng giữ nguyên; lúc kiểm tra, nó không làm gì cả. Hai tầng ẩn kết
# nối đầy đủ của AlexNet dùng $p = 0.5$:

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
# Khoảng một nửa số đơn vị bằng 0, số còn lại được nhân đôi, giá trị trung bình vẫn gần 1, và ở chế
# độ đánh giá, tầng này là hàm đồng nhất. Vì mỗi minibatch huấn luyện một mạng đã bị tỉa thưa khác
# nhau, không đơn vị nào có thể trông cậy vào việc một đơn vị cụ thể khác có mặt, điều này khiến 43
# triệu tham số của các tầng kết nối đầy đủ khó ghi nhớ các ảnh huấn luyện hơn. Điều đó quan trọng
# đến mức nào ở đây sẽ được đo trong phần bài tập, trên một tập huấn luyện nhỏ, nơi dễ gây ra quá
# khớp ({numref}`ex-overfit` trong {ref}`sec-exercises`).

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
