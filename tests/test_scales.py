import pytest

from d2l_local import hardware, scales


def test_the_scale_follows_quick_mode_and_the_hardware(monkeypatch, quick):
    assert scales.current() == "quick"
    monkeypatch.delenv("D2L_QUICK")
    monkeypatch.setattr(scales, "try_gpu", lambda: hardware.cpu())
    assert scales.current() == "cpu"
    monkeypatch.setattr(scales, "try_gpu", lambda: hardware.gpu(0))
    assert scales.current() == "gpu"
    monkeypatch.setenv("D2L_QUICK", "1")  # quick mode wins, even on a GPU
    assert scales.current() == "quick"


@pytest.mark.parametrize("scale,expected", [("quick", 2), ("cpu", 6), ("gpu", 20)])
def test_pick_takes_the_value_of_the_scale(monkeypatch, scale, expected):
    monkeypatch.setattr(scales, "current", lambda: scale)
    assert scales.pick(quick=2, cpu=6, gpu=20) == expected
    assert scales.pick(quick=2, full=20, cpu=6) == (6 if scale == "cpu" else expected)
    assert scales.pick(quick=None, full="all") == (None if scale == "quick" else "all")


def test_pick_needs_every_scale():
    with pytest.raises(TypeError, match="cpu, gpu missing"):
        scales.pick(quick=1)
    with pytest.raises(TypeError, match="quick missing"):
        scales.pick(full=1)
    with pytest.raises(TypeError, match="gpu missing"):
        scales.pick(quick=1, cpu=2)
