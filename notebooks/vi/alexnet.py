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
# # Mạng Nơ-ron Tích chập Sâu (AlexNet)
#
# Mạng tích chập đã được biết đến gần hai thập kỷ trước năm 2012
# {cite}`lecun1995convolutional`, vậy mà trong phần lớn lĩnh vực thị giác máy tính chúng không phải
# là công cụ được ưa chuộng. Năm 2012, một mạng có tám tầng được học, AlexNet
# {cite}`krizhevsky2012imagenet`, đã thắng cuộc thi ImageNet với cách biệt lớn, và trong các năm 2013
# và 2014, những đội thắng hạng mục phân loại của cuộc thi cũng đều dùng mạng tích chập sâu
# {cite}`russakovsky2015imagenet`. Chương này đặt câu hỏi vì sao điều đó xảy ra vào đúng lúc ấy, và
# trả lời bằng những thí nghiệm do chính bạn chạy.
#
# Các mục của chương đi theo trình tự lập luận:
#
# ```{tableofcontents}
# ```
#
# Mọi điều chương này nói về tốc độ, kích thước hay độ chính xác đều được tính ngay trên trang,
# bằng mã nguồn mà bạn có thể đọc và chạy lại, hoặc được trích dẫn từ tài liệu. Thư viện hỗ trợ được nhập với tên `d2l`, theo tên
# cuốn sách *Dive into Deep Learning* {cite}`zhang2023dive` mà nó giữ lại cách đặt tên; mã nguồn của thư viện nằm trong `d2l_local/`.

# %%
import d2l_local as d2l

d2l.book.show_run_mode()

# %% [markdown]
# Ở chế độ nhanh, mọi trang đều chạy trong vài phút trên CPU của một máy laptop (các bài kiểm thử
# của dự án chạy tất cả các trang theo cách đó). Huấn luyện AlexNet ở kích
# thước đầy đủ của chương cần một GPU; nếu không có GPU, trang huấn luyện dùng một công thức dành cho
# laptop, còn chế độ nhanh (`D2L_QUICK=1`) chạy mọi thí nghiệm trên một phần nhỏ của dữ liệu.
