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
# % translation of notebooks/hardware.md, prose sha256 6b5567353b975f63
# (sec-hardware)=
# # Thành phần Còn thiếu: Phần cứng

# %%
import os

import d2l_local as d2l
import pandas as pd
from IPython.display import display

d2l.book.show_run_mode()

# %% [markdown]
# Huấn luyện một mạng sâu nghĩa là duyệt qua dữ liệu nhiều lượt, mỗi lượt là một chuỗi dài các phép
# nhân ma trận và phép tích chập. Vào năm 2012, khối lượng tính toán ấy trở nên vừa túi tiền nhờ một
# con đường bất ngờ: card đồ họa. Trò chơi điện tử cần đúng vài phép toán như vậy, những phép nhân ma
# trận với vectơ cỡ nhỏ áp dụng cho hàng triệu đỉnh và pixel, thực hiện nhanh nhất có thể
# {cite}`fernando2004gpu`. NVIDIA và ATI đã mở con chip của mình cho tính toán tổng quát (GPGPU), và
# Krizhevsky cùng Sutskever đã viết các phép tích chập nhanh cho hai card NVIDIA GTX 580, mỗi card có
# 3 GB bộ nhớ, rồi công bố chúng dưới tên cuda-convnet {cite}`krizhevsky2012imagenet`.
#
# ## Lõi CPU và lõi GPU
#
# Một lõi CPU được xây dựng để chạy một luồng lệnh nhanh nhất có thể: xung nhịp cao, hàng megabyte bộ
# nhớ đệm (cache), dự đoán rẽ nhánh, đường ống lệnh sâu và thực thi suy đoán. Tất cả những thứ đó
# chiếm diện tích chip cho mỗi lõi. Dù vậy, CPU máy chủ đã đạt tới 128 lõi mỗi socket (Xeon 6980P của
# Intel {cite}`intel2024xeon6`) và 192 lõi (EPYC 9965 của AMD {cite}`amd2024epyc`). GPU sử dụng diện
# tích chip theo cách khác. A100 của NVIDIA có 6,912 lõi CUDA trong 108 streaming multiprocessor
# {cite}`nvidia2020a100`, và các chip tiêu dùng cùng thế hệ Ampere có tới 10,752 lõi
# {cite}`nvidia2020ga102`. Các luồng của GPU chạy theo từng *warp* gồm 32 luồng cùng thực thi một lệnh
# {cite}`nvidia2024cuda`; xung nhịp của nó thấp hơn (tối đa 1.41 GHz trên A100), bộ nhớ đệm nhỏ và nó
# không thực thi suy đoán, nhưng bộ nhớ của nó rất nhanh: A100 đọc 1,555 GB/s qua một bus rộng 5,120
# bit {cite}`nvidia2020a100`.

# %% tags=["remove-cell"]
d2l.book.glue("cpu_count", os.cpu_count())


# %% [markdown]
# Trang này chạy trên một máy có {glue:text}`cpu_count` CPU logic (luồng phần cứng); các tốc độ đo
# được của máy được trình bày ở bên dưới.
#
# Vì sao lại dùng nhiều lõi chậm thay vì một vài lõi nhanh? Đó là do cách công suất tăng theo xung nhịp.
# Công suất động của một con chip xấp xỉ $C V^2 f$: điện dung, bình phương điện áp, và tần số xung
# nhịp $f$ {cite}`hennessy2019computer`. Xung nhịp nhanh hơn cần điện áp cao hơn, nên ở gần đỉnh dải
# hoạt động của chip, công suất tăng xấp xỉ theo lập phương của xung nhịp. Cuốn sách d2l lập luận với
# bình phương {cite}`zhang2023dive`; dưới đây là cả hai mô hình, so sánh một lõi chạy ở bốn lần xung
# nhịp cơ sở với các lõi chạy ở một phần tư xung nhịp đó. Một lõi ở xung nhịp cơ sở tiêu thụ một đơn
# vị công suất và thực hiện một đơn vị công việc mỗi giây:

# %%
def designs(exponent):
    """Power and work of three designs if a core's power grows as clock**exponent."""
    same_power = (4 / 0.25) ** exponent  # slow cores in the fast core's power budget
    rows = []
    for name, cores, clock in (("1 core at 4x clock", 1, 4.0),
                               ("16 cores at 1/4 clock", 16, 0.25),
                               ("same power, cores at 1/4 clock", same_power, 0.25)):
        rows.append({"power ~ clock^": exponent, "design": name, "cores": int(cores),
                     "power": cores * clock**exponent,
                     "work per second": cores * clock})
    return rows


power = pd.DataFrame(designs(2) + designs(3)).set_index(["power ~ clock^", "design"])
power

# %% tags=["remove-cell"]
d2l.book.glue("gain2", power.loc[(2, "same power, cores at 1/4 clock"), "work per second"] / 4)
d2l.book.glue("gain3", power.loc[(3, "same power, cores at 1/4 clock"), "work per second"] / 4)

