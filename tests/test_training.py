import pickle

import pytest
import torch

import d2l_local as d2l
from d2l_local import config


def small_data(n=1024, batch_size=64, **kw):
    return d2l.FashionMNIST(batch_size=batch_size, num_train=n, num_val=256, **kw)


def trainer(**kw):
    kw.setdefault("progress", False)
    kw.setdefault("board", False)
    kw.setdefault("verbose", False)
    return d2l.Trainer(**kw)


def weights(model):
    return {k: v.clone() for k, v in model.state_dict().items()}


def test_loss_falls_on_real_data_and_history_is_filled():
    model = d2l.LeNet(lr=0.1, activation="relu", optimizer="momentum")
    t = trainer(max_epochs=3, log_every=4)
    t.fit(model, small_data(2048))
    history = t.history
    assert [r["epoch"] for r in history] == [1, 2, 3]
    assert history[-1]["train_loss"] < history[0]["train_loss"] < 2.3
    assert history[-1]["val_acc"] > 0.6
    for key in ("train_loss", "train_acc", "val_loss", "val_acc", "images_per_s",
                "epoch_s", "peak_mem_mb"):
        assert key in history[0]
    assert history[0]["images_per_s"] > 0 and t.step_log


def test_alexnet_trains_in_quick_mode(quick, capsys):
    data = d2l.FashionMNIST(batch_size=128, resize=(224, 224))
    t = d2l.Trainer(max_epochs=10, num_gpus=1, progress=False, board=False)
    t.fit(d2l.AlexNet(lr=0.01), data)
    out = capsys.readouterr().out
    assert "quick mode" in out and "Training on" in out
    assert len(t.history) == 2  # capped by quick mode
    assert t.history[0]["train_images"] == config.QUICK_TRAIN_IMAGES
    assert data.num_train == config.QUICK_TRAIN_EXAMPLES  # a real, balanced subset


def test_same_seed_same_run():
    runs = []
    for _ in range(2):
        model = d2l.LeNet(lr=0.1, dropout=0.2)
        trainer(max_epochs=1, seed=3).fit(model, small_data(512))
        runs.append(weights(model))
    assert all(torch.equal(runs[0][k], runs[1][k]) for k in runs[0])


def on_loss_call(model, n, action):
    """Wrap ``model.loss`` so that ``action()`` runs at its n-th call; returns the counter."""
    calls = {"n": 0}
    original = model.loss

    def loss(*a, **k):
        calls["n"] += 1
        if calls["n"] == n:
            action()
        return original(*a, **k)
    model.loss = loss
    calls["restore"] = lambda: setattr(model, "loss", original)
    return calls


def test_keyboard_interrupt_keeps_history_and_model():
    model = d2l.LeNet(lr=0.1)
    t = trainer(max_epochs=5)

    def interrupt():
        raise KeyboardInterrupt
    calls = on_loss_call(model, 26, interrupt)  # 16 train + 4 val batches an epoch: mid epoch 2
    t.fit(model, small_data(1024))
    assert t.interrupted and len(t.history) == 1
    calls["restore"]()
    assert model(torch.zeros(2, 1, 28, 28)).shape == (2, 10)  # still usable
    t.max_epochs = 2
    t.fit(model, small_data(1024))  # and trainable again
    assert len(t.history) == 2


def test_stop_ends_within_a_batch_and_keeps_what_was_measured():
    model = d2l.LeNet(lr=0.1)
    t = trainer(max_epochs=3)
    calls = on_loss_call(model, 3, t.stop)
    t.fit(model, small_data(1024))
    assert calls["n"] == 3  # no further batch ran
    assert len(t.history) == 1 and t.history[0]["complete"] is False
    assert t.history[0]["train_images"] == 3 * 64


def test_checkpoint_round_trip_gives_identical_predictions(tmp_path):
    data = small_data(512)
    model = d2l.LeNet(lr=0.1, dropout=0.3)
    t = trainer(max_epochs=1)
    t.fit(model, data)
    path = t.save_checkpoint(tmp_path / "ckpt.pt")
    fresh = d2l.LeNet(lr=0.1, dropout=0.3)
    t2 = trainer(max_epochs=1)
    t2.load_checkpoint(path, fresh)
    X, _ = next(iter(data.val_dataloader()))
    model.eval()
    fresh.eval()
    assert torch.equal(model(X), fresh(X))
    assert t2.history == t.history and t2.epoch == 1
    assert not list(tmp_path.glob(".ckpt-*"))  # no temporary file left behind


