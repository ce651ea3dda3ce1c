"""Data-parallel training on the CPU: two gloo processes against one process trained on the
union of their shards, stop and errors across processes, and torchrun's entry point."""

import json
import math
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import torch

import d2l_local as d2l
from d2l_local import distributed, train

# processes take seconds to start; ranks that wait for each other forever fail at 300 s
pytestmark = [pytest.mark.timeout(300), pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
# No dropout (its masks would differ between one batch and two halves); momentum and a
# one-cycle schedule, so that their state has to travel between the fits of the run below.
RECIPE = dict(model="lenet", lr=0.05, optimizer="momentum", schedule="one-cycle",
              batch_size=64, num_train=256, num_val=128, seed=3, epochs=2)


def lenet():
    return d2l.LeNet(lr=RECIPE["lr"], activation="relu", optimizer=RECIPE["optimizer"],
                     schedule=RECIPE["schedule"])


def data(batch_size=RECIPE["batch_size"], num_train=RECIPE["num_train"]):
    return d2l.FashionMNIST(batch_size=batch_size, num_train=num_train,
                            num_val=RECIPE["num_val"])


def trainer(**kw):
    return d2l.Trainer(seed=RECIPE["seed"], board=False, progress=False, verbose=False, **kw)


@pytest.fixture(scope="module")
def two_processes():
    """Two processes, four epochs in three fits: a callback stops the first fit after its
    first epoch, the second fit trains the second, the third trains again (two more epochs,
    a schedule of their own)."""
    model, t = lenet(), trainer(max_epochs=RECIPE["epochs"], processes=2)
    seen = []

    def stop_after_the_first_epoch(tr, record):
        seen.append((record["epoch"], len(tr.history), tr.epoch))
        if record["epoch"] == 1:
            tr.stop()
    t.callbacks.append(stop_after_the_first_epoch)
    fits = []
    for _ in range(3):
        t.fit(model, data())
        fits.append(list(t.history))
    return model, t, seen, fits


@pytest.fixture(scope="module")
def one_process():
    model, t = lenet(), trainer(max_epochs=RECIPE["epochs"])
    t.fit(model, data())
    first = list(t.history)
    t.fit(model, data())  # trains again
    return model, t, first


def test_two_processes_train_as_one_process_does_on_the_union_of_their_shards(
        two_processes, one_process):
    model, t, _, _ = two_processes
    single, ts, _ = one_process
    # Skipping the gradient all-reduce (each rank trains on its half) or sharing one copy
    # of the weights (every update applied twice) moves them by more than 1e-3.
    a, b = model.state_dict(), single.state_dict()
    assert max((a[k] - b[k]).abs().max().item() for k in a) < 1e-5
    for mine, theirs in zip(t.history, ts.history, strict=True):
        for key in ("train_loss", "train_acc", "val_loss", "val_acc"):
            assert mine[key] == pytest.approx(theirs[key], abs=1e-5), key
        assert mine["train_images"] == theirs["train_images"] == RECIPE["num_train"]
        assert mine["train_batches"] == 4 == theirs["train_batches"]  # 4 halves of 64 each
    assert len(t.history) == 4 and t.scheduler.last_epoch == 8 == ts.scheduler.last_epoch
    assert [x for x, _ in t.step_log] == [x for x, _ in ts.step_log]
    assert [y for _, y in t.step_log] == pytest.approx([y for _, y in ts.step_log], abs=1e-5)
    # the momentum came back with the model: a third fit here would go on from it
    momenta = [s["momentum_buffer"] for s in t.optim.state_dict()["state"].values()]
    expected = [s["momentum_buffer"] for s in ts.optim.state_dict()["state"].values()]
    assert len(momenta) == len(expected) == 10
    assert all(torch.allclose(m, e, atol=1e-5) for m, e in zip(momenta, expected))


def test_epochs_history_callbacks_and_stop_are_as_on_one_process(two_processes):
    model, t, seen, fits = two_processes
    # stopped by the callback after epoch 1, went on to epoch 2, trained two more
    assert [[r["epoch"] for r in fit] for fit in fits] == [[1], [1, 2], [1, 2, 3, 4]]
    assert t.epoch == 4 == t.max_epochs
    assert seen == [(e, e, e) for e in (1, 2, 3, 4)]  # here, with the history up to then
    r = t.history[-1]
    assert r["complete"] and r["val_images"] == RECIPE["num_val"]
    assert r["images_per_s"] == pytest.approx(r["train_images"] / r["train_s"])
    assert t.evaluate()["acc"] == pytest.approx(r["val_acc"])  # the model is back here


def test_stop_from_another_thread_ends_every_rank_after_the_same_batch():
    t, model = trainer(max_epochs=3, processes=2), lenet()
    first_batch = threading.Event()
    t.batch_callbacks.append(lambda *_: first_batch.set())
    stopper = threading.Thread(target=lambda: first_batch.wait(60) and t.stop())
    stopper.start()
    t.fit(model, data(batch_size=8, num_train=512))  # 64 steps an epoch, 4 images a rank
    stopper.join()
    r = t.history[-1]
    # one answer for both ranks, else one would wait in the gradient all-reduce forever
    assert len(t.history) == 1 and not r["complete"] and 0 < r["train_batches"] < 64
    assert r["train_images"] == 8 * r["train_batches"] and r["val_acc"] is None
    t.max_epochs = 1
    t.fit(model, data(batch_size=8, num_train=512))  # the cut epoch runs again, in full
    assert [r["epoch"] for r in t.history] == [1] and t.history[0]["complete"]


def _stop_on_rank_1_after_its_second_batch(rank, world, device, channel, data):
    t = trainer(max_epochs=2, device=device)  # in a process group, as under torchrun
    if rank == 1:
        t.batch_callbacks.append(lambda tr, epoch, i, n: i == 1 and tr.stop())
    t.fit(lenet(), data)
    return {"world": t.world, "batches": [r["train_batches"] for r in t.history]}


def test_stop_on_one_rank_ends_every_rank_after_the_same_batch():
    out = distributed.launch(_stop_on_rank_1_after_its_second_batch, (data(),), world_size=2)
    # rank 0 would otherwise go on to a third batch and wait for rank 1 in its all-reduce
    assert out == [{"world": 2, "batches": [2]}] * 2


def test_an_interrupt_here_stops_the_ranks_and_keeps_their_model(capsys):
    t, model = trainer(max_epochs=2, processes=2), lenet()
    model(torch.zeros(1, 1, 28, 28))
    start = model.net[0].weight.detach().clone()

    def interrupt(tr, epoch, i, n):  # as Ctrl-C would, while rank 0's reports come in
        if i == 0:
            raise KeyboardInterrupt
    t.batch_callbacks.append(interrupt)
    with pytest.raises(KeyboardInterrupt):
        t.fit(model, data(batch_size=8, num_train=512))
    assert t.interrupted and t.complete_epochs == 0
    assert [r["complete"] for r in t.history] == [False]  # the ranks stopped together
    assert not torch.equal(model.net[0].weight, start)  # what they trained came back
    assert "Interrupted after 0 complete epoch(s)" in capsys.readouterr().err


def test_a_model_class_from_a_notebook_is_refused_before_any_process_starts(monkeypatch):
    monkeypatch.delattr(sys.modules["__main__"], "__file__", raising=False)
    in_a_cell = type("InACell", (d2l.LeNet,), {"__module__": "__main__"})
    with pytest.raises(ValueError, match="InACell is defined in this notebook"):
        trainer(max_epochs=1, processes=2).fit(in_a_cell(), data())


class Diverging(d2l.LeNet):
    def loss(self, Y_hat, Y, averaged=True):
        return super().loss(Y_hat, Y, averaged) * math.inf


def test_an_error_in_the_ranks_is_raised_here_as_itself():
    with pytest.raises(d2l.TrainingDiverged, match=r"smaller learning rate \(lr=0.1\)"):
        trainer(max_epochs=1, processes=2).fit(Diverging(lr=0.1), data())


def test_processes_are_a_whole_number_and_for_the_cpu(monkeypatch):
    for bad in (0, 1.5, "2", True):
        with pytest.raises(ValueError, match="processes="):
            d2l.Trainer(max_epochs=1, processes=bad)
    assert d2l.Trainer(max_epochs=1, processes=2).world_size == 2
    assert d2l.Trainer(max_epochs=1).world_size == 1
    monkeypatch.setattr(d2l.training, "select_device",
                        lambda *a, **k: (torch.device("cuda", 0), 1))  # as on a GPU machine
    with pytest.raises(ValueError, match="processes=2 is for training on the CPU.*num_gpus=2"):
        d2l.Trainer(max_epochs=1, num_gpus=1, processes=2)


def _rank_work(rank, world, device, channel, x):
    answer = channel.ask("square", rank, x)
    return {"rank": rank, "world": world, "answer": answer,
            "sum": distributed.all_reduce_sum([torch.tensor(float(rank + 1))])[0]}


def test_launch_runs_a_function_per_rank_and_serves_their_messages():
    asked = []

    def on_message(kind, rank, x):
        asked.append((kind, rank))
        return x**2 + rank
    out = distributed.launch(_rank_work, (torch.tensor(3.0),), world_size=2,
                             on_message=on_message)
    assert [r["rank"] for r in out] == [0, 1] and all(r["world"] == 2 for r in out)
    assert [r["answer"].item() for r in out] == [9.0, 10.0]
    assert [r["sum"].item() for r in out] == [3.0, 3.0]
    assert sorted(asked) == [("square", 0), ("square", 1)]


def test_torchrun_runs_the_entry_point_as_the_trainer_runs_two_processes(
        two_processes, tmp_path):
    out = tmp_path / "run.json"
    args = [f"--{k.replace('_', '-')}={v}" for k, v in RECIPE.items()] + [f"--out={out}"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone",
                           "--nnodes=1", "--nproc-per-node=2", "-m", "d2l_local.train",
                           *args], env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    run = json.loads(out.read_text())
    assert run["world_size"] == 2 and "epoch 2: train loss" in done.stdout
    _, _, _, fits = two_processes
    assert len(run["history"]) == RECIPE["epochs"]
    for theirs, mine in zip(run["history"], fits[1], strict=True):
        for key in ("train_loss", "val_loss", "val_acc"):
            assert theirs[key] == pytest.approx(mine[key], abs=1e-5), key


def test_the_entry_point_trains_on_one_process(one_process, tmp_path, capsys):
    args = [f"--{k.replace('_', '-')}={v}" for k, v in RECIPE.items()]
    history = train.main([*args, f"--out={tmp_path / 'run.json'}"])
    _, _, first = one_process
    assert [r["train_loss"] for r in history] == [r["train_loss"] for r in first]
    assert json.loads((tmp_path / "run.json").read_text())["world_size"] == 1
    assert "epoch 2: train loss" in capsys.readouterr().out
