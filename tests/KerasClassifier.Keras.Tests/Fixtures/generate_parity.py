#!/usr/bin/python3
"""Writes the parity fixtures: reference outputs computed with Keras's conventions.

Python Keras cannot be installed on the project's machines. This script therefore restates
Keras 3's definitions with PyTorch tensor operations (Debian's python3-torch), written
independently of the C# code. Convolutions gather patches in channels_last order instead of
calling a convolution kernel, and "same" padding follows TensorFlow (the extra cell goes after).
Conv2DTranspose is the gradient of a convolution, which is TensorFlow's definition. Pooling
windows are walked cell by cell, and the optimizers apply Keras's update formulas step by step.

Run from anywhere: /usr/bin/python3 generate_parity.py
It rewrites layers.json, optimizers.json and losses.json beside this file.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float32)
HERE = os.path.dirname(os.path.abspath(__file__))
EPSILON = 1e-7  # keras.config.epsilon()


def random(shape, seed, low=-1.0, high=1.0):
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=generator) * (high - low) + low


def flat(t):
    # Nine significant digits restore a float32 exactly and keep the files small.
    return [float(f"{v:.9g}") for v in t.detach().reshape(-1).tolist()]


# ----------------------------------------------------------------------------------------
# Reference operations, channels_last (NHWC / NLC), Keras layouts for kernels.
# ----------------------------------------------------------------------------------------

def same_padding(length, kernel, stride, dilation=1):
    effective = (kernel - 1) * dilation + 1
    output = -(-length // stride)
    total = max((output - 1) * stride + effective - length, 0)
    return total // 2, total - total // 2


def pad_nhwc(x, top, bottom, left, right, value=0.0):
    n, h, w, c = x.shape
    out = torch.full((n, h + top + bottom, w + left + right, c), value)
    out[:, top:top + h, left:left + w, :] = x
    return out


def patches_2d(x, kernel, strides, dilation):
    """Returns (N, OH, OW, KH, KW, C) windows of an already padded NHWC tensor."""
    n, h, w, c = x.shape
    kh, kw = kernel
    sh, sw = strides
    dh, dw = dilation
    oh = (h - ((kh - 1) * dh + 1)) // sh + 1
    ow = (w - ((kw - 1) * dw + 1)) // sw + 1
    rows = (torch.arange(oh) * sh).view(oh, 1) + (torch.arange(kh) * dh).view(1, kh)
    cols = (torch.arange(ow) * sw).view(ow, 1) + (torch.arange(kw) * dw).view(1, kw)
    gathered = x[:, rows[:, None, :, None], cols[None, :, None, :], :]
    return gathered  # (N, OH, OW, KH, KW, C)


def pad_for(x, padding, kernel, strides, dilation, value=0.0):
    if padding == "valid":
        return x
    top, bottom = same_padding(x.shape[1], kernel[0], strides[0], dilation[0])
    left, right = same_padding(x.shape[2], kernel[1], strides[1], dilation[1])
    return pad_nhwc(x, top, bottom, left, right, value)


def conv2d(x, kernel_hwio, bias, strides, padding, dilation=(1, 1)):
    kh, kw = kernel_hwio.shape[0], kernel_hwio.shape[1]
    windows = patches_2d(pad_for(x, padding, (kh, kw), strides, dilation), (kh, kw), strides, dilation)
    y = torch.einsum("nhwijc,ijco->nhwo", windows, kernel_hwio)
    return y if bias is None else y + bias


def depthwise_conv2d(x, kernel_hwcm, bias, strides, padding, dilation=(1, 1)):
    kh, kw, c, m = kernel_hwcm.shape
    windows = patches_2d(pad_for(x, padding, (kh, kw), strides, dilation), (kh, kw), strides, dilation)
    y = torch.einsum("nhwijc,ijcm->nhwcm", windows, kernel_hwcm)
    y = y.reshape(y.shape[0], y.shape[1], y.shape[2], c * m)
    return y if bias is None else y + bias


def conv2d_transpose(x, kernel_hwoi, bias, strides, padding):
    """TensorFlow's conv2d_transpose: the gradient of conv2d with respect to its input."""
    kh, kw, filters, _ = kernel_hwoi.shape
    n, h, w, _ = x.shape

    def length(size, k, s):
        return size * s if padding == "same" else size * s + max(k - s, 0)

    z = torch.zeros(n, length(h, kh, strides[0]), length(w, kw, strides[1]), filters, requires_grad=True)
    forward = conv2d(z, kernel_hwoi, None, strides, padding)
    assert forward.shape[1:3] == x.shape[1:3], (forward.shape, x.shape)
    forward.backward(x)
    y = z.grad.detach()
    return y if bias is None else y + bias


