from d2l_local import book


def test_run_mode_says_how_the_page_ran(quick):
    text = book.run_mode_text("cpu")
    assert "quick mode" in text and "cpu (" in text


def test_run_mode_full_size(monkeypatch):
    monkeypatch.delenv("D2L_QUICK", raising=False)
    assert book.run_mode_text("cpu").startswith("This page was run at full size on cpu (")


def test_glue_returns_its_value_outside_a_build():
    assert book.glue("x", 3.5) == 3.5 and book.glue("s", "text") == "text"
