import math

import pytest
import torch
from torch import nn

import d2l_local as d2l


def test_parameter_split_conv_versus_linear():
    model = d2l.AlexNet()
    model(torch.zeros(1, 1, 224, 224))
    conv = sum(p.numel() for m in model.modules() if isinstance(m, nn.Conv2d)
               for p in m.parameters())
    linear = sum(p.numel() for m in model.modules() if isinstance(m, nn.Linear)
                 for p in m.parameters())
    assert (conv, linear) == (3_723_968, 43_040_778)


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
    assert type(opt) is cls and opt.param_groups[0]["lr"] == 0.05
    if cls is torch.optim.SGD:
        assert opt.param_groups[0]["momentum"] == (0.9 if name == "momentum" else 0.0)
    assert not opt.param_groups[0].get("fused")
    fused = model.configure_optimizers(fused=True)
    assert fused.param_groups[0]["fused"] is True


def test_schedules():
    from d2l_local.models import make_scheduler
    model = d2l.AlexNet(lr=0.01, schedule="one-cycle")
    assert model.hparams["schedule"] == "one-cycle"
    model(torch.zeros(1, 1, 65, 65))
    opt = model.configure_optimizers()
    sched = model.configure_scheduler(opt, total_steps=40)
    assert isinstance(sched, torch.optim.lr_scheduler.OneCycleLR) and sched.total_steps == 40
    assert opt.param_groups[0]["lr"] == pytest.approx(0.01 / 25)  # starts low
    lenet = d2l.LeNet(lr=0.05)
    lenet(torch.zeros(1, 1, 28, 28))
    assert lenet.configure_scheduler(lenet.configure_optimizers(), total_steps=10) is None
    assert make_scheduler(opt, "constant", 0.01, 10) is None
    assert make_scheduler(opt, "one-cycle", 0.01, 2) is None  # too short for a cycle
    for total in (3, 4, 5, 9):  # short cycles run to the end (OneCycleLR divides by phases)
        short = make_scheduler(opt, "one-cycle", 0.01, total)
        for _ in range(total):
            opt.step()
            short.step()
    with pytest.raises(ValueError, match="schedule='cosine' is not allowed"):
        d2l.LeNet(schedule="cosine")


def test_hyperparameters_saved():
    model = d2l.AlexNet(lr=0.01, dropout=0.3)
    assert model.lr == 0.01 and model.hparams["dropout"] == 0.3


def _layers(net):
    out = []
    for m in net:
        if isinstance(m, nn.Conv2d):
            out.append(("conv", m.out_channels, m.kernel_size[0], m.stride[0], m.padding[0]))
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            kind = "max" if isinstance(m, nn.MaxPool2d) else "avg"
            out.append((kind, m.kernel_size, m.stride))
        elif isinstance(m, nn.Linear):
            out.append(("dense", m.out_features))
        elif isinstance(m, nn.Dropout):
            out.append(("dropout", m.p))
        else:
            out.append(type(m).__name__)
    return out


def test_alexnet_is_the_briefs_network():
    model = d2l.AlexNet(num_classes=7, dropout=0.25)
    model(torch.zeros(1, 1, 224, 224))
    assert _layers(model.net) == [
        ("conv", 96, 11, 4, 1), "ReLU", ("max", 3, 2),
        ("conv", 256, 5, 1, 2), "ReLU", ("max", 3, 2),
        ("conv", 384, 3, 1, 1), "ReLU", ("conv", 384, 3, 1, 1), "ReLU",
        ("conv", 256, 3, 1, 1), "ReLU", ("max", 3, 2), "Flatten",
        ("dense", 4096), "ReLU", ("dropout", 0.25),
        ("dense", 4096), "ReLU", ("dropout", 0.25), ("dense", 7)]


def test_lenet_is_lecuns_network_by_default():
    model = d2l.LeNet()
    model(torch.zeros(1, 1, 28, 28))
    assert _layers(model.net) == [
        ("conv", 6, 5, 1, 2), "Sigmoid", ("avg", 2, 2),
        ("conv", 16, 5, 1, 0), "Sigmoid", ("avg", 2, 2), "Flatten",
        ("dense", 120), "Sigmoid", ("dropout", 0.0),
        ("dense", 84), "Sigmoid", ("dropout", 0.0), ("dense", 10)]
    assert model.lr == 0.1 and model.optimizer == "sgd"
    assert d2l.AlexNet().lr == 0.1 and d2l.AlexNet().dropout == 0.5


def test_lenet_init_is_xavier_too():
    torch.manual_seed(0)
    model = d2l.LeNet()
    model(torch.zeros(2, 1, 28, 28))
    w = model.net[-1].weight  # 84 -> 10
    bound = math.sqrt(6 / (84 + 10))
    assert w.abs().max() <= bound and w.std().item() == pytest.approx(bound / math.sqrt(3),
                                                                      rel=0.15)
    assert torch.count_nonzero(model.net[-1].bias) == 0
