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
    assert out.count("quick mode") == 1 and config.QUICK.describe() in out
    monkeypatch.delenv("D2L_QUICK")
    assert config.quick_limits() is None


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
