"""中文：章节代码写入页面的句子（键与占位符同 en.py）。"""

TEXT = {
    "run_mode_quick": (
        "本页以**快速模式**（`D2L_QUICK=1`）在 {device} 上运行：每个实验只用了真实数据的一小部分"
        "（{limits}），因此这些数字展示的是方法，而不是最终的准确率。凡有全尺寸 GPU "
        "运行的结果，都一并列出。"),
    "run_mode_full": "本页以全尺寸在 {device} 上运行。",
    "quick_limits": "{train} 张训练图像和 {val} 张测试图像，最多 {epochs} 轮，每轮约 {images} 张图像",
    "run_scale_none": "尚未完成一轮训练",
    "run_scale_1": "训练了 1 轮（{train:,} 张训练图像），在 {val:,} 张图像上测试",
    "run_scale": "训练了 {epochs} 轮（每轮 {train:,} 张训练图像），在 {val:,} 张图像上测试",
    "versus_chance_low": ("{acc:.3f}，并不比在 {classes} 个类别中随机猜测（{chance:.2f}）更好："
                          "网络还没有学到东西"),
    "versus_chance": "{acc:.3f}（随机猜测为 {chance:.2f}）",
    "mistakes_none": "没有一张测试图像被分错。",
    "mistake_1": "{true} 被当成 {pred}（1 次）",
    "mistake": "{true} 被当成 {pred}（{count} 次）",
    "list_separator": "；",
    "mistakes": "本次运行最常见的错误：{mistakes}。{tops}",
    "mistakes_all_tops": ("它们全都发生在上衣之间（T 恤、套衫、外套和衬衫）：在 28×28 "
                          "的灰度像素下，这些类别的差别几乎只在袖子和领子上。"),
    "mistakes_some_tops": "其中 {among} 个（共 {count} 个）发生在上衣之间（T 恤、套衫、外套和衬衫）。",
    "reference recipe": "参考方案",
    "laptop recipe": "笔记本电脑方案",
    "run_summary": (
        "在 {device} 上，{recipe}{scale}，测试准确率达到 {accuracy}，训练速度为每秒 "
        "{rate:,.0f} 张图像（{precision} 运算）。{quick}"),
    "run_summary_quick": "这是快速模式：只训练了几个批量，而不是该方案的完整运行。",
    "gpu_listed": "GPU 的速率也列在同一张表中。",
    "gpu_missing": "没有找到 GPU，因此表中只有 CPU；如果项目已提交在 GPU 上测得的速率，它们列在下面。",
    "ex4_quick": "快速模式缩短了这二十轮训练；要看到真正的比较，请以全尺寸运行本页。",
    "ex6_memory_cpu": "峰值显存只在 CUDA GPU 上测量。",
    "ex6_memory_gpu": "峰值显存随批量增大而增长，因为每张图像的激活值都要保存。",
    "ex8_gap": ("不用暂退法时，训练准确率最终比测试准确率高 {gap_none:.3f}；"
                "使用暂退法时，差距为 {gap_drop:.3f}。"),
    "ex8_no_gap": ("在这次运行中，不用暂退法的差距只有 {gap_none:.3f}（使用暂退法时为 "
                   "{gap_drop:.3f}）：训练时间太短，还不足以过拟合。以全尺寸运行本页，才能看到差距拉开。"),
    "ex8b_result": (
        "训练准确率与测试准确率之差（最后几轮的平均值）在不用暂退法时为 {gap_none:.3f}，"
        "使用暂退法时为 {gap_drop:.3f}；两者的测试准确率分别为 {acc_none:.3f} 和 {acc_drop:.3f}"),
    "near_chance": "这些准确率都接近随机猜测水平（{chance:.2f}）：这次运行太短，无法据此排出高下。",
    "mistakes_one_class": ("本次运行的网络把 {share:.0f}% 的测试图像都预测为 *{name}*：它还没有学会区分"
                           "这些类别，因此它的错误并不能说明哪些类别彼此相像。"),
    "mistakes_tied": "另有一些混淆出现的次数与上面最后一项相同。",
}
