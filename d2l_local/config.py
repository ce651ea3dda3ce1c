"""Run-wide switches read from the environment: quick mode, data and offline flags."""

from __future__ import annotations

import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}

# Quick mode keeps every notebook's code unchanged but shrinks the work: a small, real,
# class-balanced subset of Fashion-MNIST and a few batches per epoch.
QUICK_TRAIN_EXAMPLES = 512
QUICK_VAL_EXAMPLES = 256
QUICK_MAX_EPOCHS = 2
QUICK_TRAIN_IMAGES = 256  # per epoch: 2 batches of 128, 1 of 512
QUICK_VAL_IMAGES = 256

_quick_notice_shown = False


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in _TRUE


def quick_batches(batch_size: int, images: int) -> int:
    """Batches per epoch in quick mode: about ``images`` images, at least one batch."""
    return max(1, -(-images // batch_size))


def quick_mode() -> bool:
    """True when ``D2L_QUICK=1``: notebooks run a small version of every experiment."""
    return _flag("D2L_QUICK")


def offline() -> bool:
    """True when ``D2L_OFFLINE=1``: never download anything."""
    return _flag("D2L_OFFLINE")


def announce_quick_mode() -> None:
    """Print a one-line notice, once per process, when quick mode shrinks the work."""
    global _quick_notice_shown
    if quick_mode() and not _quick_notice_shown:
        _quick_notice_shown = True
        print(
            f"[d2l_local] quick mode (D2L_QUICK=1): {QUICK_TRAIN_EXAMPLES} training and "
            f"{QUICK_VAL_EXAMPLES} test images, at most {QUICK_MAX_EPOCHS} epochs of about "
            f"{QUICK_TRAIN_IMAGES} images. Unset D2L_QUICK for the full run."
        )


def project_root() -> Path | None:
    """The chapter's checkout when d2l_local is used from it, else None (pip install)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir() else None


def project_data_dir() -> Path:
    """The project's own ``data/`` folder, or a per-user cache when installed by pip."""
    root = project_root()
    if root is not None:
        return root / "data"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "d2l_local" / "data"


def results_dir() -> Path:
    """Where measured results (``results/*.json``) live."""
    root = project_root()
    return (root if root is not None else Path.cwd()) / "results"
