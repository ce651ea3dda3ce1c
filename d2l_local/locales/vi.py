"""Tiếng Việt: các câu do mã của chương viết vào trang (cùng khóa và chỗ giữ chỗ như en.py)."""

TEXT = {
    "run_mode_quick": (
        "Trang này được chạy ở **chế độ nhanh** (`D2L_QUICK=1`) trên {device}: mỗi thí nghiệm "
        "chỉ dùng một phần nhỏ của dữ liệu thật ({limits}), nên các con số cho thấy phương "
        "pháp chứ không phải độ chính xác cuối cùng. Kết quả của lần chạy đầy đủ trên GPU "
        "được hiển thị ở những nơi có sẵn."),
    "run_mode_full": "Trang này được chạy với kích thước đầy đủ trên {device}.",
    "quick_limits": ("{train} ảnh huấn luyện và {val} ảnh kiểm tra, tối đa {epochs} epoch, "
                     "mỗi epoch khoảng {images} ảnh"),
    "run_scale_none": "trước khi hoàn thành một epoch",
    "run_scale_1": "sau 1 epoch với {train:,} ảnh huấn luyện, kiểm tra trên {val:,} ảnh",
    "run_scale": ("sau {epochs} epoch, mỗi epoch {train:,} ảnh huấn luyện, kiểm tra trên "
                  "{val:,} ảnh"),
    "versus_chance_low": ("{acc:.3f}, không hơn việc đoán ngẫu nhiên một trong {classes} lớp "
                          "({chance:.2f}): mạng chưa học được gì"),
    "versus_chance": "{acc:.3f} (đoán ngẫu nhiên đạt {chance:.2f})",
    "mistakes_none": "Không có ảnh kiểm tra nào bị phân loại sai.",
    "mistake_1": "{true} bị nhầm thành {pred} (1 lần)",
    "mistake": "{true} bị nhầm thành {pred} ({count} lần)",
    "list_separator": "; ",
    "mistakes": "Những lỗi thường gặp nhất của lần chạy này: {mistakes}. {tops}",
    "mistakes_all_tops": (
        "Tất cả đều là nhầm lẫn giữa các loại áo (áo phông, áo len chui đầu, áo khoác và áo "
        "sơ mi): ở kích thước 28 x 28 điểm ảnh xám, chúng chỉ khác nhau ở tay áo và cổ áo."),
    "mistakes_some_tops": ("{among} trong số {count} lỗi này là nhầm lẫn giữa các loại áo (áo "
                           "phông, áo len chui đầu, áo khoác và áo sơ mi)."),
    "reference recipe": "công thức tham chiếu",
    "laptop recipe": "công thức cho máy tính xách tay",
    "run_summary": (
        "Trên {device}, {recipe} đạt độ chính xác kiểm tra {accuracy} {scale}, huấn luyện "
        "với tốc độ {rate:,.0f} ảnh mỗi giây (số học {precision}).{quick}"),
    "run_summary_quick": (" Đây là chế độ nhanh: chỉ vài batch, không phải lần chạy đầy đủ "
                          "của công thức."),
    "gpu_listed": "Tốc độ của GPU nằm trong cùng bảng.",
    "gpu_missing": ("Không tìm thấy GPU nên bảng chỉ có CPU; tốc độ mà dự án đo trên GPU được "
                    "trình bày bên dưới, nếu đã được commit."),
    "ex4_quick": (" Chế độ nhanh đã cắt bớt hai mươi epoch; hãy chạy trang với kích thước "
                  "đầy đủ để có phép so sánh thực sự."),
    "ex6_memory_cpu": "Bộ nhớ đỉnh chỉ được đo trên GPU CUDA.",
    "ex6_memory_gpu": ("Bộ nhớ đỉnh tăng theo kích thước batch, vì giá trị kích hoạt được lưu "
                       "cho từng ảnh."),
    "ex8_gap": ("Không dùng dropout, độ chính xác huấn luyện cuối cùng cao hơn độ chính xác "
                "kiểm tra {gap_none:.3f}; khi dùng dropout, khoảng cách là {gap_drop:.3f}."),
    "ex8_no_gap": ("Trong lần chạy này, khoảng cách khi không dùng dropout chỉ là "
                   "{gap_none:.3f} (khi dùng dropout là {gap_drop:.3f}): lần chạy quá ngắn để "
                   "quá khớp. Hãy chạy trang với kích thước đầy đủ để thấy khoảng cách mở ra."),
    "ex8b_result": (
        "khoảng cách giữa độ chính xác huấn luyện và kiểm tra (trung bình qua các epoch cuối) "
        "là {gap_none:.3f} khi không dùng dropout và {gap_drop:.3f} khi dùng, còn độ chính xác "
        "kiểm tra lần lượt là {acc_none:.3f} và {acc_drop:.3f}"),
    "near_chance": (" Tất cả các độ chính xác này đều gần mức đoán ngẫu nhiên ({chance:.2f}): "
                    "lần chạy quá ngắn để xếp hạng chúng."),
    "mistakes_one_class": (
        "Mạng của lần chạy này dự đoán *{name}* cho {share:.0f}% ảnh kiểm tra: nó chưa học được "
        "cách phân biệt các lớp, nên các lỗi của nó không cho biết lớp nào trông giống nhau."),
    "mistakes_tied": " Một số nhầm lẫn khác xuất hiện nhiều lần như lỗi cuối cùng ở trên.",
}
