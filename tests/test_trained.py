"""The training page's recipe and its trained network kept for the pages after it
(d2l_local.trained): saved and loaded whole, one file per scale, and None whenever the
file is not the network the recipe would train now."""

import pytest
import torch

import d2l_local as d2l
from d2l_local import trained


def finished(scale, seed=0):
    """A recipe whose network has weights (one forward pass) and a finished history, as
    if it had been trained: the helpers never look at how the weights were reached."""
    r = trained.recipe(scale, board=False, progress=False, verbose=False)
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        r.model(torch.zeros(1, 1, *r.data.resize))
    r.trainer.history = [{"epoch": e, "val_acc": 0.5 + e / 10, "complete": True,
                          "train_images": r.data.num_train, "val_images": r.data.num_val}
                         for e in range(r.trainer.max_epochs)]
    return r


def weights(model):
    return {k: v.detach().cpu() for k, v in model.state_dict().items()}


def same(a, b):
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_the_recipe_at_each_scale_is_the_training_pages():
    name, model, data, trainer = trained.recipe("quick", board=False, verbose=False)
    assert name == "laptop recipe" and data.resize == (65, 65)
    assert (data.num_train, data.num_val, trainer.max_epochs) == (5_000, 1_000, 3)
    assert model.hparams["optimizer"] == "adam" and model.hparams["schedule"] == "one-cycle"
    cpu = trained.recipe("cpu", board=False, verbose=False)
    assert cpu.name == "laptop recipe" and cpu.data.num_train == 60_000
    with pytest.raises(ValueError, match="scale='tpu'"):
        trained.recipe("tpu")
    assert "def recipe" in trained.source() and "reference recipe" in trained.source()


def test_a_saved_network_loads_with_its_weights_recipe_and_history(tmp_path):
    r = finished("quick")
    kept = trained.save(r, folder=tmp_path)
    assert kept.path == tmp_path / "trained-alexnet-quick.pt" and kept.origin == "trained"
    assert [p.name for p in tmp_path.iterdir()] == ["trained-alexnet-quick.pt"]  # no temp
    back = trained.load("quick", folder=tmp_path, device="cpu")
    assert back is not None and back.origin == "loaded" and back.name == "laptop recipe"
    assert same(weights(back.model), weights(r.model))
    assert back.history == r.trainer.history and back.test_acc == pytest.approx(0.7)
    assert back.scale == "quick" and back.device == kept.device and not back.model.training
    assert back.data.num_val == 1_000 and back.data.resize == (65, 65)
    x = back.data.val_images[:2]
    # the loaded weights are the ones used: a forward pass does not initialise them again
    back.model(d2l.resize_on_device(x, (65, 65)))
    assert same(weights(back.model), weights(r.model))


def test_each_scale_has_its_own_file(tmp_path):
    trained.save(finished("quick", seed=1), folder=tmp_path)
    assert trained.load("cpu", folder=tmp_path) is None  # none saved at this scale
    cpu = finished("cpu", seed=2)
    trained.save(cpu, folder=tmp_path)
    assert trained.path("cpu", tmp_path) != trained.path("quick", tmp_path)
    quick = trained.load("quick", folder=tmp_path, device="cpu")
    assert not same(weights(quick.model), weights(cpu.model))
    assert same(weights(trained.load("cpu", folder=tmp_path, device="cpu").model),
                weights(cpu.model))


def test_no_file_a_broken_file_another_recipe_or_an_unfinished_run_gives_none(tmp_path):
    assert trained.load("quick", folder=tmp_path) is None
    file = trained.path("quick", tmp_path)
    file.write_bytes(b"half a file")
    assert trained.load("quick", folder=tmp_path) is None
    r = finished("quick")
    trained.save(r, folder=tmp_path)
    state = torch.load(file, weights_only=True)
    for change in ({"settings": {**state["settings"], "max_epochs": 2}},  # another recipe
                   {"history": state["history"][:2]},  # stopped after two epochs
                   {"history": state["history"][:2] + [{**state["history"][2],
                                                        "complete": False}]},
                   {"version": 0}):
        torch.save({**state, **change}, file)
        assert trained.load("quick", folder=tmp_path) is None, change
    torch.save(state, file)
    assert trained.load("quick", folder=tmp_path) is not None


def test_a_failed_write_keeps_the_network_saved_before(tmp_path, monkeypatch):
    r = finished("quick")
    trained.save(r, folder=tmp_path)
    before = trained.path("quick", tmp_path).read_bytes()

    def broken_save(obj, fh):
        fh.write(b"half a network")
        raise OSError("disk full")
    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        trained.save(finished("quick", seed=3), folder=tmp_path)
    assert trained.path("quick", tmp_path).read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["trained-alexnet-quick.pt"]


def test_the_default_folder_is_the_cache_and_the_default_scale_the_current_one(
        tmp_path, monkeypatch):
    monkeypatch.setenv("D2L_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("D2L_QUICK", "1")
    assert trained.path() == tmp_path / "trained-alexnet-quick.pt"
