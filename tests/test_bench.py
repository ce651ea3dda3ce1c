import json

import pytest

from benchmarks import bench, upstream
from d2l_local import Speed, try_gpu

pytestmark = pytest.mark.bench


def test_bench_smallest_form_writes_its_json(tmp_path, capsys):
    out = tmp_path / "bench.json"
    report = bench.main(["--quick", "--configs", "ref_ch6", "ours", "ours_fast",
                         "--batch-size", "4", "--steps", "5", "--eval-steps", "1",
                         "--seeds", "0", "--out", str(out)])
    data = json.loads(out.read_text())
    for key in ("device", "ratio", "reading_ratio", "environment", "ceilings", "runs",
                "warnings"):
        assert key in data
    summary = data["summary"]
    assert data["reference"]["config"] == "ref_ch6" and data["reading"]["config"] == "ours"
    fastest = max(("ours", "ours_fast"), key=lambda c: summary[c]["images_per_s"])
    assert data["best"]["config"] == fastest  # the headline is what ran fastest here
    assert data["ratio"] == pytest.approx(summary[fastest]["images_per_s"]
                                          / summary["ref_ch6"]["images_per_s"])
    assert data["reading_ratio"] == pytest.approx(summary["ours"]["images_per_s"]
                                                  / summary["ref_ch6"]["images_per_s"])
    assert [r["config"] for r in data["runs"]] == ["ref_ch6", "ours", "ours_fast"]
    assert data["runs"][1]["speed"]["precision"] == "fp32"
    # ours_fast is what speed="auto" runs on this device (bench uses the best device)
    assert data["runs"][2]["speed"] == Speed.auto(try_gpu()).as_dict()
    assert 0 <= data["runs"][0]["test_acc"] <= 1
    ceilings = data["ceilings"]
    assert ceilings["ours_loader_images_per_s"] > 0
    assert ceilings["compute_ours_images_per_s"] > 0 and ceilings["compute_ours_fast_images_per_s"]
    assert len(data["ceiling_trials"]["reference_loader_images_per_s"]) == 3
    assert data["environment"]["auto_speed"]["precision"] in {"fp32", "bf16"}
    printed = capsys.readouterr().out
    assert "fastest like-for-like" in printed and "reading configuration" in printed
    assert report["device"] == data["device"]


def test_upstream_trainer_path_times_its_validation_and_the_target(tmp_path, monkeypatch):
    # Every accuracy reaches a target of 0, so each run must report when it got there.
    monkeypatch.setitem(upstream.TARGET, "acc", 0.0)
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
    assert report["ceilings"] == {} and report["warnings"] == []


def test_headline_and_ceiling_warnings():
    summary = {"ref_ch6": {"images_per_s": 100}, "ours": {"images_per_s": 300},
               "ours_fast": {"images_per_s": 200}, "fast_recipe": {"images_per_s": 900}}
    head = bench.headline(summary)
    assert head["best"]["config"] == "ours" and head["ratio"] == 3.0  # the recipe is apart
    assert head["reading_ratio"] == 3.0
    warnings = bench.ceiling_warnings(summary, {"compute_ours_images_per_s": 250,
                                                "compute_ours_fast_images_per_s": 190})
    assert len(warnings) == 1 and warnings[0].startswith("ours ran at 300")


def test_interleaving_alternates_reference_and_ours():
    order = bench.interleave(["ref_ch6", "ref_trainer", "ours", "ours_fast"], [0, 1])
    assert [c for c, _ in order][:4] == ["ref_ch6", "ours", "ref_trainer", "ours_fast"]
    assert [s for _, s in order] == [0] * 4 + [1] * 4


def test_too_few_reference_steps_are_refused():
    with pytest.raises(SystemExit):
        bench.parse_args(["--steps", "2", "--configs", "ref_ch6"])


def test_mfu_divides_by_the_peak_of_the_precision_each_configuration_ran_in(monkeypatch):
    peaks = {"fp32": 50e12, "bf16": 1000e12}  # tf32: not in the table
    monkeypatch.setattr(bench, "peak_flops", lambda device, precision: peaks.get(precision))
    runs = [{"config": "ref_ch6", "images_per_s": 500.0},  # upstream trains in fp32
            {"config": "ours", "images_per_s": 1000.0, "speed": {"precision": "fp32"}},
            {"config": "ours_fast", "images_per_s": 2000.0, "speed": {"precision": "bf16"}},
            {"config": "ours_compile", "images_per_s": 900.0, "speed": {"precision": "tf32"}}]
    table = bench.summarise(runs, ["ref_ch6", "ours", "ours_fast", "ours_compile"], "cuda")
    per_image = bench.FLOPS_PER_IMAGE
    assert table["ref_ch6"]["mfu"] == pytest.approx(500 * per_image / 50e12)
    assert table["ours"]["mfu"] == pytest.approx(1000 * per_image / 50e12)
    assert table["ours_fast"]["mfu"] == pytest.approx(2000 * per_image / 1000e12)
    assert table["ours_fast"]["precision"] == "bf16"
    assert "mfu" not in table["ours_compile"]  # no peak known for its precision: no MFU
