import pytest
import torch

import d2l_local as d2l
from d2l_local import config
from d2l_local.data import balanced_subset


def test_quick_mode_uses_a_balanced_real_subset(quick):
    dm = d2l.FashionMNIST(batch_size=64)
    assert dm.num_train == config.QUICK.train_examples
    assert dm.num_val == config.QUICK.val_examples
    counts = torch.bincount(dm.train_labels, minlength=10)
    assert counts.max() - counts.min() <= 1
    small = d2l.FashionMNIST(batch_size=64, num_train=100, num_val=50)
    assert (small.num_train, small.num_val) == (100, 50)  # smaller than quick's: kept


def test_full_size_and_subsets():
    full = d2l.FashionMNIST(batch_size=256)
    assert (full.num_train, full.num_val) == (60000, 10000)
    assert full.resize == (28, 28) and full.train_labels.dtype == torch.int64
    sub = d2l.FashionMNIST(batch_size=100, num_train=1000, num_val=300, resize=32)
    assert (sub.num_train, sub.num_val, sub.resize) == (1000, 300, (32, 32))
    assert len(sub.train_dataloader()) == 10 and len(sub.val_dataloader()) == 3
    X, y = next(iter(sub.train_dataloader()))
    assert X.shape == (100, 1, 32, 32) and X.dtype == torch.float32 and y.dtype == torch.int64


def test_balanced_subset_is_balanced_distinct_and_seeded():
    labels = torch.arange(1000) % 10
    idx = balanced_subset(labels, 95, seed=3)
    assert len(idx) == 95 and len(set(idx.tolist())) == 95
    counts = torch.bincount(labels[idx], minlength=10).tolist()
    assert counts == [10] * 5 + [9] * 5
    assert torch.equal(idx, balanced_subset(labels, 95, seed=3))
    assert not torch.equal(idx, balanced_subset(labels, 95, seed=4))


def test_validation_set_is_in_file_order_and_training_set_is_not():
    full = d2l.load_fashion_mnist()
    dm = d2l.FashionMNIST(batch_size=16)
    X, y = next(iter(dm.val_dataloader()))
    assert torch.equal(y, full["test_labels"][:16].long())
    assert torch.equal((X[:, 0] * 255).round().to(torch.uint8), full["test_images"][:16])
    _, y_train = next(iter(dm.train_dataloader()))
    assert not torch.equal(y_train, full["train_labels"][:16].long())


def test_to_moves_once_and_text_labels():
    dm = d2l.FashionMNIST(batch_size=8, num_train=16, num_val=8)
    assert dm.to("cpu") is dm and dm.device == torch.device("cpu")
    assert dm.to("meta") is dm and dm.device == torch.device("meta")  # another device
    assert {t.device.type for t in (dm.train_images, dm.train_labels, dm.val_images,
                                    dm.val_labels)} == {"meta"}
    assert dm.text_labels([0, 9, 8]) == ["t-shirt", "ankle boot", "bag"]


@pytest.mark.parametrize("kwargs,name", [
    (dict(num_train=0), "num_train"), (dict(num_val=-1), "num_val"),
    (dict(resize=(0, 0)), "resize"), (dict(batch_size=2.5), "batch_size"),
])
def test_bad_arguments_name_themselves(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}="):
        d2l.FashionMNIST(**kwargs)


def test_resize_message_says_what_is_allowed():
    with pytest.raises(ValueError) as err:
        d2l.FashionMNIST(resize=(0, 0))
    msg = str(err.value)
    assert "whole number >= 1" in msg and "(224, 224)" in msg and "at least 65" in msg
