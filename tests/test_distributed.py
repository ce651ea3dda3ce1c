import torch

import d2l_local as d2l
from d2l_local import distributed


def test_two_process_gloo_training_agrees_on_weights():
    data = d2l.FashionMNIST(batch_size=64, num_train=512, num_val=128)
    model = d2l.LeNet(lr=0.1, activation="relu")
    kwargs = dict(max_epochs=2, progress=False, board=False, verbose=False, seed=0)
    results = distributed.launch(model, data, kwargs, world_size=2, backend="gloo")
    assert len(results) == 2
    a, b = results[0]["model"], results[1]["model"]
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    h = results[0]["history"]
    assert len(h) == 2 and h[-1]["train_images"] == 512  # both shards counted
    # each rank ran half of the data per epoch: 4 steps of 32
    fresh = d2l.LeNet(lr=0.1, activation="relu")
    fresh.load_state_dict(a)
    assert fresh(torch.zeros(1, 1, 28, 28)).shape == (1, 10)
    assert h[-1]["train_loss"] < 2.31
