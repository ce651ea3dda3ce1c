import math

import pytest
import torch
from torch import nn

import d2l_local as d2l

BRIEF_SHAPES = [  # (layer type, output shape) for a 1x1x224x224 input, from the brief
    ("Conv2d", (1, 96, 54, 54)), ("MaxPool2d", (1, 96, 26, 26)),
    ("Conv2d", (1, 256, 26, 26)), ("MaxPool2d", (1, 256, 12, 12)),
    ("Conv2d", (1, 384, 12, 12)), ("Conv2d", (1, 384, 12, 12)),
    ("Conv2d", (1, 256, 12, 12)), ("MaxPool2d", (1, 256, 5, 5)),
    ("Flatten", (1, 6400)), ("Linear", (1, 4096)), ("Linear", (1, 4096)),
    ("Linear", (1, 10)),
]


def test_layer_summary_matches_the_brief(capsys):
    table = d2l.AlexNet().layer_summary((1, 1, 224, 224))
    printed = capsys.readouterr().out
    assert printed.count("\n") == len(table) + 2  # header, a line per layer, total
    assert "ReLU" in printed and "Dropout" in printed  # activations and dropout listed
    kept = [(t, s) for t, s in zip(table["type"], table["output shape"])
            if t not in ("ReLU", "Dropout")]
    assert kept == BRIEF_SHAPES
    assert table["parameters"].sum() == 46_764_746


def test_parameter_split_conv_versus_linear():
    model = d2l.AlexNet()
    model(torch.zeros(1, 1, 224, 224))
    conv = sum(p.numel() for m in model.modules() if isinstance(m, nn.Conv2d)
               for p in m.parameters())
    linear = sum(p.numel() for m in model.modules() if isinstance(m, nn.Linear)
                 for p in m.parameters())
    assert (conv, linear) == (3_723_968, 43_040_778)


def test_flops_match_flop_counter():
    flops = d2l.model_flops(d2l.AlexNet(), (1, 1, 224, 224))
    assert flops["forward"] == pytest.approx(1.88e9, rel=0.01)
    assert flops["forward_backward"] == pytest.approx(5.56e9, rel=0.01)


def test_xavier_uniform_after_first_forward():
    torch.manual_seed(0)
    model = d2l.AlexNet()
    model(torch.zeros(2, 1, 224, 224))
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            fan_out = m.weight.shape[0] * m.weight[0, 0].numel()
            bound = math.sqrt(6 / (fan_in + fan_out))
            w = m.weight.detach()
            assert w.abs().max() <= bound + 1e-7
            # uniform on [-a, a] has std a/sqrt(3); PyTorch's default would be far off
            assert w.std().item() == pytest.approx(bound / math.sqrt(3), rel=0.05)
            assert torch.count_nonzero(m.bias) == 0


def test_loading_weights_cancels_the_pending_init():
    trained = d2l.AlexNet()
    trained(torch.zeros(1, 1, 224, 224))
    with torch.no_grad():
        trained.net[0].weight.fill_(0.123)
    fresh = d2l.AlexNet()
    fresh.load_state_dict(trained.state_dict())
    fresh(torch.zeros(1, 1, 224, 224))
    assert torch.all(fresh.net[0].weight == 0.123)


def test_smallest_input():
    assert d2l.smallest_input_size(d2l.AlexNet()) == 65
    model = d2l.AlexNet()
    model(torch.zeros(1, 1, 65, 65))
    with pytest.raises(RuntimeError):
        d2l.AlexNet()(torch.zeros(1, 1, 64, 64))
    assert d2l.smallest_input_size(d2l.LeNet()) == 12


def test_lenet_variants_and_activation_choice():
    relu = d2l.LeNet(activation="relu", dropout=0.3)
    assert any(isinstance(m, nn.ReLU) for m in relu.modules())
    assert any(isinstance(m, nn.Dropout) and m.p == 0.3 for m in relu.modules())
    out = relu(torch.zeros(4, 1, 28, 28))
    assert out.shape == (4, 10)
    sig = d2l.AlexNet(activation="sigmoid")
    assert any(isinstance(m, nn.Sigmoid) for m in sig.modules())


@pytest.mark.parametrize("name,cls", [("sgd", torch.optim.SGD), ("momentum", torch.optim.SGD),
                                      ("adam", torch.optim.Adam)])
def test_optimizers(name, cls):
    model = d2l.LeNet(optimizer=name, lr=0.05)
    model(torch.zeros(1, 1, 28, 28))
    opt = model.configure_optimizers()
    assert isinstance(opt, cls) and opt.param_groups[0]["lr"] == 0.05
    if name == "momentum":
        assert opt.param_groups[0]["momentum"] == 0.9


def test_hyperparameters_saved():
    model = d2l.AlexNet(lr=0.01, dropout=0.3)
    assert model.lr == 0.01 and model.hparams["dropout"] == 0.3


def test_device_helpers():
    assert d2l.cpu().type == "cpu"
    assert d2l.try_gpu(99).type in {"cpu", "mps"} or d2l.num_gpus() > 99
    assert len(d2l.try_all_gpus()) >= 1
    assert "cpu" in d2l.describe_device("cpu")
