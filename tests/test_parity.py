"""Parity with the upstream d2l package (installed with --no-deps as the reference)."""

import pytest
import torch

import d2l_local as d2l
from benchmarks import upstream as bench

up = pytest.importorskip("d2l.torch")


def test_alexnet_shapes_and_parameter_count_match_upstream_style_model():
    ours, theirs = d2l.AlexNet(), bench.upstream_classifier(up)()
    X = torch.zeros(1, 1, 224, 224)
    ours(X)
    theirs(X)
    shapes = []
    for net in (ours.net, theirs.net):
        x, out = X, []
        for layer in net:
            x = layer(x)
            out.append(tuple(x.shape))
        shapes.append(out)
    assert shapes[0] == shapes[1]
    count = [sum(p.numel() for p in m.parameters()) for m in (ours, theirs)]
    assert count == [46_764_746, 46_764_746]
    seq = bench.upstream_sequential_alexnet()
    assert sum(p.numel() for p in seq.parameters()) == 46_764_746


def test_upstream_init_never_applies_and_ours_does():
    """The bug: upstream applies Xavier init to lazy layers, so PyTorch's default stays."""
    torch.manual_seed(0)
    theirs = bench.upstream_classifier(up)()
    theirs(torch.zeros(1, 1, 224, 224))
    ours = d2l.AlexNet()
    ours(torch.zeros(1, 1, 224, 224))
    w_up, w_ours = theirs.net[-1].weight, ours.net[-1].weight  # 4096 -> 10
    xavier_std = (6 / (4096 + 10)) ** 0.5 / 3 ** 0.5
    assert w_ours.std().item() == pytest.approx(xavier_std, rel=0.05)
    assert abs(w_up.std().item() - xavier_std) / xavier_std > 0.5  # default init, not Xavier


def test_same_loss_and_accuracy_on_the_same_logits():
    torch.manual_seed(1)
    Y_hat, Y = torch.randn(64, 10), torch.randint(0, 10, (64,))
    ours, theirs = d2l.Classifier(), up.Classifier()
    assert torch.allclose(ours.loss(Y_hat, Y), theirs.loss(Y_hat, Y))
    assert torch.allclose(ours.accuracy(Y_hat, Y), theirs.accuracy(Y_hat, Y))
    assert torch.allclose(ours.accuracy(Y_hat, Y, averaged=False),
                          theirs.accuracy(Y_hat, Y, averaged=False))


def test_resize_matches_upstream_data_pipeline(tmp_path):
    with bench.upstream_workdir(tmp_path):
        theirs = up.FashionMNIST(batch_size=16, resize=(224, 224))
    ours = d2l.FashionMNIST(batch_size=16, resize=(224, 224))
    X_up = torch.stack([theirs.val[i][0] for i in range(16)])
    y_up = torch.tensor([theirs.val[i][1] for i in range(16)])
    X, y = next(iter(ours.val_dataloader()))
    assert torch.equal(y, y_up)
    assert X.shape == X_up.shape == (16, 1, 224, 224)
    assert (X - X_up).abs().max().item() <= 1 / 255 + 1e-6
    assert ours.text_labels(y[:3]) == theirs.text_labels(y[:3])
