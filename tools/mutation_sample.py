"""Score a fixed random sample of the mutants mutmut makes of the library (``make mutation
SAMPLE=80``): a full run takes hours on two cores, a sample of 80 about an hour, and the
same seed picks the same kind of sample in any version, so scores can be compared.

    python tools/mutation_sample.py N [SEED]

Prints the outcome counts of the sample and its score (killed / sampled) and writes the
sampled names to mutants/sample.txt. The mutants and the tests are [tool.mutmut]'s.
"""

import collections
import glob
import json
import random
import subprocess
import sys
from pathlib import Path

MUTMUT = str(Path(sys.executable).parent / "mutmut")
OUTCOMES = {1: "killed", 0: "survived", 33: "no tests", -24: "timeout", None: "not run"}


def exit_codes() -> dict:
    codes = {}
    for meta in glob.glob("mutants/d2l_local/**/*.py.meta", recursive=True):
        codes.update(json.load(open(meta))["exit_code_by_key"])
    return codes


def main(n: int, seed: int = 0):
    if not exit_codes():  # make the mutants and map the tests, running none of them
        subprocess.run([MUTMUT, "run", "--max-children", "1", "no_such_mutant_*"])
    names = sorted(exit_codes())
    sample = sorted(random.Random(seed).sample(names, min(n, len(names))))
    Path("mutants/sample.txt").write_text("\n".join(sample) + "\n")
    print(f"{len(names)} mutants; scoring a sample of {len(sample)} (seed {seed})", flush=True)
    subprocess.run([MUTMUT, "run", "--max-children", "1", *sample])
    codes = exit_codes()
    counts = collections.Counter(OUTCOMES.get(codes.get(k), codes.get(k)) for k in sample)
    print(dict(counts))
    print(f"score: {counts['killed']}/{len(sample)} = {counts['killed'] / len(sample):.1%}")
    for k in sample:
        if codes.get(k) == 0:
            print("survived:", k)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
