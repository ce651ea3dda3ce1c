"""中文：章节代码写入页面的句子（键与占位符同 en.py）。"""

TEXT = {
    "run_mode_quick": (
        "本页以**快速模式**（`D2L_QUICK=1`）在 {device} 上运行，这是本章三种规模中最小的一种："
        "每个实验只用了真实数据的一小部分。需要训练好的网络才能讲清的内容，本页仍会训练出一个；"
        "需要完整运行才能回答的问题，正文会说明这一点，并给出已记录的全尺寸运行的结果。{change}"),
    "run_mode_cpu": (
        "本页以 **CPU 全尺寸**在 {device} 上运行：实验需要时使用全部真实图像，每个实验的规模都按双核 "
        "CPU 设定（正文会说明每个实验用了多少张图像）。{change}"),
    "run_mode_gpu": "本页以 **GPU 全尺寸**在 {device} 上运行：完整数据，参考方案。",
    "run_mode_running": "本页运行结束后，这里会补上所用的时间。",
    "run_mode_took": "从这条说明到本页结束共用时 {duration}。",
    "duration_s": "{s} 秒",
    "duration_under_1s": "不到 1 秒",
    "duration_min": "{m} 分 {s} 秒",
    "code_show": "显示代码",
    "code_hide": "隐藏代码",
    # the architecture figure's boxes (tools/draw_architecture.py)
    "arch_input": "输入",
    "arch_image": "{shape} 图像",
    "arch_conv": "卷积 {k}",
    "arch_stride": "步幅 {n}",
    "arch_pad": "填充 {n}",
    "arch_max_pool": "最大汇聚 {k}",
    "arch_avg_pool": "平均汇聚 {k}",
    "arch_dense": "全连接 {n}",
    "arch_dropout": "暂退法 {p:g}",
    # the library's own messages, printed in the reader's language (config.say)
    "msg_quick": (
        '[d2l_local] 快速模式（D2L_QUICK=1）：这些页面上的每个实验'
        '都自行设定了更小的规模；只有未指定规模（没有 num_train 或 num_v'
        'al）的数据集才会被截取为 {train:wan}张训练图像和 {val:wan}张'
        '测试图像。取消设置 D2L_QUICK 即可完整运行。'),
    "msg_no_gpu": '未找到GPU：在CPU上训练，速度较慢（“训练AlexNet”一页的“两种方案”一节说明了有哪些变化）。',
    "msg_training_on": '在 {device} 上训练。',
    "msg_training_on_ranks": '在 {device} 上以 {world} 个数据并行进程训练。',
    "msg_train_more": (
        '这个训练器已经运行了它的 {done} 轮；再训练 {more} 轮（第 {fi'
        'rst} 轮到第 {last} 轮）。设置 trainer.max_epochs'
        ' 可以选择在哪一轮停止。'),
    "msg_interrupted": '在完成 {epochs} 轮之后被中断；trainer.history 和模型都已保留。',
    "msg_stopped": '在完成 {epochs} 轮之后停止。',
    # the labels of the tables the pages show (summary.TABLE_LABELS)
    "table_layer": '层',
    "table_type": '类型',
    "table_input_shape": '输入形状',
    "table_output_shape": '输出形状',
    "table_parameters": '参数',
    "table_forward_flops": '前向FLOPs',
    "table_activation_mib": '激活值 (MiB)',
    "table_kind": '种类',
    "table_value_conv": '卷积',
    "table_value_pool": '汇聚',
    "table_kernel": '核大小',
    "table_stride": '步幅',
    "table_padding": '填充',
    "table_output_side": '输出边长',
    "table_jump": '跳距',
    "table_receptive_field": '感受野',
    "table_enlargement": '放大倍数',
    "table_spanned": '张成的方向数（共121个）',
    "table_random_pixels": '同上，随机像素',
    "table_top9": '前9个方向的能量占比',
    "table_for999": '达到99.9%所需的方向数',
    "table_image_side": '图像边长',
    "table_original_pixels": '原始像素数',
    "table_independent_functions": '独立函数数',
    "table_nearest_spanned": '最近邻：张成的方向数',
    "table_bilinear_spanned": '双线性：张成的方向数',
    "table_bicubic_spanned": '双三次：张成的方向数',
    "table_epoch": '轮 (epoch)',
    "table_train_loss": '训练损失 (train_loss)',
    "table_train_acc": '训练准确率 (train_acc)',
    "table_val_loss": '测试损失 (val_loss)',
    "table_val_acc": '测试准确率 (val_acc)',
    "table_images_per_s": '每秒图像数 (images_per_s)',
    "table_epoch_s": '每轮秒数 (epoch_s)',
    "table_experiment": '实验',
    "table_epochs": '轮数',
    "table_images_s": '每秒图像数 (images/s)',
    "table_peak_mib": '内存峰值 (peak MiB)',
    "table_seconds": '秒数 (seconds)',
    "table_cut": '被中断 (cut)',
    "table_gap": '差距 (gap)',
    "table_relu": '梯度范数，relu',
    "table_sigmoid": '梯度范数，sigmoid',
    "table_ratio": '比值 (relu/sigmoid)',
    "table_input_relu": '输入的平均绝对值，relu',
    "table_input_sigmoid": '输入的平均绝对值，sigmoid',
    "table_output_chw": '输出 (C, H, W)',
    "table_convolutions": '卷积层',
    "table_dense": '全连接层',
    "table_other": '其他',
    "table_weights_mib": '权重 (MiB)',
    "table_batch_1": '批量大小 1',
    "table_batch_128": '批量大小 128',
    "table_channels": '通道数',
    "table_map_side": '特征图边长',
    "table_rf_side": '感受野边长',
    "table_silent_channels": '静默通道数',
    "table_top8_agreement": '前 8 张图像的类别一致度',
    "table_image": '图像',
    "table_channel": '通道',
    "table_unit": '单元',
    "table_top_images_first": '最强图像，首次',
    "table_attribute_occlusion": '归因：遮挡',
    "table_attribute_ig": '归因：积分梯度',
    "table_wall": '墙钟时间 (wall)',
    "table_cpu": '处理器时间 (cpu)',
    "table_value": '值',
    "table_forward_gflops": '前向 GFLOPs',
    "table_ms_per_batch": '每批 64 张的毫秒数',
    "table_training_images": '训练图像数',
    "table_fraction_zeroed": '置零的比例',
    "table_largest_value": '最大值',
    "table_mean_training": '训练时的均值',
    "table_mean_evaluation": '评估时的均值',
    "table_random_agreement": '类别一致度，随机 8 张图像',
    "table_output_change": '第一层输出的最大变化',
    "table_predictions_unchanged": '测试预测不变的比例',
    "table_basis_products": '乘积',
    "table_products_rank": '乘积的秩',
    "table_products_outside": '位于实测张成空间之外的最大比例',
    "table_optimiser": '优化器',
    "table_faint_step": '一步落在微弱方向上的比例',
    "table_class_name": '类别',
    "table_closer_mirrored": '比镜像翻转后更接近类别均值',
    "table_closer_upside_down": '比上下颠倒后更接近类别均值',
    "table_outside_size": '外部部分的大小',
    "table_pixels_per_window": '每个窗口的原始像素数',
    "table_functions_are_pixels": '每个窗口：函数数 = 像素数',
    "table_windows": '窗口数',
    "table_alexnet_tflops": 'AlexNet 的 TFLOP/s',
    "table_product_tflops": '矩阵乘积的 TFLOP/s',
    "table_matrix_size": '矩阵大小',
    "table_share": '占比',
    "table_change_inside": '张成空间之内的变化',
    "table_change_outside": '张成空间之外的变化',
    "value_true": '是',
    "value_false": '否',
    "explorer_frozen_title": '层浏览器（静态）。',
    "explorer_frozen": (
        '在这个静态页面上，浏览器显示的是第 {image} 张测试图像、{layer}、通道 {channel}、单元 {unit}；在JupyterLab或Colab中打开本页即可选择其他内容。'),
    "nav_toggle": "展开或收起本节的页面",
    "device_cpu": "cpu（{name}，{threads} 个线程）",
    "device_cpu_1": "cpu（{name}，1 个线程）",
    "book_author": "d2l_local 章节的作者们",
    "scale_same": "本页不训练网络，因此只有测得的时间随规模而变。",
    "scale_change_firstlayer": "在 GPU 全尺寸下，本页运行相同的实验（它们本来就小到 CPU 也能跑），只有用时不同。",
    "scale_change_training": (
        "在 GPU 全尺寸下，训练单元改为运行参考方案：224 像素的图像、学习率为 0.01 的 SGD、十轮。"),
    "scale_change_exercises": (
        "在 GPU 全尺寸下，练习运行其完整形式（224 像素的 AlexNet，题目要求时训练二十轮）；"
        "每个解答都会说明运行的是哪种形式。"),
    "quick_cannot_tell": "快速模式的运行规模太小，回答不了这个问题。",
    "not_found_at_cpu": "本页尚无已记录的 CPU 全尺寸运行：不设置 `D2L_QUICK` 运行本页，即可看到它的结果。",
    "not_found_at_cpu_now": "本页已记录的 CPU 全尺寸运行做的是这个实验较早的形式，因此不引用它：不设置 `D2L_QUICK` 运行本页，即可看到它的结果。",
    "found_at_cpu": "CPU 全尺寸运行（{where}）的结果：{finding}",
    "found_at_gpu": "GPU 全尺寸运行（{where}）的结果：{finding}",
    "recorded_where": "在 {device} 上，{date}，整页用时 {duration}",
    "run_scale_none": "尚未完成一轮训练",
    "run_scale_1": "训练了 1 轮（{train:wan}张训练图像），在 {val:wan}张图像上测试",
    "run_scale": "训练了 {epochs} 轮（每轮 {train:wan}张训练图像），在 {val:wan}张图像上测试",
    "versus_chance_low": ("{acc:.3f}，并不比在 {classes} 个类别中随机猜测（{chance:.2f}）更好："
                          "网络还没有学到东西"),
    "versus_chance": "{acc:.3f}（随机猜测为 {chance:.2f}）",
    "mistakes_none": "没有一张测试图像被分错。",
    "mistake_1": "{true}被当成{pred}（1 次）",
    "mistake": "{true}被当成{pred}（{count} 次）",
    "your_values": "**你的运行：**{values}。",
    "list_separator": "；",
    "mistakes": "本次运行最常见的错误：{mistakes}。{tops}",
    "mistakes_all_tops": ("它们全都发生在上衣之间（T恤、套头衫、外套和衬衫）：在 28×28 "
                          "的灰度像素下，这些类别的差别几乎只在袖子和领子上。"),
    "mistakes_some_tops": "其中 {among} 个（共 {count} 个）发生在上衣之间（T恤、套头衫、外套和衬衫）。",
    "reference recipe": "参考方案",
    "laptop recipe": "笔记本电脑方案",
    "run_summary": (
        "在 {device} 上，{recipe}{scale}，测试准确率达到 {accuracy}，整个运行的平均训练速度为每秒 "
        "{rate:,.0f} 张图像（{precision} 运算）；训练和测试共用时 {duration}。"),
    "training_found_laptop": (
        "笔记本电脑方案在 {train:wan}张训练图像上训练 {epochs} 轮后，测试准确率达到 {acc:.3f}；"
        "训练和测试共用时 {fit_s:,.0f} 秒。"),
    "training_found_reference": (
        "参考方案在 {train:wan}张训练图像上训练 {epochs} 轮后，测试准确率达到 {acc:.3f}；"
        "训练和测试共用时 {fit_s:,.0f} 秒。"),
    "training_no_gpu_run": "本书的这一份没有附带这样的运行：在有GPU的机器上运行本页，上面的训练看板和表格就会显示这样一次运行。",
    "training_no_bench": (
        "本书的这一份没有附带这样的比较。在GPU上运行时，上表中本页自己的每秒图像数就可以与 d2l-zh "
        "的数字相比；不过它包含了数据加载，而 d2l-zh 的数字没有计入。"),
    # 查看训练好的网络内部的页面
    "scale_change_teaching": (
        "本页唯一的训练是一个预设的两次短运行，在每种规模下都一样小；计划中的时间读自计时文件，与本页在哪种规模下运行无关。"),
    "scale_change_visualize": (
        "在 GPU 全尺寸下，本页改为查看参考方案训练的网络（224 像素的图像、十轮）；各个视图相同。"),
    "scale_name_quick": "快速模式",
    "scale_name_cpu": "CPU 全尺寸",
    "scale_name_gpu": "GPU 全尺寸",
    "visualize_loaded": (
        "本页加载了训练页在{scale}下训练并保存在本机上的网络（{saved}）：{recipe}，在 {device} "
        "上，{run_scale}，测试准确率为 {accuracy}。没有重新训练任何东西。"),
    "visualize_trained": (
        "本机上没有保存训练页在{scale}下训练的网络（本页是单独运行的），所以这个单元格用同样的"
        "调用训练了一个：{recipe}，在 {device} 上，{run_scale}，用时 {duration}，测试准确率达到 "
        "{accuracy}。它现在已经保存，本页下次运行时会直接加载它。"),
    "visualize_layer_share": "{layer} {share:.0f}%",
    "visualize_agreement": (
        "在本次运行中（{scale}，{side} 像素的图像），对每个通道取最能激发它的八张测试图像（共 "
        "{sample} 张），计算其中属于它们最常见类别的比例，再对每层的通道取平均：{layers}。从同一"
        "样本中随机抽取八张测试图像，这个比例是 {chance:.0f}%。"),
    "visualize_selective": (
        "{reached} 达到它的一倍半，{missed} 没有达到：在达到的这些层中，许多通道响应的是某一类"
        "具有、而其他类大多没有的东西。"),
    "visualize_layer_separator": "、",
    "visualize_selective_all": "每一层都达到它的一倍半：连第一层的通道也偏爱某些类别。",
    "visualize_selective_none": "没有一层达到它的一倍半：在本次运行中，通道还没有专门对应某些类别。",
    "visualize_trend_rising": "在上表中，一致度逐级上升，从 {first_layer} 的 {first:.0f}% 升到 {last_layer} 的 {last:.0f}%。",
    "visualize_trend_uneven": "在上表中，一致度并非逐级上升：在 {stages}，它不高于前一级。",
    "visualize_silent_layer": "{layer}：{silent} 个（共 {channels} 个）",
    "visualize_silent": "在所有抽样图像上都保持为零的通道（其 ReLU 从未打开），按层：{layers}。",
    "visualize_images": (
        "网络正确识别了测试图像 {first}（{first_class}），概率为 {first_p:.2f}；测试图像 "
        "{second}（{second_class}）则被它当成了{second_pred}。"),
    "visualize_images_right": (
        "网络正确识别了测试图像 {first}（{first_class}），概率为 {first_p:.2f}；测试图像 "
        "{second}（{second_class}）也识别正确，概率为 {second_p:.2f}：本次运行没有可看的错误。"),
    "explorer_timing": (
        "在 {device} 上用本页的网络测得，一次改动后的更新用时（中位数，按"
        "挂钟计）：换一张图像 {image:.2f} 秒，换一层 {layer:.2f} 秒，换一个通道 {channel:.2f} "
        "秒，换一个单元 {unit:.2f} 秒。第一次查看最能激发的图像时，要把 {sample} 张测试图像过"
        "一遍网络（之后每一层都用它），用时 {first:.2f} 秒；一张遮挡图用时 {occlusion:.2f} 秒，"
        "积分梯度用时 {gradients:.2f} 秒。"),
    "gpu_listed": "GPU 的速率也列在同一张表中。",
    "memory_peak": (
        "在 {device} 上实测，这个网络以 128 的批量训练两步，GPU 显存峰值为 {peak:.2f} GiB（含卷积的工作内存）。"),
    "memory_weights": "权重",
    "memory_gradients": "梯度",
    "memory_optimizer_state": "优化器状态",
    "memory_activations": "激活值",
    "memory_total": "合计",
    "memory_ours": "本章的网络",
    "memory_paper": "2012年论文的网络",
    "memory_peak_no_gpu": (
        "本页运行时没有 GPU，因此没有测得峰值；在 GPU 上运行时，这里会给出实测值。"),
    "hw_conv_faster": "它计算卷积还要更快，达到 {rate:g} TFLOP/s：速率既取决于处理器，也同样取决于执行计算的例程。",
    "gpu_missing": "没有找到 GPU，因此表中只有 CPU；本书还没有记录过在 GPU 上的测量。",
    "gpu_recorded": "这里没有找到 GPU，因此表中只有 CPU；第二张表给出本书在 {device} 上运行时测得的速率。",
    "hw_table_rates": "实测速率",
    "hw_table_power": "各种设计的功耗与工作量",
    "hw_col_device": "设备",
    "hw_col_matmul_fp32": "矩阵乘积 fp32 TFLOP/s",
    "hw_col_matmul_bf16": "矩阵乘积 bf16 TFLOP/s",
    "hw_col_conv_fp32": "卷积 fp32 TFLOP/s",
    "hw_col_copy": "内存复制 GB/s",
    "hw_col_matrix_size": "矩阵大小",
    "hw_col_measured": "测量时间",
    "hw_col_exponent": "功耗 ~ 时钟频率^",
    "hw_col_design": "设计",
    "hw_col_cores": "核心数",
    "hw_col_power": "功耗",
    "hw_col_work": "每秒工作量",
    "hw_design_fast": "1 个快速核心",
    "hw_design_slow": "时钟频率为其 1/{ratio} 的核心",
    "hw_no_bf16_units": "无 bf16 单元",
    "paper_table_region": "2012 年的论文与本章的两种方案（表格可横向滚动）",
    "paper_column_2012": "2012 年的论文",
    "paper_column_reference": "本章：参考方案（GPU）",
    "paper_column_laptop": "本章：笔记本电脑方案（CPU）",
    "paper_data": "数据",
    "paper_data_2012": "ILSVRC-2012：128万张彩色照片，1000 个类别",
    "paper_data_reference": "Fashion-MNIST：6万张 28×28 灰度图像，10 个类别，放大到 224×224",
    "paper_data_laptop": "Fashion-MNIST 放大到 65×65：CPU 全尺寸下用全部 6万张图像，快速模式下用 5,000张",
    "paper_input": "输入",
    "paper_input_2012": "从 256×256 图像中随机裁出的 224×224 区域（及其翻转），RGB",
    "paper_input_reference": "整张放大后的图像，一个灰度通道",
    "paper_input_laptop": "整张放大后的图像，一个灰度通道",
    "paper_augmentation": "数据增广",
    "paper_augmentation_2012": "裁剪、水平翻转、基于 PCA 的颜色变化",
    "paper_augmentation_reference": "无",
    "paper_augmentation_laptop": "无",
    "paper_layers": "层",
    "paper_layers_2012": (
        "5 个卷积层、3 个全连接层；conv2、conv4 和 conv5 分成两组（每块 GPU 一组）；局部响应"
        "归一化；步幅为 2 的重叠 3×3 最大汇聚；最后的特征图为 6×6×256，第一个全连接层有 9216 "
        "个输入"),
    "paper_layers_reference": (
        "层的种类和宽度相同，不分组，没有响应归一化，汇聚相同；最后的特征图为 5×5×256，第一个"
        "全连接层有 6400 个输入"),
    "paper_layers_laptop": (
        "与参考方案的层相同；在 65 像素的图像上，最后的特征图为 1×1×256，第一个全连接层有 256 "
        "个输入"),
    "paper_hardware": "硬件",
    "paper_hardware_2012": "两块 GTX 580（各 3 GiB），每块保存每一层一半的滤波器",
    "paper_hardware_reference": "一块 GPU",
    "paper_hardware_laptop": "CPU；处理器有 bf16 硬件乘法单元时用 bf16 计算",
    "paper_parameters": "参数",
    "paper_parameters_2012": "约6000万",
    "paper_parameters_reference": "{params}",
    "paper_parameters_laptop": "{laptop_params}（第一个全连接层的输入更少）",
    "paper_optimizer": "优化器",
    "paper_optimizer_2012": "SGD，动量 0.9，权重衰减 0.0005，批量 128",
    "paper_optimizer_reference": "SGD，无动量，无权重衰减，批量 128",
    "paper_optimizer_laptop": "Adam，无权重衰减，批量 256（快速模式下为 64）",
    "paper_lr": "学习率",
    "paper_lr_2012": "0.01，验证误差不再下降时除以 10（共三次）",
    "paper_lr_reference": "0.01，保持不变",
    "paper_lr_laptop": "单周期：从 0.00004 升到 0.001，再降向零",
    "paper_training": "训练",
    "paper_training_2012": "在 120万张图像上约 90 遍，用时五到六天",
    "paper_training_reference": "在 6万张图像上 10 遍（用时见训练一页）",
    "paper_training_laptop": "在训练图像上 3 遍（用时见训练一页）",
    "paper_testing": "测试",
    "paper_testing_2012": "对十个裁剪区域的预测取平均",
    "paper_testing_reference": "每张图像一次预测",
    "paper_testing_laptop": "每张图像一次预测（快速模式下用 1,000张测试图像）",
    "paper_result": "结果",
    "paper_result_2012": (
        "七个网络的集成（其中两个在 ImageNet Fall 2011 上预训练）的 top-5 测试错误率为 15.3%，"
        "第二名为 26.2%；单个网络在验证集上的 top-5 错误率为 18.2%"),
    "paper_result_reference": "测试准确率（见训练一页）",
    "paper_result_laptop": "测试准确率（见训练一页）",
    "ex3_above": (
        "训练步的速度为每秒 {step:,.0f} GFLOP，两个边长为 {n} 的方阵相乘为每秒 {product:,.0f} GFLOP。"
        "训练步比矩阵乘积还快，说明矩阵乘积的速度并不是这台处理器的峰值：承担一步中大部分运算"
        "的卷积内核，比库里这种规模的矩阵乘积更充分地利用了运算单元。所以两个速度都低于峰值，"
        "而这里一步的时间几乎全花在运算上：在这样慢的处理器上，AlexNet 衡量的仍是运算本身。"),
    "ex3_busy": (
        "训练步的速度为每秒 {step:,.0f} GFLOP，两个边长为 {n} 的方阵相乘为每秒 {product:,.0f} GFLOP。"
        "这里一步的时间主要花在运算上，速度与大型矩阵乘积相差不到一倍：在这样慢的处理器上，AlexNet "
        "衡量的仍是运算本身。"),
    "ex3_idle": (
        "训练步的速度为每秒 {step:,.0f} GFLOP，两个边长为 {n} 的方阵相乘为每秒 {product:,.0f} GFLOP。"
        "不到矩阵乘积速度的一半，说明这里一步的大部分时间花在运算之外的固定开销上（启动内核、"
        "搬运激活值、更新权重），而不是运算本身。"),
    "ex4_passed": (
        "LeNet 训练 {lenet_epochs} 轮后测试准确率为 {lenet:.3f}，AlexNet 训练 {alexnet_epochs} "
        "轮后为 {alexnet:.3f}，并在第 {passed} 轮超过了 LeNet 的最终准确率。在各自最后 {tail} "
        "轮中（各从自己那次运行的结尾往前数），LeNet 的测试准确率变化了 {lenet_gain:+.3f}，"
        "AlexNet 的变化了 {alexnet_gain:+.3f}。"),
    "ex4_not_passed": (
        "LeNet 训练 {lenet_epochs} 轮后测试准确率为 {lenet:.3f}，AlexNet 训练 {alexnet_epochs} "
        "轮后为 {alexnet:.3f}，始终没有超过 LeNet 的最终准确率。在各自最后 {tail} 轮中"
        "（各从自己那次运行的结尾往前数），LeNet 的测试准确率变化了 {lenet_gain:+.3f}，"
        "AlexNet 的变化了 {alexnet_gain:+.3f}。"),
    "ex4_why": (
        "之所以预期 AlexNet 能更久地持续提升：它的参数是 LeNet 的 {param_ratio:,.0f} 倍，在 "
        "{side} 像素的图像上，每张图像的乘加次数是 LeNet 的 {flop_ratio:,.0f} 倍。"),
    "this_run_scale": "本页这次运行在{scale}下{run}：",
    "this_run_quick": "这么小的运行只能比较各网络的开销；它们的准确率还几乎停留在瞎猜的水平，排不出高下。",
    "ex5_small_ahead": (
        "参数只有 AlexNet 的 1/{param_ratio:.0f} 的 SmallNet，每秒训练的"
        "图像数是 AlexNet 的 {speedup:.1f} 倍，测试准确率为 {small:.3f}，高于 AlexNet 的 "
        "{alexnet:.3f}：为 28×28 图像设计的网络以很小的代价做得更好。SlimAlexNet 有四个更窄的"
        "卷积层和一个 512 宽的全连接层，训练速度是 AlexNet 的 {slim_speedup:.1f} 倍，测试准确率为 "
        "{slim:.3f}（与 AlexNet 相差 {slim_gap:+.3f}）。"),
    "ex5_small_behind": (
        "参数只有 AlexNet 的 1/{param_ratio:.0f} 的 SmallNet，每秒训练的"
        "图像数是 AlexNet 的 {speedup:.1f} 倍，测试准确率为 {small:.3f}，低于 AlexNet 的 "
        "{alexnet:.3f}：在同样的轮数内，小网络没有追上，尽管它每一轮只用了很少的时间。"
        "SlimAlexNet 有四个更窄的卷积层和一个 512 宽的全连接层，训练速度是 AlexNet 的 "
        "{slim_speedup:.1f} 倍，测试准确率为 {slim:.3f}（与 AlexNet 相差 {slim_gap:+.3f}）。"),
    "ex5_small_level": (
        "参数只有 AlexNet 的 1/{param_ratio:.0f} 的 SmallNet，每秒训练的"
        "图像数是 AlexNet 的 {speedup:.1f} 倍，测试准确率为 {small:.3f}，与 AlexNet 的 "
        "{alexnet:.3f} 持平：在同样的轮数内，两个网络都没有领先，而小网络每一轮只用了很少的时间。"
        "SlimAlexNet 有四个更窄的卷积层和一个 512 宽的全连接层，训练速度是 AlexNet 的 "
        "{slim_speedup:.1f} 倍，测试准确率为 {slim:.3f}（与 AlexNet 相差 {slim_gap:+.3f}）。"),
    "ex6_rising": (
        "在批量 32、128 和 512 下训练一轮，每秒分别训练 {r32:,.0f}、{r128:,.0f} 和 {r512:,.0f} "
        "张图像，可见吞吐量随批量增大而增长；测试准确率分别为 {a32:.3f}、{a128:.3f} 和 {a512:.3f}。"),
    "ex6_not_rising": (
        "在批量 32、128 和 512 下训练一轮，每秒分别训练 {r32:,.0f}、{r128:,.0f} 和 {r512:,.0f} "
        "张图像：在这台设备上，吞吐量并没有随批量稳定增长。测试准确率分别为 {a32:.3f}、"
        "{a128:.3f} 和 {a512:.3f}。"),
    "ex6_acc_512_behind": (
        "在这次运行中，批量 128 的更新次数只有批量 32 的四分之一，准确率却与之持平；批量 512 "
        "则比两者中较低的那个低了 {behind:.3f}。"),
    "ex6_acc_falls": "在这次运行中，一轮之后的准确率随批量每一次增大而下降。",
    "ex6_acc_level": "在这次运行中，一轮之后的三个准确率彼此相差不超过 {tol:.2f}：更大的批量没有降低准确率。",
    "ex6_acc_mixed": "在这次运行中，一轮之后的准确率并没有随批量增大而稳定下降。",
    "ex6_memory_cpu": "峰值显存只在 CUDA GPU 上测量。",
    "ex6_memory_gpu": "峰值显存随批量增大而增长，因为每张图像的激活值都要保存。",
    "firstlayer_found": (
        "在 {train:wan}张训练图像上训练 {epochs} 轮后，网络的测试准确率达到 {acc:.3f}，第一层滤波器"
        "的变化为其初始大小的 {change:.1f}%。张成空间之外的部分占滤波器大小的 {outside:.0f}%，去掉它"
        "之后，{test} 张测试图像上有 {agree:.0f}% 的预测保持不变。"),
    "ex7_found": (
        "训练 {epochs} 轮后，使用 sigmoid 的 LeNet 测试准确率为 {sigmoid:.3f}，改用 ReLU 并加上"
        "暂退法后为 {relu:.3f}，再加上翻转和平移后为 {augmented:.3f}：最高的是 *{best}*。"),
    "ex7_augment_cost": (
        '因此在这次运行中，翻转和平移让测试准确率下降了 {cost:.3f}。更长的训练'
        '才能分辨原因：是这个小小的 LeNet 面对每次都在变化的图像需要多于 {epo'
        'chs} 轮的训练，还是这些变化了的图像本身误导了它（如下文所说）。'),
    "ex7_augment_gain": '因此在这次运行中，翻转和平移让测试准确率提高了 {gain:.3f}。',
    "ex7_augment_level": '因此在这次运行中，翻转和平移对测试准确率的影响小于 {tol:.3f}。',
    "ex8_gap": (
        "在 {train:wan}张图像上训练 {epochs} 轮后，不用暂退法时训练准确率比测试准确率高 "
        "{gap_none:.3f}（两者均为最后五轮的平均值）；使用暂退法时，差距为 {gap_drop:.3f}：暂退法缩小了差距。"),
    "ex8_gap_kept": (
        "在 {train:wan}张图像上训练 {epochs} 轮后，不用暂退法时训练准确率比测试准确率高 "
        "{gap_none:.3f}（两者均为最后五轮的平均值）；使用暂退法时，差距为 {gap_drop:.3f}，只略小一点："
        "在这次运行中，暂退法没能阻止网络在训练图像上比在新图像上拟合得更好。"),
    "ex8_gap_not_narrower": (
        "在 {train:wan}张图像上训练 {epochs} 轮后，不用暂退法时训练准确率比测试准确率高 "
        "{gap_none:.3f}（两者均为最后五轮的平均值）；使用暂退法时，差距为 {gap_drop:.3f}，并没有更小："
        "在这次运行中，暂退法没能阻止网络在训练图像上比在新图像上拟合得更好。"),
    "ex8_no_gap": (
        "在 {train:wan}张图像上训练 {epochs} 轮后，不用暂退法时训练准确率与测试准确率之差只有 "
        "{gap_none:.3f}（使用暂退法时为 {gap_drop:.3f}）：训练时间太短，还不足以过拟合。"),
    "ex8b_found": (
        "在全部 {train:wan}张训练图像上训练 {epochs} 轮后，训练准确率与测试准确率之差在不用暂退法"
        "时为 {gap_none:.3f}，使用暂退法时为 {gap_drop:.3f}；两者的测试准确率分别为 "
        "{acc_none:.3f} 和 {acc_drop:.3f}。"),
    "mistakes_one_class": ("本次运行的网络把 {share:.0f}% 的测试图像都预测为 *{name}*：它还没有学会区分"
                           "这些类别，因此它的错误并不能说明哪些类别彼此相像。"),
    "mistakes_tied": "另有一些混淆出现的次数与上面最后一项相同。",
    # 图的文字替代（d2l_local.plotting.describe），来自图中画出的数据
    "figure_curves": "{n} 条 {title} 曲线，横轴为 {x}，从 {x0} 到 {x1}：{curves}。",
    "figure_curve_peak": "{label} 从 {first} 升到最高点 {high}（{x} = {at}），再降到 {last}",
    "figure_curve": "{label} 从 {first} 变为 {last}（最低 {low}，最高 {high}）",
    "figure_grid": "由 {n} 张图像组成的网格：{titles}。",
    "figure_matrix": "一个 {rows} 行 {cols} 列的数值矩阵，纵向为 {y}，横向为 {x}，类别为 {names}。",
    "figure_bar_groups": "包含 {n} 个条形的条形图，{k} 组数据，各有 {m} 个类别。{series}",
    "figure_bar_series": "{series}：{values}。",
    "figure_pair": "({x}, {y})",
    "figure_bars": "包含 {n} 个条形的条形图，{title}：{names}。",
    "figure_values": "数值",
    "figure_grid_untitled": "由 {n} 张图像组成的网格。",
    "figure_points": "{n} 个点，纵轴为 {y}，横轴为 {x}：{points}。",
    "figure_plain": "一幅图。",
    # tools/make_notebooks.py
    "notebook_figure": "图",
    "notebook_exercise": "练习",
    "notebook_of": "*{title}*中的{text}",
    "notebook_solution": "{number}的解答",
    "notebook_references": "参考文献",
    "notebook_the_exercise": "练习",
    "notebook_values": ("正文中的数字来自本书自己的运行：{note} "
                        "每个引用数字的段落下面都有一个单元格，"
                        "显示你的运行得到的数字。"),
    "notebook_values_missing": ("每个引用数字的段落（正文中以`这样的名称`表示）"
                                "下面都有一个单元格，显示你的运行得到的数字。"),
    "notebook_toc": "本章的各节，每节都是一个单独的笔记本：",
    # 训练面板（d2l_local.runs、d2l_local.widgets）：设置、选项、运行记录表
    "panel_lr": "学习率",
    "panel_batch_size": "批量大小",
    "panel_max_epochs": "轮数",
    "panel_dropout": "暂退法",
    "panel_activation": "激活函数",
    "panel_optimizer": "优化器",
    "panel_schedule": "学习率调度",
    "panel_resize": "输入尺寸",
    "panel_train_fraction": "训练数据",
    "panel_device": "设备",
    "panel_recipe": "方案",
    "panel_option_sgd": "SGD",
    "panel_option_momentum": "SGD + 动量",
    "panel_option_adam": "Adam",
    "panel_option_constant": "固定学习率",
    "panel_option_one_cycle": "单周期",
    "panel_option_auto": "自动",
    "panel_one_cycle_suffix": " + 单周期",
    "panel_status_finished": "完成",
    "panel_status_stopped": "已停止",
    "panel_status_interrupted": "已中断",
    "panel_status_diverged": "发散",
    "panel_status_out_of_memory": "内存不足",
    "panel_status_rejected": "被拒绝",
    "panel_bad_choice": "{setting}={value} 不可用：面板的{label}只能是 {allowed} 之一。",
    "panel_bad_number": "{setting}={value} 不可用：面板的{label}是 {low} 到 {high} 之间的数。",
    "panel_bad_whole": "{setting}={value} 不可用：面板的{label}是 {low} 到 {high} 之间的整数。",
    "panel_unknown": "未知的设置 {names}：面板的设置有 {known}。",
    "panel_missing": "缺少设置 {names}：一次运行需要全部设置（d2l.runs.settings() 会按方案补全它们）。",
    "panel_column_run": "运行",
    "panel_column_status": "状态",
    "panel_column_lr": "学习率",
    "panel_column_batch": "批量",
    "panel_column_epochs": "轮数",
    "panel_column_dropout": "暂退",
    "panel_column_activation": "激活",
    "panel_column_optimizer": "优化器",
    "panel_column_size": "尺寸",
    "panel_column_data": "数据",
    "panel_column_train_acc": "训练准确率",
    "panel_column_test_acc": "测试准确率",
    "panel_column_rate": "图像/秒",
    "panel_column_time": "用时",
    "panel_seconds": "{seconds:.1f} 秒",
    "panel_no_runs": "还没有运行：请按“训练”",
    "panel_train": "训练",
    "panel_stop": "停止",
    "panel_idle": "空闲",
    "panel_runs": "运行记录",
    "panel_compare": "比较",
    "panel_run": "第 {run} 次运行",
    "panel_batch_progress": "第 {epoch} 轮：{batch}/{batches}",
    "panel_training_on": "正在 {device} 上训练…",
    "panel_epoch_done": "第 {epoch} 轮：每秒 {rate:,.0f} 张图像，测试准确率 {acc:.3f}",
    "panel_run_done": "第 {run} 次运行{status}，用时 {seconds:.1f} 秒；每秒 {rate:,.0f} 张图像",
    "panel_data": "在 {images:wan}张图像上训练",
    "panel_data_quick": "在 {images:wan}张图像上训练（快速模式）",
    "panel_busy": "已有一次运行正在进行：请等待它结束，或按“停止”。",
    "panel_stopping": "正在停止…",
    "panel_stopped_by_user": "已被用户停止",
    "panel_frozen_title": "训练面板（已冻结）。",
    "panel_frozen_why": (
        "在这个静态页面上，面板无法训练：它需要一个运行中的Python内核。要使用它，请在JupyterLab中"
        "打开本页，或通过页面顶部的启动按钮在Colab中打开。"),
    "panel_frozen_settings": "最后一次运行的设置：",
    "panel_frozen_runs": "构建本页时进行的运行：",
    "panel_frozen_runs_region": "构建本页时进行的运行",
    # 面板的预设比较（d2l_local.runs.PRESETS）
    "panel_preset": "预设",
    "panel_run_preset": "运行预设",
    "panel_preset_queued": "预设“{title}”：已排入 {count} 次运行；每次结束后出现在表中，对比图把它们画在一起。",
    "panel_preset_skipped": "预设已停止：被停止那次之后的运行没有进行。",
    "preset_relu_sigmoid": "ReLU 对比 sigmoid",
    "preset_relu_sigmoid_expect": (
        "两次运行只有激活函数不同。预计 sigmoid 网络学得更慢：sigmoid 会饱和，传回前几层的梯度"
        "很小，所以它的测试准确率会在更长时间里停留在随机猜测（0.10）附近，而 ReLU 网络的准确率"
        "会上升。运行很短时，两者可能都还接近随机猜测。"),
    "preset_dropout": "有无暂退法（dropout）",
    "preset_dropout_expect": (
        "两次运行在两个隐藏全连接层中分别使用 0.5 和 0.0 的暂退概率。预计不用暂退法的运行更快地"
        "拟合训练图像，随着轮数增加，它的训练准确率会逐渐高出测试准确率。只训练一两轮时，这个差距"
        "可能还没有出现，不用暂退法的运行的测试准确率甚至可能略高。"),
    "preset_lr_x10": "学习率 ×10",
    "preset_lr_x10_expect": (
        "两次运行：方案的学习率和它的十倍。预计更大的步长会让损失跳动或增大：这次运行可能以"
        "发散结束（表中会注明，并给出建议），或停留在随机猜测附近。如果它没有发散，它的前几轮"
        "也可能比方案进展得更快：出现哪种情况取决于优化器。"),
    "preset_size": "65 像素对比 224 像素",
    "preset_size_expect": (
        "两次运行使用相同的图像，分别上采样到 65 和 224 像素。上采样不增加信息，所以预计准确率"
        "相近；但一张 224 像素的图像的计算量约为 65 像素的 {ratio:.0f} 倍，所以预计 224 像素的"
        "运行要长很多倍：在双核 CPU 上，65 像素的运行需要几秒，它需要几分钟（在面板中选择这个预设，会在本机上为它计时）。"),
    "preset_estimate": (
        "在本机上根据刚刚计时的训练步估计：{runs}（{images:wan}张训练图像，轮数：{epochs}；"
        "加载数据的时间另计）。"),
    "preset_run_estimate": "{value}：约 {duration}",
    # 教师的课程计划（d2l_local.lessons）
    "lesson_table_region": "课程计划（表格可横向滚动）",
    "preset_table_region": "面板的预设（表格可横向滚动）",
    "preset_column_name": '预设',
    "preset_column_values": '比较的取值',
    "preset_column_expect": '预期结果',
    "lesson_timed_run": '{scale}，{device}，{date}：{pages}',
    "lesson_no_timed_run": '尚未记录任何计时运行。',
    "lesson_column_step": "步骤",
    "lesson_column_page": "页面",
    "lesson_column_cells": "要运行的代码",
    "lesson_column_minutes": "计划分钟数",
    "lesson_column_what": "做什么",
    "lesson_scale_quick": "单元用时，快速模式",
    "lesson_scale_cpu": "单元用时，CPU 全尺寸",
    "lesson_scale_gpu": "单元用时，GPU 全尺寸",
    "lesson_cells_to": "从页首到“{section}”一节结束",
    "lesson_cells_all": "整页",
    "lesson_scale_on": "{scale}的时间是在 {device} 上测得的。",
    "lesson_seconds": "{seconds:.1f} 秒",
    "lesson_not_timed": "尚未计时，因此表中没有相应的列：{scales}。",
    "lesson_scales_and": "和",
    "lesson_over_plan": "（超过计划的分钟数：请在课前运行，或在快速模式下运行）",
    "lesson_measured": "{seconds:.1f} 秒，{device}",
    "lesson_unmeasured": "尚未测量",
    "lesson_page_changed": "未测量：这次计时运行跑的是这一页较早的版本，其代码单元与现在不同",
    "lesson_page_unmeasured": "未测量：这次计时运行没有包括这一页",
    "lesson_total": "共计划 {minutes} 分钟。",
    "lesson_why_2012": "提问：卷积网络 1989 年就有了，为什么到 2012 年才胜出？收集回答。",
    "lesson_features": "展示一个手工设计的特征，再讨论学习特征会改变什么。",
    "lesson_model": "逐层讲解网络；演示 ReLU 对比 sigmoid 以及暂退法。",
    "lesson_panel": "现场运行“ReLU 对比 sigmoid”预设；在结束前让学生预测结果。",
    "lesson_summary": "一起读小结；布置两道练习作为作业。",
    "lesson_data": "加载 Fashion-MNIST；测量上采样到 224 像素的代价。",
    "lesson_hardware": "比较 CPU 和 GPU；测量本机的计算速率。",
    "lesson_model_all": "搭建 AlexNet；逐层统计参数量和浮点运算量。",
    "lesson_training": "用适合本机的方案训练；然后两人一组运行预设。",
    "lesson_firstlayer": "短时间训练，观察第一层的滤波器。",
    "figure_window_grid": (
        "一张放大 {scale} 倍的测试图像的特写，每边 {span} 个原始像素，灰度从一个原始像素平滑过渡"
        "到下一个。白线标出原始像素的边界，圆点标出其中心。红色实线方框是一个边长 {kernel} 个像素"
        "的窗口，虚线方框是向右移 {stride} 个像素的下一个窗口。"),
    "figure_filter_parts": (
        "{rows} 行同样的 {n} 个第一层滤波器，每个是边长 {k} 个权重的正方形：训练后的滤波器、"
        "它们在图像块张成空间内的部分，以及其余部分。红色为正，蓝色为负，每一列共用一个色标。"),
    "figure_filters": (
        "{n} 个第一层滤波器，每个是边长 {k} 个权重的正方形，各自按灰度显示，从最负的权重（黑）"
        "到最正的权重（白）。"),
    "lesson_exercises": "两人一组选一道练习，运行本页第一个单元和所选练习的单元，然后用两分钟汇报（表中的时间是全部练习的时间）。",
}

