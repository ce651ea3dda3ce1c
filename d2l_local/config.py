"""Run-wide switches read from the environment, and quick mode's limits, in one place.

Every ``D2L_*`` variable is read here and nowhere else:

- ``D2L_QUICK=1``: the quick scale: every experiment runs its small version
  (:mod:`d2l_local.scales`, :data:`QUICK`);
- ``D2L_DATA_DIR=/path``: where Fashion-MNIST lives (checked in :mod:`d2l_local.files`);
- ``D2L_OFFLINE=1``: never download;
- ``D2L_NO_PROGRESS=1``: no progress bars (builds, tests);
- ``D2L_STATIC_BOOK=1``: ``make book`` is executing the pages for the static site;
- ``D2L_SAVE_RESULTS=1``: a full-size training page writes its run to ``results/``;
- ``D2L_LANG=zh`` (or ``vi``, ``en``): the edition whose language notes are shown in.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

# the book's editions: notebooks/, notebooks/zh, notebooks/vi
from .locales import LANGUAGES, in_every_language

_TRUE = {"1", "true", "yes", "on"}


def flag(name: str) -> bool:
    """True when the environment variable ``name`` is set to 1, true, yes or on."""
    return os.environ.get(name, "").strip().lower() in _TRUE


def quick_mode() -> bool:
    """True when ``D2L_QUICK=1``: notebooks run a small version of every experiment."""
    return flag("D2L_QUICK")


def offline() -> bool:
    """True when ``D2L_OFFLINE=1``: never download anything."""
    return flag("D2L_OFFLINE")


def show_progress() -> bool:
    """Progress bars unless ``D2L_NO_PROGRESS=1``."""
    return not flag("D2L_NO_PROGRESS")


def static_book() -> bool:
    """True while ``make book`` executes the notebooks for the static site."""
    return flag("D2L_STATIC_BOOK")


def save_results() -> bool:
    """True when a full-size run should write what it measured to ``results/``."""
    return flag("D2L_SAVE_RESULTS")


def language() -> str:
    """The reader's edition: ``D2L_LANG`` when set, else the folder the notebook runs in
    (``notebooks/zh`` or ``notebooks/vi``), else English."""
    value = os.environ.get("D2L_LANG", "").strip().lower()
    if value:
        if value not in LANGUAGES:
            raise ValueError(f"D2L_LANG={value!r} is not an edition: use one of "
                             f"{', '.join(LANGUAGES)}.")
        return value
    folder = Path.cwd().name
    return folder if folder in LANGUAGES else "en"


def say(key: str, language_: str | None = None, **values) -> str:
    """The library's message ``key`` (d2l_local.locales) in ``language_`` (the reader's,
    :func:`language`, by default), its numbers written as that language writes them."""
    from .locales import CATALOGS, format_in
    lang = language_ or language()
    values = {k: v.in_language(lang) if hasattr(v, "in_language") else v  # a device's name
              for k, v in values.items()}
    return format_in(lang, CATALOGS[lang][key], **values)


def tell(key: str, **values) -> None:
    """Print the library's message ``key`` in the reader's language (:func:`say`); while
    ``make book`` executes the pages, in every language (:func:`print_in_every_language`)."""
    print_in_every_language({lang: say(key, lang, **values) for lang in LANGUAGES})


def print_in_every_language(texts: dict, wrap: bool = True) -> None:
    """Print ``texts[lang]`` for the reader's language. While ``make book`` executes the
    pages (:func:`static_book`), one execution serves every edition, so all of them are
    displayed instead, each in an element with its ``lang``, of which each edition's page
    shows its own (``.d2l-l10n``); ``wrap=False`` for a table, whose lines must not wrap
    (it scrolls as printed output does)."""
    if not static_book():
        print(texts[language()])
        return
    import html

    from IPython.display import HTML, display
    kind = "d2l-message" if wrap else "d2l-printed"
    display(HTML(in_every_language(lambda lang: html.escape(texts[lang]), tag="pre",
                                   classes=f"d2l-l10n {kind}")))


def data_dir_variable() -> Path | None:
    """The folder named by ``D2L_DATA_DIR``, or None when it is unset or empty."""
    value = os.environ.get("D2L_DATA_DIR", "").strip()
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class QuickLimits:
    """What quick mode does to code that does not choose its own size.

    A data set made without ``num_train``/``num_val`` is a class-balanced subset of
    ``train_examples`` training and ``val_examples`` test images. Nothing else shrinks by
    itself: every experiment of the chapter states its size at each scale with
    :func:`d2l_local.scales.pick` (quick mode being the smallest scale), so that the pages
    whose lesson needs a trained network can train one even in quick mode.
    """

    train_examples: int = 256
    val_examples: int = 128



QUICK = QuickLimits()
_quick_notice_shown = False


def quick_limits() -> QuickLimits | None:
    """:data:`QUICK` in quick mode, else None."""
    return QUICK if quick_mode() else None


def announce_quick_mode() -> None:
    """Print a one-line notice, once per process, when quick mode shrinks the work."""
    global _quick_notice_shown
    if quick_mode() and not _quick_notice_shown:
        _quick_notice_shown = True
        tell("msg_quick", train=QUICK.train_examples, val=QUICK.val_examples)


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


def cache_dir() -> Path:
    """Where measurements of this machine are kept between pages (``D2L_CACHE_DIR``, else
    the project's ``build/measured/``, else a per-user cache when installed by pip)."""
    value = os.environ.get("D2L_CACHE_DIR", "").strip()
    if value:
        return Path(value).expanduser()
    root = project_root()
    if root is not None:
        return root / "build" / "measured"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "d2l_local"


def results_dir() -> Path:
    """Where measured results (``results/*.json``) live."""
    root = project_root()
    return (root if root is not None else Path.cwd()) / "results"


def atomic_write(path, data: bytes | str | None = None, write=None) -> Path:
    """Write ``path`` whole or not at all: into a temporary file beside it, flushed to the
    disk (fsync), then renamed over ``path`` (``os.replace`` is atomic on one file system),
    so a reader, or a run cut short, never sees half a file. ``data`` is the text (UTF-8)
    or bytes to write; or ``write(fh)`` writes into the binary file handle itself (as
    ``torch.save`` does). The folder is made if missing. The one way the library writes a
    file another process may read."""
    if (data is None) == (write is None):
        raise ValueError("atomic_write needs data or write, not both or neither")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if write is not None:
                write(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path
