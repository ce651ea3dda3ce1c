"""Tiếng Việt: các câu do mã của chương viết vào trang (cùng khóa và chỗ giữ chỗ như en.py)."""

TEXT = {
    "run_mode_quick": (
        "Trang này được chạy ở **chế độ nhanh** (`D2L_QUICK=1`) trên {device}, quy mô nhỏ nhất "
        "trong ba quy mô của chương: mỗi thí nghiệm chỉ dùng một phần nhỏ của dữ liệu thật. Ở "
        "những chỗ bài học cần một mạng đã huấn luyện, trang vẫn huấn luyện một mạng như vậy; "
        "ở những câu hỏi cần lần chạy đầy đủ, văn bản nói rõ điều đó và đưa ra kết quả mà lần "
        "chạy kích thước đầy đủ đã ghi lại.{change}"),
    "run_mode_cpu": (
        "Trang này được chạy ở **kích thước đầy đủ trên CPU**, trên thiết bị {device}: toàn "
        "bộ ảnh thật khi một thí nghiệm cần đến, mỗi thí nghiệm được định cỡ cho CPU hai nhân "
        "(phần chữ cho biết mỗi thí nghiệm dùng bao nhiêu ảnh).{change}"),
    "run_mode_gpu": (
        "Trang này được chạy ở **kích thước đầy đủ trên GPU** trên {device}: toàn bộ dữ liệu và "
        "công thức tham chiếu."),
    "run_mode_running": " Thời gian chạy sẽ được ghi thêm vào đây khi trang chạy xong.",
    "run_mode_took": " Từ ghi chú này đến cuối trang mất {duration}.",
    "duration_s": "{s} giây",
    "duration_under_1s": "dưới 1 giây",
    "duration_min": "{m} phút {s} giây",
    "code_show": "Hiện mã nguồn",
    "code_hide": "Ẩn mã nguồn",
    # the architecture figure's boxes (tools/draw_architecture.py)
    "arch_input": "đầu vào",
    "arch_image": "ảnh {shape}",
    "arch_conv": "tích chập {k}",
    "arch_stride": "sải bước {n}",
    "arch_pad": "đệm {n}",
    "arch_max_pool": "gộp cực đại {k}",
    "arch_avg_pool": "gộp trung bình {k}",
    "arch_dense": "kết nối đầy đủ {n}",
    "arch_dropout": "dropout {p:g}",
    # the library's own messages, printed in the reader's language (config.say)
    "msg_quick": (
        '[d2l_local] chế độ nhanh (D2L_QUICK=1): mỗi thí nghiệm trên các trang này tự đặt '
        'kích thước nhỏ hơn của riêng nó; chỉ tập dữ liệu được tạo mà không có kích thước '
        '(không có num_train hay num_val) mới bị cắt còn {train:,} ảnh huấn luyện và '
        '{val:,} ảnh kiểm tra. Bỏ đặt D2L_QUICK để chạy đầy đủ.'),
    "msg_no_gpu": (
        'Không tìm thấy GPU: huấn luyện trên CPU, chậm hơn (mục “Hai công thức” của trang '
        'Huấn luyện AlexNet nói những gì thay đổi).'),
    "msg_training_on": 'Huấn luyện trên {device}.',
    "msg_training_on_ranks": 'Huấn luyện trên {device} với {world} tiến trình song song dữ liệu.',
    "msg_train_more": (
        'Trình huấn luyện này đã chạy {done} epoch của nó; huấn luyện thêm {more} epoch '
        '(epoch {first} đến {last}). Đặt trainer.max_epochs để chọn nơi nó dừng.'),
    "msg_interrupted": (
        'Bị ngắt sau {epochs} epoch hoàn chỉnh; trainer.history và mô hình được giữ lại.'),
    "msg_stopped": 'Đã dừng sau {epochs} epoch hoàn chỉnh.',
    # the labels of the tables the pages show (summary.TABLE_LABELS)
    "table_layer": 'tầng',
    "table_type": 'loại',
    "table_input_shape": 'hình dạng đầu vào',
    "table_output_shape": 'hình dạng đầu ra',
    "table_parameters": 'tham số',
    "table_forward_flops": 'FLOPs lượt xuôi',
    "table_activation_mib": 'kích hoạt (MiB)',
    "table_kind": 'kiểu',
    "table_value_conv": 'tích chập',
    "table_value_pool": 'gộp',
    "table_kernel": 'kích thước hạt nhân',
    "table_stride": 'sải bước',
    "table_padding": 'đệm',
    "table_output_side": 'cạnh đầu ra',
    "table_jump": 'bước nhảy',
    "table_receptive_field": 'vùng tiếp nhận',
    "table_enlargement": 'độ phóng to',
    "table_spanned": 'số hướng được sinh (trên 121)',
    "table_random_pixels": 'như trên, pixel ngẫu nhiên',
    "table_top9": 'năng lượng trong 9 hướng đầu',
    "table_for999": 'số hướng cho 99,9%',
    "table_image_side": 'cạnh ảnh',
    "table_original_pixels": 'số pixel gốc',
    "table_independent_functions": 'số hàm độc lập',
    "table_nearest_spanned": 'lân cận gần nhất: số hướng được sinh',
    "table_bilinear_spanned": 'song tuyến tính: số hướng được sinh',
    "table_bicubic_spanned": 'song khối: số hướng được sinh',
    "table_epoch": 'epoch',
    "table_train_loss": 'mất mát huấn luyện (train_loss)',
    "table_train_acc": 'độ chính xác huấn luyện (train_acc)',
    "table_val_loss": 'mất mát kiểm tra (val_loss)',
    "table_val_acc": 'độ chính xác kiểm tra (val_acc)',
    "table_images_per_s": 'ảnh mỗi giây (images_per_s)',
    "table_epoch_s": 'giây mỗi epoch (epoch_s)',
    "table_experiment": 'thí nghiệm',
    "table_epochs": 'số epoch',
    "table_images_s": 'ảnh mỗi giây (images/s)',
    "table_peak_mib": 'bộ nhớ đỉnh (peak MiB)',
    "table_seconds": 'số giây (seconds)',
    "table_cut": 'bị ngắt (cut)',
    "table_gap": 'chênh lệch (gap)',
    "table_relu": 'chuẩn gradient, relu',
    "table_sigmoid": 'chuẩn gradient, sigmoid',
    "table_ratio": 'tỉ số (relu/sigmoid)',
    "table_input_relu": 'trị tuyệt đối trung bình của đầu vào, relu',
    "table_input_sigmoid": 'trị tuyệt đối trung bình của đầu vào, sigmoid',
    "table_output_chw": 'đầu ra (C, H, W)',
    "table_convolutions": 'tầng tích chập',
    "table_dense": 'tầng kết nối đầy đủ',
    "table_other": 'khác',
    "table_weights_mib": 'trọng số (MiB)',
    "table_batch_1": 'kích thước batch 1',
    "table_batch_128": 'kích thước batch 128',
    "table_channels": 'số kênh',
    "table_map_side": 'cạnh bản đồ đặc trưng',
    "table_rf_side": 'cạnh vùng tiếp nhận',
    "table_silent_channels": 'số kênh im lặng',
    "table_top8_agreement": 'mức thống nhất về lớp của 8 ảnh mạnh nhất',
    "table_image": 'ảnh',
    "table_channel": 'kênh',
    "table_unit": 'đơn vị',
    "table_top_images_first": 'ảnh mạnh nhất, lần đầu',
    "table_attribute_occlusion": 'quy công: che khuất',
    "table_attribute_ig": 'quy công: gradient tích phân',
    "table_wall": 'thời gian thực (wall)',
    "table_cpu": 'thời gian CPU (cpu)',
    "table_value": 'giá trị',
    "table_forward_gflops": 'GFLOPs lượt xuôi',
    "table_ms_per_batch": 'ms cho mỗi batch 64 ảnh',
    "table_training_images": 'số ảnh huấn luyện',
    "table_fraction_zeroed": 'tỉ lệ bị đặt về 0',
    "table_largest_value": 'giá trị lớn nhất',
    "table_mean_training": 'trung bình khi huấn luyện',
    "table_mean_evaluation": 'trung bình khi đánh giá',
    "table_random_agreement": 'mức thống nhất về lớp, 8 ảnh ngẫu nhiên',
    "table_output_change": 'thay đổi lớn nhất của một đầu ra tầng đầu',
    "table_predictions_unchanged": 'tỉ lệ dự đoán trên tập kiểm tra không đổi',
    "table_basis_products": 'tích',
    "table_products_rank": 'hạng của các tích',
    "table_products_outside": 'tỉ lệ lớn nhất nằm ngoài không gian sinh đo được',
    "table_optimiser": 'bộ tối ưu',
    "table_faint_step": 'tỉ lệ của bước nằm trong các hướng yếu',
    "table_class_name": 'lớp',
    "table_closer_mirrored": 'gần trung bình của lớp hơn so với khi lật gương',
    "table_closer_upside_down": 'gần trung bình của lớp hơn so với khi lộn ngược',
    "table_outside_size": 'độ lớn của phần nằm ngoài',
    "table_pixels_per_window": 'số pixel gốc mỗi cửa sổ',
    "table_functions_are_pixels": 'mọi cửa sổ: số hàm = số pixel',
    "table_windows": 'số cửa sổ',
    "table_alexnet_tflops": 'TFLOP/s của AlexNet',
    "table_product_tflops": 'TFLOP/s của phép nhân ma trận',
    "table_matrix_size": 'kích thước ma trận',
    "table_share": 'tỉ lệ',
    "table_change_inside": 'thay đổi bên trong không gian sinh',
    "table_change_outside": 'thay đổi bên ngoài không gian sinh',
    "value_true": 'có',
    "value_false": 'không',
    "explorer_frozen_title": 'Trình khám phá tầng (tĩnh).',
    "explorer_frozen": (
        'Trên trang tĩnh này, trình khám phá hiển thị ảnh kiểm tra {image}, {layer}, kênh '
        '{channel}, đơn vị {unit}; hãy mở trang trong JupyterLab hoặc Colab để chọn những cái'
        ' khác.'),
    "nav_toggle": "Hiện hoặc ẩn các trang của mục này",
    "device_cpu": "cpu ({name}, {threads} luồng)",
    "device_cpu_1": "cpu ({name}, 1 luồng)",
    "book_author": "Nhóm tác giả chương sách d2l_local",
    "scale_same": (" Trang này không huấn luyện mạng nào, nên chỉ các thời gian đo được thay "
                   "đổi theo quy mô."),
    "scale_change_firstlayer": (
        " Ở kích thước đầy đủ trên GPU, trang này chạy cùng các thí nghiệm (chúng đủ nhỏ để "
        "chạy trên CPU); chỉ thời gian thay đổi."),
    "scale_change_training": (
        " Ở kích thước đầy đủ trên GPU, ô huấn luyện chạy công thức tham chiếu: ảnh 224 điểm "
        "ảnh, SGD với tốc độ học 0,01, mười epoch."),
    "scale_change_exercises": (
        " Ở kích thước đầy đủ trên GPU, các bài tập chạy dạng đầy đủ của chúng (AlexNet với "
        "ảnh 224 pixel, hai mươi epoch khi đề bài yêu cầu); mỗi lời giải cho biết dạng nào "
        "đã chạy."),
    "quick_cannot_tell": "Lần chạy ở chế độ nhanh quá nhỏ để trả lời câu hỏi này.",
    "not_found_at_cpu": (" Chưa có lần chạy kích thước đầy đủ trên CPU nào của trang này được "
                         "ghi lại: hãy chạy trang mà không đặt `D2L_QUICK` để xem kết quả."),
    "not_found_at_cpu_now": (" Lần chạy kích thước đầy đủ trên CPU đã ghi lại của trang này chạy "
                             "một dạng cũ hơn của thí nghiệm này, nên không được trích dẫn: hãy "
                             "chạy trang mà không đặt `D2L_QUICK` để xem kết quả."),
    "found_at_cpu": " Lần chạy kích thước đầy đủ trên CPU ({where}) cho thấy: {finding}",
    "found_at_gpu": " Lần chạy kích thước đầy đủ trên GPU ({where}) cho thấy: {finding}",
    "recorded_where": "trên {device}, ngày {date}, cả trang mất {duration}",
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
    "your_values": "**Lần chạy của bạn:** {values}.",
    "list_separator": "; ",
    "mistakes": "Những lỗi thường gặp nhất của lần chạy này: {mistakes}. {tops}",
    "mistakes_all_tops": (
        "Tất cả đều là nhầm lẫn giữa các loại áo (áo phông, áo len chui đầu, áo khoác và áo "
        "sơ mi): ở kích thước 28 x 28 pixel xám, chúng chỉ khác nhau ở tay áo và cổ áo."),
    "mistakes_some_tops": ("{among} trong số {count} lỗi này là nhầm lẫn giữa các loại áo (áo "
                           "phông, áo len chui đầu, áo khoác và áo sơ mi)."),
    "reference recipe": "công thức tham chiếu",
    "laptop recipe": "công thức cho máy tính xách tay",
    "run_summary": (
        "Trên {device}, {recipe} đạt độ chính xác kiểm tra {accuracy} {scale}, huấn luyện "
        "với tốc độ trung bình {rate:,.0f} ảnh mỗi giây trên cả lần chạy (phép tính "
        "{precision}); huấn luyện và kiểm tra mất {duration}."),
    "training_found_laptop": (
        "công thức cho máy tính xách tay đạt độ chính xác kiểm tra {acc:.3f} sau {epochs} "
        "epoch với {train:,} ảnh huấn luyện; huấn luyện và kiểm tra mất {fit_s:,.0f} giây."),
    "training_found_reference": (
        "công thức tham chiếu đạt độ chính xác kiểm tra {acc:.3f} sau {epochs} epoch với "
        "{train:,} ảnh huấn luyện; huấn luyện và kiểm tra mất {fit_s:,.0f} giây."),
    "training_no_gpu_run": (
        "Bản sách này không kèm lần chạy nào như vậy: hãy chạy trang này trên một máy có GPU, "
        "và bảng theo dõi cùng các bảng số liệu ở trên sẽ cho thấy một lần chạy như vậy."),
    "training_no_bench": (
        "Bản sách này không kèm phép so sánh nào như vậy. Khi chạy trên GPU, số ảnh mỗi giây "
        "của chính trang này, trong bảng ở trên, là con số để đặt cạnh số của d2l-zh; nó tính "
        "cả việc nạp dữ liệu mà d2l-zh bỏ qua."),
    # trang xem bên trong mạng đã huấn luyện
    "scale_change_teaching": (
        " Lần huấn luyện duy nhất của trang, hai lần chạy ngắn của một so sánh dựng sẵn, nhỏ "
        "như nhau ở mọi quy mô; thời gian trong các kế hoạch được đọc từ các tệp đo thời gian, "
        "dù trang này chạy ở quy mô nào."),
    "scale_change_visualize": (
        " Ở kích thước đầy đủ trên GPU, trang này xem bên trong mạng của công thức tham chiếu "
        "(ảnh 224 pixel, mười epoch); các góc nhìn vẫn như vậy."),
    "scale_name_quick": "chế độ nhanh",
    "scale_name_cpu": "kích thước đầy đủ trên CPU",
    "scale_name_gpu": "kích thước đầy đủ trên GPU",
    "visualize_loaded": (
        "Trang này đã nạp mạng mà trang huấn luyện đã huấn luyện ở {scale} và lưu trên máy này "
        "({saved}): {recipe} trên {device}, {run_scale}, với độ chính xác kiểm tra {accuracy}. "
        "Không có gì được huấn luyện lại."),
    "visualize_trained": (
        "Máy này chưa lưu mạng nào do trang huấn luyện huấn luyện ở {scale} (trang này được "
        "chạy riêng), nên ô mã đã huấn luyện một mạng bằng đúng lời gọi đó: {recipe} trên "
        "{device}, {run_scale}, trong {duration}, đạt độ chính xác kiểm tra {accuracy}. Giờ "
        "mạng đã được lưu, và lần chạy sau của trang này sẽ nạp nó."),
    "visualize_layer_share": "{layer} {share:.0f}%",
    "visualize_agreement": (
        "Trong lần chạy này ({scale}, ảnh {side} pixel), tỉ lệ của tám ảnh kiểm tra kích "
        "thích một kênh mạnh nhất (trong số {sample} ảnh) thuộc về lớp phổ biến nhất của "
        "chúng, lấy trung bình trên các kênh của mỗi tầng: {layers}. Với tám ảnh kiểm tra rút "
        "ngẫu nhiên từ cùng mẫu đó, tỉ lệ là {chance:.0f}%."),
    "visualize_selective": (
        " {reached} đạt gấp rưỡi mức đó, còn {missed} thì không: ở những tầng đạt được, nhiều "
        "kênh phản ứng với thứ mà một lớp có còn các lớp khác phần lớn không có."),
    "visualize_layer_separator": ", ",
    "visualize_selective_all": (
        " Mọi tầng đều đạt gấp rưỡi mức đó: ngay cả các kênh của tầng đầu tiên cũng ưu tiên "
        "một số lớp."),
    "visualize_selective_none": (
        " Không tầng nào đạt gấp rưỡi mức đó: trong lần chạy này các kênh chưa tách riêng "
        "được các lớp."),
    "visualize_trend_rising": (
        "Trong bảng ở trên, mức thống nhất tăng ở mọi tầng, từ {first:.0f}% ở {first_layer} "
        "lên {last:.0f}% ở {last_layer}."),
    "visualize_trend_uneven": (
        "Trong bảng ở trên, mức thống nhất không tăng ở mọi tầng: ở {stages}, nó không cao "
        "hơn tầng ngay trước."),
    "visualize_silent_layer": "{layer} {silent} trên {channels}",
    "visualize_silent": (
        "Các kênh luôn bằng không trên mọi ảnh trong mẫu (ReLU của chúng chưa bao giờ mở), "
        "theo từng tầng: {layers}."),
    "visualize_images": (
        "Mạng nhận đúng ảnh kiểm tra {first} ({first_class}) với xác suất {first_p:.2f}; còn "
        "ảnh kiểm tra {second} ({second_class}) thì nó nhầm thành {second_pred}."),
    "visualize_images_right": (
        "Mạng nhận đúng ảnh kiểm tra {first} ({first_class}) với xác suất {first_p:.2f}, và "
        "cả ảnh kiểm tra {second} ({second_class}) với xác suất {second_p:.2f}: lần chạy này "
        "không có lỗi nào để xem."),
    "explorer_timing": (
        "Đo trên {device} với mạng của trang này, thời gian cập nhật "
        "trung vị sau một thay đổi là {image:.2f} s khi đổi ảnh, {layer:.2f} s khi đổi tầng, "
        "{channel:.2f} s khi đổi kênh và {unit:.2f} s khi đổi đơn vị, theo đồng hồ. Lần đầu "
        "xem các ảnh kích thích mạnh nhất, một lượt qua {sample} ảnh kiểm tra dùng cho mọi "
        "tầng, mất {first:.2f} s; một bản đồ che khuất mất {occlusion:.2f} s và gradient tích "
        "phân mất {gradients:.2f} s."),
    "gpu_listed": "Tốc độ của GPU nằm trong cùng bảng.",
    "memory_peak": (
        "Đo trên {device}: hai bước huấn luyện mạng này với kích thước batch 128 dùng tối đa "
        "{peak:.2f} GiB bộ nhớ GPU, kể cả bộ nhớ làm việc của phép tích chập."),
    "memory_weights": "trọng số",
    "memory_gradients": "gradient",
    "memory_optimizer_state": "trạng thái bộ tối ưu",
    "memory_activations": "giá trị kích hoạt",
    "memory_total": "tổng",
    "memory_ours": "mạng của chương này",
    "memory_paper": "mạng của bài báo năm 2012",
    "memory_peak_no_gpu": (
        "Trang này chạy không có GPU nên không đo được mức đỉnh; khi chạy trên GPU, số "
        "đo sẽ hiện ở đây."),
    "hw_conv_faster": (
        "Phép tích chập của nó còn chạy nhanh hơn, đạt {rate:g} TFLOP/s: tốc độ phụ thuộc "
        "vào đoạn mã thực hiện phép tính không kém gì vào bộ xử lý."),
    "gpu_missing": (
        "Không tìm thấy GPU nên bảng chỉ có CPU; cuốn sách này chưa ghi lại lần đo nào "
        "trên GPU."),
    "gpu_recorded": (
        "Ở đây không tìm thấy GPU nên bảng chỉ có CPU; bảng thứ hai cho biết tốc độ đo "
        "được trên {device} khi cuốn sách này được chạy trên đó."),
    "hw_table_rates": "Tốc độ đo được",
    "hw_table_power": "Công suất và khối lượng công việc của từng thiết kế",
    "hw_col_device": "thiết bị",
    "hw_col_matmul_fp32": "nhân ma trận fp32 TFLOP/s",
    "hw_col_matmul_bf16": "nhân ma trận bf16 TFLOP/s",
    "hw_col_conv_fp32": "tích chập fp32 TFLOP/s",
    "hw_col_copy": "sao chép bộ nhớ GB/s",
    "hw_col_matrix_size": "cỡ ma trận",
    "hw_col_measured": "thời điểm đo",
    "hw_col_exponent": "công suất ~ xung nhịp^",
    "hw_col_design": "thiết kế",
    "hw_col_cores": "số lõi",
    "hw_col_power": "công suất",
    "hw_col_work": "công việc mỗi giây",
    "hw_design_fast": "1 lõi nhanh",
    "hw_design_slow": "lõi chạy ở 1/{ratio} xung nhịp của nó",
    "hw_no_bf16_units": "không có bộ bf16",
    "paper_table_region": "Bài báo năm 2012 và hai công thức của chương (bảng cuộn ngang được)",
    "paper_column_2012": "bài báo năm 2012",
    "paper_column_reference": "chương này: công thức tham chiếu (GPU)",
    "paper_column_laptop": "chương này: công thức cho máy tính xách tay (CPU)",
    "paper_data": "dữ liệu",
    "paper_data_2012": "ILSVRC-2012: 1,28 triệu ảnh màu, 1.000 lớp",
    "paper_data_reference": ("Fashion-MNIST: 60.000 ảnh xám 28x28, 10 lớp, phóng to thành "
                             "224x224"),
    "paper_data_laptop": ("Fashion-MNIST phóng to thành 65x65: toàn bộ 60.000 ảnh ở kích thước "
                          "đầy đủ trên CPU, 5.000 ảnh ở chế độ nhanh"),
    "paper_input": "đầu vào",
    "paper_input_2012": "các vùng 224x224 cắt ngẫu nhiên (và lật) từ ảnh 256x256, RGB",
    "paper_input_reference": "toàn bộ ảnh đã phóng to, một kênh xám",
    "paper_input_laptop": "toàn bộ ảnh đã phóng to, một kênh xám",
    "paper_augmentation": "tăng cường dữ liệu",
    "paper_augmentation_2012": "cắt, lật ngang, đổi màu theo PCA",
    "paper_augmentation_reference": "không",
    "paper_augmentation_laptop": "không",
    "paper_layers": "các tầng",
    "paper_layers_2012": (
        "5 tầng tích chập, 3 tầng kết nối đầy đủ; conv2, conv4 và conv5 chia thành hai nhóm "
        "(mỗi GPU một nhóm); chuẩn hoá phản hồi cục bộ; gộp cực đại 3x3 chồng lấn với sải "
        "bước 2; bản đồ cuối 6x6x256, 9.216 đầu vào cho tầng kết nối đầy đủ đầu tiên"),
    "paper_layers_reference": (
        "cùng loại tầng và độ rộng, không chia nhóm, không chuẩn hoá phản hồi, cùng cách gộp; "
        "bản đồ cuối 5x5x256, 6.400 đầu vào cho tầng kết nối đầy đủ đầu tiên"),
    "paper_layers_laptop": (
        "các tầng của công thức tham chiếu; với ảnh 65 pixel, bản đồ cuối 1x1x256, 256 đầu "
        "vào cho tầng kết nối đầy đủ đầu tiên"),
    "paper_hardware": "phần cứng",
    "paper_hardware_2012": ("hai GTX 580 (mỗi chiếc 3 GiB), mỗi chiếc giữ một nửa bộ lọc của "
                            "mỗi tầng"),
    "paper_hardware_reference": "một GPU",
    "paper_hardware_laptop": ("một CPU, tính bằng bf16 nếu bộ xử lý có phép nhân bf16 trong "
                              "phần cứng"),
    "paper_parameters": "tham số",
    "paper_parameters_2012": "khoảng 60 triệu",
    "paper_parameters_reference": "{params}",
    "paper_parameters_laptop": "{laptop_params} (tầng kết nối đầy đủ đầu tiên có ít đầu vào hơn)",
    "paper_optimizer": "bộ tối ưu",
    "paper_optimizer_2012": "SGD, động lượng 0,9, suy giảm trọng số 0,0005, kích thước batch 128",
    "paper_optimizer_reference": (
        "SGD, không động lượng, không suy giảm trọng số, kích thước batch 128"),
    "paper_optimizer_laptop": (
        "Adam, không suy giảm trọng số, kích thước batch 256 (64 ở chế độ nhanh)"),
    "paper_lr": "tốc độ học",
    "paper_lr_2012": "0,01, chia cho 10 mỗi khi lỗi kiểm định thôi giảm (ba lần)",
    "paper_lr_reference": "0,01, không đổi",
    "paper_lr_laptop": "một chu kỳ: tăng từ 0,00004 lên 0,001 rồi giảm dần về không",
    "paper_training": "huấn luyện",
    "paper_training_2012": "khoảng 90 lượt qua 1,2 triệu ảnh, năm đến sáu ngày",
    "paper_training_reference": "10 lượt qua 60.000 ảnh (thời gian xem ở trang huấn luyện)",
    "paper_training_laptop": "3 lượt qua các ảnh huấn luyện (thời gian xem ở trang huấn luyện)",
    "paper_testing": "kiểm tra",
    "paper_testing_2012": "lấy trung bình dự đoán trên mười vùng cắt",
    "paper_testing_reference": "một dự đoán cho mỗi ảnh",
    "paper_testing_laptop": "một dự đoán cho mỗi ảnh (1.000 ảnh kiểm tra ở chế độ nhanh)",
    "paper_result": "kết quả",
    "paper_result_2012": (
        "lỗi top-5 trên tập kiểm tra 15,3% cho một tổ hợp bảy mạng, hai trong số đó được huấn "
        "luyện trước trên ImageNet Fall 2011, so với 26,2% của đội đứng thứ hai; một mạng đơn: "
        "18,2% top-5 trên tập kiểm định"),
    "paper_result_reference": "độ chính xác kiểm tra (xem trang huấn luyện)",
    "paper_result_laptop": "độ chính xác kiểm tra (xem trang huấn luyện)",
    "ex3_above": (
        "Bước huấn luyện chạy ở {step:,.0f} GFLOP/s và phép nhân hai ma trận vuông cạnh {n} ở "
        "{product:,.0f} GFLOP/s. Một bước nhanh hơn cả phép nhân ma trận cho thấy tốc độ của "
        "phép nhân không phải là tốc độ đỉnh của bộ xử lý này: các hàm tích chập của thư viện, "
        "vốn làm phần lớn phép tính của một bước, đã dùng các đơn vị tính toán tốt hơn phép "
        "nhân ma trận cỡ này của nó. Vậy cả hai tốc độ đều dưới mức đỉnh, và thời gian của một "
        "bước ở đây gần như dành hết cho phép tính: trên một bộ xử lý chậm như thế này, "
        "AlexNet vẫn đo chính phép tính."),
    "ex3_busy": (
        "Bước huấn luyện chạy ở {step:,.0f} GFLOP/s và phép nhân hai ma trận vuông cạnh {n} ở "
        "{product:,.0f} GFLOP/s. Thời gian của một bước ở đây chủ yếu dành cho phép tính, với "
        "tốc độ chênh chưa tới hai lần so với một phép nhân ma trận lớn: trên "
        "một bộ xử lý chậm như thế này, AlexNet "
        "vẫn đo chính phép tính."),
    "ex3_idle": (
        "Bước huấn luyện chạy ở {step:,.0f} GFLOP/s và phép nhân hai ma trận vuông cạnh {n} ở "
        "{product:,.0f} GFLOP/s. Chưa tới một nửa tốc độ của phép nhân, nên một bước ở đây "
        "tốn nhiều thời gian cho các chi phí cố định quanh phép tính (khởi chạy kernel, di "
        "chuyển giá trị kích hoạt, cập nhật trọng số) hơn là cho chính phép tính."),
    "ex4_passed": (
        "LeNet đạt độ chính xác kiểm tra {lenet:.3f} sau {lenet_epochs} epoch, còn AlexNet đạt "
        "{alexnet:.3f} sau {alexnet_epochs} epoch, vượt độ chính xác cuối cùng của LeNet ở "
        "epoch {passed}. Trong {tail} epoch cuối của mỗi lần chạy, tính "
        "ngược từ điểm kết thúc của chính lần chạy đó, độ chính xác kiểm tra của LeNet thay "
        "đổi {lenet_gain:+.3f} và của AlexNet thay đổi {alexnet_gain:+.3f}."),
    "ex4_not_passed": (
        "LeNet đạt độ chính xác kiểm tra {lenet:.3f} sau {lenet_epochs} epoch, còn AlexNet đạt "
        "{alexnet:.3f} sau {alexnet_epochs} epoch, chưa lần nào vượt độ chính xác cuối cùng "
        "của LeNet. Trong {tail} epoch cuối của mỗi lần chạy, tính ngược "
        "từ điểm kết thúc của chính lần chạy đó, độ chính xác kiểm tra của LeNet thay đổi "
        "{lenet_gain:+.3f} và của AlexNet thay đổi {alexnet_gain:+.3f}."),
    "ex4_why": (
        "Lý do để chờ đợi AlexNet tiếp tục tiến bộ lâu hơn: nó có số tham số gấp "
        "{param_ratio:,.0f} lần LeNet và, với ảnh {side} pixel, thực hiện số phép nhân-cộng "
        "cho mỗi ảnh gấp {flop_ratio:,.0f} lần."),
    "this_run_scale": "Lần chạy của chính trang này ({scale}, {run}): ",
    "this_run_quick": (" Một lần chạy nhỏ như vậy chỉ so sánh chi phí của các mạng; độ chính "
                       "xác của chúng hầu như chưa vượt mức đoán mò, nên chưa xếp hạng được gì."),
    "ex5_small_ahead": (
        "SmallNet, với số tham số ít hơn AlexNet {param_ratio:.0f} lần, "
        "huấn luyện số ảnh mỗi giây gấp {speedup:.1f} lần và đạt độ chính xác kiểm tra "
        "{small:.3f}, cao hơn mức {alexnet:.3f} của AlexNet: mạng được thiết kế cho ảnh 28 x 28 "
        "làm tốt hơn với chi phí chỉ bằng một phần nhỏ. SlimAlexNet, với bốn tầng tích chập "
        "hẹp hơn và một tầng kết nối đầy đủ 512, huấn luyện nhanh gấp {slim_speedup:.1f} lần "
        "AlexNet và đạt "
        "{slim:.3f} (chênh {slim_gap:+.3f} so với AlexNet)."),
    "ex5_small_behind": (
        "SmallNet, với số tham số ít hơn AlexNet {param_ratio:.0f} lần, "
        "huấn luyện số ảnh mỗi giây gấp {speedup:.1f} lần và đạt độ chính xác kiểm tra "
        "{small:.3f}, thấp hơn mức {alexnet:.3f} của AlexNet: với cùng số epoch, mạng nhỏ chưa "
        "bắt kịp, dù mỗi epoch của nó chỉ mất một phần nhỏ thời gian. SlimAlexNet, với bốn tầng "
        "tích chập hẹp hơn và một tầng kết nối đầy đủ 512, huấn luyện nhanh gấp {slim_speedup:.1f} "
        "lần AlexNet và đạt {slim:.3f} (chênh {slim_gap:+.3f} so với AlexNet)."),
    "ex5_small_level": (
        "SmallNet, với số tham số ít hơn AlexNet {param_ratio:.0f} lần, "
        "huấn luyện số ảnh mỗi giây gấp {speedup:.1f} lần và đạt độ chính xác kiểm tra "
        "{small:.3f}, ngang với mức {alexnet:.3f} của AlexNet: với cùng số epoch, không mạng "
        "nào vượt lên, còn mỗi epoch của mạng nhỏ chỉ mất một phần nhỏ thời gian. SlimAlexNet, "
        "với bốn tầng tích chập hẹp hơn và một tầng kết nối đầy đủ 512, huấn luyện nhanh gấp "
        "{slim_speedup:.1f} lần AlexNet và đạt {slim:.3f} (chênh {slim_gap:+.3f} so với AlexNet)."),
    "ex6_rising": (
        "Một epoch với kích thước batch 32, 128 và 512 huấn luyện lần lượt {r32:,.0f}, "
        "{r128:,.0f} và {r512:,.0f} ảnh mỗi giây, vậy thông lượng tăng theo kích thước batch, "
        "và kết thúc với độ chính xác kiểm tra {a32:.3f}, {a128:.3f} và {a512:.3f}."),
    "ex6_not_rising": (
        "Một epoch với kích thước batch 32, 128 và 512 huấn luyện lần lượt {r32:,.0f}, "
        "{r128:,.0f} và {r512:,.0f} ảnh mỗi giây: trên thiết bị này thông lượng không tăng đều "
        "theo kích thước batch. "
        "Độ chính xác kiểm tra là {a32:.3f}, {a128:.3f} và {a512:.3f}."),
    "ex6_acc_512_behind": (
        "Trong lần chạy này, batch 128, với số lần cập nhật chỉ bằng một phần tư của batch 32, "
        "kết thúc ngang bằng với nó, còn batch 512 kết thúc thấp hơn {behind:.3f} so với mức "
        "thấp hơn trong hai mức đó."),
    "ex6_acc_falls": ("Trong lần chạy này, độ chính xác sau một epoch giảm dần mỗi khi kích "
                      "thước batch tăng lên."),
    "ex6_acc_level": (
        "Trong lần chạy này, ba độ chính xác sau một epoch chênh nhau không quá {tol:.2f}: "
        "các batch lớn hơn không làm giảm độ chính xác."),
    "ex6_acc_mixed": ("Trong lần chạy này, độ chính xác sau một epoch không giảm đều khi kích "
                      "thước batch tăng lên."),
    "ex6_memory_cpu": "Bộ nhớ đỉnh chỉ được đo trên GPU CUDA.",
    "ex6_memory_gpu": ("Bộ nhớ đỉnh tăng theo kích thước batch, vì giá trị kích hoạt được lưu "
                       "cho từng ảnh."),
    "firstlayer_found": (
        "Sau {epochs} epoch với {train:,} ảnh huấn luyện, mạng đạt độ chính xác kiểm tra "
        "{acc:.3f}, và các bộ lọc của tầng đầu tiên đã thay đổi {change:.1f}% độ lớn ban đầu của "
        "chúng. Phần nằm ngoài không gian sinh chiếm {outside:.0f}% độ lớn của chúng, và bỏ phần "
        "đó đi thì {agree:.0f}% dự đoán trên {test} ảnh kiểm tra vẫn giữ nguyên."),
    "ex7_found": (
        "Sau {epochs} epoch, độ chính xác kiểm tra là {sigmoid:.3f} với LeNet dùng sigmoid, "
        "{relu:.3f} khi dùng ReLU và dropout, và {augmented:.3f} khi thêm lật và dịch ảnh: cao "
        "nhất là *{best}*."),
    "ex7_augment_cost": (
        'Vậy trong lần chạy này, lật và dịch ảnh làm độ chính xác kiểm tra giảm '
        '{cost:.3f}. Một lần chạy dài hơn mới cho biết liệu LeNet nhỏ này chỉ cần hơn '
        '{epochs} epoch cho những ảnh thay đổi mỗi lần nó thấy, hay chính những ảnh biến '
        'đổi ấy làm nó lạc hướng, như các câu tiếp theo gợi ý.'),
    "ex7_augment_gain": (
        'Vậy trong lần chạy này, lật và dịch ảnh làm độ chính xác kiểm tra tăng '
        '{gain:.3f}.'),
    "ex7_augment_level": (
        'Vậy trong lần chạy này, lật và dịch ảnh làm độ chính xác kiểm tra thay đổi chưa '
        'tới {tol:.3f}.'),
    "ex8_gap": (
        "Sau {epochs} epoch trên {train:,} ảnh, khi không dùng dropout, độ chính xác huấn "
        "luyện cuối cùng cao hơn độ chính xác kiểm tra {gap_none:.3f} (cả hai lấy trung bình "
        "qua năm epoch cuối); khi dùng dropout, khoảng cách là {gap_drop:.3f}: dropout đã "
        "thu hẹp nó."),
    "ex8_gap_kept": (
        "Sau {epochs} epoch trên {train:,} ảnh, khi không dùng dropout, độ chính xác huấn "
        "luyện cuối cùng cao hơn độ chính xác kiểm tra {gap_none:.3f} (cả hai lấy trung bình "
        "qua năm epoch cuối); khi dùng dropout, khoảng cách là {gap_drop:.3f}, chỉ hẹp hơn "
        "một chút: trong lần chạy này, dropout không ngăn được mạng khớp ảnh huấn luyện tốt "
        "hơn ảnh mới."),
    "ex8_gap_not_narrower": (
        "Sau {epochs} epoch trên {train:,} ảnh, khi không dùng dropout, độ chính xác huấn "
        "luyện cuối cùng cao hơn độ chính xác kiểm tra {gap_none:.3f} (cả hai lấy trung bình "
        "qua năm epoch cuối); khi dùng dropout, khoảng cách là {gap_drop:.3f}, không hẹp hơn: "
        "trong lần chạy này, dropout không ngăn được mạng khớp ảnh huấn luyện tốt hơn ảnh mới."),
    "ex8_no_gap": (
        "Sau {epochs} epoch trên {train:,} ảnh, khoảng cách giữa độ chính xác huấn luyện và "
        "kiểm tra khi không dùng dropout chỉ là {gap_none:.3f} (khi dùng dropout là "
        "{gap_drop:.3f}): lần chạy quá ngắn để quá khớp."),
    "ex8b_found": (
        "Sau {epochs} epoch trên toàn bộ {train:,} ảnh huấn luyện, khoảng cách giữa độ chính "
        "xác huấn luyện và kiểm tra là {gap_none:.3f} khi không dùng dropout và {gap_drop:.3f} "
        "khi dùng, còn độ chính xác kiểm tra lần lượt là {acc_none:.3f} và {acc_drop:.3f}."),
    "mistakes_one_class": (
        "Mạng của lần chạy này dự đoán *{name}* cho {share:.0f}% ảnh kiểm tra: nó chưa học được "
        "cách phân biệt các lớp, nên các lỗi của nó không cho biết lớp nào trông giống nhau."),
    "mistakes_tied": " Một số nhầm lẫn khác xuất hiện nhiều lần như lỗi cuối cùng ở trên.",
    # văn bản thay thế của hình (d2l_local.plotting.describe), từ dữ liệu hình vẽ
    "figure_curves": ("Đồ thị {n} đường {title} theo {x} từ {x0} đến {x1}: {curves}."),
    "figure_curve_peak": ("{label} tăng từ {first} lên cao nhất {high} tại {x} = {at}, "
                          "rồi giảm xuống {last}"),
    "figure_curve": "{label} đi từ {first} đến {last} (thấp nhất {low}, cao nhất {high})",
    "figure_grid": "Lưới {n} ảnh: {titles}.",
    "figure_matrix": ("Ma trận giá trị {rows} x {cols}, {y} theo chiều dọc và {x} theo "
                      "chiều ngang, cho {names}."),
    "figure_bar_groups": "Biểu đồ {n} cột, {k} dãy số trên {m} hạng mục. {series}",
    "figure_bar_series": "{series}: {values}.",
    "figure_pair": "({x}; {y})",
    "figure_bars": "Biểu đồ {n} cột, {title}: {names}.",
    "figure_values": "giá trị",
    "figure_grid_untitled": "Lưới {n} ảnh.",
    "figure_points": "{n} điểm {y} theo {x}: {points}.",
    "figure_plain": "Một hình.",
    # tools/make_notebooks.py
    "notebook_figure": "Hình",
    "notebook_exercise": "Bài tập",
    "notebook_of": "{text} trong *{title}*",
    "notebook_solution": "Lời giải {number}",
    "notebook_references": "Tài liệu tham khảo",
    "notebook_the_exercise": "bài tập",
    "notebook_values": (
        "Các con số trong bài là của lần chạy của chính cuốn sách: {note} Dưới mỗi đoạn "
        "trích dẫn số liệu, một ô hiển thị các con số của lần chạy của bạn."),
    "notebook_values_missing": (
        "Dưới mỗi đoạn trích dẫn số liệu (được ghi là `tên_như_thế_này` trong bài), một ô "
        "hiển thị các con số của lần chạy của bạn."),
    "notebook_toc": "Các mục của chương này, mỗi mục là một notebook riêng:",
    # bảng điều khiển huấn luyện (d2l_local.runs, d2l_local.widgets): thiết lập, lựa chọn, bảng
    "panel_lr": "tốc độ học",
    "panel_batch_size": "kích thước batch",
    "panel_max_epochs": "số epoch",
    "panel_dropout": "dropout",
    "panel_activation": "hàm kích hoạt",
    "panel_optimizer": "bộ tối ưu",
    "panel_schedule": "lịch tốc độ học",
    "panel_resize": "kích thước đầu vào",
    "panel_train_fraction": "dữ liệu huấn luyện",
    "panel_device": "thiết bị",
    "panel_recipe": "công thức",
    "panel_option_sgd": "SGD",
    "panel_option_momentum": "SGD + động lượng",
    "panel_option_adam": "Adam",
    "panel_option_constant": "tốc độ cố định",
    "panel_option_one_cycle": "một chu kỳ",
    "panel_option_auto": "tự động",
    "panel_one_cycle_suffix": " + một chu kỳ",
    "panel_status_finished": "hoàn tất",
    "panel_status_stopped": "đã dừng",
    "panel_status_interrupted": "bị ngắt",
    "panel_status_diverged": "phân kỳ",
    "panel_status_out_of_memory": "hết bộ nhớ",
    "panel_status_rejected": "bị từ chối",
    "panel_bad_choice": ("{setting}={value} không được phép: {label} của bảng điều khiển phải là "
                         "một trong {allowed}."),
    "panel_bad_number": ("{setting}={value} không được phép: {label} của bảng điều khiển là một "
                         "số từ {low} đến {high}."),
    "panel_bad_whole": ("{setting}={value} không được phép: {label} của bảng điều khiển là một "
                        "số nguyên từ {low} đến {high}."),
    "panel_unknown": "Thiết lập không xác định {names}: bảng điều khiển có {known}.",
    "panel_missing": ("Thiếu thiết lập {names}: một lần chạy cần tất cả chúng "
                      "(d2l.runs.settings() điền chúng từ một công thức)."),
    "panel_column_run": "lần chạy",
    "panel_column_status": "trạng thái",
    "panel_column_lr": "tốc độ học",
    "panel_column_batch": "batch",
    "panel_column_epochs": "epoch",
    "panel_column_dropout": "dropout",
    "panel_column_activation": "kích hoạt",
    "panel_column_optimizer": "bộ tối ưu",
    "panel_column_size": "kích thước",
    "panel_column_data": "dữ liệu",
    "panel_column_train_acc": "độ chính xác huấn luyện",
    "panel_column_test_acc": "độ chính xác kiểm tra",
    "panel_column_rate": "ảnh/giây",
    "panel_column_time": "thời gian",
    "panel_seconds": "{seconds:.1f} giây",
    "panel_no_runs": "chưa có lần chạy nào: hãy nhấn Huấn luyện",
    "panel_train": "Huấn luyện",
    "panel_stop": "Dừng",
    "panel_idle": "đang chờ",
    "panel_runs": "Các lần chạy",
    "panel_compare": "so sánh",
    "panel_run": "lần chạy {run}",
    "panel_batch_progress": "epoch {epoch}: {batch}/{batches}",
    "panel_training_on": "đang huấn luyện trên {device}…",
    "panel_epoch_done": "epoch {epoch}: {rate:,.0f} ảnh/giây, độ chính xác kiểm tra {acc:.3f}",
    "panel_run_done": "lần chạy {run} {status} sau {seconds:.1f} giây; {rate:,.0f} ảnh/giây",
    "panel_data": "huấn luyện trên {images:,} ảnh",
    "panel_data_quick": "huấn luyện trên {images:,} ảnh (chế độ nhanh)",
    "panel_busy": "Đang có một lần chạy: hãy đợi nó kết thúc, hoặc nhấn Dừng.",
    "panel_stopping": "Đang dừng…",
    "panel_stopped_by_user": "đã bị người dùng dừng",
    "panel_frozen_title": "Bảng điều khiển huấn luyện (đã đóng băng).",
    "panel_frozen_why": (
        "Trên trang tĩnh này bảng điều khiển không thể huấn luyện: nó cần một kernel Python đang "
        "chạy. Để dùng nó, hãy mở trang này trong JupyterLab, hoặc trong Colab bằng các nút khởi "
        "chạy ở đầu trang."),
    "panel_frozen_settings": "Thiết lập của lần chạy cuối:",
    "panel_frozen_runs": "Các lần chạy được thực hiện khi trang này được xây dựng:",
    "panel_frozen_runs_region": "Các lần chạy được thực hiện khi trang này được xây dựng",
    # các so sánh dựng sẵn của bảng điều khiển (d2l_local.runs.PRESETS)
    "panel_preset": "so sánh dựng sẵn",
    "panel_run_preset": "Chạy so sánh",
    "panel_preset_queued": (
        "So sánh “{title}”: đã xếp {count} lần chạy; mỗi lần hiện trong bảng "
        "khi kết thúc, và biểu đồ so sánh vẽ chúng cùng nhau."
    ),
    "panel_preset_skipped": "So sánh đã dừng: các lần chạy sau lần bị dừng không được thực hiện.",
    "preset_relu_sigmoid": "ReLU so với sigmoid",
    "preset_relu_sigmoid_expect": (
        "Hai lần chạy chỉ khác nhau ở hàm kích hoạt. Dự kiến mạng sigmoid học chậm hơn: hàm "
        "sigmoid bão hòa nên gradient truyền về các tầng đầu rất nhỏ, và độ chính xác kiểm tra "
        "của nó sẽ ở gần mức đoán ngẫu nhiên (0,10) lâu hơn trong khi của mạng ReLU tăng lên. "
        "Với một lần chạy rất ngắn, cả hai có thể vẫn gần mức đoán ngẫu nhiên."),
    "preset_dropout": "Có và không có dropout",
    "preset_dropout_expect": (
        "Hai lần chạy với dropout 0,5 và 0,0 ở hai tầng kết nối đầy đủ ẩn. Dự kiến lần chạy "
        "không có dropout khớp các ảnh huấn luyện nhanh hơn, nên độ chính xác huấn luyện của nó "
        "ngày càng cao hơn độ chính xác kiểm tra qua các epoch. Sau một hai epoch, khoảng cách "
        "này có thể chưa xuất hiện, và lần chạy không có dropout thậm chí có thể kiểm tra tốt "
        "hơn một chút."),
    "preset_lr_x10": "Tốc độ học ×10",
    "preset_lr_x10_expect": (
        "Hai lần chạy: tốc độ học của công thức và gấp mười lần. Dự kiến bước lớn hơn làm mất "
        "mát nhảy loạn hoặc tăng lên: lần chạy có thể kết thúc ở trạng thái phân kỳ (bảng sẽ ghi "
        "rõ, kèm lời khuyên) hoặc ở gần mức đoán ngẫu nhiên. Nếu không phân kỳ, các epoch đầu "
        "của nó cũng có thể tiến nhanh hơn công thức: điều nào xảy ra tùy vào bộ tối ưu."),
    "preset_size": "65 so với 224 pixel",
    "preset_size_expect": (
        "Hai lần chạy trên cùng các ảnh, được phóng lên 65 và 224 pixel. Phóng ảnh không thêm "
        "thông tin, nên dự kiến độ chính xác gần nhau; nhưng một ảnh 224 pixel tốn khoảng "
        "{ratio:.0f} lần phép tính của một ảnh 65 pixel, nên dự kiến lần chạy 224 pixel lâu "
        "hơn nhiều lần: trên CPU 2 nhân là vài phút, trong khi lần chạy 65 pixel chỉ vài giây "
        "(chọn so sánh này trong bảng điều khiển sẽ đo thời gian trên máy này)."),
    "preset_estimate": (
        "Ước tính trên máy này, từ các bước huấn luyện vừa đo: {runs} ({images:,} ảnh huấn "
        "luyện, số epoch: {epochs}; chưa tính thời gian nạp dữ liệu)."),
    "preset_run_estimate": "{value}: khoảng {duration}",
    # giáo án cho giáo viên (d2l_local.lessons)
    "lesson_table_region": "Kế hoạch bài học (bảng cuộn ngang được)",
    "preset_table_region": "Các so sánh dựng sẵn của bảng điều khiển (bảng cuộn ngang được)",
    "preset_column_name": 'so sánh dựng sẵn',
    "preset_column_values": 'các giá trị được so sánh',
    "preset_column_expect": 'điều nên thấy',
    "lesson_timed_run": '{scale}, {device}, {date}: {pages}',
    "lesson_no_timed_run": 'Chưa có lần chạy có đo thời gian nào được ghi lại.',
    "lesson_column_step": "bước",
    "lesson_column_page": "trang",
    "lesson_column_cells": "mã cần chạy",
    "lesson_column_minutes": "số phút dự kiến",
    "lesson_column_what": "việc cần làm",
    "lesson_scale_quick": "thời gian các ô, chế độ nhanh",
    "lesson_scale_cpu": "thời gian các ô, kích thước đầy đủ trên CPU",
    "lesson_scale_gpu": "thời gian các ô, kích thước đầy đủ trên GPU",
    "lesson_cells_to": "từ đầu trang đến hết mục “{section}”",
    "lesson_cells_all": "cả trang",
    "lesson_scale_on": "Thời gian ở {scale} được đo trên {device}.",
    "lesson_seconds": "{seconds:.1f} giây",
    "lesson_not_timed": "Chưa được tính giờ, nên bảng không có cột tương ứng: {scales}.",
    "lesson_scales_and": " và ",
    "lesson_over_plan": " (lâu hơn số phút dự kiến: hãy chạy trước buổi học, hoặc ở chế độ nhanh)",
    "lesson_measured": "{seconds:.1f} giây trên {device}",
    "lesson_unmeasured": "chưa được đo",
    "lesson_page_changed": ("chưa đo: lần chạy đo giờ này chạy một phiên bản cũ hơn của trang, "
                            "với các ô khác"),
    "lesson_page_unmeasured": "chưa đo: lần chạy đo giờ này bỏ qua trang này",
    "lesson_total": "Tổng số phút dự kiến: {minutes}.",
    "lesson_why_2012": "Hỏi vì sao CNN có từ 1989 mà đến 2012 mới thắng; ghi lại các câu trả lời.",
    "lesson_features": (
        "Cho xem một đặc trưng thủ công, rồi bàn xem học đặc trưng thay đổi điều "
        "gì."
    ),
    "lesson_model": "Đi qua từng tầng; cho xem ReLU so với sigmoid và dropout.",
    "lesson_panel": "Chạy trực tiếp so sánh ReLU với sigmoid; cho lớp dự đoán trước khi xong.",
    "lesson_summary": "Cùng đọc phần tóm tắt; giao hai bài tập về nhà.",
    "lesson_data": "Nạp Fashion-MNIST; đo chi phí của việc phóng ảnh lên 224 pixel.",
    "lesson_hardware": "So sánh CPU và GPU; đo tốc độ của máy này.",
    "lesson_model_all": "Dựng AlexNet; đếm tham số và FLOP của từng tầng.",
    "lesson_training": "Huấn luyện bằng công thức của máy; sau đó chạy các so sánh theo cặp.",
    "lesson_firstlayer": "Huấn luyện ngắn rồi xem các bộ lọc của tầng đầu tiên.",
    "figure_window_grid": (
        "Cận cảnh một ảnh kiểm tra phóng to {scale} lần, mỗi cạnh {span} pixel gốc, độ xám đổi "
        "mượt từ pixel gốc này sang pixel gốc kế bên. Đường trắng đánh dấu biên của các pixel "
        "gốc, còn các chấm là tâm của chúng. Ô vuông đỏ nét liền đánh dấu một cửa sổ có cạnh "
        "{kernel} pixel; ô nét đứt là cửa sổ kế tiếp, lệch {stride} pixel sang phải."),
    "figure_filter_parts": (
        "{rows} hàng gồm cùng {n} bộ lọc tầng đầu, mỗi bộ là một hình vuông cạnh {k} trọng "
        "số: sau huấn luyện, phần nằm trong không gian sinh của các mảng, và phần còn lại. "
        "Đỏ là dương, xanh là âm, mỗi cột dùng chung một thang màu."),
    "figure_filters": (
        "{n} bộ lọc tầng đầu, mỗi bộ là một hình vuông cạnh {k} trọng số, mỗi bộ vẽ theo thang "
        "xám riêng từ trọng số âm nhất (đen) đến dương nhất (trắng)."),
    "lesson_exercises": ("Từng cặp chọn một bài tập, chạy ô đầu tiên của trang và các ô của bài "
                         "tập đó, rồi trình bày trong hai phút (thời gian trong bảng là của mọi "
                         "bài tập)."),
}

