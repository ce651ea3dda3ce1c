import math

import pytest
import torch
from torch import nn

from d2l_local.layers import evaluating, has_uninitialized_params, init_cnn, is_uninitialized


def test_evaluating_restores_the_mode_even_after_an_error():
    model = nn.Sequential(nn.Dropout(0.5))
    model.train()
    with evaluating(model) as m:
        assert m is model and not model.training and not model[0].training
    assert model.training and model[0].training
    model.eval()
    with pytest.raises(ZeroDivisionError), evaluating(model):
        raise ZeroDivisionError
    assert not model.training


def test_lazy_state_and_init():
    net = nn.Sequential(nn.LazyLinear(4), nn.Linear(4, 2))
    assert has_uninitialized_params(net) and is_uninitialized(net[0])
    assert not is_uninitialized(net[1])
    init_cnn(net[0])  # nothing to initialise yet: no error
    net(torch.zeros(1, 8))
    assert not has_uninitialized_params(net)
    torch.manual_seed(0)
    big = nn.Linear(400, 300)
    nn.init.constant_(big.bias, 1.0)
    init_cnn(big)
    bound = math.sqrt(6 / 700)
    assert big.weight.abs().max() <= bound
    assert big.weight.std().item() == pytest.approx(bound / math.sqrt(3), rel=0.02)
    assert torch.count_nonzero(big.bias) == 0
    other = nn.BatchNorm1d(3)
    init_cnn(other)  # not a convolution or linear layer: untouched
    assert torch.equal(other.weight, torch.ones(3))