# %% [markdown]
# Trong cả hai mô hình, mười sáu lõi ở một phần tư xung nhịp làm được cùng khối lượng công việc như
# một lõi nhanh, với chỉ một phần nhỏ công suất của nó. Dồn toàn bộ ngân sách công suất của lõi nhanh
# cho các lõi chậm sẽ cho thông lượng gấp {glue:text}`gain2:.0f` lần nếu công suất tăng theo bình
# phương xung nhịp, và gấp {glue:text}`gain3:.0f` lần nếu công suất tăng theo lập phương, với điều
# kiện công việc được chia thành nhiều phần độc lập, như phép nhân ma trận và phép tích chập.
#
# ## Đo trên máy của bạn
#
# Dưới đây là tốc độ nhân ma trận, tích chập và sao chép bộ nhớ được đo ngay lúc này, trên CPU của
# máy này và trên GPU của nó, nếu có. Phép tích chập có hình dạng của tầng thứ hai của AlexNet; phép
# nhân ma trận bf16 được đo ở nơi bộ xử lý có các khối nhân ma trận bf16 (lõi tensor, hoặc AMX của
# Intel trên CPU).

# %%
rates = pd.DataFrame(d2l.throughput_table(n=1024 if d2l.quick_mode() else 4096))
rates.set_index("device").round(3)

# %% tags=["remove-cell"]
has_gpu = d2l.try_gpu().type != "cpu"
note = d2l.book.say("gpu_listed" if has_gpu else "gpu_missing")
d2l.book.glue("gpu_note", note, display=False)
d2l.book.glue("cpu_tflops", float(rates["matmul fp32 TFLOP/s"][0]))
d2l.book.glue("cpu_copy", float(rates["copy GB/s"][0]))

# %% [markdown]
# CPU của máy này đạt {glue:text}`cpu_tflops:.2f` TFLOP/s với phép nhân ma trận fp32 và sao chép bộ
# nhớ ở tốc độ {glue:text}`cpu_copy:.0f` GB/s. {glue:md}`gpu_note__vi`

# %% tags=["hide-input"]
committed = d2l.results.load_results("hardware-*.json")
if committed:
    display(pd.DataFrame(committed[0]["rows"]).set_index("device").round(3))
else:
    print("No GPU measurements have been committed with this book yet.")

# %% [markdown]
# :::{note}
# Những con số như thế này phụ thuộc vào kích thước ma trận, kiểu dữ liệu và thư viện. GPU chỉ đạt
# tốc độ cao nhất với ma trận lớn ở dạng bf16 hoặc fp16 trên lõi tensor; phép nhân ma trận fp32 chạy
# chậm hơn vài lần. Hãy chạy lại ô mã với các kích thước khác để kiểm chứng.
# :::
#
# ## Tốc độ đỉnh
#
# Tốc độ đỉnh của một bộ xử lý bằng số khối số học nhân với xung nhịp của chúng nhân với số phép toán
# mỗi khối thực hiện trong một chu kỳ. Mỗi card GTX 580 của AlexNet có 512 lõi CUDA chạy ở 1.544 GHz,
# mỗi lõi thực hiện một phép nhân-cộng (hai FLOP) mỗi chu kỳ {cite}`nvidia2010gtx580`: khoảng 1.6
# TFLOP/s. Xeon Platinum 8480+ của Intel, một CPU máy chủ ra đời năm 2023, có 56 lõi chạy ở 2.0 GHz
# với hai khối AVX-512, mỗi khối thực hiện 16 phép nhân-cộng fp32 mỗi chu kỳ {cite}`intel2023xeon`:
# khoảng 7.2 TFLOP/s với fp32. Các GPU trung tâm dữ liệu ngày nay đạt hàng trăm TFLOP/s với bf16
# trên lõi tensor của chúng {cite}`nvidia2020a100,nvidia2022h100`.

# %% tags=["hide-input"] mystnb={"figure": {"caption": "Peak FLOP/s of some processors (log scale), from their makers' figures; GPUs in blue, a CPU in orange, and the matrix-product rates measured on this machine as green stars.", "name": "fig-flops-history"}}
measured = [(f"measured: {r['device'].split(' (')[0]}, {kind}", r[f"matmul {kind} TFLOP/s"] * 1e12)
            for r in rates.to_dict("records") for kind in ("fp32", "bf16")
            if r.get(f"matmul {kind} TFLOP/s")]
d2l.figures.plot_flops_history(measured);

# %% tags=["remove-cell"]
assert len(rates) >= 1 and (rates["matmul fp32 TFLOP/s"] > 0).all()
assert (rates["copy GB/s"] > 0).all()
assert power.loc[(2, "1 core at 4x clock"), "power"] == 16
assert power.loc[(3, "16 cores at 1/4 clock"), "work per second"] == 4
assert power.loc[(3, "same power, cores at 1/4 clock"), "power"] == 64
gtx580 = next(f for name, _, f, *_ in d2l.figures.PEAK_FLOPS_HISTORY if name.startswith("GTX"))
assert abs(gtx580 / 1e12 - 1.58) < 0.01
