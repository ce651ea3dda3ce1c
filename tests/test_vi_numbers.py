"""Numbers in the Vietnamese prose are written the Vietnamese way: 5.000 and 3,2 triệu,
as the glued values are (d2l_local.locales.format_in), not 5,000 and 3.2 as in English
(a Vietnamese reader takes "5,000" for five).

A number written by hand is ambiguous on its own: "1,544 GHz" is right in Vietnamese
(English 1.544 GHz) and "5,120 bit" is wrong (English 5,120 bits). So each number is
compared with the English page it was translated from: a number written exactly as the
English page writes it, with a comma or a point between digits, was copied unconverted.
Numbers the English page does not have are checked by their form alone: a comma before
three digits (a thousands separator) and a point between digits followed by a unit word
are English. Code, math, inline code, glued values and link targets are not prose.
"""

import re
import sys

import pytest

from .browser import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402

# Where a number is written the same in both languages on purpose: (page, number).
EXCEPTIONS = {
    ("training.md", "2.0"),  # a version: d2l-zh 2.0
}

NOT_PROSE = [
    re.compile(r"^```.*?^```\s*$", re.M | re.S),  # fenced blocks (code, directives' code)
    re.compile(r"^\+\+\+.*$", re.M),  # cell markers with their metadata
    re.compile(r"^%.*$", re.M),  # MyST comments (the translation stamp)
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\$\$.*?\$\$", re.S),  # display math
    re.compile(r"\$[^$\n]+\$"),  # inline math
    re.compile(r"\{\w+\}`[^`]*`"),  # roles: {eval}`name`, {numref}`...`
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)\s]*\)"),  # link targets
    re.compile(r"https?://\S+"),
    re.compile(r"<[^>\n]+>"),  # HTML tags and their attributes
]
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)+(?![\w]|[.,]\d)")
UNITS = ("triệu", "tỷ", "nghìn", "ngàn", "lần", "giây", "phút", "giờ", "ảnh", "lớp", "GB",
         "MB", "GiB", "MiB", "GHz", "TFLOP", "GFLOP", "FLOP", "bit", "điểm", "%")
THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
DECIMAL = re.compile(r"^\d+\.\d+$")


def prose(page) -> str:
    text = editions.prose(page)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def english_numbers(page) -> set:
    return set(NUMBER.findall(prose(editions.english_source(page))))


def english_style(page) -> list[str]:
    """The numbers of the Vietnamese ``page`` written as English writes them, each with
    its line."""
    english = english_numbers(page)
    found = []
    for line in prose(page).splitlines():
        for m in NUMBER.finditer(line):
            number = m.group()
            if (page.name, number) in EXCEPTIONS:
                continue
            after = line[m.end():].lstrip()
            copied = number in english  # as the English page writes it
            if copied and ("," in number or "." in number):
                pass
            elif THOUSANDS.match(number) and not number.startswith("0,"):
                converted = number.replace(",", ".")  # a Vietnamese decimal, 1,544 GHz?
                if converted in english:
                    continue
            elif DECIMAL.match(number) and after.startswith(UNITS):
                if number.replace(".", ",") in english:  # 5.000 of English 5,000
                    continue
            else:
                continue
            found.append(f"{page.relative_to(ROOT)}: {number!r} in: {line.strip()[:140]}")
    return found


VI_PAGES = editions.translations("vi")[:-1]  # not the bibliography: the sources' own text


def test_the_check_finds_english_numbers(tmp_path, monkeypatch):
    english = tmp_path / "notebooks" / "data.md"
    vi = tmp_path / "notebooks" / "vi" / "data.md"
    vi.parent.mkdir(parents=True)
    english.write_text("It has 5,000 images at 1.544 GHz, 3.2 million, and 0.25.\n")
    monkeypatch.setattr(editions, "english_source", lambda page: english)
    monkeypatch.setattr(editions, "is_notebook", lambda page: False)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    vi.write_text("Có 5.000 ảnh ở 1,544 GHz, 3,2 triệu, và 0,25; `x = 1,000` $1.5$.\n")
    assert english_style(vi) == []
    vi.write_text("Có 5,000 ảnh ở 1.544 GHz, 3.2 triệu, và 0.25; 7,200 ảnh; 4.5 lần.\n")
    assert [line.split("'")[1] for line in english_style(vi)] == \
        ["5,000", "1.544", "3.2", "0.25", "7,200", "4.5"]


@pytest.mark.parametrize("page", VI_PAGES, ids=lambda p: p.name)
def test_vietnamese_prose_writes_numbers_the_vietnamese_way(page):
    assert english_style(page) == []
