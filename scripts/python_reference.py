#!/usr/bin/env python3
"""The app's training recipe in plain Python PyTorch, for a side-by-side speed comparison.

Run by hand, not by the test suite (Python is no dependency of the app):

    python3 scripts/python_reference.py --seeds 1,2,3 --target 0.95 [--threads 2] [--lr 0.01]
        [--lr-warmup 0] [--clip-grad-norm 0] [--batch 128]

Prints one JSON line per seed: the step at which the probe (the first 2,000 test images,
evaluated every 10 steps) first reached the target, and the seconds spent in training steps
until then (probes excluded), as `bench --time-to-accuracy` does for the app.

Same model and recipe as the app's defaults: LeNet++ lite (8/16/32 channels, PReLU, 2-D feature),
He-normal convolutions with zero bias, softmax head with bias, center loss L_C = 1/(2m) sum |x - c|^2
with lambda 0.1, centers from the origin moved by the paper's rule (alpha 0.5), SGD lr 0.01
momentum 0.9 weight decay 5e-4, batch 128, a fresh shuffle per epoch, the data as tensors in memory
normalised with MNIST's mean and standard deviation. Debian's python3-torch (1.13) works.
"""
import argparse
import gzip
import json
import os
import struct
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(count, 1, rows, cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


class LeNetPlusPlus(nn.Module):
    def __init__(self, channels=(8, 16, 32), classes=10):
        super().__init__()
        layers, cin = [], 1
        for block in range(3):
            for _ in range(2):
                conv = nn.Conv2d(cin, channels[block], 5, padding=2)
                nn.init.kaiming_normal_(conv.weight)
                nn.init.zeros_(conv.bias)
                layers += [conv, nn.PReLU()]
                cin = channels[block]
            layers.append(nn.MaxPool2d(2, 2))
        self.trunk = nn.Sequential(*layers)
        self.fc = nn.Linear(cin * 3 * 3, 2)
        self.prelu_fc = nn.PReLU()
        self.head = nn.Linear(2, classes)

    def features(self, x):
        return self.prelu_fc(self.fc(self.trunk(x).flatten(1)))


def run(seed, args, data):
    train_x, train_y, test_x, test_y = data
    torch.manual_seed(seed)
    net = LeNetPlusPlus()
    centers = torch.zeros(10, 2)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    generator = torch.Generator().manual_seed(seed)
    order, position, step, trained = None, len(train_y), 0, 0.0
    probe_x, probe_y = test_x[:2000], test_y[:2000]
    while step < args.max_steps:
        if position + args.batch > len(train_y):
            order, position = torch.randperm(len(train_y), generator=generator), 0
        index = order[position:position + args.batch]
        position += args.batch
        lr = args.lr * min(1.0, (step + 1) / args.lr_warmup) if args.lr_warmup > 0 else args.lr
        for group in opt.param_groups:
            group["lr"] = lr
        start = time.perf_counter()
        x, y = train_x[index], train_y[index]
        features = net.features(x)
        loss_s = F.cross_entropy(net.head(features), y)
        loss_c = (features - centers[y]).pow(2).sum() / (2 * len(y))
        loss = loss_s + args.lam * loss_c
        opt.zero_grad()
        loss.backward()
        if args.clip_grad_norm > 0:
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip_grad_norm)
        opt.step()
        with torch.no_grad():
            f = features.detach()
            sums = torch.zeros_like(centers).index_add_(0, y, centers[y] - f)
            counts = torch.bincount(y, minlength=10).float().unsqueeze(1)
            centers -= args.alpha * sums / (1 + counts)
        loss.item()
        trained += time.perf_counter() - start
        step += 1
        if step % 10 == 0:
            with torch.no_grad():
                predictions = torch.cat([net.head(net.features(probe_x[i:i + 250])).argmax(1)
                                         for i in range(0, len(probe_y), 250)])
            accuracy = (predictions == probe_y).float().mean().item()
            if accuracy >= args.target:
                return {"seed": seed, "steps": step, "seconds": round(trained, 3),
                        "ms_per_step": round(1000 * trained / step, 2), "accuracy": accuracy}
    return {"seed": seed, "steps": None, "seconds": round(trained, 3), "ms_per_step": round(1000 * trained / step, 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--target", type=float, default=0.95)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--lr-warmup", type=int, default=0)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--clip-grad-norm", type=float, default=0)
    parser.add_argument("--lam", type=float, default=0.1)
    parser.add_argument("--alpha", type=float, default=0.5)
    parser.add_argument("--max-steps", type=int, default=3000)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "datasets", "mnist"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    folder = args.data
    norm = lambda images: (images.float() / 255 - 0.1307) / 0.3081
    data = (norm(read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz"))),
            read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")),
            norm(read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz"))),
            read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")))
    for seed in [int(s) for s in args.seeds.split(",")]:
        result = run(seed, args, data)
        result.update({"torch": torch.__version__, "threads": torch.get_num_threads()})
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