def conv1d(x, kernel_kio, bias, stride, padding, dilation=1):
    k = kernel_kio.shape[0]
    if padding == "same":
        before, after = same_padding(x.shape[1], k, stride, dilation)
    elif padding == "causal":
        before, after = (k - 1) * dilation, 0
    else:
        before, after = 0, 0
    image = x.unsqueeze(1)  # (N, 1, L, C)
    padded = pad_nhwc(image, 0, 0, before, after)
    windows = patches_2d(padded, (1, k), (1, stride), (1, dilation))
    y = torch.einsum("nhwijc,jco->nhwo", windows, kernel_kio).squeeze(1)
    return y if bias is None else y + bias


def pool2d(x, pool, strides, padding, kind):
    """Walks each window; padded cells never take part (max) and are not counted (average)."""
    n, h, w, c = x.shape
    if padding == "same":
        top, _ = same_padding(h, pool[0], strides[0])
        left, _ = same_padding(w, pool[1], strides[1])
        oh, ow = -(-h // strides[0]), -(-w // strides[1])
    else:
        top = left = 0
        oh, ow = (h - pool[0]) // strides[0] + 1, (w - pool[1]) // strides[1] + 1
    out = torch.zeros(n, oh, ow, c)
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * strides[0] - top, j * strides[1] - left
            rows = [r for r in range(r0, r0 + pool[0]) if 0 <= r < h]
            cols = [q for q in range(c0, c0 + pool[1]) if 0 <= q < w]
            window = x[:, rows][:, :, cols]
            out[:, i, j] = window.amax(dim=(1, 2)) if kind == "max" else window.mean(dim=(1, 2))
    return out


def max_pool1d(x, pool, stride, padding):
    return pool2d(x.unsqueeze(1), (1, pool), (1, stride), padding, "max").squeeze(1)


def resize_bilinear(x, out_h, out_w):
    """TensorFlow's half-pixel-centre bilinear resize without antialiasing."""
    n, h, w, c = x.shape
    out = torch.zeros(n, out_h, out_w, c)

    def source(o, in_size, out_size):
        position = (o + 0.5) * in_size / out_size - 0.5
        low = math.floor(position)
        frac = position - low
        return max(low, 0), min(low + 1, in_size - 1), frac

    for i in range(out_h):
        r0, r1, fr = source(i, h, out_h)
        for j in range(out_w):
            q0, q1, fq = source(j, w, out_w)
            top = x[:, r0, q0] * (1 - fq) + x[:, r0, q1] * fq
            bottom = x[:, r1, q0] * (1 - fq) + x[:, r1, q1] * fq
            out[:, i, j] = top * (1 - fr) + bottom * fr
    return out


def layer_norm(x, axes, gamma, beta, epsilon=1e-3):
    mean = x.mean(dim=axes, keepdim=True)
    variance = ((x - mean) ** 2).mean(dim=axes, keepdim=True)
    shape = [x.shape[a] if a in axes else 1 for a in range(x.dim())]
    return (x - mean) / torch.sqrt(variance + epsilon) * gamma.reshape(shape) + beta.reshape(shape)


# ----------------------------------------------------------------------------------------
# Layer cases.
# ----------------------------------------------------------------------------------------

SHARED_INPUTS = {}


def input_reference(t):
    """Stores each distinct input once in the file's "inputs" table and returns its key."""
    for key, stored in SHARED_INPUTS.items():
        if stored.shape == t.shape and torch.equal(stored, t):
            return key
    key = f"input{len(SHARED_INPUTS)}"
    SHARED_INPUTS[key] = t.detach().clone()
    return key


def layer_case(name, class_name, config, inputs, weights, output, extra=None):
    case = {
        "name": name,
        "class_name": class_name,
        "config": config,
        "inputs": [input_reference(t) for t in inputs],
        "weights": [{"name": k, "shape": list(v.shape), "values": flat(v)} for k, v in weights],
        "output": {"shape": list(output.shape), "values": flat(output)},
    }
    if extra:
        case.update(extra)
    return case


def conv_config(filters, kernel, strides, padding, dilation=(1, 1), use_bias=True):
    return {"filters": filters, "kernel_size": list(kernel), "strides": list(strides), "padding": padding,
            "data_format": "channels_last", "dilation_rate": list(dilation), "groups": 1,
            "activation": "linear", "use_bias": use_bias}


def layer_cases():
    cases = []
    image = random((2, 5, 6, 3), 1)
    odd = random((1, 5, 5, 2), 2)

    for padding, strides, dilation, seed in [("same", (2, 2), (1, 1), 10), ("valid", (1, 2), (1, 1), 11),
                                              ("same", (1, 1), (2, 2), 12), ("same", (2, 1), (1, 1), 13)]:
        kernel = random((3, 3, 3, 4), seed)
        bias = random((4,), seed + 100)
        out = conv2d(image, kernel, bias, strides, padding, dilation)
        cases.append(layer_case(f"conv2d_{padding}_s{strides[0]}{strides[1]}_d{dilation[0]}", "Conv2D",
                                conv_config(4, (3, 3), strides, padding, dilation), [image],
                                [("kernel", kernel), ("bias", bias)], out))

    even_kernel = random((2, 4, 3, 2), 14)
    out = conv2d(image, even_kernel, None, (2, 2), "same")
    cases.append(layer_case("conv2d_even_kernel_same_s22", "Conv2D", conv_config(2, (2, 4), (2, 2), "same", use_bias=False),
                            [image], [("kernel", even_kernel)], out))

    for padding, strides, multiplier, seed in [("same", (2, 2), 2, 20), ("valid", (1, 1), 1, 21)]:
        kernel = random((3, 3, 3, multiplier), seed)
        bias = random((3 * multiplier,), seed + 100)
        out = depthwise_conv2d(image, kernel, bias, strides, padding)
        config = {"kernel_size": [3, 3], "strides": list(strides), "padding": padding, "data_format": "channels_last",
                  "dilation_rate": [1, 1], "activation": "linear", "use_bias": True, "depth_multiplier": multiplier}
        cases.append(layer_case(f"depthwise_{padding}_s{strides[0]}_m{multiplier}", "DepthwiseConv2D", config, [image],
                                [("depthwise_kernel", kernel), ("bias", bias)], out))

    depthwise = random((3, 3, 3, 2), 30)
    pointwise = random((1, 1, 6, 5), 31)
    bias = random((5,), 32)
    out = conv2d(depthwise_conv2d(image, depthwise, None, (2, 2), "same"), pointwise, bias, (1, 1), "valid")
    config = {"filters": 5, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same", "data_format": "channels_last",
              "depth_multiplier": 2, "dilation_rate": [1, 1], "activation": "linear", "use_bias": True}
    cases.append(layer_case("separable_same_s2_m2", "SeparableConv2D", config, [image],
                            [("depthwise_kernel", depthwise), ("pointwise_kernel", pointwise), ("bias", bias)], out))

    small = random((2, 3, 4, 3), 40)
    for padding, kernel_size, strides, seed in [("same", (3, 3), (2, 2), 41), ("valid", (3, 3), (2, 2), 42),
                                                 ("valid", (2, 2), (3, 3), 43), ("same", (4, 3), (2, 1), 44)]:
        kernel = random((kernel_size[0], kernel_size[1], 2, 3), seed)
        bias = random((2,), seed + 100)
        out = conv2d_transpose(small, kernel, bias, strides, padding)
        config = conv_config(2, kernel_size, strides, padding)
        config.pop("groups")
        config["output_padding"] = None
        cases.append(layer_case(f"conv2d_transpose_{padding}_k{kernel_size[0]}{kernel_size[1]}_s{strides[0]}{strides[1]}",
                                "Conv2DTranspose", config, [small], [("kernel", kernel), ("bias", bias)], out))

    sequence = random((2, 9, 3), 50)
    for padding, stride, dilation, seed in [("same", 2, 1, 51), ("causal", 1, 2, 52), ("valid", 1, 1, 53)]:
        kernel = random((3, 3, 4), seed)
        bias = random((4,), seed + 100)
        out = conv1d(sequence, kernel, bias, stride, padding, dilation)
        config = {"filters": 4, "kernel_size": [3], "strides": [stride], "padding": padding, "data_format": "channels_last",
                  "dilation_rate": [dilation], "groups": 1, "activation": "linear", "use_bias": True}
        cases.append(layer_case(f"conv1d_{padding}_s{stride}_d{dilation}", "Conv1D", config, [sequence],
                                [("kernel", kernel), ("bias", bias)], out))

    for kind, class_name in [("max", "MaxPooling2D"), ("average", "AveragePooling2D")]:
        for padding, pool, strides in [("same", (2, 2), (2, 2)), ("same", (3, 3), (2, 2)), ("valid", (2, 3), (1, 2))]:
            out = pool2d(odd, pool, strides, padding, kind)
            config = {"pool_size": list(pool), "padding": padding, "strides": list(strides), "data_format": "channels_last"}
            cases.append(layer_case(f"{kind}_pool_{padding}_p{pool[0]}{pool[1]}_s{strides[0]}{strides[1]}", class_name,
                                    config, [odd], [], out))

    cases.append(layer_case("global_max_pooling2d", "GlobalMaxPooling2D", {"data_format": "channels_last", "keepdims": False},
                            [image], [], image.amax(dim=(1, 2))))
    cases.append(layer_case("global_average_pooling1d", "GlobalAveragePooling1D", {"data_format": "channels_last", "keepdims": False},
                            [sequence], [], sequence.mean(dim=1)))
    cases.append(layer_case("max_pooling1d_same", "MaxPooling1D",
                            {"pool_size": [2], "padding": "same", "strides": [2], "data_format": "channels_last"},
                            [sequence], [], max_pool1d(sequence, 2, 2, "same")))

    cases.append(layer_case("zero_padding2d", "ZeroPadding2D", {"padding": [[1, 2], [0, 3]], "data_format": "channels_last"},
                            [odd], [], pad_nhwc(odd, 1, 2, 0, 3)))
    cases.append(layer_case("cropping2d", "Cropping2D", {"cropping": [[1, 0], [2, 1]], "data_format": "channels_last"},
                            [odd], [], odd[:, 1:, 2:4, :]))
    cases.append(layer_case("upsampling2d_nearest", "UpSampling2D",
                            {"size": [2, 3], "data_format": "channels_last", "interpolation": "nearest"},
                            [odd], [], odd.repeat_interleave(2, dim=1).repeat_interleave(3, dim=2)))
    cases.append(layer_case("upsampling2d_bilinear", "UpSampling2D",
                            {"size": [2, 3], "data_format": "channels_last", "interpolation": "bilinear"},
                            [odd], [], resize_bilinear(odd, 10, 15)))

    cases.append(layer_case("reshape", "Reshape", {"target_shape": [6, -1]}, [image], [], image.reshape(2, 6, 15)))
    cases.append(layer_case("reshape_to_image", "Reshape", {"target_shape": [3, 2, 2]}, [random((2, 12), 60)], [],
                            random((2, 12), 60).reshape(2, 3, 2, 2)))
    cases.append(layer_case("permute", "Permute", {"dims": [3, 1, 2]}, [image], [], image.permute(0, 3, 1, 2)))

    other = random((2, 5, 6, 2), 61)
    cases.append(layer_case("concatenate_channels", "Concatenate", {"axis": -1}, [image, other], [],
                            torch.cat([image, other], dim=3)))
    tall = random((2, 3, 6, 3), 62)
    cases.append(layer_case("concatenate_height", "Concatenate", {"axis": 1}, [image, tall], [],
                            torch.cat([image, tall], dim=1)))
    second = random((2, 5, 6, 3), 63)
    third = random((2, 5, 6, 3), 64)
    cases.append(layer_case("add", "Add", {}, [image, second, third], [], image + second + third))
    cases.append(layer_case("subtract", "Subtract", {}, [image, second], [], image - second))
    cases.append(layer_case("multiply", "Multiply", {}, [image, second], [], image * second))
    cases.append(layer_case("average", "Average", {}, [image, second, third], [], (image + second + third) / 3))
    cases.append(layer_case("maximum", "Maximum", {}, [image, second], [], torch.maximum(image, second)))

    cases.append(layer_case("softmax_channels", "Softmax", {"axis": -1}, [image], [], torch.softmax(image, dim=3)))
    cases.append(layer_case("softmax_height", "Softmax", {"axis": 1}, [image], [], torch.softmax(image, dim=1)))
    cases.append(layer_case("leaky_relu", "LeakyReLU", {"negative_slope": 0.3}, [image], [],
                            torch.where(image >= 0, image, 0.3 * image)))
    cases.append(layer_case("elu", "ELU", {"alpha": 1.5}, [image], [],
                            torch.where(image > 0, image, 1.5 * (torch.exp(image) - 1))))

    gamma = random((3,), 70, 0.5, 1.5)
    beta = random((3,), 71)
    cases.append(layer_case("layer_norm_last_axis", "LayerNormalization", {"axis": -1, "epsilon": 0.001, "center": True, "scale": True},
                            [image], [("gamma", gamma), ("beta", beta)], layer_norm(image, [3], gamma, beta)))
    gamma_all = random((5, 6, 3), 72, 0.5, 1.5)
    beta_all = random((5, 6, 3), 73)
    cases.append(layer_case("layer_norm_all_axes", "LayerNormalization", {"axis": [1, 2, 3], "epsilon": 0.001, "center": True, "scale": True},
                            [image], [("gamma", gamma_all), ("beta", beta_all)], layer_norm(image, [1, 2, 3], gamma_all, beta_all)))

    # BatchNormalization: Keras's epsilon 1e-3 and momentum 0.99; batch statistics use the biased variance.
    moving_mean = random((3,), 80)
    moving_variance = random((3,), 81, 0.5, 2.0)
    bn_weights = [("gamma", gamma), ("beta", beta), ("moving_mean", moving_mean), ("moving_variance", moving_variance)]
    bn_config = {"axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}
    inference = (image - moving_mean) / torch.sqrt(moving_variance + 1e-3) * gamma + beta
    cases.append(layer_case("batch_norm_inference", "BatchNormalization", bn_config, [image], bn_weights, inference))
    mean = image.mean(dim=(0, 1, 2))
    variance = ((image - mean) ** 2).mean(dim=(0, 1, 2))
    training = (image - mean) / torch.sqrt(variance + 1e-3) * gamma + beta
    cases.append(layer_case("batch_norm_training", "BatchNormalization", bn_config, [image], bn_weights, training, {
        "training": True,
        "updated_weights": [
            {"name": "moving_mean", "values": flat(0.99 * moving_mean + 0.01 * mean)},
            {"name": "moving_variance", "values": flat(0.99 * moving_variance + 0.01 * variance)},
        ],
    }))

    features = random((3, 5), 90)
    kernel = random((5, 4), 91)
    bias = random((4,), 92)
    cases.append(layer_case("dense", "Dense", {"units": 4, "activation": "linear", "use_bias": True}, [features],
                            [("kernel", kernel), ("bias", bias)], features @ kernel + bias))
    table = random((6, 3), 93)
    ids = torch.tensor([[0.0, 5.0, 2.0], [3.0, 3.0, 1.0]])
    cases.append(layer_case("embedding", "Embedding", {"input_dim": 6, "output_dim": 3, "mask_zero": False}, [ids],
                            [("embeddings", table)], table[ids.long()]))
    return cases


# ----------------------------------------------------------------------------------------
# Optimizer cases: Keras 3 update rules, written out, three steps each.
# ----------------------------------------------------------------------------------------

def clip(grads, config):
    if config.get("clipnorm"):
        c = config["clipnorm"]
        return [g * c / torch.maximum(torch.sqrt((g * g).sum()), torch.tensor(c)) for g in grads]
    if config.get("global_clipnorm"):
        c = config["global_clipnorm"]
        norm = torch.sqrt(sum((g * g).sum() for g in grads))
        scale = c * torch.minimum(1.0 / norm, torch.tensor(1.0 / c))
        return [g * scale for g in grads]
    if config.get("clipvalue"):
        c = config["clipvalue"]
        return [g.clamp(-c, c) for g in grads]
    return grads


def optimizer_step(kind, config, variables, grads, state, step):
    lr = config["learning_rate"]
    grads = clip(grads, config)
    if config.get("weight_decay"):
        variables = [v - v * config["weight_decay"] * lr for v in variables]
    updated = []
    for i, (v, g) in enumerate(zip(variables, grads)):
        s = state.setdefault(i, {})
        if kind == "SGD":
            mu = config["momentum"]
            if mu == 0:
                v = v - lr * g
            else:
                m = s.get("m", torch.zeros_like(v))
                m = mu * m - lr * g
                s["m"] = m
                v = v + (mu * m - lr * g if config["nesterov"] else m)
        elif kind in ("Adam", "AdamW"):
            b1, b2, eps = config["beta_1"], config["beta_2"], config["epsilon"]
            m = s.get("m", torch.zeros_like(v))
            u = s.get("v", torch.zeros_like(v))
            alpha = lr * math.sqrt(1 - b2 ** step) / (1 - b1 ** step)
            m = m + (g - m) * (1 - b1)
            u = u + (g * g - u) * (1 - b2)
            s["m"], s["v"] = m, u
            if config["amsgrad"]:
                vhat = torch.maximum(s.get("vhat", torch.zeros_like(v)), u)
                s["vhat"] = vhat
                u = vhat
            v = v - m * alpha / (torch.sqrt(u) + eps)
        elif kind == "RMSprop":
            rho, mu, eps = config["rho"], config["momentum"], config["epsilon"]
            vel = rho * s.get("vel", torch.zeros_like(v)) + (1 - rho) * g * g
            s["vel"] = vel
            if config["centered"]:
                avg = rho * s.get("avg", torch.zeros_like(v)) + (1 - rho) * g
                s["avg"] = avg
                denominator = vel - avg * avg + eps
            else:
                denominator = vel + eps
            increment = lr * g / torch.sqrt(denominator)
            if mu > 0:
                mom = mu * s.get("mom", torch.zeros_like(v)) + increment
                s["mom"] = mom
                v = v - mom
            else:
                v = v - increment
        elif kind == "Adagrad":
            acc = s.get("acc", torch.full_like(v, config["initial_accumulator_value"])) + g * g
            s["acc"] = acc
            v = v - lr * g / torch.sqrt(acc + config["epsilon"])
        elif kind == "Nadam":
            b1, b2, eps = config["beta_1"], config["beta_2"], config["epsilon"]
            u_t = b1 * (1 - 0.5 * 0.96 ** step)
            u_next = b1 * (1 - 0.5 * 0.96 ** (step + 1))
            product = 1.0
            for t in range(1, step + 1):
                product *= b1 * (1 - 0.5 * 0.96 ** t)
            product_next = product * u_next
            m = s.get("m", torch.zeros_like(v))
            u = s.get("v", torch.zeros_like(v))
            m = m + (g - m) * (1 - b1)
            u = u + (g * g - u) * (1 - b2)
            s["m"], s["v"] = m, u
            m_hat = u_next * m / (1 - product_next) + (1 - u_t) * g / (1 - product)
            v_hat = u / (1 - b2 ** step)
            v = v - m_hat * lr / (torch.sqrt(v_hat) + eps)
        else:
            raise ValueError(kind)
        updated.append(v)
    return updated


def optimizer_cases():
    base = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None}
    adam = {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": False}
    specs = [
        ("sgd_plain", "SGD", {"learning_rate": 0.1, "momentum": 0.0, "nesterov": False}),
        ("sgd_momentum", "SGD", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": False}),
        ("sgd_nesterov", "SGD", {"learning_rate": 0.05, "momentum": 0.8, "nesterov": True}),
        ("adam", "Adam", {"learning_rate": 0.01, **adam}),
        ("adam_amsgrad", "Adam", {"learning_rate": 0.01, **adam, "amsgrad": True}),
        ("adamw", "AdamW", {"learning_rate": 0.01, **adam, "weight_decay": 0.004}),
        ("rmsprop", "RMSprop", {"learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7, "centered": False}),
        ("rmsprop_momentum_centered", "RMSprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5, "epsilon": 1e-7, "centered": True}),
        ("adagrad", "Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
        ("nadam", "Nadam", {"learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}),
        ("sgd_clipnorm", "SGD", {"learning_rate": 0.1, "momentum": 0.0, "nesterov": False, "clipnorm": 0.5}),
        ("adam_global_clipnorm", "Adam", {"learning_rate": 0.01, **adam, "global_clipnorm": 0.7}),
        ("rmsprop_clipvalue", "RMSprop", {"learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7, "centered": False, "clipvalue": 0.3}),
        ("sgd_weight_decay", "SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": False, "weight_decay": 0.01}),
    ]
    cases = []
    shapes = [(2, 3), (3,)]
    for index, (name, kind, config) in enumerate(specs):
        config = {**base, **config}
        initial = [random(shape, 200 + 10 * index + k) for k, shape in enumerate(shapes)]
        gradients = [[random(shape, 300 + 10 * index + 3 * step + k) for k, shape in enumerate(shapes)] for step in range(3)]
        state = {}
        values = initial
        expected = []
        for step, grads in enumerate(gradients, start=1):
            values = optimizer_step(kind, config, values, grads, state, step)
            expected.append([flat(v) for v in values])
        cases.append({
            "name": name,
            "class_name": kind,
            "config": config,
            "variables": [{"shape": list(s), "initial": flat(v)} for s, v in zip(shapes, initial)],
            "gradients": [[flat(g) for g in step] for step in gradients],
            "expected": expected,
        })
    return cases


# ----------------------------------------------------------------------------------------
# Loss cases: Keras 3 loss functions with sum_over_batch_size reduction.
# ----------------------------------------------------------------------------------------

def reduce(values, weights):
    if weights is not None:
        values = values * weights.reshape([-1] + [1] * (values.dim() - 1))
    return values.sum() / values.numel()


def loss_cases():
    cases = []
    logits = random((4, 3), 400, -2, 2)
    probabilities = torch.softmax(random((4, 3), 401, -2, 2), dim=1)
    one_hot = F.one_hot(torch.tensor([2, 0, 1, 1]), 3).float()
    labels = torch.tensor([2.0, 0.0, 1.0, 1.0])
    weights = torch.tensor([1.0, 0.5, 2.0, 0.0])

    def categorical(y, p, from_logits, smoothing):
        if smoothing:
            y = y * (1 - smoothing) + smoothing / p.shape[-1]
        log_p = torch.log_softmax(p, dim=-1) if from_logits else torch.log((p / p.sum(-1, keepdim=True)).clamp(EPSILON, 1 - EPSILON))
        return -(y * log_p).sum(-1)

    def add(name, class_name, config, y_true, y_pred, values, sample_weight=None):
        cases.append({
            "name": name, "class_name": class_name, "config": config,
            "y_true": {"shape": list(y_true.shape), "values": flat(y_true)},
            "y_pred": {"shape": list(y_pred.shape), "values": flat(y_pred)},
            "sample_weight": None if sample_weight is None else flat(sample_weight),
            "expected": float(reduce(values, sample_weight)),
        })

    for from_logits, smoothing in [(False, 0.0), (True, 0.0), (True, 0.1), (False, 0.2)]:
        p = logits if from_logits else probabilities
        config = {"from_logits": from_logits, "label_smoothing": smoothing}
        add(f"cce_logits{int(from_logits)}_ls{smoothing}", "CategoricalCrossentropy", config, one_hot, p,
            categorical(one_hot, p, from_logits, smoothing))
        add(f"scce_logits{int(from_logits)}_ls{smoothing}", "SparseCategoricalCrossentropy", config, labels, p,
            categorical(one_hot, p, from_logits, smoothing), weights)

    binary = torch.tensor([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    binary_logits = random((4, 2), 402, -3, 3)
    for from_logits, smoothing in [(False, 0.0), (True, 0.0), (False, 0.1)]:
        y = binary * (1 - smoothing) + 0.5 * smoothing
        if from_logits:
            values = F.binary_cross_entropy_with_logits(binary_logits, y, reduction="none").mean(-1)
            p = binary_logits
        else:
            p = torch.sigmoid(binary_logits).clamp(EPSILON, 1 - EPSILON)
            values = (-(y * torch.log(p)) - (1 - y) * torch.log(1 - p)).mean(-1)
            p = torch.sigmoid(binary_logits)
        add(f"bce_logits{int(from_logits)}_ls{smoothing}", "BinaryCrossentropy",
            {"from_logits": from_logits, "label_smoothing": smoothing}, binary, p, values, weights)

    targets = random((4, 3), 403)
    predictions = random((4, 3), 404, -2, 2)
    error = predictions - targets
    add("mse", "MeanSquaredError", {}, targets, predictions, (error ** 2).mean(-1), weights)
    add("mae", "MeanAbsoluteError", {}, targets, predictions, error.abs().mean(-1))
    delta = 0.8
    huber = torch.where(error.abs() <= delta, 0.5 * error ** 2, delta * error.abs() - 0.5 * delta ** 2).mean(-1)
    add("huber", "Huber", {"delta": delta}, targets, predictions, huber, weights)
    p = probabilities
    q = torch.softmax(random((4, 3), 405), dim=1)
    add("kl_divergence", "KLDivergence", {}, p, q, (p.clamp(EPSILON, 1) * torch.log(p.clamp(EPSILON, 1) / q.clamp(EPSILON, 1))).sum(-1))
    return cases


def write(name, cases, inputs=None):
    """Writes one case per line, atomically (temporary file, then rename)."""
    path = os.path.join(HERE, name)
    lines = ['{"generator": "generate_parity.py", "torch": "%s",' % torch.__version__]
    if inputs is not None:
        table = {key: {"shape": list(t.shape), "values": flat(t)} for key, t in inputs.items()}
        lines.append('"inputs": {')
        lines.append(",\n".join(json.dumps(key) + ": " + json.dumps(value, separators=(",", ":")) for key, value in table.items()))
        lines.append("},")
    lines.append('"cases": [')
    lines.append(",\n".join(json.dumps(case, separators=(",", ":")) for case in cases))
    lines.append("]}")
    with open(path + ".tmp", "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    print(f"wrote {path}: {len(cases)} cases")


if __name__ == "__main__":
    layers = layer_cases()
    write("layers.json", layers, SHARED_INPUTS)
    write("optimizers.json", optimizer_cases())
    write("losses.json", loss_cases())
