from pathlib import Path

import pytest
import torch

import d2l_local as d2l
from d2l_local import config
from d2l_local import files as data

from .conftest import DEBIAN, link_files


def test_real_counts_and_balance():
    full = d2l.load_fashion_mnist()
    assert full["train_images"].shape == (60000, 28, 28)
    assert full["test_images"].shape == (10000, 28, 28)
    assert full["train_images"].dtype == torch.uint8
    assert torch.bincount(full["train_labels"].long()).tolist() == [6000] * 10
    assert torch.bincount(full["test_labels"].long()).tolist() == [1000] * 10


def test_explicit_root_comes_first(isolated, monkeypatch):
    a = link_files(isolated / "a")
    b = link_files(isolated / "b")
    monkeypatch.setenv("D2L_DATA_DIR", str(b))
    assert data.find_fashion_mnist(root=a) == a


@pytest.mark.parametrize("state", ["missing", "empty", "partial", "file"])
def test_data_dir_variable_must_hold_the_data(isolated, monkeypatch, state):
    folder = isolated / "mine"
    if state == "file":  # a reader who pointed it at one of the data files
        folder.write_bytes(b"")
    elif state != "missing":
        folder.mkdir()
    if state == "partial":
        (folder / "train-images-idx3-ubyte.gz").symlink_to(DEBIAN / "train-images-idx3-ubyte.gz")
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)  # the data exist elsewhere...
    monkeypatch.setenv("D2L_DATA_DIR", str(folder))
    with pytest.raises(data.DataError) as err:  # ...but the variable names this folder
        data.find_fashion_mnist()
    msg = str(err.value)
    assert "D2L_DATA_DIR" in msg and str(folder) in msg and "unset D2L_DATA_DIR" in msg
    said = {"missing": "does not exist", "file": "is a file, not a folder"}
    assert said.get(state, "does not hold all four") in msg
    assert state == "missing" or "does not exist" not in msg


def test_empty_data_dir_variable_is_ignored(isolated, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)
    monkeypatch.setenv("D2L_DATA_DIR", " ")
    assert data.find_fashion_mnist() == DEBIAN


def test_env_var_before_project_and_debian(isolated, monkeypatch):
    env = link_files(isolated / "env")
    link_files(isolated / "project-data")
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)
    monkeypatch.setenv("D2L_DATA_DIR", str(env))
    assert data.find_fashion_mnist() == env


def test_project_folder_in_torchvision_layout_before_debian(isolated, monkeypatch):
    raw = link_files(isolated / "project-data" / "FashionMNIST" / "raw", gz=False)
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)
    assert data.find_fashion_mnist() == raw
    loaded = data.load_fashion_mnist()  # uncompressed files read and verified too
    assert loaded["train_labels"].shape == (60000,)


def test_debian_package_last_before_download(isolated, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)
    assert data.find_fashion_mnist() == DEBIAN


def test_offline_error_says_all_three_ways(isolated, monkeypatch):
    monkeypatch.setenv("D2L_OFFLINE", "1")
    with pytest.raises(data.DataError) as err:
        data.find_fashion_mnist()
    msg = str(err.value)
    assert "apt-get install dataset-fashion-mnist" in msg
    assert "D2L_DATA_DIR" in msg
    assert "unset D2L_OFFLINE" in msg
    assert str(isolated / "project-data") in msg  # the places searched are listed


def test_missing_root_is_reported(isolated):
    with pytest.raises(data.DataError, match=r"does not exist.*Pass another root"):
        data.find_fashion_mnist(root=isolated / "nowhere")


