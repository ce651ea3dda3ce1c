import gzip
import shutil
from pathlib import Path

import pytest
import torch

from d2l_local import config, files

DEBIAN = files.DEBIAN_DIR
NAMES = [f.name for f in files.FILES.values()]


def link_files(folder: Path, gz: bool = True) -> Path:
    """A folder holding the real data set (symlinks to Debian's files, or decompressed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        if gz:
            (folder / f"{name}.gz").symlink_to(DEBIAN / f"{name}.gz")
        else:
            with gzip.open(DEBIAN / f"{name}.gz") as src, open(folder / name, "wb") as dst:
                shutil.copyfileobj(src, dst)
    return folder


@pytest.fixture(autouse=True)
def _fast_single_process(monkeypatch):
    torch.set_num_threads(2)
    monkeypatch.delenv("D2L_QUICK", raising=False)
    monkeypatch.delenv("D2L_DATA_DIR", raising=False)


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """No data anywhere but where a test puts it: fresh project data dir, no Debian dir."""
    monkeypatch.setattr(config, "project_data_dir", lambda: tmp_path / "project-data")
    monkeypatch.setattr(files, "DEBIAN_DIR", tmp_path / "no-debian")
    files._CACHE.clear()
    yield tmp_path
    files._CACHE.clear()


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setenv("D2L_QUICK", "1")
    monkeypatch.setattr(config, "_quick_notice_shown", False)


def pytest_report_header(config):
    return f"torch {torch.__version__}, data in {DEBIAN} present: {DEBIAN.is_dir()}"
