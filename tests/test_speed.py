import pytest
import torch

import d2l_local as d2l
from d2l_local import speed


def test_resolving_the_speed_argument(monkeypatch):
    assert d2l.Speed.of(None, "cpu") == d2l.Speed() == d2l.Speed.of("fp32", "cpu")
    assert d2l.Speed() == d2l.Speed(precision="fp32", channels_last=False, fused=False,
                                    compile=False)
    mine = d2l.Speed(precision="bf16")
    assert d2l.Speed.of(mine, "cpu") is mine
    assert d2l.Speed.of("bf16", "cpu") == d2l.Speed(precision="bf16", channels_last=True,
                                                    fused=True)


@pytest.mark.parametrize("has_units", [True, False])
def test_auto_turns_on_bf16_only_where_it_pays(monkeypatch, has_units):
    monkeypatch.setattr(speed, "bf16_units", lambda device: has_units)
    auto = d2l.Speed.of("auto", "cpu")
    assert auto.precision == ("bf16" if has_units else "fp32")
    assert auto.channels_last is has_units and auto.fused is True and auto.compile is False
    assert d2l.Speed.auto(torch.device("mps")).fused is False
    t = d2l.Trainer(max_epochs=1, speed="auto", verbose=False)
    assert t.speed == auto


def test_autocast_only_for_bf16():
    with d2l.Speed().autocast("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.float32
    with d2l.Speed(precision="bf16").autocast("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.bfloat16
    assert d2l.Speed(compile=True).as_dict()["compile"] is True
