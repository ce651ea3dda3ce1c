"""Fashion-MNIST: find it without a network, verify it, and serve batches from the device.

The loader reads the four IDX files itself (gzipped or not) into uint8 tensors and checks
their magic numbers, sizes and a SHA-256 of the decompressed bytes, so a truncated or
corrupt file is reported instead of trained on. Batches are gathered, scaled and resized
on the training device: no PIL, no worker processes.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import shutil
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from . import config
from .core import DataModule

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

TEXT_LABELS = [
    "t-shirt", "trouser", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle boot",
]


@dataclass(frozen=True)
class IdxFile:
    name: str  # file name without .gz
    magic: int
    shape: tuple
    sha256: str  # of the decompressed bytes


FILES = {
    "train_images": IdxFile("train-images-idx3-ubyte", 2051, (60000, 28, 28),
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train_labels": IdxFile("train-labels-idx1-ubyte", 2049, (60000,),
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "test_images": IdxFile("t10k-images-idx3-ubyte", 2051, (10000, 28, 28),
                           "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "test_labels": IdxFile("t10k-labels-idx1-ubyte", 2049, (10000,),
                           "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}


class DataError(RuntimeError):
    """The data set is missing, unreadable or corrupt; the message says how to fix it."""


def how_to_get_data() -> str:
    return (
        "Get Fashion-MNIST in one of three ways:\n"
        "  1. Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist "
        f"(puts the files in {DEBIAN_DIR});\n"
        "  2. online: unset D2L_OFFLINE and d2l_local downloads it through torchvision "
        f"into {config.project_data_dir()};\n"
        "  3. by hand: put the four files train-images-idx3-ubyte.gz, "
        "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz "
        "into a folder and set D2L_DATA_DIR to it (or pass root=...)."
    )


def _candidate_dirs(folder: Path) -> list[Path]:
    # A folder may hold the files directly or in torchvision's FashionMNIST/raw layout.
    return [folder, folder / "FashionMNIST" / "raw"]


def _file_in(folder: Path, name: str) -> Path | None:
    for cand in (folder / name, folder / (name + ".gz")):
        if cand.is_file():
            return cand
    return None


def _complete_dir(folder: Path) -> Path | None:
    """The folder (or its FashionMNIST/raw) if it holds all four files, else None."""
    for cand in _candidate_dirs(folder):
        try:
            if all(_file_in(cand, f.name) for f in FILES.values()):
                return cand
        except PermissionError as err:
            raise DataError(f"The data folder {cand} cannot be read ({err}). "
                            "Fix its permissions or point D2L_DATA_DIR elsewhere.") from err
    return None


def search_locations() -> list[tuple[str, Path]]:
    """The places searched without an explicit root, in order: $D2L_DATA_DIR, the
    project's data/ folder, Debian's package."""
    places = []
    if os.environ.get("D2L_DATA_DIR"):
        places.append(("D2L_DATA_DIR", Path(os.environ["D2L_DATA_DIR"])))
    places.append(("project data folder", config.project_data_dir()))
    places.append(("Debian package dataset-fashion-mnist", DEBIAN_DIR))
    return places


def find_fashion_mnist(root: str | os.PathLike | None = None, download: bool | None = None) -> Path:
    """Return the folder holding the four Fashion-MNIST files.

    Search order: ``root``, ``$D2L_DATA_DIR``, the project's ``data/`` (torchvision's
    ``FashionMNIST/raw`` layout accepted), Debian's ``/usr/share/datasets/fashion-mnist``,
    then a torchvision download unless ``D2L_OFFLINE=1`` (or ``download=False``).
    """
    if root is not None:  # an explicit root is the only place looked at
        folder = Path(root)
        if not folder.exists():
            raise DataError(f"The data folder {folder} (root argument) does not exist.\n"
                            + how_to_get_data())
        found = _complete_dir(folder)
        if found is None:
            raise DataError(f"The data folder {folder} does not hold all four Fashion-MNIST "
                            "files.\n" + how_to_get_data())
        return found
    places = search_locations()
    for _, folder in places:
        found = _complete_dir(folder)
        if found is not None:
            return found
    if download is None:
        download = not config.offline()
    searched = "\n".join(f"  - {label}: {folder}" for label, folder in places)
    if not download:
        raise DataError("Fashion-MNIST was not found and downloading is off "
                        f"(D2L_OFFLINE=1). Searched:\n{searched}\n" + how_to_get_data())
    return download_fashion_mnist(config.project_data_dir())


def download_fashion_mnist(target: Path) -> Path:
    """Download through torchvision into a temporary folder, verify, then move into place.

    Nothing half-written is left behind: a failed download removes its temporary folder.
    """
    from torchvision.datasets import FashionMNIST as TVFashionMNIST

    raw = target / "FashionMNIST" / "raw"
    target.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".download-", dir=target))
    try:
        for train in (True, False):
            TVFashionMNIST(root=str(tmp), train=train, download=True)
        got = tmp / "FashionMNIST" / "raw"
        for f in FILES.values():
            gz = _file_in(got, f.name)
            if gz is None:
                raise DataError(f"The download did not produce {f.name}.")
            _read_verified(gz, f)
        raw.mkdir(parents=True, exist_ok=True)
        for f in FILES.values():
            src = _file_in(got, f.name)
            os.replace(src, raw / src.name)
    except Exception as err:
        if isinstance(err, DataError):
            raise
        raise DataError(f"Downloading Fashion-MNIST failed: {err}\n" + how_to_get_data()) from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return raw


def _read_bytes(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                return fh.read()
        return path.read_bytes()
    except PermissionError as err:
        raise DataError(f"{path} cannot be read ({err}): fix its permissions.") from err
    except (EOFError, OSError, zlib.error) as err:
        raise DataError(f"{path} is truncated or corrupt ({type(err).__name__}: {err}). "
                        "Delete it and get the data again.\n" + how_to_get_data()) from err


def _read_verified(path: Path, spec: IdxFile) -> torch.Tensor:
    raw = _read_bytes(path)
    ndim = len(spec.shape)
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{path} is truncated: {len(raw)} bytes, not even an IDX header. "
                        "Delete it and get the data again.\n" + how_to_get_data())
    magic = struct.unpack(">i", raw[:4])[0]
    if magic != spec.magic:
        kind = {2051: "an image file", 2049: "a label file"}.get(magic, "not an IDX file")
        raise DataError(f"{path} has magic number {magic} ({kind}); {spec.name} must have "
                        f"{spec.magic}. Is another file in its place?")
    shape = struct.unpack(">" + "i" * ndim, raw[4:header])
    if tuple(shape) != spec.shape:
        raise DataError(f"{path} holds an array of shape {tuple(shape)}, expected {spec.shape}. "
                        "Is another file in its place?")
    expected = header + int(torch.tensor(spec.shape).prod())
    if len(raw) != expected:
        raise DataError(f"{path} is truncated or padded: {len(raw)} bytes, expected {expected}. "
                        "Delete it and get the data again.\n" + how_to_get_data())
    digest = hashlib.sha256(raw).hexdigest()
    if digest != spec.sha256:
        raise DataError(f"{path} is corrupt: its SHA-256 is {digest[:16]}..., expected "
                        f"{spec.sha256[:16]}.... Delete it and get the data again.")
    return torch.frombuffer(bytearray(raw[header:]), dtype=torch.uint8).reshape(spec.shape)


_CACHE: dict[Path, dict[str, torch.Tensor]] = {}


def load_fashion_mnist(root: str | os.PathLike | None = None) -> dict[str, torch.Tensor]:
    """All of Fashion-MNIST as uint8 tensors: train/test images (N, 28, 28) and labels (N,)."""
    folder = find_fashion_mnist(root)
    if folder not in _CACHE:
        _CACHE[folder] = {key: _read_verified(_file_in(folder, spec.name), spec)
                          for key, spec in FILES.items()}
    return _CACHE[folder]


def balanced_subset(labels: torch.Tensor, n: int, seed: int = 0) -> torch.Tensor:
    """Indices of ``n`` examples with (as near as possible) equal counts per class."""
    g = torch.Generator().manual_seed(seed)
    classes = int(labels.max()) + 1
    per_class = [torch.nonzero(labels == c).flatten() for c in range(classes)]
    per_class = [idx[torch.randperm(len(idx), generator=g)] for idx in per_class]
    take = [n // classes + (1 if c < n % classes else 0) for c in range(classes)]
    chosen = torch.cat([idx[:k] for idx, k in zip(per_class, take)])
    return chosen[torch.randperm(len(chosen), generator=g)]


def _linear_weights(n_in: int, n_out: int) -> torch.Tensor:
    """(n_in, n_out) matrix of 1-D linear interpolation, as ``interpolate`` computes it.

    Made by interpolating the identity (in float64), so it uses exactly the
    ``align_corners=False`` coordinates of ``F.interpolate``.
    """
    eye = torch.eye(n_in, dtype=torch.float64).view(n_in, 1, n_in)
    return F.interpolate(eye, size=n_out, mode="linear", align_corners=False).view(n_in, n_out)


@functools.lru_cache(maxsize=16)
def _resize_matrices(h_in: int, w_in: int, h: int, w: int):
    # 1/255 is folded into the width weights. Shrinking them by 2**-21 (5e-7, more than the
    # few float32 roundings of the two products can add) keeps a white pixel at or below 1,
    # so no clamp pass over the output is needed.
    cols = (_linear_weights(w_in, w) * ((1 - 2**-21) / 255)).float()
    rows = _linear_weights(h_in, h).t().contiguous().float()
    return rows, cols


def resize_on_device(images: torch.Tensor, size: tuple[int, int] | None) -> torch.Tensor:
    """uint8 (B, H, W) -> float (B, 1, h, w) in [0, 1], bilinear like torchvision's Resize.

    Scaling by 1/255 matches ``ToTensor``; ``align_corners=False`` matches PIL's
    pixel-centre convention, so the result equals ``Resize`` + ``ToTensor`` within 1/255.
    On the CPU, enlarging is done as two matrix products (bilinear is linear along the
    rows, then along the columns), which is faster there than ``F.interpolate`` and equal to
    it within 3e-6; elsewhere ``F.interpolate`` runs as one fused kernel.
    """
    h_in, w_in = images.shape[-2:]
    if size is None or tuple(size) == (h_in, w_in):
        return images.unsqueeze(1).float().div_(255)
    h, w = size
    if images.device.type == "cpu" and h >= h_in and w >= w_in:
        rows, cols = _resize_matrices(h_in, w_in, h, w)
        x = (images.reshape(-1, w_in).float() @ cols).view(-1, h_in, w)
        return torch.matmul(rows, x).unsqueeze(1)
    x = images.unsqueeze(1).float().div_(255)
    antialias = h < h_in or w < w_in
    x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False,
                      antialias=antialias)
    # Bilinear weights are non-negative and sum to one, so values stay in [0, 1] up to
    # rounding; the clamp is kept only for the (rare) antialiased downsampling.
    return x.clamp_(0, 1) if antialias else x


def flip_and_shift(images: torch.Tensor, max_shift: int = 2) -> torch.Tensor:
    """Random horizontal flips and shifts of up to ``max_shift`` pixels, all on the device.

    The images are zero-padded, then each one is cut out at its own random offset with a
    single gather, so the cost does not grow with a Python loop over the batch.
    """
    b, h, w = images.shape
    dev = images.device
    flip = torch.rand(b, device=dev) < 0.5
    images = torch.where(flip[:, None, None], images.flip(-1), images)
    padded = F.pad(images, (max_shift,) * 4)
    dy = torch.randint(0, 2 * max_shift + 1, (b, 1, 1), device=dev)
    dx = torch.randint(0, 2 * max_shift + 1, (b, 1, 1), device=dev)
    rows = dy + torch.arange(h, device=dev).view(1, h, 1)
    cols = dx + torch.arange(w, device=dev).view(1, 1, w)
    return padded[torch.arange(b, device=dev).view(b, 1, 1), rows, cols]


class DeviceLoader:
    """Batches from a uint8 tensor kept on the device: shuffle, gather, scale, resize there.

    Iterating once is one epoch. The order depends only on ``seed`` and ``epoch``, so a
    resumed run sees exactly the batches an uninterrupted one would.
    """

    def __init__(self, images, labels, batch_size, resize, shuffle, seed=0,
                 max_batches=None, channels_last=False, augment=False):
        self.images, self.labels = images, labels
        self.batch_size, self.resize, self.shuffle = batch_size, resize, shuffle
        self.seed, self.epoch, self.max_batches = seed, 0, max_batches
        self.channels_last = channels_last
        self.augment = augment
        self.rank, self.world_size = 0, 1

    def shard(self, rank: int, world_size: int) -> None:
        """Data-parallel: this process takes every ``world_size``-th example of each epoch."""
        self.rank, self.world_size = rank, world_size
        self.batch_size = -(-self.batch_size // world_size)

    @property
    def device(self):
        return self.images.device

    def _num_examples(self):
        return len(self.labels) // self.world_size

    def __len__(self):
        n = -(-self._num_examples() // self.batch_size)
        return n if self.max_batches is None else min(n, self.max_batches)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self):
        n = len(self.labels)
        if self.shuffle:
            # Generated on the CPU (cheap, identical on every device), then moved once.
            g = torch.Generator().manual_seed(self.seed * 100_003 + self.epoch)
            order = torch.randperm(n, generator=g).to(self.device, non_blocking=True)
        else:
            order = torch.arange(n, device=self.device)
        if self.world_size > 1:  # equal shares, so every process runs the same steps
            order = order[self.rank:self._num_examples() * self.world_size:self.world_size]
        for b in range(len(self)):
            idx = order[b * self.batch_size:(b + 1) * self.batch_size]
            images = self.images[idx]
            if self.augment:
                images = flip_and_shift(images)
            x = resize_on_device(images, self.resize)
            if self.channels_last:
                x = x.contiguous(memory_format=torch.channels_last)
            yield x, self.labels[idx]


class FashionMNIST(DataModule):
    """Fashion-MNIST with d2l's call shape: ``FashionMNIST(batch_size=64, resize=(28, 28))``.

    Unlike upstream d2l (PIL resize in worker processes for every batch), the whole uint8
    data set is moved to the training device once and batches are resized there.
    In quick mode (``D2L_QUICK=1``) a class-balanced subset of the real data is used.
    """

    def __init__(self, batch_size=64, resize=(28, 28), root=None, num_train=None,
                 num_val=None, seed=0, augment=False):
        super().__init__()
        if isinstance(resize, int):
            resize = (resize, resize)
        from .validation import check_batch_size, check_resize
        check_batch_size(batch_size)
        check_resize(resize)
        self.save_hyperparameters(ignore=("num_train", "num_val"))
        self.resize = tuple(resize)
        data = load_fashion_mnist(root)
        if config.quick_mode():
            config.announce_quick_mode()
            num_train = min(num_train or config.QUICK_TRAIN_EXAMPLES, config.QUICK_TRAIN_EXAMPLES)
            num_val = min(num_val or config.QUICK_VAL_EXAMPLES, config.QUICK_VAL_EXAMPLES)
        self.train_images, self.train_labels = self._subset(
            data["train_images"], data["train_labels"], num_train, seed)
        self.val_images, self.val_labels = self._subset(
            data["test_images"], data["test_labels"], num_val, seed)
        self.num_train, self.num_val = len(self.train_labels), len(self.val_labels)
        self.device = torch.device("cpu")
        self.channels_last = False
        self.max_train_batches = self.max_val_batches = None

    @staticmethod
    def _subset(images, labels, n, seed):
        if n is None or n >= len(labels):
            return images, labels.long()
        idx = balanced_subset(labels, n, seed)
        return images[idx], labels[idx].long()

    def to(self, device):
        """Move the uint8 data set to ``device`` once (about 55 MB for all of it)."""
        device = torch.device(device)
        if device != self.device:
            for name in ("train_images", "train_labels", "val_images", "val_labels"):
                setattr(self, name, getattr(self, name).to(device))
            self.device = device
        return self

    def get_dataloader(self, train: bool):
        if train:
            return DeviceLoader(self.train_images, self.train_labels, self.batch_size,
                                self.resize, shuffle=True, seed=self.seed,
                                max_batches=self.max_train_batches,
                                channels_last=self.channels_last, augment=self.augment)
        return DeviceLoader(self.val_images, self.val_labels, self.batch_size, self.resize,
                            shuffle=False, max_batches=self.max_val_batches,
                            channels_last=self.channels_last)

    def text_labels(self, indices):
        """Class names for label indices."""
        return [TEXT_LABELS[int(i)] for i in indices]

    def visualize(self, batch, nrows=1, ncols=8, labels=None):
        """Show a batch ``(X, y)`` as a grid of images titled with their class names."""
        from .plotting import show_images
        X, y = batch
        if labels is None:
            labels = self.text_labels(y)
        return show_images(X.squeeze(1).cpu(), nrows, ncols, titles=labels)


def main():  # python -m d2l_local.data: find (or download) and verify the data set
    import sys
    try:
        folder = find_fashion_mnist()
        data = load_fashion_mnist(folder)
    except DataError as err:
        print(err, file=sys.stderr)
        raise SystemExit(1) from None
    print(f"Fashion-MNIST verified in {folder}: "
          f"{len(data['train_labels'])} training and {len(data['test_labels'])} test images.")


if __name__ == "__main__":
    main()
