import pytest
import torch

import d2l_local as d2l
from d2l_local import speed


def test_resolving_the_speed_argument(monkeypatch):
    assert d2l.Speed.of(None, "cpu") == d2l.Speed() == d2l.Speed.of("fp32", "cpu")
    assert d2l.Speed() == d2l.Speed(precision="fp32", channels_last=False, fused=False,
                                    compile=False, cudnn_benchmark=False)
    mine = d2l.Speed(precision="bf16")
    assert d2l.Speed.of(mine, "cpu") is mine
    # a precision's name is that precision and nothing else: no option is added silently
    for name in ("fp32", "tf32", "bf16"):
        assert d2l.Speed.of(name, "cuda") == d2l.Speed(precision=name)
    with pytest.raises(ValueError, match="'tf32', 'bf16'"):
        d2l.Speed.of("fp16", "cpu")


@pytest.mark.parametrize("has_units", [True, False])
def test_auto_turns_on_bf16_only_where_it_pays(monkeypatch, has_units):
    asked = []
    monkeypatch.setattr(speed, "bf16_units", lambda device: asked.append(device) or has_units)
    auto = d2l.Speed.of("auto", "cpu")
    assert asked == [torch.device("cpu")]  # the hardware of the device it was asked about
    assert auto.precision == ("bf16" if has_units else "fp32")
    assert auto.channels_last is has_units and auto.fused is True and auto.compile is False
    assert auto.cudnn_benchmark is False  # a CUDA option
    assert d2l.Speed.auto(torch.device("mps")).fused is False
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (9, 0))
    gpu = d2l.Speed.auto("cuda")  # decided from the device alone: no GPU needed here
    assert gpu == d2l.Speed(precision="bf16" if has_units else "fp32",
                            channels_last=has_units, fused=True, cudnn_benchmark=True)
    t = d2l.Trainer(max_epochs=1, speed="auto", verbose=False)
    assert t.speed == auto


def test_autocast_only_for_bf16():
    with d2l.Speed().autocast("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.float32
    with d2l.Speed(precision="bf16").autocast("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.bfloat16
    assert d2l.Speed(compile=True).as_dict()["compile"] is True


def fake_cuda_backends(monkeypatch):
    """The CUDA backend flags as plain attributes, so their setting is seen without a GPU."""
    from types import SimpleNamespace
    cudnn = SimpleNamespace(allow_tf32=True, benchmark=False)  # PyTorch's defaults
    matmul = SimpleNamespace(allow_tf32=False)
    monkeypatch.setattr(torch.backends, "cudnn", cudnn)
    monkeypatch.setattr(torch.backends.cuda, "matmul", matmul)
    return cudnn, matmul


@pytest.mark.parametrize("precision,tf32", [("fp32", False), ("tf32", True), ("bf16", False)])
@pytest.mark.parametrize("benchmark", [False, True])
def test_the_arithmetic_sets_cudas_backends_as_the_options_say(monkeypatch, precision, tf32,
                                                              benchmark):
    """fp32 is strict fp32 (PyTorch's default lets cuDNN use TF32), TF32 only for "tf32",
    cuDNN autotuning only when asked; all put back after, and nothing set on a CPU."""
    cudnn, matmul = fake_cuda_backends(monkeypatch)
    monkeypatch.setattr(torch, "autocast", lambda *a, **k: __import__("contextlib").nullcontext())
    options = d2l.Speed(precision=precision, cudnn_benchmark=benchmark)
    with options.arithmetic("cuda"):
        assert (cudnn.allow_tf32, matmul.allow_tf32, cudnn.benchmark) == (tf32, tf32, benchmark)
    assert (cudnn.allow_tf32, matmul.allow_tf32, cudnn.benchmark) == (True, False, False)
    with options.arithmetic("cpu"):
        assert (cudnn.allow_tf32, matmul.allow_tf32, cudnn.benchmark) == (True, False, False)


def test_the_arithmetic_autocasts_only_bf16():
    with d2l.Speed(precision="tf32").arithmetic("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.float32
    with d2l.Speed(precision="bf16").arithmetic("cpu"):
        assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.bfloat16


def test_options_applied_to_model_batch_and_optimizer(monkeypatch):
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3))  # 3 channels: the layouts differ
    assert d2l.Speed().prepare_model(net) is net and net[0].weight.is_contiguous()
    d2l.Speed(channels_last=True).prepare_model(net)
    assert net[0].weight.is_contiguous(memory_format=torch.channels_last)
    assert not net[0].weight.is_contiguous()
    compiled = []
    monkeypatch.setattr(torch.nn.Module, "compile", lambda self: compiled.append(self))
    d2l.Speed(compile=True).prepare_model(net)
    assert compiled == [net]
    x, y = torch.zeros(2, 3, 4, 4), torch.zeros(2)
    assert d2l.Speed().prepare_batch([x, y])[0] is x
    batch = d2l.Speed(channels_last=True).prepare_batch([x, y])
    assert batch[0].is_contiguous(memory_format=torch.channels_last) and batch[1] is y
    assert not batch[0].is_contiguous()
    assert d2l.Speed(channels_last=True).prepare_batch([y])[0] is y  # not images: kept
    seen = []

    class Takes:
        def configure_optimizers(self, fused=False):
            seen.append(fused)

    class Plain:
        def configure_optimizers(self):
            seen.append("plain")
    d2l.Speed(fused=True).optimizers(Takes())
    d2l.Speed().optimizers(Takes())
    d2l.Speed(fused=True).optimizers(Plain())
    assert seen == [True, False, "plain"]


def test_a_run_records_every_option():
    t = d2l.Trainer(max_epochs=1, verbose=False, board=False, progress=False,
                    speed=d2l.Speed(fused=True))
    t.fit(d2l.LeNet(lr=0.1), d2l.FashionMNIST(batch_size=64, num_train=128, num_val=64))
    assert t.history[0]["speed"] == d2l.Speed(fused=True).as_dict()
    assert set(t.history[0]["speed"]) == {"precision", "channels_last", "fused", "compile",
                                          "cudnn_benchmark"}
