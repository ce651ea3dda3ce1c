import pytest
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


def test_bends_fall_where_the_original_pixel_centres_meet_the_windows():
    assert features.bends(8) == [0.5, 4.5, 8.5]  # stride 4, padding 1: two kinds of window
    assert features.bends(8, padding=0) == [3.5, 7.5]
    assert features.bends(4) == [2.5, 6.5]  # one kind of window
    assert features.bends(1) == [float(b) for b in range(1, 10)]  # no enlargement: all 121
    assert features.window_starts(224)[:3] == [-1, 3, 7]
    assert features.window_starts(224)[-1] + 11 <= 224 + 1
    inside = features.window_starts(224, inside_only=True)
    assert inside[0] == 3 and inside[-1] + 11 <= 224 and len(inside) == 53


def test_the_window_shapes_span_exactly_the_rows_an_enlargement_gives():
    for scale, padding in ((8, 1), (8, 0), (4, 1), (2, 1)):
        shapes = features.window_shapes(scale, padding=padding)
        assert len(shapes) == 2 + len(features.bends(scale, padding=padding))
        assert torch.allclose(shapes.sum(0), torch.ones(11, dtype=torch.float64))  # tents
        assert (shapes >= 0).all() and (shapes.amax(1) > 0.5).all()  # one peak each
        size = 28 * scale
        rows = torch.cat([features.window_pixels(scale, s).T
                          for s in features.window_starts(size, padding=padding,
                                                          inside_only=True)])
        both = torch.cat([shapes, rows])
        assert torch.linalg.matrix_rank(rows).item() == len(shapes)
        assert torch.linalg.matrix_rank(both).item() == len(shapes)


@pytest.mark.slow
def test_the_derived_patches_are_the_measured_span():
    noise = torch.randint(0, 256, (100, 28, 28), dtype=torch.uint8,
                          generator=torch.Generator().manual_seed(1))
    space = features.patch_space(noise, 224)
    products = features.basis_patches(features.window_shapes(8))
    assert space.rank == 25 == len(products)
    assert torch.linalg.matrix_rank(products.reshape(25, -1)).item() == 25
    assert space.outside_share(products) < 1e-6
    assert space.outside_share(torch.eye(121)[60:61]) > 0.5  # the centre pixel alone is not
    shapes = features.window_shapes(8)
    assert torch.allclose(products[7], torch.outer(shapes[1], shapes[2]))
    # windows wholly inside a 4x enlargement meet the grid one way: 4 shapes, 16 patches
    assert features.patch_space(noise, 112, interior=True).rank == 16
    assert features.patch_space(noise, 112).rank == 25  # the padded edges add the rest
    assert features.patch_space(noise, 224, mode="nearest").rank == 16
    assert features.patch_space(noise, 224, mode="bicubic").rank > 25


def test_enlarging_is_the_row_matrix_on_both_sides():
    images = d2l.load_fashion_mnist()["test_images"][:2]
    rows = features.enlarge_rows(224)
    assert rows.shape == (224, 28)
    by_rows = rows @ (images.double() / 255) @ rows.T
    assert torch.allclose(features.enlarge(images, 224)[:, 0], by_rows, atol=1e-5)
    reference = F.interpolate(images.unsqueeze(1).double() / 255, size=(224, 224),
                              mode="bilinear", align_corners=False)
    assert torch.allclose(features.enlarge(images, 224), reference, atol=1e-5)
    nearest = features.enlarge(images, 224, mode="nearest")
    assert torch.equal(nearest[0, 0, :8, :8], torch.full((8, 8), images[0, 0, 0] / 255.0,
                                                          dtype=torch.float64))
    counts = {int((features.window_pixels(8, s).abs().sum(0) > 0).sum())
              for s in features.window_starts(224, inside_only=True)}
    assert counts == {3, 4}


def test_a_filter_gradient_is_a_sum_of_patches_times_errors():
    torch.manual_seed(0)
    x = d2l.resize_on_device(d2l.load_fashion_mnist()["train_images"][:4], (64, 64))
    conv = torch.nn.Conv2d(1, 3, kernel_size=11, stride=4, padding=1)
    out = conv(x)
    out.retain_grad()
    out.pow(2).sum().backward()
    patches = F.unfold(x, kernel_size=11, stride=4, padding=1)
    by_formula = torch.einsum("bfl,bpl->fp", out.grad.flatten(2), patches)
    assert torch.allclose(by_formula.view_as(conv.weight), conv.weight.grad, rtol=1e-4,
                          atol=1e-5)


def test_the_pages_figures_say_what_they_show():
    """The text alternatives of the first-layer page's figures describe the picture, not
    its axis ticks, and leave no blank to fill, in every language."""
    from d2l_local import plotting
    image = d2l.load_fashion_mnist()["test_images"][0]
    weight = torch.randn(12, 1, 11, 11)
    figures = {"grid": d2l.figures.plot_window_on_grid(image),
               "parts": d2l.figures.plot_filter_parts(
                   {"trained": weight, "inside": weight, "outside": weight}),
               "filters": d2l.show_filters(weight)[0].figure}
    alts = {name: plotting.text_alternatives(fig) for name, fig in figures.items()}
    assert alts["grid"]["alt"].startswith("A close-up of a test image enlarged 8 times, 5 "
                                          "original pixels on a side")
    assert alts["parts"]["alt"].startswith("3 rows of the same 12 first-layer filters, each a "
                                           "square of 11 weights on a side")
    assert alts["filters"]["alt"].startswith("12 first-layer filters, each a square of 11")
    for texts in alts.values():
        assert len(set(texts.values())) == 3  # one per language
        for text in texts.values():
            assert "{" not in text and " ." not in text and "for ." not in text
            assert "matrix" not in text and "grid of" not in text
    assert figures["grid"].axes[0].get_title() == "11x11 windows on an image enlarged 8 times"


def test_a_65_pixel_window_depends_on_6_or_7_original_pixels_per_axis():
    starts = features.window_starts(65, inside_only=True)
    counts = {int((features.window_pixels(size=65, start=s).abs().sum(0) > 0).sum())
              for s in starts}
    assert counts == {6, 7}
    assert torch.equal(features.window_pixels(8, 12), features.window_pixels(size=224, start=12))
