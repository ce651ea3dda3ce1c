"""English sentences written by the chapter's code (the source of the other catalogs)."""

TEXT = {
    # d2l_local.book: how a page was run
    "run_mode_quick": (
        "This page was run in **quick mode** (`D2L_QUICK=1`) on {device}: every experiment "
        "used a small part of the real data ({limits}), so its numbers show the method, not "
        "the final accuracy. Results of a full-size GPU run are shown where they exist."),
    "run_mode_full": "This page was run at full size on {device}.",
    "quick_limits": ("{train} training and {val} test images, at most {epochs} epochs of "
                     "about {images} images"),
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
        "at {rate:,.0f} images per second ({precision} arithmetic).{quick}"),
    "run_summary_quick": " This is quick mode: a few batches, not the recipe's full run.",
    # hardware page
    "gpu_listed": "The GPU's rates are in the same table.",
    "gpu_missing": ("No GPU was found, so only the CPU is listed; the rates the project "
                    "measured on a GPU follow below, when they have been committed."),
    # exercises page
    "ex4_quick": (" Quick mode cut the twenty epochs down; run the page at full size for "
                  "the real comparison."),
    "ex6_memory_cpu": "Peak memory is measured on CUDA GPUs only.",
    "ex6_memory_gpu": "Peak memory grew with the batch, because activations are kept per image.",
    "ex8_gap": ("Without dropout the training accuracy ended {gap_none:.3f} above the test "
                "accuracy; with dropout the gap was {gap_drop:.3f}."),
    "ex8_no_gap": ("In this run the gap without dropout was only {gap_none:.3f} (with dropout "
                   "{gap_drop:.3f}): too short a run to overfit. Run the page at full size to "
                   "see the gap open."),
    "ex8b_result": (
        "the gap between training and test accuracy (averaged over the last epochs) was "
        "{gap_none:.3f} without dropout and {gap_drop:.3f} with it, and the test accuracies "
        "were {acc_none:.3f} and {acc_drop:.3f}"),
    "near_chance": (" All of these accuracies are close to chance ({chance:.2f}): the run "
                    "was too short to rank them."),
    "mistakes_one_class": (
        "This run's network predicted *{name}* for {share:.0f}% of the test images: it has "
        "not learned to tell the classes apart yet, so its mistakes say nothing about which "
        "classes look alike."),
    "mistakes_tied": " Other confusions occurred as often as the last of these.",
}
