import gzip
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms

import d2l_local as d2l
from d2l_local import config, data

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
    with pytest.raises(data.DataError, match="does not exist"):
        data.find_fashion_mnist(root=isolated / "nowhere")


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


def test_resize_matches_torchvision_within_one_level():
    imgs = d2l.load_fashion_mnist()["test_images"][:64]
    ours = d2l.resize_on_device(imgs, (224, 224))
    pipeline = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
    ref = torch.stack([pipeline(Image.fromarray(np.asarray(im))) for im in imgs])
    assert ours.shape == ref.shape == (64, 1, 224, 224)
    assert (ours - ref).abs().max().item() <= 1 / 255 + 1e-6


@pytest.mark.parametrize("size", [(224, 224), (227, 227), (65, 100), (28, 56), (14, 14)])
def test_cpu_resize_equals_interpolate_and_stays_in_range(size):
    imgs = d2l.load_fashion_mnist()["test_images"][:16]
    x = imgs.unsqueeze(1).float() / 255
    ref = torch.nn.functional.interpolate(x, size=size, mode="bilinear", align_corners=False,
                                          antialias=size[0] < 28)
    ours = d2l.resize_on_device(imgs, size)
    assert ours.shape == ref.shape and ours.dtype == torch.float32 and ours.is_contiguous()
    assert (ours - ref).abs().max().item() < 1e-5
    extremes = torch.stack([torch.zeros(28, 28, dtype=torch.uint8),
                            torch.full((28, 28), 255, dtype=torch.uint8)])
    y = d2l.resize_on_device(extremes, size)
    assert y.min().item() >= 0 and y.max().item() <= 1 and y[1].min().item() > 0.99999


def test_quick_mode_uses_a_balanced_real_subset(quick):
    dm = d2l.FashionMNIST(batch_size=64)
    assert dm.num_train == config.QUICK_TRAIN_EXAMPLES
    counts = torch.bincount(dm.train_labels, minlength=10)
    assert counts.max() - counts.min() <= 1


def test_loader_covers_every_example_once_and_is_seeded():
    dm = d2l.FashionMNIST(batch_size=100, num_train=1000, num_val=300)
    loader = dm.train_dataloader()
    assert len(loader) == 10 and len(dm.val_dataloader()) == 3
    seen = torch.cat([y for _, y in loader])
    assert torch.equal(torch.sort(seen).values, torch.sort(dm.train_labels).values)
    first = [y for _, y in loader]
    again = [y for _, y in dm.train_dataloader()]
    assert all(torch.equal(a, b) for a, b in zip(first, again))  # same seed, same epoch
    loader.set_epoch(1)
    assert not torch.equal(next(iter(loader))[1], first[0])  # a new epoch reshuffles


def test_gz_and_plain_give_identical_tensors(isolated):
    a = data.load_fashion_mnist(link_files(isolated / "gz"))
    b = data.load_fashion_mnist(link_files(isolated / "plain", gz=False))
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert gzip  # the module is used by the fixture helpers
