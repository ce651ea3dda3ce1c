import json
import os

import torch

import d2l_local as d2l
from d2l_local import results


def test_export_run_writes_what_the_book_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(d2l.config, "results_dir", lambda: tmp_path)
    data = d2l.FashionMNIST(batch_size=64, num_train=256, num_val=128)
    model = d2l.LeNet(lr=0.1, activation="relu")
    t = d2l.Trainer(max_epochs=1, progress=False, board=False, verbose=False)
    t.fit(model, data)
    path = results.export_run(t, model, data, extra={"seed": 3})
    assert path == tmp_path / "alexnet-cpu.json" and not list(tmp_path.glob("*.tmp"))
    record = json.loads(path.read_text())
    assert record["history"] == json.loads(json.dumps(t.history))
    assert record["num_val"] == 128 and record["resize"] == [28, 28] and record["seed"] == 3
    assert sum(map(sum, record["confusion"])) == 128
    preds, labels = t.predict()
    assert record["test_acc"] == (preds == labels).float().mean().item()
    wrong = [m["index"] for m in record["misclassified"]]
    assert wrong == torch.nonzero(preds != labels).flatten()[:24].tolist()
    filters = results.filters_tensor(record)
    assert filters.shape == (6, 1, 5, 5)
    assert torch.allclose(filters, model.net[0].weight.detach(), atol=1e-5)
    assert record["hparams"]["activation"] == "relu" and record["quick_mode"] is False


def test_load_results_newest_first(tmp_path, monkeypatch):
    monkeypatch.setattr(d2l.config, "results_dir", lambda: tmp_path)
    for i, name in enumerate(("bench-a.json", "bench-b.json", "other.json")):
        (tmp_path / name).write_text(json.dumps({"n": i}))
        os.utime(tmp_path / name, (1000 + i, 1000 + i))
    found = results.load_results("bench-*.json")
    assert [(r["n"], r["_file"]) for r in found] == [(1, "bench-b.json"), (0, "bench-a.json")]
