"""Train the chapter's models from the command line: one process, or many with torchrun.

On one process (a GPU if there is one, else the CPU)::

    python -m d2l_local.train --model lenet --epochs 2 --out run.json

Data-parallel on one machine, one process per GPU (or per share of the CPU)::

    torchrun --nnodes 1 --nproc-per-node 2 -m d2l_local.train --model alexnet --resize 224

Across machines: run the same command on each of them, with the number of machines
(``--nnodes``), this machine's place among them (``--node-rank``, 0 to nnodes - 1) and the
address of machine 0, which every machine must reach (``--rdzv-endpoint``)::

    torchrun --nnodes 2 --node-rank 0 --nproc-per-node 8 --rdzv-endpoint host0:29500 \\
        -m d2l_local.train --model alexnet --resize 224 --out run.json   # on host0
    torchrun --nnodes 2 --node-rank 1 --nproc-per-node 8 --rdzv-endpoint host0:29500 \\
        -m d2l_local.train --model alexnet --resize 224                  # on the other

torchrun sets ``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK`` and the rendezvous address in each
process's environment; the :class:`~d2l_local.training.Trainer` reads them, joins the
process group (``env://``; NCCL between GPUs, gloo on CPUs) and trains its rank's share of
every batch on the GPU ``LOCAL_RANK`` (or the CPU). Every process builds its own model
and reads the data itself, so each machine needs Fashion-MNIST (see
:mod:`d2l_local.files`). ``--batch-size`` is the batch of the whole run, shared out
among the processes. Rank 0 prints each epoch and writes the history to ``--out``.
"""

from __future__ import annotations

import argparse
import json

import torch
import torch.distributed as dist

from .checks import ACTIVATIONS, OPTIMIZERS, SCHEDULES
from .data import FashionMNIST
from .models import AlexNet, LeNet
from .training import Trainer

MODELS = {"alexnet": AlexNet, "lenet": LeNet}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m d2l_local.train",
        description="Train AlexNet or LeNet on Fashion-MNIST, on one process or, under "
                    "torchrun, data-parallel on several (see the module's docstring).")
    parser.add_argument("--model", choices=sorted(MODELS), default="alexnet")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128,
                        help="the batch of the whole run, shared out among the processes")
    parser.add_argument("--resize", type=int, default=None,
                        help="input size in pixels (AlexNet: at least 65; default 224 for "
                             "AlexNet, 28 for LeNet)")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="sgd")
    parser.add_argument("--schedule", choices=SCHEDULES, default="constant",
                        help="one-cycle: the rate rises to --lr, then anneals (every batch)")
    parser.add_argument("--activation", choices=ACTIVATIONS, default="relu")
    parser.add_argument("--num-train", type=int, default=None,
                        help="a class-balanced subset of the 60,000 training images")
    parser.add_argument("--num-val", type=int, default=None,
                        help="a class-balanced subset of the 10,000 test images")
    parser.add_argument("--seed", type=int, default=0,
                        help="the run's seed: first weights, batch order, dropout")
    parser.add_argument("--device", choices=("auto", "cpu"), default="auto",
                        help="auto: a CUDA GPU per process where there are some, else the CPU")
    parser.add_argument("--out", default=None, help="rank 0 writes the history here (JSON)")
    return parser.parse_args(argv)


def main(argv=None) -> list[dict]:
    """Train as the arguments say; returns the history (every rank has it)."""
    args = parse_args(argv)
    resize = args.resize or (224 if args.model == "alexnet" else 28)
    data = FashionMNIST(batch_size=args.batch_size, resize=resize, num_train=args.num_train,
                        num_val=args.num_val)
    model = MODELS[args.model](lr=args.lr, optimizer=args.optimizer, schedule=args.schedule,
                               activation=args.activation)
    gpu = args.device == "auto" and torch.cuda.is_available()
    trainer = Trainer(max_epochs=args.epochs, num_gpus=int(gpu), seed=args.seed,
                      board=False, progress=False)
    trainer.callbacks.append(_print_epoch)
    try:
        trainer.fit(model, data)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    if trainer.rank == 0 and args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump({"args": vars(args), "world_size": trainer.world,
                       "history": trainer.history}, fh, indent=1)
    return trainer.history


def _print_epoch(trainer, record):
    if trainer.rank == 0:
        print(f"epoch {record['epoch']}: train loss {record['train_loss']:.4f}, "
              f"val acc {record['val_acc']:.4f}, {record['images_per_s']:,.0f} images/s",
              flush=True)


if __name__ == "__main__":
    main()