# Fashion-MNIST's classes (d2l_local.data.TEXT_LABELS), as the prose names them
CLASS_NAMES = {
    "t-shirt": "T恤",
    "trouser": "裤子",
    "pullover": "套头衫",
    "dress": "连衣裙",
    "coat": "外套",
    "sandal": "凉鞋",
    "shirt": "衬衫",
    "sneaker": "运动鞋",
    "bag": "包",
    "ankle boot": "短靴",
}


# The words of the figures the code draws (d2l_local.figtext), and patterns of them.
FIGURE_TEXT = {
    "epoch": "轮次",
    "predicted": "预测类别",
    "true": "真实类别",
    "accuracy": "准确率",
    "train_loss": "训练损失",
    "val_loss": "测试损失",
    "train_acc": "训练准确率",
    "val_acc": "测试准确率",
    "training": "训练",
    "test": "测试",
    "training loss": "训练损失",
    "test loss": "测试损失",
    "train loss": "训练损失",
    "test acc": "测试准确率",
    "training accuracy": "训练准确率",
    "test accuracy": "测试准确率",
    "test accuracy of the chosen runs": "所选运行的测试准确率",
    "image": "图像",
    "images (log scale)": "图像数（对数坐标）",
    "ILSVRC-2012 training set": "ILSVRC-2012 训练集",
    "GTX 580 (one of AlexNet's two)": "GTX 580（AlexNet 两块中的一块）",
    "year": "年份",
    "peak FLOP/s (log scale)": "峰值 FLOP/s（对数坐标）",
    "% of parameters": "参数占比（%）",
    "% of forward FLOPs": "前向 FLOPs 占比（%）",
    "percent": "百分比",
    "activation": "激活函数",
    "derivative": "导数",
    "trained": "训练后",
    "inside": "张成空间内",
    "outside": "张成空间外",
    "original pixel centres": "原始像素中心",
    "one window": "一个窗口",
    "the next window": "下一个窗口",
    "enlarged pixel (column)": "放大后的像素（列）",
    "enlarged pixel (row)": "放大后的像素（行）",
    "first-layer filters after training": "训练后的第一层滤波器",
    "no dropout": "无暂退法",
    "LeNet + ReLU + dropout": "LeNet + ReLU + 暂退法",
    "... + flips and shifts": "…… + 翻转和平移",
    # the layer explorer (d2l_local.explorer)
    "true class": "真实类别",
    "occlusion": "遮挡",
    "integrated gradients": "积分梯度",
}
FIGURE_PATTERNS = [
    (r"run (\d+)", "第 {0} 次运行"),
    (r"→ (.+)", "→ {0}"),
    (r"(.+) \((\d{4})\)", "{0}（{1}）"),
    (r"(.+), bf16 matrix", "{0}，bf16 矩阵"),
    (r"measured: (.+), (fp32|bf16)", "实测：{0}，{1}"),
    (r"(\d+) epochs on (.+)", "在 {1} 上训练 {0} 轮"),
    (r"(\d+x\d+) windows on an image enlarged (\d+) times", "{1} 倍放大图像上的 {0} 窗口"),
    (r"(\d+) row shapes and the (\d+) patches they make", "{0} 种行形状及其组成的 {1} 个图像块"),
    (r"(\d+x\d+) filters on (\d+x\d+) images", "{1} 图像上的 {0} 滤波器"),
    (r"learning rate ([\d.e+-]+)", "学习率 {0}"),
    (r"dropout ([\d.]+)", "暂退概率 {0}"),
    (r"batch (\d+)", "批量大小 {0}"),
    (r"(.+): (.+)", "{0}：{1}"),
    # the layer explorer (d2l_local.explorer)
    (r"test image (\d+) \((.+)\)", "测试图像 {0}（{1}）"),
    (r"channels ([\d, ]+) of (\d+)", "通道 {0}（共 {1} 个）"),
    (r"receptive field of (conv\d+) unit \((\d+), (\d+)\)", "{0} 单元 ({1}, {2}) 的感受野"),
    (r"(\d+x\d+) pixels", "{0} 像素"),
    (r"(\d+x\d+) pixels, (\d+x\d+) in the image", "{0} 像素，图像内 {1}"),
    (r"(conv\d+), channel (\d+)", "{0}，通道 {1}"),
    (r"the most exciting of (\d+) test images", "{0} 张测试图像中最能激活它的"),
    (r"top (\d+) predictions \(probability\)", "前 {0} 个预测（概率）"),
    (r"red raises the score of (.+), blue lowers it", "红色提高“{0}”的得分，蓝色降低它"),
]
