"""``python -m policykg.gold.check STEM...``: compile annotation files and print their counts.

For annotators: it names the line of every fault. ``--pass2`` checks ``annotation/pass2/``.
"""

from __future__ import annotations

import sys
from collections import Counter

from policykg.errors import PolicyKGError
from policykg.gold.corpus import compile_doc, load_sample
from policykg.paths import data_dir


def main(argv: list[str]) -> int:
    root = data_dir("tests") / "data"
    folder = root / "annotation" / ("pass2" if "--pass2" in argv else "")
    stems = [a for a in argv if not a.startswith("--")]
    docs = {d.stem: d for d in load_sample(root)}
    status = 0
    for stem in stems:
        if stem not in docs:
            print(f"{stem}: not a drawn document")
            status = 1
            continue
        try:
            compiled = compile_doc(root, docs[stem], folder / f"{stem}.ann")
        except (PolicyKGError, OSError) as exc:
            print(f"FAULT {exc}")
            status = 1
            continue
        counts = Counter(s.label for s in compiled.spans)
        todo = sorted(set(docs[stem].paragraphs) - set(compiled.covered))
        print(
            f"{stem}: {len(compiled.covered)}/{len(docs[stem].paragraphs)} paragraphs, "
            f"{dict(counts)}, {len(compiled.relations)} relations"
            + (f"; missing p{', p'.join(map(str, todo))}" if todo else "")
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
