import json

import pytest

from d2l_local import bench


def test_bench_smallest_form_writes_its_json(tmp_path, capsys):
    out = tmp_path / "bench.json"
    report = bench.main(["--quick", "--configs", "ref_ch6", "ours", "ours_fast",
                         "--batch-size", "8", "--steps", "5", "--eval-steps", "1",
                         "--seeds", "0", "--out", str(out)])
    data = json.loads(out.read_text())
    for key in ("device", "ratio", "environment", "ceilings", "runs"):
        assert key in data
    assert data["reference"]["images_per_s"] > 0 and data["ours"]["images_per_s"] > 0
    assert 0 <= data["reference"]["test_acc"] <= 1 and 0 <= data["ours"]["test_acc"] <= 1
    assert data["ratio"] == pytest.approx(data["ours"]["images_per_s"]
                                          / data["reference"]["images_per_s"])
    assert [r["config"] for r in data["runs"]] == ["ref_ch6", "ours", "ours_fast"]
    assert data["ceilings"]["ours_loader_images_per_s"] > 0
    assert len(data["ceiling_trials"]["reference_loader_images_per_s"]) == 3
    assert "ratio ours/reference" in capsys.readouterr().out
    assert report["device"] == data["device"]


def test_upstream_trainer_path_times_its_validation_and_the_target(tmp_path, monkeypatch):
    # Every accuracy reaches a target of 0, so each run must report when it got there.
    monkeypatch.setattr(bench, "TARGET_ACC", 0.0)
    report = bench.main(["--quick", "--configs", "ref_trainer", "ours", "--no-ceilings",
                         "--batch-size", "8", "--steps", "4", "--eval-steps", "2",
                         "--epochs", "2", "--seeds", "0", "--out", str(tmp_path / "b.json")])
    for run in report["runs"]:
        assert 0 < run["time_to_target_s"] <= run["wall_s"]
        assert 0 < run["eval_s"] < run["wall_s"]
        assert run["train_s"] == pytest.approx(run["wall_s"] - run["eval_s"], rel=0.5)
        assert 0 <= run["test_acc"] <= 1
    ref = report["runs"][0]
    assert ref["config"] == "ref_trainer" and ref["images"] == 2 * 4 * 8


def test_interleaving_alternates_reference_and_ours():
    order = bench.interleave(["ref_ch6", "ref_trainer", "ours", "ours_fast"], [0, 1])
    assert [c for c, _ in order][:4] == ["ref_ch6", "ours", "ref_trainer", "ours_fast"]
    assert [s for _, s in order] == [0] * 4 + [1] * 4


def test_too_few_reference_steps_are_refused():
    with pytest.raises(SystemExit):
        bench.parse_args(["--steps", "2", "--configs", "ref_ch6"])
