import pytest

from d2l_local import config


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), (" Yes ", True),
                                            ("on", True), ("0", False), ("", False),
                                            ("no", False)])
def test_flags_are_read_one_way(monkeypatch, value, expected):
    for name, reader in (("D2L_QUICK", config.quick_mode), ("D2L_OFFLINE", config.offline),
                         ("D2L_STATIC_BOOK", config.static_book),
                         ("D2L_SAVE_RESULTS", config.save_results)):
        monkeypatch.setenv(name, value)
        assert reader() is expected
    monkeypatch.setenv("D2L_NO_PROGRESS", value)
    assert config.show_progress() is (not expected)


def test_quick_limits_in_one_place(monkeypatch, capsys, quick):
    assert config.quick_limits() is config.QUICK
    assert (config.QUICK.train_examples, config.QUICK.val_examples) == (256, 128)
    config.announce_quick_mode()
    config.announce_quick_mode()
    out = capsys.readouterr().out
    assert out.count("quick mode") == 1 and "256 training and 128 test images" in out
    monkeypatch.delenv("D2L_QUICK")
    assert config.quick_limits() is None


def test_the_librarys_messages_speak_the_readers_language(monkeypatch):
    """What the library prints on a page (quick mode, no GPU, where it trains, a stop) is
    in the page's edition, its numbers written the edition's way."""
    monkeypatch.setenv("D2L_LANG", "zh")
    assert config.say("msg_stopped", epochs=2) == "在完成 2 轮之后停止。"
    assert "未找到GPU" in config.say("msg_no_gpu")
    monkeypatch.setenv("D2L_LANG", "vi")
    assert "1.200 ảnh huấn luyện" in config.say("msg_quick", train=1200, val=128)
    monkeypatch.setenv("D2L_LANG", "en")
    assert config.say("msg_training_on_ranks", device="cpu", world=2) == \
        "Training on cpu in 2 data-parallel processes."


def test_data_dir_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("D2L_DATA_DIR", str(tmp_path))
    assert config.data_dir_variable() == tmp_path
    monkeypatch.setenv("D2L_DATA_DIR", "")
    assert config.data_dir_variable() is None


def test_project_paths():
    root = config.project_root()
    assert root is not None and (root / "pyproject.toml").is_file()
    assert config.project_data_dir() == root / "data"
    assert config.results_dir() == root / "results"


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    from d2l_local import config
    synced = []
    real_fsync = config.os.fsync
    monkeypatch.setattr(config.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    path = tmp_path / "deep" / "record.json"
    assert config.atomic_write(path, "première\n") == path  # the folder is made
    assert path.read_text(encoding="utf-8") == "première\n" and len(synced) == 1
    config.atomic_write(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01" and len(synced) == 2

    def half_then_fail(fh):
        fh.write(b"half a file")
        raise OSError("disk full")
    with pytest.raises(OSError, match="disk full"):
        config.atomic_write(path, write=half_then_fail)
    assert path.read_bytes() == b"\x00\x01"  # the old file, whole
    assert sorted(p.name for p in path.parent.iterdir()) == ["record.json"]  # no temp left
    config.atomic_write(path, write=lambda fh: fh.write(b"by handle"))
    assert path.read_bytes() == b"by handle"
    with pytest.raises(ValueError):
        config.atomic_write(path, "x", write=lambda fh: None)


def test_a_message_in_the_static_book_holds_every_language(monkeypatch, capsys):
    """One execution serves every edition's page, so while the book executes the pages a
    message is displayed in every language (the page's stylesheet shows its own); in a
    notebook or a script it is printed in the reader's language."""
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setenv("D2L_LANG", "vi")
    monkeypatch.delenv("D2L_STATIC_BOOK", raising=False)
    config.tell("msg_stopped", epochs=2)
    assert capsys.readouterr().out == "Đã dừng sau 2 epoch hoàn chỉnh.\n" and shown == []
    monkeypatch.setenv("D2L_STATIC_BOOK", "1")
    config.tell("msg_stopped", epochs=2)
    assert capsys.readouterr().out == "" and len(shown) == 1
    html = shown[0].data
    assert html.startswith('<div class="d2l-l10n d2l-message">')
    assert '<pre lang="en">Stopped after 2 complete epoch(s).</pre>' in html
    assert '<pre lang="zh">在完成 2 轮之后停止。</pre>' in html and '<pre lang="vi">' in html


def test_every_language_in_one_container_the_book_shows_one_of():
    from d2l_local.locales import LANGUAGES, in_every_language
    html = in_every_language(lambda lang: f"<b>{lang}</b>", tag="p", outer="blockquote",
                             classes="d2l-run-mode d2l-l10n", style="x:1", before="<style/>")
    assert html == ('<blockquote class="d2l-run-mode d2l-l10n" style="x:1"><style/>'
                    + "".join(f'<p lang="{lang}"><b>{lang}</b></p>' for lang in LANGUAGES)
                    + "</blockquote>")
    assert in_every_language(str.upper).startswith('<div class="d2l-l10n"><div lang="en">EN<')
    with pytest.raises(ValueError, match="d2l-l10n"):  # the stylesheet would show them all
        in_every_language(str, classes="d2l-message")
