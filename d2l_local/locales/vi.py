"""Tiếng Việt: các câu do mã của chương viết vào trang (cùng khóa và chỗ giữ chỗ như en.py)."""

TEXT = {
    "run_mode_quick": (
        "Trang này được chạy ở **chế độ nhanh** (`D2L_QUICK=1`) trên {device}, quy mô nhỏ nhất "
        "trong ba quy mô của chương: mỗi thí nghiệm chỉ dùng một phần nhỏ của dữ liệu thật. Ở "
        "những chỗ bài học cần một mạng đã huấn luyện, trang vẫn huấn luyện một mạng như vậy; "
        "ở những câu hỏi cần lần chạy đầy đủ, văn bản nói rõ điều đó và đưa ra kết quả mà lần "
        "chạy kích thước đầy đủ đã ghi lại.{change}"),
    "run_mode_cpu": (
        "Trang này được chạy ở **kích thước đầy đủ trên CPU** trên {device}: toàn bộ tập huấn "
        "luyện và tập kiểm tra, mỗi thí nghiệm với một công thức được định cỡ cho CPU hai "
        "nhân.{change}"),
    "run_mode_gpu": (
        "Trang này được chạy ở **kích thước đầy đủ trên GPU** trên {device}: toàn bộ dữ liệu và "
        "công thức tham chiếu."),
    "run_mode_running": " Thời gian chạy sẽ được ghi thêm vào đây khi trang chạy xong.",
    "run_mode_took": " Từ ghi chú này đến cuối trang mất {duration}.",
    "duration_s": "{s} giây",
    "duration_under_1s": "dưới 1 giây",
    "duration_min": "{m} phút {s} giây",
    "nav_toggle": "Hiện hoặc ẩn các trang của mục này",
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
        "ảnh 224 điểm ảnh, hai mươi epoch khi đề bài yêu cầu); mỗi lời giải cho biết dạng nào "
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
        "sơ mi): ở kích thước 28 x 28 điểm ảnh xám, chúng chỉ khác nhau ở tay áo và cổ áo."),
    "mistakes_some_tops": ("{among} trong số {count} lỗi này là nhầm lẫn giữa các loại áo (áo "
                           "phông, áo len chui đầu, áo khoác và áo sơ mi)."),
    "reference recipe": "công thức tham chiếu",
    "laptop recipe": "công thức cho máy tính xách tay",
    "run_summary": (
        "Trên {device}, {recipe} đạt độ chính xác kiểm tra {accuracy} {scale}, huấn luyện "
        "với tốc độ trung bình {rate:,.0f} ảnh mỗi giây trên cả lần chạy (số học "
        "{precision}); huấn luyện và kiểm tra mất {duration}."),
    "training_found_laptop": (
        "công thức cho máy tính xách tay đạt độ chính xác kiểm tra {acc:.3f} sau {epochs} "
        "epoch với {train:,} ảnh huấn luyện; huấn luyện và kiểm tra mất {fit_s:,.0f} giây."),
    "training_found_reference": (
        "công thức tham chiếu đạt độ chính xác kiểm tra {acc:.3f} sau {epochs} epoch với "
        "{train:,} ảnh huấn luyện; huấn luyện và kiểm tra mất {fit_s:,.0f} giây."),
    "training_no_gpu_run": (
        "Bản sách này không kèm lần chạy nào như vậy: hãy chạy trang này trên một máy có GPU, "
        "và lần chạy ở trên chính là lần chạy đó."),
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
        "(ảnh 224 điểm ảnh, mười epoch); các góc nhìn vẫn như vậy."),
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
        "Trong lần chạy này ({scale}, ảnh {side} điểm ảnh), tỉ lệ của tám ảnh kiểm tra kích "
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
        "Đo trên {device}: hai bước huấn luyện mạng này với batch 128 dùng tối đa "
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
    "gpu_missing": ("Không tìm thấy GPU nên bảng chỉ có CPU; tốc độ đo trên GPU được trình bày "
                    "bên dưới, ở những nơi đã ghi lại một lần chạy trên GPU."),
    "ex3_busy": (
        "Vậy ở đây một bước huấn luyện giữ cho các đơn vị tính toán luôn bận, và AlexNet đo "
        "chúng một cách công bằng: với một bộ xử lý có tốc độ như thế này, nó vẫn là một "
        "phép đo chuẩn hữu ích."),
    "ex3_idle": (
        "Vậy ở đây phần lớn các đơn vị tính toán ngồi không trong một bước, và bước đó đo "
        "các chi phí cố định quanh phép tính nhiều hơn là chính phép tính."),
    "ex4_passed": (
        "LeNet đạt độ chính xác kiểm tra {lenet:.3f} sau {lenet_epochs} epoch, còn AlexNet đạt "
        "{alexnet:.3f} sau {alexnet_epochs} epoch, vượt độ chính xác cuối cùng của LeNet ở "
        "epoch {passed}. Trong {tail} epoch cuối của mỗi lần chạy, độ chính xác kiểm tra của "
        "LeNet thay đổi {lenet_gain:+.3f} và của AlexNet thay đổi {alexnet_gain:+.3f}."),
    "ex4_not_passed": (
        "LeNet đạt độ chính xác kiểm tra {lenet:.3f} sau {lenet_epochs} epoch, còn AlexNet đạt "
        "{alexnet:.3f} sau {alexnet_epochs} epoch, chưa lần nào vượt độ chính xác cuối cùng "
        "của LeNet. Trong {tail} epoch cuối của mỗi lần chạy, độ chính xác kiểm tra của LeNet "
        "thay đổi {lenet_gain:+.3f} và của AlexNet thay đổi {alexnet_gain:+.3f}."),
    "ex5_small_ahead": (
        "Sau {epochs} epoch, SmallNet, với số tham số ít hơn AlexNet {param_ratio:.0f} lần, "
        "huấn luyện số ảnh mỗi giây gấp {speedup:.1f} lần và đạt độ chính xác kiểm tra "
        "{small:.3f}, cao hơn mức {alexnet:.3f} của AlexNet: mạng được thiết kế cho ảnh 28 x 28 "
        "làm tốt hơn với chi phí chỉ bằng một phần nhỏ. SlimAlexNet, giữ hình dạng của AlexNet "
        "với một phần tư số kênh, huấn luyện nhanh gấp {slim_speedup:.1f} lần AlexNet và đạt "
        "{slim:.3f} (chênh {slim_gap:+.3f} so với AlexNet)."),
    "ex5_small_behind": (
        "Sau {epochs} epoch, SmallNet, với số tham số ít hơn AlexNet {param_ratio:.0f} lần, "
        "huấn luyện số ảnh mỗi giây gấp {speedup:.1f} lần và đạt độ chính xác kiểm tra "
        "{small:.3f}, thấp hơn mức {alexnet:.3f} của AlexNet: với cùng số epoch, mạng nhỏ chưa "
        "bắt kịp, dù mỗi epoch của nó chỉ mất một phần nhỏ thời gian. SlimAlexNet, giữ hình "
        "dạng của AlexNet với một phần tư số kênh, huấn luyện nhanh gấp {slim_speedup:.1f} "
        "lần AlexNet và đạt {slim:.3f} (chênh {slim_gap:+.3f} so với AlexNet)."),
    "ex6_rising": (
        "Một epoch với batch 32, 128 và 512 huấn luyện lần lượt {r32:,.0f}, {r128:,.0f} và "
        "{r512:,.0f} ảnh mỗi giây, vậy thông lượng tăng theo batch, và kết thúc với độ chính "
        "xác kiểm tra {a32:.3f}, {a128:.3f} và {a512:.3f}."),
    "ex6_not_rising": (
        "Một epoch với batch 32, 128 và 512 huấn luyện lần lượt {r32:,.0f}, {r128:,.0f} và "
        "{r512:,.0f} ảnh mỗi giây: trên thiết bị này thông lượng không tăng đều theo batch. "
        "Độ chính xác kiểm tra là {a32:.3f}, {a128:.3f} và {a512:.3f}."),
    "ex6_memory_cpu": "Bộ nhớ đỉnh chỉ được đo trên GPU CUDA.",
    "ex6_memory_gpu": ("Bộ nhớ đỉnh tăng theo kích thước batch, vì giá trị kích hoạt được lưu "
                       "cho từng ảnh."),
    "ex7_found": (
        "Sau {epochs} epoch, độ chính xác kiểm tra là {sigmoid:.3f} với LeNet dùng sigmoid, "
        "{relu:.3f} khi dùng ReLU và dropout, và {augmented:.3f} khi thêm lật và dịch ảnh: cao "
        "nhất là *{best}*."),
    "ex8_gap": (
        "Sau {epochs} epoch trên {train:,} ảnh, khi không dùng dropout, độ chính xác huấn "
        "luyện cuối cùng cao hơn độ chính xác kiểm tra {gap_none:.3f} (cả hai lấy trung bình "
        "qua năm epoch cuối); khi dùng dropout, khoảng cách là {gap_drop:.3f}: dropout đã "
        "thu hẹp nó."),
    "ex8_gap_kept": (
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
    "figure_curve": "{label} đi từ {first} đến {last} (thấp nhất {low}, cao nhất {high})",
    "figure_grid": "Lưới {n} ảnh: {titles}.",
    "figure_matrix": ("Ma trận giá trị {rows} x {cols}, {y} theo chiều dọc và {x} theo "
                      "chiều ngang, cho {names}."),
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
    "preset_size": "65 so với 224 điểm ảnh",
    "preset_size_expect": (
        "Hai lần chạy trên cùng các ảnh, được phóng lên 65 và 224 điểm ảnh. Phóng ảnh không thêm "
        "thông tin, nên dự kiến độ chính xác gần nhau; nhưng một ảnh 224 điểm ảnh tốn khoảng "
        "{ratio:.0f} lần phép tính của một ảnh 65 điểm ảnh, nên dự kiến lần chạy 224 điểm ảnh lâu "
        "hơn nhiều lần: trên CPU 2 nhân là vài phút, trong khi lần chạy 65 điểm ảnh chỉ vài giây "
        "(chọn so sánh này trong bảng điều khiển sẽ đo thời gian trên máy này)."),
    "preset_estimate": (
        "Ước tính trên máy này, từ các bước huấn luyện vừa đo: {runs} ({images:,} ảnh huấn "
        "luyện, số epoch: {epochs}; chưa tính thời gian nạp dữ liệu)."),
    "preset_run_estimate": "{value}: khoảng {duration}",
    # giáo án cho giáo viên (d2l_local.lessons)
    "lesson_table_region": "Kế hoạch bài học (bảng cuộn ngang được)",
    "preset_table_region": "Các so sánh dựng sẵn của bảng điều khiển (bảng cuộn ngang được)",
    "lesson_column_step": "bước",
    "lesson_column_page": "trang",
    "lesson_column_cells": "ô mã cần chạy",
    "lesson_column_minutes": "số phút dự kiến",
    "lesson_column_what": "việc cần làm",
    "lesson_scale_quick": "thời gian các ô, chế độ nhanh",
    "lesson_scale_cpu": "thời gian các ô, CPU kích thước đầy đủ",
    "lesson_scale_gpu": "thời gian các ô, GPU kích thước đầy đủ",
    "lesson_cells": "{first}–{last}",
    "lesson_measured": "{seconds:.1f} giây trên {device}",
    "lesson_unmeasured": "chưa được đo (không có tệp thời gian)",
    "lesson_page_unmeasured": "chưa đo: tệp thời gian không có trang này",
    "lesson_total": "Tổng số phút dự kiến: {minutes}.",
    "lesson_why_2012": "Hỏi vì sao CNN có từ 1995 mà đến 2012 mới thắng; ghi lại các câu trả lời.",
    "lesson_features": (
        "Cho xem một đặc trưng thủ công, rồi bàn xem học đặc trưng thay đổi điều "
        "gì."
    ),
    "lesson_model": "Đi qua từng tầng; cho xem ReLU so với sigmoid và dropout.",
    "lesson_panel": "Chạy trực tiếp so sánh ReLU với sigmoid; cho lớp dự đoán trước khi xong.",
    "lesson_summary": "Cùng đọc phần tóm tắt; giao hai bài tập về nhà.",
    "lesson_data": "Nạp Fashion-MNIST; đo chi phí của việc phóng ảnh lên 224 điểm ảnh.",
    "lesson_hardware": "So sánh CPU và GPU; đo tốc độ của máy này.",
    "lesson_model_all": "Dựng AlexNet; đếm tham số và FLOP của từng tầng.",
    "lesson_training": "Huấn luyện bằng công thức của máy; sau đó chạy các so sánh theo cặp.",
    "lesson_firstlayer": "Huấn luyện ngắn rồi xem các bộ lọc của tầng đầu tiên.",
    "lesson_exercises": "Từng cặp chọn một bài tập, chạy và trình bày trong hai phút.",
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
    (r"(\d+x\d+) windows on a (\d+)x enlargement", "cửa sổ {0} trên ảnh phóng to {1} lần"),
    (r"(\d+) row shapes and the (\d+) patches they make",
     "{0} dạng hàng và {1} mảng ảnh chúng tạo ra"),
    (r"(\d+x\d+) filters on (\d+x\d+) images", "bộ lọc {0} trên ảnh {1}"),
    (r"dropout ([\d.]+)", "dropout {0}"),
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