# Fashion-MNIST's classes (d2l_local.data.TEXT_LABELS), as the prose names them
CLASS_NAMES = {
    "t-shirt": "áo phông",
    "trouser": "quần dài",
    "pullover": "áo len chui đầu",
    "dress": "váy liền",
    "coat": "áo khoác",
    "sandal": "xăng-đan",
    "shirt": "áo sơ mi",
    "sneaker": "giày thể thao",
    "bag": "túi xách",
    "ankle boot": "bốt cổ ngắn",
}


# The words of the figures the code draws (d2l_local.figtext), and patterns of them.
FIGURE_TEXT = {
    "epoch": "epoch",
    "predicted": "lớp dự đoán",
    "true": "lớp thật",
    "accuracy": "độ chính xác",
    "train_loss": "mất mát huấn luyện",
    "val_loss": "mất mát kiểm tra",
    "train_acc": "độ chính xác huấn luyện",
    "val_acc": "độ chính xác kiểm tra",
    "training": "huấn luyện",
    "test": "kiểm tra",
    "training loss": "mất mát huấn luyện",
    "test loss": "mất mát kiểm tra",
    "train loss": "mất mát huấn luyện",
    "test acc": "độ chính xác kiểm tra",
    "training accuracy": "độ chính xác huấn luyện",
    "test accuracy": "độ chính xác kiểm tra",
    "test accuracy of the chosen runs": "độ chính xác kiểm tra của các lần chạy đã chọn",
    "image": "ảnh",
    "images (log scale)": "số ảnh (thang logarit)",
    "ILSVRC-2012 training set": "tập huấn luyện ILSVRC-2012",
    "GTX 580 (one of AlexNet's two)": "GTX 580 (một trong hai card của AlexNet)",
    "year": "năm",
    "peak FLOP/s (log scale)": "FLOP/s đỉnh (thang logarit)",
    "% of parameters": "% số tham số",
    "% of forward FLOPs": "% FLOPs lượt xuôi",
    "percent": "phần trăm",
    "activation": "hàm kích hoạt",
    "derivative": "đạo hàm",
    "trained": "sau huấn luyện",
    "inside": "trong không gian sinh",
    "outside": "ngoài không gian sinh",
    "original pixel centres": "tâm các pixel gốc",
    "one window": "một cửa sổ",
    "the next window": "cửa sổ kế tiếp",
    "enlarged pixel (column)": "pixel phóng to (cột)",
    "enlarged pixel (row)": "pixel phóng to (hàng)",
    "first-layer filters after training": "bộ lọc tầng đầu sau huấn luyện",
    "no dropout": "không dropout",
    "LeNet + ReLU + dropout": "LeNet + ReLU + dropout",
    "... + flips and shifts": "... + lật và dịch ảnh",
    # the layer explorer (d2l_local.explorer)
    "true class": "lớp thật",
    "occlusion": "che khuất",
    "integrated gradients": "gradient tích phân",
}
FIGURE_PATTERNS = [
    (r"run (\d+)", "lần chạy {0}"),
    (r"→ (.+)", "→ {0}"),
    (r"(.+) \((\d{4})\)", "{0} ({1})"),
    (r"(.+), bf16 matrix", "{0}, ma trận bf16"),
    (r"measured: (.+), (fp32|bf16)", "đo được: {0}, {1}"),
    (r"(\d+) epochs on (.+)", "{0} epoch trên {1}"),
    (r"(\d+x\d+) windows on an image enlarged (\d+) times", "cửa sổ {0} trên ảnh phóng to {1} lần"),
    (r"(\d+) row shapes and the (\d+) patches they make",
     "{0} dạng hàng và {1} mảng chúng tạo ra"),
    (r"(\d+x\d+) filters on (\d+x\d+) images", "bộ lọc {0} trên ảnh {1}"),
    (r"learning rate ([\d.e+-]+)", "tốc độ học {0}"),
    (r"dropout ([\d.]+)", "dropout {0}"),
    (r"batch (\d+)", "kích thước batch {0}"),
    (r"(.+): (.+)", "{0}: {1}"),
    # the layer explorer (d2l_local.explorer)
    (r"test image (\d+) \((.+)\)", "ảnh kiểm tra {0} ({1})"),
    (r"channels ([\d, ]+) of (\d+)", "kênh {0} (trong {1} kênh)"),
    (r"receptive field of (conv\d+) unit \((\d+), (\d+)\)",
     "vùng tiếp nhận của đơn vị ({1}, {2}) ở {0}"),
    (r"(\d+x\d+) pixels", "{0} pixel"),
    (r"(\d+x\d+) pixels, (\d+x\d+) in the image", "{0} pixel, {1} trong ảnh"),
    (r"(conv\d+), channel (\d+)", "{0}, kênh {1}"),
    (r"the most exciting of (\d+) test images",
     "những ảnh kích hoạt nó mạnh nhất trong {0} ảnh kiểm tra"),
    (r"top (\d+) predictions \(probability\)", "{0} dự đoán hàng đầu (xác suất)"),
    (r"red raises the score of (.+), blue lowers it",
     "đỏ làm tăng điểm của {0}, xanh làm giảm"),
]