def test_resume_matches_an_uninterrupted_run_bit_for_bit(tmp_path):
    def make():
        return d2l.LeNet(lr=0.05, dropout=0.3, optimizer="momentum", activation="relu")

    straight = make()
    trainer(max_epochs=3, seed=7).fit(straight, small_data(512))

    first = make()
    t = trainer(max_epochs=3, seed=7)
    t.callbacks.append(lambda tr, rec: tr.stop() if rec["epoch"] == 1 else None)
    t.fit(first, small_data(512))
    assert len(t.history) == 1
    path = t.save_checkpoint(tmp_path / "half.pt")

    resumed = make()
    t2 = trainer(max_epochs=3, seed=0)  # the checkpoint's seed wins
    t2.load_checkpoint(path, resumed)
    t2.fit(resumed, small_data(512))
    assert len(t2.history) == 3
    a, b = weights(straight), weights(resumed)
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_checkpoint_loading_never_unpickles_objects(tmp_path):
    class Evil:
        def __reduce__(self):
            return (exec, ("import pathlib; pathlib.Path('%s').touch()"
                           % (tmp_path / "pwned"),))
    path = tmp_path / "evil.pt"
    with open(path, "wb") as fh:
        pickle.dump({"model": Evil()}, fh)
    with pytest.raises(pickle.UnpicklingError):
        trainer(max_epochs=1).load_checkpoint(path, d2l.LeNet())
    assert not (tmp_path / "pwned").exists()


def test_non_finite_loss_stops_with_advice_and_keeps_history():
    model = d2l.LeNet(lr=0.1, activation="relu")
    t = trainer(max_epochs=3, log_every=1)
    t.fit(model, small_data(256))  # one good epoch first
    t.max_epochs = 5
    model.lr = 1e12
    t.optim.param_groups[0]["lr"] = 1e12
    with pytest.raises(d2l.TrainingDiverged, match="smaller learning rate"):
        t.fit(model, small_data(256))
    assert len(t.history) == 3 and all(r["complete"] for r in t.history)
    assert t.step_log and all(v == v for _, v in t.step_log)  # finite values only
    assert model(torch.zeros(1, 1, 28, 28)).shape == (1, 10)


def test_out_of_memory_is_caught_with_a_batch_size_hint():
    model = d2l.LeNet()
    t = trainer(max_epochs=1)
    data = small_data(256, batch_size=64)
    model(torch.zeros(1, 1, 28, 28))
    original = model.forward

    def boom(X):
        if X.shape[0] == 64:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2 GiB")
        return original(X)
    model.forward = boom
    with pytest.raises(d2l.DeviceOutOfMemory, match=r"batch_size=32 \(now 64\)"):
        t.fit(model, data)
    model.forward = original
    assert model(torch.zeros(1, 1, 28, 28)).shape == (1, 10)
    assert t.history == []


def test_scheduler_from_configure_optimizers_steps_every_batch():
    class Scheduled(d2l.LeNet):
        def configure_optimizers(self):
            opt = torch.optim.SGD(self.parameters(), lr=0.1)
            return opt, torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    model = Scheduled()
    t = trainer(max_epochs=1)
    t.fit(model, small_data(256))
    assert t.optim.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5 ** 4)


def test_bf16_and_channels_last_options_run_on_cpu():
    model = d2l.LeNet(lr=0.1)
    t = trainer(max_epochs=1, precision="bf16", channels_last=True)
    t.fit(model, small_data(256))
    h = t.history
    assert h[0]["train_loss"] == h[0]["train_loss"]


def test_history_table():
    df = d2l.history_table([{"epoch": 1, "train_loss": 1.0}, {"epoch": 2, "train_loss": 0.5}])
    assert list(df.index) == [1, 2]


def test_a_failed_checkpoint_write_leaves_the_old_one_intact(tmp_path, monkeypatch):
    model = d2l.LeNet(lr=0.1)
    t = trainer(max_epochs=1)
    t.fit(model, small_data(256))
    path = t.save_checkpoint(tmp_path / "ckpt.pt")
    before = open(path, "rb").read()

    def broken_save(obj, fh):
        fh.write(b"half a checkpoint")
        raise OSError("disk full")
    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        t.save_checkpoint(tmp_path / "ckpt.pt")
    assert open(tmp_path / "ckpt.pt", "rb").read() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ckpt.pt"]
