import torch
import torch.nn.functional as F

import d2l_local as d2l
from d2l_local import features


def test_patch_gram_is_the_sum_of_outer_products():
    images = d2l.load_fashion_mnist()["test_images"][:3]
    gram, count = features.patch_gram(images, 28, kernel=5, stride=3, padding=1, chunk=2)
    x = images.double().unsqueeze(1) / 255
    patches = F.unfold(x, kernel_size=5, stride=3, padding=1).transpose(1, 2).reshape(-1, 25)
    assert count == len(patches) == 3 * 9 * 9
    assert torch.allclose(gram, patches.T @ patches)


def test_enlarged_images_span_few_directions():
    images = d2l.load_fashion_mnist()["train_images"][:200]
    native, enlarged = features.patch_space(images, 28), features.patch_space(images, 224)
    assert native.rank == 121 and 20 <= enlarged.rank <= 30
    assert enlarged.share(9) > 0.999 > native.share(9)
    assert enlarged.directions_for(0.999) < 10 < native.directions_for(0.999)
    assert torch.allclose(enlarged.basis.T @ enlarged.basis, torch.eye(121, dtype=torch.float64),
                          atol=1e-8)
    assert (enlarged.energy[:-1] >= enlarged.energy[1:]).all()


def test_split_filters_into_inside_and_outside():
    images = d2l.load_fashion_mnist()["train_images"][:100]
    space = features.patch_space(images, 224)
    weight = torch.randn(8, 1, 11, 11)
    inside, outside = features.split_filters(weight, space)
    assert torch.allclose(inside + outside, weight, atol=1e-5)
    flat_in, flat_out = inside.reshape(8, -1).double(), outside.reshape(8, -1).double()
    assert (flat_in * flat_out).sum(dim=1).abs().max() < 1e-4  # orthogonal parts
    again, rest = features.split_filters(inside, space)
    assert torch.allclose(again, inside, atol=1e-5) and rest.abs().max() < 1e-5
    everything, nothing = features.split_filters(weight, space, rank=121)
    assert torch.allclose(everything, weight, atol=1e-5)


def test_gradient_descent_leaves_the_outside_part_alone():
    """The chapter's claim, on a single convolution trained on enlarged images."""
    torch.manual_seed(0)
    images = d2l.load_fashion_mnist()["train_images"][:64]
    space = features.patch_space(images, 224)
    conv = torch.nn.Conv2d(1, 4, kernel_size=11, stride=4, padding=1)
    start = conv.weight.detach().clone()
    opt = torch.optim.SGD(conv.parameters(), lr=0.1, momentum=0.9)
    x = d2l.resize_on_device(images, (224, 224))
    for _ in range(5):
        opt.zero_grad()
        conv(x).pow(2).mean().backward()
        opt.step()
    _, out_now = features.split_filters(conv.weight, space)
    _, out_start = features.split_filters(start, space)
    moved = (conv.weight.detach() - start).norm()
    assert moved > 1e-3 and (out_now - out_start).norm() < 1e-3 * moved
