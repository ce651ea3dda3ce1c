import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms

import d2l_local as d2l
from d2l_local import loader as loader_module
from d2l_local.loader import DeviceLoader, epoch_seed, flip_and_shift


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


@pytest.mark.parametrize("size", [(224, 224), (65, 100)])
def test_the_interpolate_path_is_bilinear_too(size, monkeypatch):
    """Enlarging off the CPU (CUDA, MPS) is ``F.interpolate``'s: forced here on the CPU, it
    must agree with the matrix path, which equals torchvision's bilinear Resize."""
    imgs = d2l.load_fashion_mnist()["test_images"][:16]
    by_matrices = d2l.resize_on_device(imgs, size)
    monkeypatch.setattr(loader_module, "_by_matrices", lambda *a: False)
    interpolated = d2l.resize_on_device(imgs, size)
    assert interpolated.shape == by_matrices.shape
    assert (interpolated - by_matrices).abs().max().item() < 1e-5


def test_no_resize_only_scales():
    imgs = torch.tensor([[[0, 51], [255, 102]]], dtype=torch.uint8)
    for size in (None, (2, 2)):
        out = d2l.resize_on_device(imgs, size)
        assert out.shape == (1, 1, 2, 2)
        assert out.flatten().tolist() == pytest.approx([0, 0.2, 1, 0.4])


def test_flip_and_shift_moves_pixels_without_changing_them():
    torch.manual_seed(0)
    imgs = torch.arange(64 * 8 * 8, dtype=torch.int64).remainder(251).view(64, 8, 8) + 1
    out = flip_and_shift(imgs, max_shift=2)
    assert out.shape == imgs.shape and out.dtype == imgs.dtype
    flipped = shifted = 0
    for src, dst in zip(imgs, out):
        candidates = []
        for img in (src, src.flip(-1)):
            padded = torch.nn.functional.pad(img, (2, 2, 2, 2))
            candidates += [padded[dy:dy + 8, dx:dx + 8] for dy in range(5) for dx in range(5)]
        match = [i for i, c in enumerate(candidates) if torch.equal(c, dst)]
        assert match, "every output is a flipped and/or shifted copy of its input"
        flipped += match[0] >= 25
        shifted += match[0] % 25 != 12  # 12: dy = dx = 2, no shift
    assert 16 < flipped < 48 and shifted > 40  # about half flipped, most shifted


def test_loader_covers_every_example_once_and_is_seeded():
    images = torch.arange(10).view(10, 1, 1).expand(10, 2, 2).to(torch.uint8)
    labels = torch.arange(10)
    loader = DeviceLoader(images, labels, batch_size=4, resize=None, shuffle=True, seed=1)
    assert len(loader) == 3
    batches = list(loader)
    assert [len(y) for _, y in batches] == [4, 4, 2]
    seen = torch.cat([y for _, y in batches])
    assert sorted(seen.tolist()) == list(range(10)) and seen.tolist() != list(range(10))
    for X, y in batches:  # images travel with their labels
        assert torch.equal(X[:, 0, 0, 0] * 255, y.float())
    again = torch.cat([y for _, y in loader])
    assert torch.equal(seen, again)  # same seed, same epoch: same order
    loader.set_epoch(1)
    assert not torch.equal(torch.cat([y for _, y in loader]), seen)
    other = DeviceLoader(images, labels, 4, None, shuffle=True, seed=2)
    assert not torch.equal(torch.cat([y for _, y in other]), seen)
    plain = DeviceLoader(images, labels, 4, None, shuffle=False)
    assert torch.cat([y for _, y in plain]).tolist() == list(range(10))


def test_shards_split_each_epoch_evenly():
    images = torch.zeros(10, 2, 2, dtype=torch.uint8)
    labels = torch.arange(10)
    parts = []
    for rank in (0, 1):
        loader = DeviceLoader(images, labels, batch_size=4, resize=None, shuffle=True)
        loader.shard(rank, 2)
        assert loader.batch_size == 2 and len(loader) == 3
        parts.append(torch.cat([y for _, y in loader]).tolist())
    assert len(parts[0]) == len(parts[1]) == 5
    assert sorted(parts[0] + parts[1]) == list(range(10))


def test_the_ranks_batch_i_together_are_the_unsharded_batch_i():
    images, labels = torch.zeros(48, 2, 2, dtype=torch.uint8), torch.arange(48)
    whole = DeviceLoader(images, labels, batch_size=8, resize=None, shuffle=True, seed=5)
    whole.set_epoch(2)
    shards = []
    for rank in range(4):
        part = DeviceLoader(images, labels, batch_size=8, resize=None, shuffle=True, seed=5)
        part.shard(rank, 4)
        part.set_epoch(2)
        shards.append([y.tolist() for _, y in part])
    batches = [y.tolist() for _, y in whole]
    assert all(len(s) == len(batches) == 6 for s in shards)
    for i, batch in enumerate(batches):
        assert sorted(batch) == sorted(sum((s[i] for s in shards), []))


def test_epoch_seeds_differ_for_every_seed_epoch_and_stream():
    assert epoch_seed(0, 1000, "shuffle") != epoch_seed(1, 0, "shuffle")  # seed*1000+epoch: equal
    seeds = {epoch_seed(s, e, stream) for s in range(40) for e in range(40)
             for stream in ("shuffle", "steps")}
    assert len(seeds) == 40 * 40 * 2
    assert epoch_seed(3, 7, "steps") == epoch_seed(3, 7, "steps")  # a function of its arguments
    assert all(0 <= s < 2**64 for s in seeds)  # what torch.manual_seed takes


def test_augmentation_happens_in_the_loader():
    images = torch.zeros(32, 28, 28, dtype=torch.uint8)
    images[:, :, :4] = 255  # a bright band on the left
    torch.manual_seed(0)
    plain = next(iter(DeviceLoader(images, torch.zeros(32), 32, None, shuffle=False)))[0]
    aug = next(iter(DeviceLoader(images, torch.zeros(32), 32, None, shuffle=False,
                                 augment=True)))[0]
    assert torch.equal(plain, plain[:1].expand_as(plain))
    assert not torch.equal(aug, plain)
    assert (aug[:, 0, :, -6:].amax(dim=(1, 2)) > 0).any()  # some were flipped to the right


def test_shifts_reach_every_offset_in_both_directions():
    torch.manual_seed(0)
    imgs = torch.zeros(600, 9, 9, dtype=torch.uint8)
    imgs[:, 4, 4] = 255  # one bright pixel in the middle: its new place is the shift
    out = flip_and_shift(imgs, max_shift=2)
    where = out.flatten(1).argmax(1)
    rows, cols = (where // 9 - 4).tolist(), (where % 9 - 4).tolist()
    assert set(rows) == set(cols) == {-2, -1, 0, 1, 2}
