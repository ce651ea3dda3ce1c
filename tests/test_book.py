from d2l_local import book


def test_run_mode_says_how_the_page_ran(quick):
    text = book.run_mode_text("cpu")
    assert "quick mode" in text and "cpu (" in text


def test_run_mode_full_size(monkeypatch):
    monkeypatch.delenv("D2L_QUICK", raising=False)
    assert book.run_mode_text("cpu").startswith("This page was run at full size on cpu (")


def test_glue_returns_plain_values():
    import numpy as np
    import torch
    assert book.glue("x", 3.5) == 3.5 and book.glue("s", "text") == "text"
    for scalar in (np.float64(2.5), torch.tensor(2.5)):
        value = book.glue("n", scalar)
        assert type(value) is float and value == 2.5  # formats with {glue:text}`n:.1f`


def test_run_scale_and_chance_in_words():
    history = [{"epoch": 1, "train_images": 256, "val_images": 256, "complete": True},
               {"epoch": 2, "train_images": 100, "val_images": 0, "complete": False}]
    assert book.run_scale(history) == ("after 1 epoch of 256 training images, tested "
                                       "on 256 images")
    assert book.run_scale([]) == "before completing an epoch"
    assert "no better than guessing" in book.versus_chance(0.094)
    assert book.versus_chance(0.883) == "0.883 (guessing scores 0.10)"


def test_mistakes_are_described_as_measured():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.zeros(7, 7, dtype=torch.long)
    m[6, 0], m[0, 6], m[4, 2] = 30, 20, 10
    text = book.mistakes_text(m, names)
    assert text.startswith("The most frequent mistakes of this run: shirt taken for t-shirt "
                           "(30 times); t-shirt taken for shirt (20 times); coat taken for "
                           "pullover (10 times).")
    assert "All of them are between tops" in text
    m[5, 1] = 40
    text = book.mistakes_text(m, names)
    assert "sandal taken for trouser (40 times)" in text and "2 of these 3 are between" in text
    assert book.mistakes_text(torch.eye(7, dtype=torch.long), names).startswith("No test")


def test_fill_puts_this_runs_values_into_the_prose():
    book.glue("acc", 0.8766)
    book.glue("device_name", "cpu (x86_64)")
    text = "On {glue:md}`device_name` it reached {glue:text}`acc:.3f` ({glue:text}`acc`)."
    assert book.fill(text) == "On cpu (x86_64) it reached 0.877 (0.8766)."
    assert book.fill("{glue:text}`missing:.2f`") == "[missing: run the cells above]"


def test_mistakes_of_a_network_that_predicts_one_class_are_not_read_as_a_pattern():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.zeros(7, 7, dtype=torch.long)
    m[:, 4] = 13  # every image called a coat
    text = book.mistakes_text(m, names)
    assert text.startswith("This run's network predicted *coat* for 100% of the test images")
    assert "between tops" not in text


def test_mistakes_say_when_the_cut_falls_in_a_tie():
    import torch
    names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt"]
    m = torch.eye(7, dtype=torch.long) * 50
    m[6, 0], m[0, 6], m[4, 2], m[2, 4] = 9, 8, 8, 8
    assert "Other confusions occurred as often" in book.mistakes_text(m, names)
    m[2, 4] = 7
    assert "Other confusions" not in book.mistakes_text(m, names)


def test_near_chance_note_only_when_every_accuracy_is_near_chance():
    assert "too short to rank" in book.near_chance_note([0.09, 0.14])
    assert book.near_chance_note([0.09, 0.16]) == ""
    assert "随机猜测" in book.near_chance_note([0.1]).in_language("zh")
