import math
import warnings

import pytest
import torch

import d2l_local as d2l


@pytest.mark.parametrize("make,name", [
    (lambda: d2l.AlexNet(lr=0), "lr"),
    (lambda: d2l.AlexNet(lr=-0.1), "lr"),
    (lambda: d2l.AlexNet(lr=math.nan), "lr"),
    (lambda: d2l.AlexNet(lr=math.inf), "lr"),
    (lambda: d2l.AlexNet(lr="fast"), "lr"),
    (lambda: d2l.AlexNet(dropout=1.0), "dropout"),
    (lambda: d2l.AlexNet(dropout=-0.1), "dropout"),
    (lambda: d2l.AlexNet(activation="tanh"), "activation"),
    (lambda: d2l.LeNet(optimizer="rmsprop"), "optimizer"),
    (lambda: d2l.AlexNet(num_classes=0), "num_classes"),
    (lambda: d2l.Trainer(max_epochs=0), "max_epochs"),
    (lambda: d2l.Trainer(max_epochs=2.5), "max_epochs"),
    (lambda: d2l.Trainer(max_epochs=1, num_gpus=-1), "num_gpus"),
    (lambda: d2l.Speed(precision="fp8"), "precision"),
    (lambda: d2l.Trainer(max_epochs=1, device="tpu"), "device"),
    (lambda: d2l.Trainer(max_epochs=1, speed="fast"), "speed"),
    (lambda: d2l.Trainer(max_epochs=1, limit_train_batches=0), "limit_train_batches"),
    (lambda: d2l.Trainer(max_epochs=1, limit_val_batches=1.5), "limit_val_batches"),
    (lambda: d2l.Trainer(max_epochs=1, log_every=0), "log_every"),
    (lambda: d2l.Speed(channels_last="yes"), "channels_last"),
    (lambda: d2l.FashionMNIST(batch_size=0), "batch_size"),
    (lambda: d2l.FashionMNIST(batch_size=True), "batch_size"),
    (lambda: d2l.FashionMNIST(resize=(224,)), "resize"),
    (lambda: d2l.FashionMNIST(resize=(0, 0)), "resize"),
    (lambda: d2l.FashionMNIST(resize=True), "resize"),
    (lambda: d2l.FashionMNIST(resize=(224, 224.0)), "resize"),
    (lambda: d2l.AlexNet(dropout=True), "dropout"),
    (lambda: d2l.AlexNet(lr=True), "lr"),
    (lambda: d2l.AlexNet(num_classes=2.0), "num_classes"),
    (lambda: d2l.AlexNet(optimizer=None), "optimizer"),
])
def test_bad_values_name_the_argument(make, name):
    with pytest.raises(ValueError) as err:
        make()
    msg = str(err.value)
    assert msg.startswith(f"{name}=") and "must be" in msg


@pytest.mark.parametrize("make,value", [
    (lambda: d2l.AlexNet(lr=1e-6), 1e-6), (lambda: d2l.AlexNet(dropout=0.0), 0.0),
    (lambda: d2l.AlexNet(dropout=0.99), 0.99), (lambda: d2l.LeNet(num_classes=1), 1),
])
def test_edge_values_are_accepted(make, value):
    model = make()
    assert value in (model.lr, model.dropout, model.num_classes)


def test_resize_forms():
    from d2l_local.checks import check_resize
    assert check_resize(None) is None
    assert check_resize(96) == (96, 96) and check_resize([65, 100]) == (65, 100)
    assert check_resize((1, 1)) == (1, 1)


def test_unavailable_cuda_device_is_explained():
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ValueError, match="no CUDA GPU"):
        d2l.Trainer(max_epochs=1, device="cuda")


def test_too_many_gpus_warns_and_uses_what_exists():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = d2l.Trainer(max_epochs=1, num_gpus=64)
    assert t.world_size == max(1, min(64, d2l.num_gpus()))
    assert any("num_gpus=64" in str(w.message) for w in caught)


@pytest.mark.slow
def test_resize_below_the_minimum_is_explained_and_nothing_breaks():
    model = d2l.AlexNet()
    data = d2l.FashionMNIST(batch_size=8, resize=(32, 32), num_train=64, num_val=16)
    t = d2l.Trainer(max_epochs=1, progress=False, board=False, verbose=False)
    with pytest.raises(ValueError, match=r"resize=\(32, 32\) is too small for AlexNet: .* "
                                         r"at least 65x65"):
        t.fit(model, data)
    ok = d2l.FashionMNIST(batch_size=8, resize=(65, 65), num_train=64, num_val=16)
    t.fit(model, ok)  # the same model and trainer still work
    assert len(t.history) == 1


def test_model_built_for_another_size_is_explained():
    model = d2l.AlexNet()
    model(torch.zeros(1, 1, 224, 224))
    data = d2l.FashionMNIST(batch_size=8, resize=(96, 96), num_train=64, num_val=16)
    t = d2l.Trainer(max_epochs=1, progress=False, board=False, verbose=False)
    with pytest.raises(ValueError, match="built for another input size"):
        t.fit(model, data)
