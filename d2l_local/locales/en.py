"""English sentences written by the chapter's code (the source of the other catalogs)."""

TEXT = {
    # d2l_local.book: how a page was run
    "run_mode_quick": (
        "This page ran in **quick mode** (`D2L_QUICK=1`) on {device}, the smallest of the "
        "chapter's three scales: each experiment used a small part of the real data. Where a "
        "lesson needs a trained network, it still trains one; where a question needs the full "
        "run, the text says so and gives what the recorded full-size run found.{change}"),
    "run_mode_cpu": (
        "This page ran at **CPU full size** on {device}: the real images at their full number "
        "where an experiment needs them, each experiment sized for a 2-core CPU (the text "
        "says how many images each one used).{change}"),
    "run_mode_gpu": (
        "This page ran at **GPU full size** on {device}: the full data and the reference "
        "recipe."),
    "run_mode_running": " The time it takes is added here when the page has finished.",
    "run_mode_took": " It took {duration} from this note to the end of the page.",
    "duration_s": "{s} s",
    "duration_under_1s": "under 1 s",
    "duration_min": "{m} min {s} s",
    "code_show": "Show code cell source",
    "code_hide": "Hide code cell source",
    # the architecture figure's boxes (tools/draw_architecture.py)
    "arch_input": "input",
    "arch_image": "{shape} image",
    "arch_conv": "conv {k}",
    "arch_stride": "stride {n}",
    "arch_pad": "pad {n}",
    "arch_max_pool": "max-pool {k}",
    "arch_avg_pool": "avg-pool {k}",
    "arch_dense": "dense {n}",
    "arch_dropout": "dropout {p:g}",
    # the library's own messages, printed in the reader's language (config.say)
    "msg_quick": (
        '[d2l_local] quick mode (D2L_QUICK=1): every experiment on these pages sets its '
        'own, smaller size; only a data set made without one (no num_train or num_val) is '
        'cut to {train:,} training and {val:,} test images. Unset D2L_QUICK for the full '
        'run.'),
    "msg_no_gpu": (
        "No GPU found: training on the CPU, which is slower (the section 'Two recipes' of "
        'the page Training AlexNet says what changes).'),
    "msg_training_on": 'Training on {device}.',
    "msg_training_on_ranks": 'Training on {device} in {world} data-parallel processes.',
    "msg_train_more": (
        'This trainer has run its {done} epoch(s); training {more} more (epochs {first} to '
        '{last}). Set trainer.max_epochs to choose where it stops.'),
    "msg_interrupted": (
        'Interrupted after {epochs} complete epoch(s); trainer.history and the model are '
        'kept.'),
    "msg_stopped": 'Stopped after {epochs} complete epoch(s).',
    # the labels of the tables the pages show (summary.TABLE_LABELS)
    "table_layer": 'layer',
    "table_type": 'type',
    "table_input_shape": 'input shape',
    "table_output_shape": 'output shape',
    "table_parameters": 'parameters',
    "table_forward_flops": 'forward FLOPs',
    "table_activation_mib": 'activation MiB',
    "table_kind": 'kind',
    "table_value_conv": 'conv',
    "table_value_pool": 'pool',
    "table_kernel": 'kernel',
    "table_stride": 'stride',
    "table_padding": 'padding',
    "table_output_side": 'output side',
    "table_jump": 'jump',
    "table_receptive_field": 'receptive field',
    "table_enlargement": 'enlargement',
    "table_spanned": 'directions spanned (of 121)',
    "table_random_pixels": 'same, random pixels',
    "table_top9": 'energy in the top 9',
    "table_for999": 'directions for 99.9%',
    "table_image_side": 'image side',
    "table_original_pixels": 'original pixels',
    "table_independent_functions": 'independent functions',
    "table_nearest_spanned": 'nearest: directions spanned',
    "table_bilinear_spanned": 'bilinear: directions spanned',
    "table_bicubic_spanned": 'bicubic: directions spanned',
    "table_epoch": 'epoch',
    "table_train_loss": 'train_loss',
    "table_train_acc": 'train_acc',
    "table_val_loss": 'val_loss',
    "table_val_acc": 'val_acc',
    "table_images_per_s": 'images_per_s',
    "table_epoch_s": 'epoch_s',
    "table_experiment": 'experiment',
    "table_epochs": 'epochs',
    "table_images_s": 'images/s',
    "table_peak_mib": 'peak MiB',
    "table_seconds": 'seconds',
    "table_cut": 'cut',
    "table_gap": 'gap',
    "table_relu": 'relu',
    "table_sigmoid": 'sigmoid',
    "table_ratio": 'ratio',
    "table_input_relu": 'input, relu',
    "table_input_sigmoid": 'input, sigmoid',
    "table_output_chw": 'output (C, H, W)',
    "table_convolutions": 'convolutions',
    "table_dense": 'dense',
    "table_other": 'other',
    "table_weights_mib": 'weights MiB',
    "table_batch_1": 'batch 1',
    "table_batch_128": 'batch 128',
    "table_channels": 'channels',
    "table_map_side": 'map side',
    "table_rf_side": 'receptive field side',
    "table_silent_channels": 'silent channels',
    "table_top8_agreement": 'top-8 class agreement',
    "table_image": 'image',
    "table_channel": 'channel',
    "table_unit": 'unit',
    "table_top_images_first": 'top images, first time',
    "table_attribute_occlusion": 'attribute occlusion',
    "table_attribute_ig": 'attribute integrated gradients',
    "table_wall": 'wall',
    "table_cpu": 'cpu',
    "table_value": 'value',
    "table_forward_gflops": 'forward GFLOPs',
    "table_ms_per_batch": 'ms per batch of 64',
    "table_training_images": 'training images',
    "table_fraction_zeroed": 'fraction zeroed',
    "table_largest_value": 'largest value',
    "table_mean_training": 'mean in training',
    "table_mean_evaluation": 'mean in evaluation',
    "table_random_agreement": 'top-8 class agreement, eight random images',
    "table_output_change": 'largest change of a first-layer output',
    "table_predictions_unchanged": 'test predictions unchanged',
    "table_basis_products": 'products',
    "table_products_rank": 'rank of the products',
    "table_products_outside": 'largest share outside the measured span',
    "table_optimiser": 'optimiser',
    "table_faint_step": 'share of the step in the faint directions',
    "table_class_name": 'class',
    "table_closer_mirrored": 'closer to the class mean than mirrored',
    "table_closer_upside_down": 'closer to the class mean than upside down',
    "table_outside_size": 'size of the outside part',
    "table_pixels_per_window": 'original pixels per window',
    "table_functions_are_pixels": 'every window: functions = pixels',
    "table_windows": 'windows',
    "table_alexnet_tflops": 'AlexNet TFLOP/s',
    "table_product_tflops": 'matrix product TFLOP/s',
    "table_matrix_size": 'matrix size',
    "table_share": 'share',
    "table_change_inside": 'change inside the span',
    "table_change_outside": 'change outside the span',
    "value_true": 'yes',
    "value_false": 'no',
    "explorer_frozen_title": 'Layer explorer (frozen).',
    "explorer_frozen": (
        'On this static page the explorer shows test image {image}, {layer}, channel '
        '{channel}, unit {unit}; open the page in JupyterLab or Colab to choose others.'),
    "nav_toggle": "Show or hide the pages of this section",
    "device_cpu": "cpu ({name}, {threads} threads)",
    "device_cpu_1": "cpu ({name}, 1 thread)",
    "book_author": "The d2l_local chapter authors",
    "scale_same": (" This page trains no network, so only its measured times depend on the "
                   "scale."),
    "scale_change_firstlayer": (
        " At GPU full size this page runs the same experiments, which are small enough for a "
        "CPU; only the times change."),
    "scale_change_training": (
        " At GPU full size the training cell runs the reference recipe instead: 224-pixel "
        "images, SGD at a learning rate of 0.01, ten epochs."),
    "scale_change_exercises": (
        " At GPU full size the exercises run their full forms (224-pixel AlexNet, twenty "
        "epochs where they ask for them); each solution says which form ran."),
    "quick_cannot_tell": "Quick mode's run is too small to answer this question.",
    "not_found_at_cpu": (" No CPU full-size run of this page has been recorded yet: run it "
                         "without `D2L_QUICK` to see what it finds."),
    "not_found_at_cpu_now": (" The recorded CPU full-size run of this page ran an earlier "
                             "form of this experiment, so it is not quoted: run the page "
                             "without `D2L_QUICK` to see what it finds."),
    "found_at_cpu": " The CPU full-size run ({where}) found: {finding}",
    "found_at_gpu": " The GPU full-size run ({where}) found: {finding}",
    "recorded_where": "on {device}, {date}, the page in {duration}",
    "run_scale_none": "before completing an epoch",
    "run_scale_1": ("after 1 epoch of {train:,} training images, tested on {val:,} images"),
    "run_scale": ("after {epochs} epochs of {train:,} training images each, tested on "
                  "{val:,} images"),
    "versus_chance_low": ("{acc:.3f}, no better than guessing one of {classes} classes "
                          "({chance:.2f}): the network has not learned yet"),
    "versus_chance": "{acc:.3f} (guessing scores {chance:.2f})",
    # mistakes of a confusion matrix
    "mistakes_none": "No test image was misclassified.",
    "mistake_1": "{true} taken for {pred} (once)",
    "mistake": "{true} taken for {pred} ({count} times)",
    "your_values": "**Your run:** {values}.",
    "list_separator": "; ",
    "mistakes": "The most frequent mistakes of this run: {mistakes}. {tops}",
    "mistakes_all_tops": (
        "All of them are between tops (t-shirts, pullovers, coats and shirts), which at 28 "
        "by 28 grey pixels differ by little more than sleeves and collars."),
    "mistakes_some_tops": ("{among} of these {count} are between tops (t-shirts, pullovers, "
                           "coats and shirts)."),
    # training page
    "reference recipe": "reference recipe",
    "laptop recipe": "laptop recipe",
    "run_summary": (
        "On {device}, the {recipe} reached a test accuracy of {accuracy} {scale}, training "
        "at {rate:,.0f} images per second over the whole run ({precision} arithmetic); "
        "training and testing took {duration}."),
    "training_found_laptop": (
        "the laptop recipe reached a test accuracy of {acc:.3f} after {epochs} epochs of "
        "{train:,} training images; training and testing took {fit_s:,.0f} s."),
    "training_found_reference": (
        "the reference recipe reached a test accuracy of {acc:.3f} after {epochs} epochs of "
        "{train:,} training images; training and testing took {fit_s:,.0f} s."),
    "training_no_gpu_run": (
        "No such run came with this copy of the book: run this page on a machine with a GPU, "
        "and the training board and tables above will show one."),
    "training_no_bench": (
        "No such comparison came with this copy of the book. Run on a GPU, this page's own "
        "images per second, in the table above, are the ones to set beside d2l-zh's; they "
        "include the data loading that d2l-zh's leave out."),
    # the page that looks inside the trained network
    "scale_change_teaching": (
        " Its one training run, a preset's two short runs, is as small at every scale; the "
        "plans' times are read from the timing files, whichever scale this page ran at."),
    "scale_change_visualize": (
        " At GPU full size this page looks inside the network of the reference recipe "
        "instead (224-pixel images, ten epochs); the views are the same."),
    "scale_name_quick": "quick mode",
    "scale_name_cpu": "CPU full size",
    "scale_name_gpu": "GPU full size",
    "visualize_loaded": (
        "This page loaded the network that the training page trained in {scale} and kept on "
        "this machine ({saved}): the {recipe} on {device}, {run_scale}, with a test accuracy "
        "of {accuracy}. Nothing was trained again."),
    "visualize_trained": (
        "No network that the training page trained in {scale} was kept on this machine (this "
        "page ran on its own), so the cell trained one with the same call: the {recipe} on "
        "{device}, {run_scale}, in {duration}, reaching a test accuracy of {accuracy}. It is "
        "kept now, and the next run of this page loads it."),
    "visualize_layer_share": "{layer} {share:.0f}%",
    "visualize_agreement": (
        "In this run ({scale}, {side}-pixel images), the share of a channel's eight most "
        "exciting test images (of {sample}) that belong to their most common class, averaged "
        "over each layer's channels: {layers}. For eight test images drawn at random from "
        "the same sample it is {chance:.0f}%."),
    "visualize_selective": (
        " One and a half times that is reached by {reached}, not by {missed}: in the layers "
        "that reach it, many channels respond to something that one class has and the others "
        "mostly lack."),
    "visualize_layer_separator": ", ",
    "visualize_selective_all": (
        " Every layer reaches one and a half times that: even the first layer's channels "
        "favour some classes."),
    "visualize_selective_none": (
        " No layer reaches one and a half times that: in this run the channels do not yet "
        "single out classes."),
    "visualize_trend_rising": (
        "In the table above the agreement rises at every stage, from {first:.0f}% at "
        "{first_layer} to {last:.0f}% at {last_layer}."),
    "visualize_trend_uneven": (
        "In the table above it does not rise at every stage: at {stages} it is no higher "
        "than at the stage before."),
    "visualize_silent_layer": "{layer} {silent} of {channels}",
    "visualize_silent": (
        "Channels that stayed at zero on every one of the sampled images (their ReLU never "
        "opened), per layer: {layers}."),
    "visualize_images": (
        "The network names test image {first} ({first_class}) correctly, with probability "
        "{first_p:.2f}; test image {second} ({second_class}) it takes for {second_pred}."),
    "visualize_images_right": (
        "The network names test image {first} ({first_class}) correctly, with probability "
        "{first_p:.2f}, and test image {second} ({second_class}) too, with probability "
        "{second_p:.2f}: this run made no mistake to look at."),
    "explorer_timing": (
        "Measured on {device} with this page's network, the median "
        "update after a change took {image:.2f} s for a new image, {layer:.2f} s for a new "
        "layer, {channel:.2f} s for a new channel and {unit:.2f} s for a new unit, on the "
        "clock. The first visit to the top images, one pass over {sample} test images that "
        "serves every layer, took {first:.2f} s; an occlusion map {occlusion:.2f} s and "
        "integrated gradients {gradients:.2f} s."),
    # hardware page
    "gpu_listed": "The GPU's rates are in the same table.",
    "memory_peak": (
        "Measured on {device}, two training steps of this network at a batch of 128 "
        "peaked at {peak:.2f} GiB of GPU memory, convolution workspace included."),
    "memory_weights": "weights",
    "memory_gradients": "gradients",
    "memory_optimizer_state": "optimizer state",
    "memory_activations": "activations",
    "memory_total": "total",
    "memory_ours": "this chapter's network",
    "memory_paper": "the 2012 paper's network",
    "memory_peak_no_gpu": (
        "This page ran without a GPU, so it measured no peak; on a GPU it measures one "
        "here."),
    "hw_conv_faster": (
        "Its convolution ran faster still, at {rate:g} TFLOP/s: a rate belongs to the "
        "routine that computes it as much as to the processor."),
    "gpu_missing": (
        "No GPU was found, so only the CPU is listed; no GPU measurement has been "
        "recorded with this book yet."),
    "gpu_recorded": (
        "No GPU was found here, so only the CPU is listed; the second table gives the "
        "rates measured on {device} when this book was run on it."),
    "hw_table_rates": "Measured rates",
    "hw_table_power": "Power and work of each design",
    "hw_col_device": "device",
    "hw_col_matmul_fp32": "matmul fp32 TFLOP/s",
    "hw_col_matmul_bf16": "matmul bf16 TFLOP/s",
    "hw_col_conv_fp32": "conv fp32 TFLOP/s",
    "hw_col_copy": "copy GB/s",
    "hw_col_matrix_size": "matrix size",
    "hw_col_measured": "measured",
    "hw_col_exponent": "power ~ clock^",
    "hw_col_design": "design",
    "hw_col_cores": "cores",
    "hw_col_power": "power",
    "hw_col_work": "work per second",
    "hw_design_fast": "1 fast core",
    "hw_design_slow": "cores at 1/{ratio} of its clock",
    "hw_no_bf16_units": "no bf16 units",
    # exercises page
    "paper_table_region": "The 2012 paper and the chapter's recipes (the table scrolls sideways)",
    "paper_column_2012": "2012 paper",
    "paper_column_reference": "this chapter: reference recipe (GPU)",
    "paper_column_laptop": "this chapter: laptop recipe (CPU)",
    "paper_data": "data",
    "paper_data_2012": "ILSVRC-2012: 1.28 million colour photographs, 1,000 classes",
    "paper_data_reference": ("Fashion-MNIST: 60,000 grey 28x28 images, 10 classes, enlarged "
                             "to 224x224"),
    "paper_data_laptop": ("Fashion-MNIST enlarged to 65x65: all 60,000 images at CPU full "
                          "size, 5,000 in quick mode"),
    "paper_input": "input",
    "paper_input_2012": "random 224x224 crops (and flips) of 256x256 images, RGB",
    "paper_input_reference": "the whole enlarged image, one grey channel",
    "paper_input_laptop": "the whole enlarged image, one grey channel",
    "paper_augmentation": "augmentation",
    "paper_augmentation_2012": "crops, horizontal flips, PCA colour changes",
    "paper_augmentation_reference": "none",
    "paper_augmentation_laptop": "none",
    "paper_layers": "layers",
    "paper_layers_2012": (
        "5 convolutions, 3 dense layers; conv2, conv4 and conv5 in two groups (one per GPU); "
        "local response normalisation; overlapping 3x3 max-pooling at stride 2; a 6x6x256 "
        "last map, 9,216 inputs to the first dense layer"),
    "paper_layers_reference": (
        "the same kinds and widths, ungrouped, no response normalisation, the same pooling; "
        "a 5x5x256 last map, 6,400 inputs to the first dense layer"),
    "paper_layers_laptop": (
        "the reference recipe's layers; on 65-pixel images a 1x1x256 last map, 256 inputs to "
        "the first dense layer"),
    "paper_hardware": "hardware",
    "paper_hardware_2012": "two GTX 580 (3 GiB each), each holding half of each layer's filters",
    "paper_hardware_reference": "one GPU",
    "paper_hardware_laptop": "a CPU, in bf16 where the processor multiplies bf16 in hardware",
    "paper_parameters": "parameters",
    "paper_parameters_2012": "about 60 million",
    "paper_parameters_reference": "{params}",
    "paper_parameters_laptop": "{laptop_params} (the first dense layer has fewer inputs)",
    "paper_optimizer": "optimizer",
    "paper_optimizer_2012": "SGD, momentum 0.9, weight decay 0.0005, batch 128",
    "paper_optimizer_reference": "SGD, no momentum, no weight decay, batch 128",
    "paper_optimizer_laptop": "Adam, no weight decay, batch 256 (64 in quick mode)",
    "paper_lr": "learning rate",
    "paper_lr_2012": ("0.01, divided by 10 when the validation error stopped improving "
                      "(three times)"),
    "paper_lr_reference": "0.01, constant",
    "paper_lr_laptop": "one cycle: rises from 0.00004 to 0.001, then falls towards zero",
    "paper_training": "training",
    "paper_training_2012": "about 90 passes over 1.2 million images, five to six days",
    "paper_training_reference": "10 passes over 60,000 images (the training page gives the time)",
    "paper_training_laptop": "3 passes over the training images (the training page gives the time)",
    "paper_testing": "testing",
    "paper_testing_2012": "predictions averaged over ten crops",
    "paper_testing_reference": "one prediction per image",
    "paper_testing_laptop": "one prediction per image (1,000 test images in quick mode)",
    "paper_result": "result",
    "paper_result_2012": (
        "top-5 test error 15.3% for an ensemble of seven networks, two of them pre-trained "
        "on ImageNet Fall 2011, against 26.2% for the second-best entry; one network: 18.2% "
        "top-5 on the validation set"),
    "paper_result_reference": "test accuracy (see the training page)",
    "paper_result_laptop": "test accuracy (see the training page)",
    "ex3_above": (
        "The step ran at {step:,.0f} GFLOP/s and the product of two square matrices of side "
        "{n} at {product:,.0f} GFLOP/s. A step faster than the product shows that the "
        "product's rate is not this processor's peak: the library's convolution kernels, "
        "which do most of a step's arithmetic, used the arithmetic units better than its "
        "matrix product of this size did. So both rates are below the peak, and a step's time "
        "here goes almost all to arithmetic: on a processor this slow, AlexNet still measures "
        "the arithmetic."),
    "ex3_busy": (
        "The step ran at {step:,.0f} GFLOP/s and the product of two square matrices of side "
        "{n} at {product:,.0f} GFLOP/s. A step's time here goes mostly to arithmetic, at a "
        "rate within a factor of two of a large product's: on a processor this slow, "
        "AlexNet still measures the arithmetic."),
    "ex3_idle": (
        "The step ran at {step:,.0f} GFLOP/s and the product of two square matrices of side "
        "{n} at {product:,.0f} GFLOP/s. At under half the product's rate, a step here spends "
        "much of its time on the fixed costs around the arithmetic (launching kernels, moving "
        "activations, updating the weights) rather than on the arithmetic itself."),
    "ex4_passed": (
        "LeNet reached a test accuracy of {lenet:.3f} after {lenet_epochs} epochs and AlexNet "
        "{alexnet:.3f} after {alexnet_epochs}, passing LeNet's final accuracy in epoch "
        "{passed}. Over the last {tail} epochs of each run, counted back from that run's own "
        "end, LeNet's test accuracy changed by {lenet_gain:+.3f} and AlexNet's by "
        "{alexnet_gain:+.3f}."),
    "ex4_not_passed": (
        "LeNet reached a test accuracy of {lenet:.3f} after {lenet_epochs} epochs and AlexNet "
        "{alexnet:.3f} after {alexnet_epochs}, never above LeNet's final accuracy. Over the "
        "last {tail} epochs of each run, counted back from that run's own end, LeNet's test "
        "accuracy changed by {lenet_gain:+.3f} and AlexNet's by {alexnet_gain:+.3f}."),
    "ex4_why": (
        "The reason to expect AlexNet to keep improving for longer: it has {param_ratio:,.0f} "
        "times as many parameters as LeNet and, on {side}-pixel images, does "
        "{flop_ratio:,.0f} times as many multiply-adds per image."),
    "this_run_scale": "This page's own run ({scale}, {run}): ",
    "this_run_quick": (" A run this small compares what the networks cost; their accuracies "
                       "have hardly left guessing yet, so they rank nothing."),
    "ex5_small_ahead": (
        "SmallNet, with {param_ratio:.0f} times fewer parameters than "
        "AlexNet, trained {speedup:.1f} times as many images per second and reached a test "
        "accuracy of {small:.3f}, above AlexNet's {alexnet:.3f}: the network built for 28 by "
        "28 images did better at a fraction of the cost. SlimAlexNet, with four narrower "
        "convolutions and one dense layer of 512, trained {slim_speedup:.1f} times as fast as "
        "AlexNet and reached {slim:.3f} ({slim_gap:+.3f} against AlexNet)."),
    "ex5_small_behind": (
        "SmallNet, with {param_ratio:.0f} times fewer parameters than "
        "AlexNet, trained {speedup:.1f} times as many images per second and reached a test "
        "accuracy of {small:.3f}, below AlexNet's {alexnet:.3f}: in as many epochs the small "
        "network did not catch up, although each of its epochs took a fraction of the time. "
        "SlimAlexNet, with four narrower convolutions and one dense layer of 512, trained "
        "{slim_speedup:.1f} times as fast as AlexNet and reached {slim:.3f} ({slim_gap:+.3f} "
        "against AlexNet)."),
    "ex5_small_level": (
        "SmallNet, with {param_ratio:.0f} times fewer parameters than "
        "AlexNet, trained {speedup:.1f} times as many images per second and reached a test "
        "accuracy of {small:.3f}, level with AlexNet's {alexnet:.3f}: in as many epochs "
        "neither network pulled ahead, and each of the small network's epochs took a fraction "
        "of the time. SlimAlexNet, with four narrower convolutions and one dense layer of 512, "
        "trained {slim_speedup:.1f} times as fast as AlexNet and reached {slim:.3f} "
        "({slim_gap:+.3f} against AlexNet)."),
    "ex6_rising": (
        "One epoch at batch 32, 128 and 512 trained {r32:,.0f}, {r128:,.0f} and {r512:,.0f} "
        "images per second, so throughput grew with the batch, and ended at test accuracies "
        "of {a32:.3f}, {a128:.3f} and {a512:.3f}."),
    "ex6_not_rising": (
        "One epoch at batch 32, 128 and 512 trained {r32:,.0f}, {r128:,.0f} and {r512:,.0f} "
        "images per second: on this device throughput did not grow steadily with the batch. "
        "The test accuracies were {a32:.3f}, {a128:.3f} and {a512:.3f}."),
    "ex6_acc_512_behind": (
        "In this run batch 128, with a quarter of the updates of batch 32, ended level with "
        "it, while batch 512 ended {behind:.3f} below the lower of the two."),
    "ex6_acc_falls": "In this run the accuracy after one epoch fell with each larger batch.",
    "ex6_acc_level": (
        "In this run the three accuracies after one epoch lay within {tol:.2f} of each "
        "other: the larger batches cost no accuracy."),
    "ex6_acc_mixed": (
        "In this run the accuracy after one epoch did not fall steadily as the batch grew."),
    "ex6_memory_cpu": "Peak memory is measured on CUDA GPUs only.",
    "ex6_memory_gpu": "Peak memory grew with the batch, because activations are kept per image.",
    "firstlayer_found": (
        "After {epochs} epochs on {train:,} training images the network reached a test "
        "accuracy of {acc:.3f}, and its first-layer filters had changed by {change:.1f}% of "
        "their initial size. The part outside the span was {outside:.0f}% of their size, and "
        "removing it left {agree:.0f}% of the predictions on {test} test images as they were."),
    "ex7_found": (
        "After {epochs} epochs the test accuracies were {sigmoid:.3f} for the sigmoid LeNet, "
        "{relu:.3f} with ReLU and dropout, and {augmented:.3f} with flips and shifts added: "
        "the highest was that of *{best}*."),
    "ex7_augment_cost": (
        'So in this run the flips and shifts lowered the test accuracy by {cost:.3f}. A '
        'longer run would tell whether the small LeNet only needs more than {epochs} '
        'epochs for images that change each time it sees them, or whether the varied '
        'images themselves mislead it, as the next sentences suggest.'),
    "ex7_augment_gain": (
        'So in this run the flips and shifts raised the test accuracy by {gain:.3f}.'),
    "ex7_augment_level": (
        'So in this run the flips and shifts changed the test accuracy by less than '
        '{tol:.3f}.'),
    "ex8_gap": (
        "After {epochs} epochs on {train:,} images, the training accuracy without dropout "
        "ended {gap_none:.3f} above the test accuracy (both averaged over the last five "
        "epochs); with dropout the gap was {gap_drop:.3f}: dropout narrowed it."),
    "ex8_gap_kept": (
        "After {epochs} epochs on {train:,} images, the training accuracy without dropout "
        "ended {gap_none:.3f} above the test accuracy (both averaged over the last five "
        "epochs); with dropout the gap was {gap_drop:.3f}, only slightly narrower: in this run "
        "dropout did not keep the network from fitting its training images better than new "
        "ones."),
    "ex8_gap_not_narrower": (
        "After {epochs} epochs on {train:,} images, the training accuracy without dropout "
        "ended {gap_none:.3f} above the test accuracy (both averaged over the last five "
        "epochs); with dropout the gap was {gap_drop:.3f}, no narrower: in this run dropout "
        "did not keep the network from fitting its training images better than new ones."),
    "ex8_no_gap": (
        "After {epochs} epochs on {train:,} images, the gap between training and test "
        "accuracy without dropout was only {gap_none:.3f} (with dropout {gap_drop:.3f}): too "
        "short a run to overfit."),
    "ex8b_found": (
        "After {epochs} epochs on all {train:,} training images, the gap between training "
        "and test accuracy was {gap_none:.3f} without dropout and {gap_drop:.3f} with it, "
        "and the test accuracies were {acc_none:.3f} and {acc_drop:.3f}."),
    "mistakes_one_class": (
        "This run's network predicted *{name}* for {share:.0f}% of the test images: it has "
        "not learned to tell the classes apart yet, so its mistakes say nothing about which "
        "classes look alike."),
    "mistakes_tied": " Other confusions occurred as often as the last of these.",
    # text alternatives of figures (d2l_local.plotting.describe), from what they draw
    "figure_curves": "A plot of {n} curves of {title} against {x} from {x0} to {x1}: {curves}.",
    "figure_curve_peak": ("{label} rises from {first} to its highest, {high}, at {x} = {at}, "
                          "and falls to {last}"),
    "figure_curve": "{label} goes from {first} to {last} (lowest {low}, highest {high})",
    "figure_grid": "A grid of {n} images: {titles}.",
    "figure_matrix": ("A {rows} by {cols} matrix of values, {y} down the side and {x} "
                      "along the bottom, for {names}."),
    "figure_bar_groups": "A bar chart of {n} bars, {k} series over {m} categories. {series}",
    "figure_bar_series": "{series}: {values}.",
    "figure_pair": "({x}, {y})",
    "figure_bars": "A bar chart of {n} bars, {title}: {names}.",
    "figure_values": "values",
    "figure_grid_untitled": "A grid of {n} images.",
    "figure_points": "{n} points of {y} against {x}: {points}.",
    "figure_plain": "A figure.",
    # tools/make_notebooks.py: the words the Colab notebooks' conversion writes
    "notebook_figure": "Figure",
    "notebook_exercise": "Exercise",
    "notebook_of": "{text} of *{title}*",
    "notebook_solution": "Solution to {number}",
    "notebook_references": "References",
    "notebook_the_exercise": "the exercise",
    "notebook_values": (
        "The numbers in this text are those of the book's own run: {note} Under each "
        "paragraph that quotes numbers, a cell shows those of your run."),
    "notebook_values_missing": (
        "Under each paragraph that quotes numbers (named `like_this` in the text), a cell "
        "shows those of your run."),
    "notebook_toc": "The sections of this chapter, each a notebook of its own:",
    # the training panel (d2l_local.runs, d2l_local.widgets): its settings, options, table
    "panel_lr": "learning rate",
    "panel_batch_size": "batch size",
    "panel_max_epochs": "epochs",
    "panel_dropout": "dropout",
    "panel_activation": "activation",
    "panel_optimizer": "optimizer",
    "panel_schedule": "schedule",
    "panel_resize": "input size",
    "panel_train_fraction": "training data",
    "panel_device": "device",
    "panel_recipe": "recipe",
    "panel_option_sgd": "SGD",
    "panel_option_momentum": "SGD + momentum",
    "panel_option_adam": "Adam",
    "panel_option_constant": "constant rate",
    "panel_option_one_cycle": "one-cycle",
    "panel_option_auto": "auto",
    "panel_one_cycle_suffix": " + 1cycle",
    "panel_status_finished": "finished",
    "panel_status_stopped": "stopped",
    "panel_status_interrupted": "interrupted",
    "panel_status_diverged": "diverged",
    "panel_status_out_of_memory": "out of memory",
    "panel_status_rejected": "rejected",
    "panel_bad_choice": ("{setting}={value} is not allowed: the panel's {label} is one of "
                         "{allowed}."),
    "panel_bad_number": ("{setting}={value} is not allowed: the panel's {label} is a number "
                         "from {low} to {high}."),
    "panel_bad_whole": ("{setting}={value} is not allowed: the panel's {label} is a whole "
                        "number from {low} to {high}."),
    "panel_unknown": "Unknown setting(s) {names}: the panel has {known}.",
    "panel_missing": ("Missing setting(s) {names}: a run needs every one (d2l.runs.settings() "
                      "fills them in from a recipe)."),
    "panel_column_run": "run",
    "panel_column_status": "status",
    "panel_column_lr": "lr",
    "panel_column_batch": "batch",
    "panel_column_epochs": "epochs",
    "panel_column_dropout": "dropout",
    "panel_column_activation": "act.",
    "panel_column_optimizer": "optimizer",
    "panel_column_size": "size",
    "panel_column_data": "data",
    "panel_column_train_acc": "train acc",
    "panel_column_test_acc": "test acc",
    "panel_column_rate": "images/s",
    "panel_column_time": "time",
    "panel_seconds": "{seconds:.1f} s",
    "panel_no_runs": "no runs yet: press Train",
    "panel_train": "Train",
    "panel_stop": "Stop",
    "panel_idle": "idle",
    "panel_runs": "Runs",
    "panel_compare": "compare",
    "panel_run": "run {run}",
    "panel_batch_progress": "epoch {epoch}: {batch}/{batches}",
    "panel_training_on": "training on {device}…",
    "panel_epoch_done": "epoch {epoch}: {rate:,.0f} images/s, test accuracy {acc:.3f}",
    "panel_run_done": "run {run} {status} in {seconds:.1f} s; {rate:,.0f} images/s",
    "panel_data": "training on {images:,} images",
    "panel_data_quick": "training on {images:,} images (quick mode)",
    "panel_busy": "A run is already in progress: wait for it, or press Stop.",
    "panel_stopping": "Stopping…",
    "panel_stopped_by_user": "stopped by the user",
    "panel_frozen_title": "Training panel (frozen).",
    "panel_frozen_why": (
        "On this static page the panel cannot train: it needs a live Python kernel. Open this "
        "page in JupyterLab, or in Colab with the launch buttons at the top, to use it."),
    "panel_frozen_settings": "Settings of the last run:",
    "panel_frozen_runs": "Runs made while this page was built:",
    "panel_frozen_runs_region": "Runs made while this page was built",
    # the panel's presets (d2l_local.runs.PRESETS)
    "panel_preset": "preset",
    "panel_run_preset": "Run preset",
    "panel_preset_queued": (
        "Preset “{title}”: {count} runs queued; each appears in the table when "
        "it ends, and the comparison shows them together."
    ),
    "panel_preset_skipped": "Preset stopped: the runs after the stopped one were not made.",
    "preset_relu_sigmoid": "ReLU against sigmoid",
    "preset_relu_sigmoid_expect": (
        "Two runs that differ only in the activation function. Expect the sigmoid network to "
        "learn more slowly: sigmoids saturate, so the gradients that reach the first layers "
        "are small, and its test accuracy should stay nearer chance (0.10) for longer while "
        "the ReLU network's rises. In a very short run both may still be close to chance."),
    "preset_dropout": "With and without dropout",
    "preset_dropout_expect": (
        "Two runs with dropout 0.5 and 0.0 in the two hidden dense layers. Expect the run "
        "without dropout to fit its training images faster, so that its training accuracy "
        "pulls away from its test accuracy as the epochs go on. After one or two epochs the "
        "gap may not have opened yet, and the run without dropout may even test a little "
        "higher."),
    "preset_lr_x10": "Learning rate ×10",
    "preset_lr_x10_expect": (
        "Two runs: the recipe's learning rate and ten times it. Expect the larger steps to "
        "make the loss jump about or grow: the run may end as diverged (the table says so, "
        "with advice) or stay near chance. If it survives, its first epochs can also move "
        "faster than the recipe's: which one happens depends on the optimizer."),
    "preset_size": "65 against 224 pixels",
    "preset_size_expect": (
        "Two runs on the same images, upsampled to 65 and to 224 pixels. Upsampling adds no "
        "information, so expect similar accuracy; but an image at 224 pixels costs about "
        "{ratio:.0f} times the arithmetic of one at 65, so expect the 224-pixel run to take "
        "many times longer: on a 2-core CPU, minutes where the 65-pixel run takes seconds "
        "(choosing this preset in the panel times it on this machine)."),
    "preset_estimate": (
        "Estimated on this machine, from training steps timed now: {runs} "
        "({images:,} training images, epochs: {epochs}; loading the data comes on top)."),
    "preset_run_estimate": "{value}: about {duration}",
    # the teacher's lesson plans (d2l_local.lessons)
    "lesson_table_region": "Lesson plan (the table scrolls sideways)",
    "preset_table_region": "The panel's presets (the table scrolls sideways)",
    "preset_column_name": 'preset',
    "preset_column_values": 'values compared',
    "preset_column_expect": 'what it should show',
    "lesson_timed_run": '{scale}, {device}, {date}: {pages}',
    "lesson_no_timed_run": 'No timed run has been recorded yet.',
    "lesson_column_step": "step",
    "lesson_column_page": "page",
    "lesson_column_cells": "code to run",
    "lesson_column_minutes": "minutes planned",
    "lesson_column_what": "what to do",
    "lesson_scale_quick": "cells' time, quick mode",
    "lesson_scale_cpu": "cells' time, CPU full size",
    "lesson_scale_gpu": "cells' time, GPU full size",
    "lesson_cells_to": "from the top to the end of “{section}”",
    "lesson_cells_all": "the whole page",
    "lesson_scale_on": "The times for {scale} were measured on {device}.",
    "lesson_seconds": "{seconds:.1f} s",
    "lesson_not_timed": ("Not timed yet, so the table has no column for it: {scales}."),
    "lesson_scales_and": " and ",
    "lesson_over_plan": " (longer than the minutes planned: run it before class, or in quick mode)",
    "lesson_measured": "{seconds:.1f} s on {device}",
    "lesson_unmeasured": "not measured yet",
    "lesson_page_changed": ("not measured: this timed run ran an earlier form of the page, "
                            "with other cells"),
    "lesson_page_unmeasured": "not measured: this timed run left the page out",
    "lesson_total": "Minutes planned in all: {minutes}.",
    "lesson_why_2012": "Ask why CNNs, known since 1989, only won in 2012; collect answers.",
    "lesson_features": "Show a crafted feature, then say what learning one would change.",
    "lesson_model": "Walk through the layers; show ReLU against sigmoid and dropout.",
    "lesson_panel": "Run the ReLU-against-sigmoid preset live; predict before it ends.",
    "lesson_summary": "Read the summary together; set two exercises as homework.",
    "lesson_data": "Load Fashion-MNIST; measure what upsampling to 224 pixels costs.",
    "lesson_hardware": "Compare CPU and GPU; measure this machine's rates.",
    "lesson_model_all": "Build AlexNet; count its parameters and FLOPs per layer.",
    "lesson_training": "Train with the machine's recipe; then the presets, in pairs.",
    "lesson_firstlayer": "Train briefly and look at the first layer's filters.",
    "figure_window_grid": (
        "A close-up of a test image enlarged {scale} times, {span} original pixels on a "
        "side, its grey changing smoothly from one original pixel to the next. White lines "
        "mark the original pixels' borders and dots their centres. A solid red square marks "
        "one window, {kernel} pixels on a side; a dashed one marks the next window, {stride} "
        "pixels to the right."),
    "figure_filter_parts": (
        "{rows} rows of the same {n} first-layer filters, each a square of {k} weights on a "
        "side: as trained, their part inside the span of the patches, and the rest. Red is "
        "positive and blue negative, each column on one colour scale."),
    "figure_filters": (
        "{n} first-layer filters, each a square of {k} weights on a side, each in grey from "
        "its most negative weight (black) to its most positive (white)."),
    "lesson_exercises": ("Pairs pick an exercise, run the page's first cell and their exercise's "
                         "cells, and report in two minutes (the time shown is for every "
                         "exercise)."),
}

# Fashion-MNIST's classes as the prose names them: as d2l_local.data.TEXT_LABELS writes them
CLASS_NAMES: dict = {}
# The words of the figures the code draws are English already (d2l_local.figtext).
FIGURE_TEXT: dict = {}
FIGURE_PATTERNS: list = []
