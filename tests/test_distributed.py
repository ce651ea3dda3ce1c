import torch

import d2l_local as d2l
from d2l_local import distributed
from d2l_local.training import train_data_parallel


def test_two_process_gloo_training_agrees_on_weights():
    data = d2l.FashionMNIST(batch_size=64, num_train=512, num_val=128)
    model = d2l.LeNet(lr=0.1, activation="relu")
    model(torch.zeros(1, 1, 28, 28))  # every rank starts from these weights
    start = {k: v.clone() for k, v in model.state_dict().items()}
    kwargs = dict(max_epochs=2, progress=False, board=False, verbose=False, seed=0)
    results = train_data_parallel(model, data, kwargs, world_size=2, backend="gloo")
    assert len(results) == 2
    a, b = results[0]["model"], results[1]["model"]
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    assert not torch.equal(a["net.0.weight"], start["net.0.weight"])
    h = results[0]["history"]
    assert len(h) == 2 and h[-1]["train_images"] == 512  # both shards counted
    assert h[-1]["train_batches"] == 8  # each rank ran half of the data: 8 steps of 32
    assert results[1]["history"][-1]["val_acc"] == h[-1]["val_acc"]  # reduced over ranks
    fresh = d2l.LeNet(lr=0.1, activation="relu")
    fresh.load_state_dict(a)
    assert fresh(torch.zeros(1, 1, 28, 28)).shape == (1, 10)
    assert h[-1]["train_loss"] < 2.31


def _square_plus_rank(rank, world, device, x):
    return {"rank": rank, "world": world, "value": x**2 + rank,
            "sum": distributed.all_reduce_sum([torch.tensor(float(rank + 1))])[0]}


def test_launch_runs_a_function_per_rank_and_returns_what_each_returned():
    out = distributed.launch(_square_plus_rank, (torch.tensor(3.0),), world_size=2)
    assert [r["rank"] for r in out] == [0, 1] and all(r["world"] == 2 for r in out)
    assert [r["value"].item() for r in out] == [9.0, 10.0]
    assert [r["sum"].item() for r in out] == [3.0, 3.0]