def test_incomplete_root_is_reported_not_replaced(isolated, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_DIR", DEBIAN)
    (isolated / "half").mkdir()
    with pytest.raises(data.DataError, match="does not hold all four"):
        data.find_fashion_mnist(root=isolated / "half")


def test_truncated_file_rejected(isolated):
    folder = link_files(isolated / "t")
    victim = folder / "train-images-idx3-ubyte.gz"
    blob = (DEBIAN / victim.name).read_bytes()
    victim.unlink()
    victim.write_bytes(blob[: len(blob) // 2])
    with pytest.raises(data.DataError, match="truncated or corrupt"):
        data.load_fashion_mnist(folder)


def test_truncated_uncompressed_file_rejected(isolated):
    folder = link_files(isolated / "u", gz=False)
    victim = folder / "t10k-labels-idx1-ubyte"
    victim.write_bytes(victim.read_bytes()[:-100])
    with pytest.raises(data.DataError, match="truncated or padded"):
        data.load_fashion_mnist(folder)


def test_corrupted_bytes_fail_the_checksum(isolated):
    folder = link_files(isolated / "c", gz=False)
    victim = folder / "t10k-images-idx3-ubyte"
    raw = bytearray(victim.read_bytes())
    raw[5000] ^= 0xFF
    victim.write_bytes(bytes(raw))
    with pytest.raises(data.DataError, match="corrupt: its SHA-256"):
        data.load_fashion_mnist(folder)


def test_wrong_file_in_place_of_another(isolated):
    folder = link_files(isolated / "w")
    (folder / "t10k-images-idx3-ubyte.gz").unlink()
    (folder / "t10k-images-idx3-ubyte.gz").symlink_to(DEBIAN / "t10k-labels-idx1-ubyte.gz")
    with pytest.raises(data.DataError, match="a label file"):
        data.load_fashion_mnist(folder)


def test_unreadable_folder_says_so(isolated, monkeypatch):
    folder = link_files(isolated / "r")

    def deny(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "is_file", deny)
    with pytest.raises(data.DataError, match="cannot be read"):
        data.find_fashion_mnist(root=folder)


def test_failed_download_leaves_nothing_behind(isolated, monkeypatch):
    import torchvision.datasets

    class BrokenDownload:
        def __init__(self, root, train, download):
            part = Path(root) / "FashionMNIST" / "raw" / "train-images-idx3-ubyte.gz"
            part.parent.mkdir(parents=True)
            part.write_bytes(b"half a file")
            raise OSError("connection reset")

    monkeypatch.setattr(torchvision.datasets, "FashionMNIST", BrokenDownload)
    monkeypatch.delenv("D2L_OFFLINE", raising=False)
    with pytest.raises(data.DataError, match="Downloading Fashion-MNIST failed"):
        data.find_fashion_mnist()
    target = config.project_data_dir()
    assert [p for p in target.rglob("*") if p.is_file()] == []


def test_download_is_verified_and_moved_into_place(isolated, monkeypatch):
    import torchvision.datasets

    class FakeDownload:  # stands in for the network: copies the real files
        def __init__(self, root, train, download):
            raw = Path(root) / "FashionMNIST" / "raw"
            if not raw.exists():
                link_files(raw)

    monkeypatch.setattr(torchvision.datasets, "FashionMNIST", FakeDownload)
    monkeypatch.delenv("D2L_OFFLINE", raising=False)
    found = data.find_fashion_mnist()
    assert found == config.project_data_dir() / "FashionMNIST" / "raw"
    assert not list(config.project_data_dir().glob(".download-*"))


def test_gz_and_plain_give_identical_tensors(isolated):
    a = data.load_fashion_mnist(link_files(isolated / "gz"))
    b = data.load_fashion_mnist(link_files(isolated / "plain", gz=False))
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert a["train_images"].dtype == torch.uint8 and b["test_labels"].shape == (10000,)


def test_an_unreadable_file_is_named_with_the_fix(tmp_path, monkeypatch):
    victim = tmp_path / "t10k-labels-idx1-ubyte"
    victim.write_bytes(b"x")

    def deny(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(data.DataError) as err:
        data._read_bytes(victim)
    assert str(victim) in str(err.value) and "fix its permissions" in str(err.value)
