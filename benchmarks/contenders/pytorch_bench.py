"""Training and prediction throughput of PyTorch on the benchmark workloads.

The model, loss and optimizer mirror the library's: the same layers, Keras's clipped
cross-entropy on softmax outputs, and Adam with epsilon 1e-7. Weights use PyTorch's default
initialisation and the images are random 0..255 values; neither changes the work per step.
Each result is one JSON line on stdout, in the schema of the .NET TrainingBenchmark.

Run with Debian's interpreter so that Debian's python3-torch and python3-torchvision are used:
    /usr/bin/python3 benchmarks/contenders/pytorch_bench.py --workload w1 --threads 1
"""

import argparse
import json
import os
import time

import torch
import torch.nn.functional as F
import torchvision
from torch import nn

CLIP_EPSILON = 1e-7

WORKLOADS = {
    "w1": {"description": "SmallCnn 64x64, batch 32", "image_size": 64, "batch_size": 32, "classes": 10},
    "w2": {"description": "ResNet18 128x128, batch 16", "image_size": 128, "batch_size": 16, "classes": 10},
}


class SmallCnn(nn.Module):
    """The library's default CNN: four conv blocks, global average pooling, dropout, softmax head."""

    def __init__(self, classes, dropout=0.3):
        super().__init__()
        layers = []
        channels = 3
        for i, filters in enumerate([32, 64, 128, 256]):
            # Keras's batch-norm momentum 0.9 is PyTorch's 0.1.
            layers += [nn.Conv2d(channels, filters, 3, padding=1, bias=False),
                       nn.BatchNorm2d(filters, eps=1e-3, momentum=0.1),
                       nn.ReLU()]
            if i < 3:
                layers.append(nn.MaxPool2d(2))
            channels = filters
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout),
                                  nn.Linear(channels, classes), nn.Softmax(dim=1))

    def forward(self, x):
        return self.head(self.features(x * (1.0 / 255)))


class ResNet18(nn.Module):
    """The library's ResNet18 layout from torchvision's ResNet: [2, 2, 2, 3] basic blocks and a softmax head.

    Stem, projection shortcuts, convolutions without bias and batch-norm epsilon 1e-5 are the
    library's, with the same 15,902,282 parameters at 10 classes. torchvision differs in its
    batch-norm momentum (0.1, Keras's 0.9, against the library's 0.99), which changes only the
    moving statistics, and in running its ReLUs in place.
    """

    def __init__(self, classes):
        super().__init__()
        self.net = torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, [2, 2, 2, 3], num_classes=classes)

    def forward(self, x):
        return F.softmax(self.net(x), dim=1)


def create_model(workload, classes):
    if workload == "w1":
        return SmallCnn(classes)
    return ResNet18(classes)


def clipped_cross_entropy(probabilities, targets):
    normalized = probabilities / probabilities.sum(1, keepdim=True)
    return F.nll_loss(normalized.clamp(CLIP_EPSILON, 1 - CLIP_EPSILON).log(), targets)


class Loop:
    """A training and prediction loop over one NHWC tensor of images, in one memory format."""

    def __init__(self, model, images, labels, batch_size, channels_last):
        self.channels_last = channels_last
        self.model = model.to(memory_format=torch.channels_last) if channels_last else model
        self.images = images
        self.labels = labels
        self.batch_size = batch_size
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3, eps=1e-7)

    def to_model_layout(self, nhwc):
        nchw = nhwc.permute(0, 3, 1, 2)
        # An NHWC tensor viewed as NCHW already has channels_last strides.
        return nchw if self.channels_last else nchw.contiguous()

    def train_epoch(self, count=None):
        # A warm-up longer than the data uses all of it.
        count = min(count or self.images.shape[0], self.images.shape[0])
        self.model.train()
        order = torch.randperm(count)
        loss_sum = torch.zeros((), dtype=torch.float64)
        correct = torch.zeros((), dtype=torch.int64)
        for start in range(0, count, self.batch_size):
            index = order[start:start + self.batch_size]
            inputs = self.to_model_layout(self.images.index_select(0, index))
            targets = self.labels.index_select(0, index)
            self.optimizer.zero_grad()
            probabilities = self.model(inputs)
            loss = clipped_cross_entropy(probabilities, targets)
            loss.backward()
            self.optimizer.step()
            with torch.no_grad():
                loss_sum += loss.detach() * index.shape[0]
                correct += probabilities.argmax(1).eq(targets).sum()
        return loss_sum.item() / count

    def predict(self, count=None):
        count = min(count or self.images.shape[0], self.images.shape[0])
        self.model.eval()
        outputs = []
        with torch.no_grad():
            for start in range(0, count, self.batch_size):
                batch = self.to_model_layout(self.images[start:start + self.batch_size])
                outputs.append(self.model(batch).numpy().copy())
        return outputs


def load_average():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="w1")
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (torch.set_num_threads)")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per memory format")
    parser.add_argument("--steps", type=int, default=12, help="batches per round")
    parser.add_argument("--warmup", type=int, default=3, help="untimed warm-up batches")
    parser.add_argument("--formats", default="nchw,channels_last", help="comma-separated memory formats to measure")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", help="JSON-lines file to append results to")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    spec = WORKLOADS[args.workload]
    size, batch, classes = spec["image_size"], spec["batch_size"], spec["classes"]
    examples = args.steps * batch
    images = torch.randint(0, 256, (examples, size, size, 3)).float()
    labels = torch.randint(0, classes, (examples,))

    formats = args.formats.split(",")
    loops = {}
    initial = create_model(args.workload, classes)
    for memory_format in formats:
        model = create_model(args.workload, classes)
        model.load_state_dict(initial.state_dict())
        loops[memory_format] = Loop(model, images, labels, batch, memory_format == "channels_last")
        loops[memory_format].train_epoch(args.warmup * batch)
        loops[memory_format].predict(args.warmup * batch)

    common = {"workload": args.workload, "description": spec["description"], "threads": torch.get_num_threads(),
              "batch_size": batch, "steps": args.steps, "contender": "pytorch", "version": torch.__version__}
    # Runs with glibc's malloc tuned as the library tunes it are labelled, since they are not Debian's defaults.
    malloc_note = ", GLIBC_TUNABLES" if "glibc.malloc" in os.environ.get("GLIBC_TUNABLES", "") else ""
    out = open(args.out, "a") if args.out else None
    for phase in ["fit", "predict"]:
        for round_index in range(args.rounds):
            order = formats if round_index % 2 == 0 else list(reversed(formats))
            for memory_format in order:
                loop = loops[memory_format]
                wall, cpu = time.perf_counter(), time.process_time()
                loop.train_epoch() if phase == "fit" else loop.predict()
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                record = dict(common, kind="throughput", memory_format=memory_format + malloc_note, phase=phase, round=round_index,
                              images=examples, seconds=round(wall, 4), images_per_s=round(examples / wall, 2),
                              cpu_seconds=round(cpu, 4), images_per_cpu_s=round(examples / cpu, 2), load1=load_average())
                line = json.dumps(record)
                print(line, flush=True)
                if out:
                    out.write(line + "\n")
                    out.flush()


if __name__ == "__main__":
    main()
