"""Fashion-MNIST's four files: find them without a network, download them if allowed,
verify them and read them into uint8 tensors; and :func:`atomic_write`, which every file
the library writes goes through (checkpoints, the trained network, results).

The files are read here (gzipped or not) and checked: magic numbers, sizes and a SHA-256
of the decompressed bytes, so a truncated or corrupt file is reported instead of trained
on. Batching on the device is :mod:`d2l_local.loader`'s job.
"""

from __future__ import annotations

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

from . import config

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

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
    """The places searched when neither ``root`` nor ``D2L_DATA_DIR`` names one, in order:
    the project's data/ folder, then Debian's package."""
    return [("project data folder", config.project_data_dir()),
            ("Debian package dataset-fashion-mnist", DEBIAN_DIR)]


def _required(folder: Path, source: str, fix: str) -> Path:
    """``folder`` named by ``source`` must hold the data: no other place is looked at."""
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{folder} ({source}) is a file, not a folder: it must name the "
                        f"folder that holds the data files. {fix}\n" + how_to_get_data())
    if not folder.is_dir():
        raise DataError(f"The data folder {folder} ({source}) does not exist. {fix}\n"
                        + how_to_get_data())
    found = _complete_dir(folder)
    if found is None:
        names = ", ".join(f.name + "[.gz]" for f in FILES.values())
        raise DataError(f"The data folder {folder} ({source}) does not hold all four "
                        f"Fashion-MNIST files ({names}). {fix}\n" + how_to_get_data())
    return found


def find_fashion_mnist(root: str | os.PathLike | None = None, download: bool | None = None) -> Path:
    """Return the folder holding the four Fashion-MNIST files.

    An explicit ``root``, or else ``$D2L_DATA_DIR``, is the only place looked at and must
    hold the files. Without either: the project's ``data/`` (torchvision's
    ``FashionMNIST/raw`` layout accepted), Debian's ``/usr/share/datasets/fashion-mnist``,
    then a torchvision download unless ``D2L_OFFLINE=1`` (or ``download=False``).
    """
    if root is not None:
        return _required(Path(root), "the root argument", "Pass another root.")
    env = config.data_dir_variable()
    if env is not None:
        return _required(env, "D2L_DATA_DIR", "Put the files there, or unset D2L_DATA_DIR "
                         "to search the usual places.")
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


def atomic_write(path, write) -> Path:
    """Write ``path`` whole or not at all: ``write(fh)`` fills a temporary file (binary) in
    the same folder, which is flushed to disk and then renamed over ``path`` in one step.
    A reader (another page, another process) sees the old file or the new one, never half
    of one, and a write that fails or is interrupted leaves the old file as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


_CACHE: dict[Path, dict[str, torch.Tensor]] = {}


def load_fashion_mnist(root: str | os.PathLike | None = None) -> dict[str, torch.Tensor]:
    """All of Fashion-MNIST as uint8 tensors: train/test images (N, 28, 28) and labels (N,)."""
    folder = find_fashion_mnist(root)
    if folder not in _CACHE:
        _CACHE[folder] = {key: _read_verified(_file_in(folder, spec.name), spec)
                          for key, spec in FILES.items()}
    return _CACHE[folder]


def main():  # python -m d2l_local.files (make data): find, or download, and verify
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
