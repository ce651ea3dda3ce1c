import pytest
import torch
from torch import nn

import d2l_local as d2l


def test_save_hyperparameters_keeps_the_callers_arguments():
    class Thing(d2l.HyperParameters):
        def __init__(self, a, b=2, _private=3, skip=4):
            self.save_hyperparameters(ignore=("skip",))

    thing = Thing(1)
    assert thing.hparams == {"a": 1, "b": 2} and (thing.a, thing.b) == (1, 2)
    assert not hasattr(thing, "skip") and not hasattr(thing, "_private")


def test_classifier_steps_return_device_tensors_of_loss_and_accuracy():
    model = d2l.Classifier()
    model.net = nn.Identity()
    logits = torch.tensor([[5.0, 0, 0], [0, 0, 5.0], [0, 5.0, 0], [5.0, 0, 0]])
    y = torch.tensor([0, 2, 0, 1])
    for step in (model.training_step, model.validation_step):
        out = step((logits, y))
        assert set(out) == {"loss", "acc"}
        assert isinstance(out["loss"], torch.Tensor) and out["loss"].dim() == 0
        assert out["acc"].item() == pytest.approx(0.5)
        assert out["loss"].item() == pytest.approx(nn.functional.cross_entropy(logits, y).item())


def test_accuracy_takes_the_largest_logit():
    model = d2l.Classifier()
    Y_hat = torch.tensor([[0.1, 0.7, 0.2], [0.9, 0.05, 0.05], [0.2, 0.3, 0.5]])
    assert model.accuracy(Y_hat, torch.tensor([1, 0, 2])).item() == 1.0
    assert model.accuracy(Y_hat, torch.tensor([1, 1, 0]), averaged=False).tolist() == [1, 0, 0]
    assert model.loss(Y_hat, torch.tensor([1, 0, 2]), averaged=False).shape == (3,)


def test_module_default_steps_and_optimizer():
    class Regression(d2l.Module):
        def __init__(self):
            super().__init__()
            self.lr = 0.5
            self.net = nn.Linear(2, 1)

        def loss(self, y_hat, y):
            return ((y_hat.squeeze(-1) - y) ** 2).mean()

    model = Regression()
    X, y = torch.ones(4, 2), torch.zeros(4)
    loss = model.training_step((X, y))
    assert loss.dim() == 0 and torch.equal(loss, model.validation_step((X, y)))
    opt = model.configure_optimizers()
    assert isinstance(opt, torch.optim.SGD) and opt.param_groups[0]["lr"] == 0.5
    with pytest.raises(NotImplementedError):
        d2l.Module().loss(None, None)


def test_init_waits_for_the_first_forward_and_runs_once():
    calls = []

    def count_init(m):
        if isinstance(m, nn.Linear):
            calls.append(m.weight.shape)

    class Lazy(d2l.Module):
        def __init__(self):
            super().__init__()
            self.net = nn.LazyLinear(3)
            self.apply_init_after_first_forward(count_init)

    model = Lazy()
    assert calls == []
    model(torch.zeros(1, 5))
    model(torch.zeros(1, 5))
    assert calls == [(3, 5)]
    eager = d2l.Module()
    eager.net = nn.Linear(2, 2)
    eager.apply_init_after_first_forward(count_init)
    assert calls == [(3, 5), (2, 2)]  # no lazy layer: initialised at once


def test_apply_init_d2l_style():
    model = d2l.LeNet()
    model.apply_init([torch.zeros(1, 1, 28, 28)], d2l.init_cnn)
    assert model.net[0].weight.shape == (6, 1, 5, 5)


def test_data_module_defaults():
    class Two(d2l.DataModule):
        def get_dataloader(self, train):
            return "train" if train else "val"

    dm = Two()
    assert (dm.train_dataloader(), dm.val_dataloader(), dm.to("cpu")) == ("train", "val", dm)
    with pytest.raises(NotImplementedError):
        d2l.DataModule().train_dataloader()
