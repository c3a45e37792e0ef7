"""OCR accuracy and speed on the degraded set, raw Tesseract against congvan, in one run.

    python -m bench.ocr [--set bench/out/ocr_set] [--lang vie] [--psm 3] [--out bench/out/ocr.json]

Build the set first with ``python -m bench.ocr_set``. For each page: syllable
accuracy (``bench.metrics``) and seconds, for plain ``tesseract IMAGE - -l vie``
and for ``ocr.read`` (one worker, so both use one core), plus the character error
rate (``bench.metrics.character_error_rate``). Prints pooled and
per-class tables; writes bench/out/ocr.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import ocr
from bench.metrics import character_error_rate, syllable_accuracy, syllables
from normalize import nfc


def raw_tesseract(path: Path, lang: str, psm: int = 3) -> str:
    """Plain ``tesseract IMAGE - -l LANG``, one thread: the baseline every bench compares against."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", str(path), "-", "-l", lang, "--psm", str(psm)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=Path("bench/out/ocr_set"))
    parser.add_argument("--lang", default="vie")
    parser.add_argument("--psm", type=int, default=3, help="Tesseract page segmentation mode, for both")
    parser.add_argument("--out", type=Path, default=Path("bench/out/ocr.json"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a quick look)")
    args = parser.parse_args()
    manifest = json.loads((args.set / "manifest.json").read_text(encoding="utf-8"))
    if args.limit:
        manifest = manifest[: args.limit]
    options = ocr.OcrOptions(lang=args.lang, psm=args.psm, workers=1)
    rows = []
    for page in manifest:
        path = args.set / page["image"]
        start = time.perf_counter()
        raw = raw_tesseract(path, args.lang, args.psm)
        raw_seconds = time.perf_counter() - start
        start = time.perf_counter()
        ours = ocr.read(path, options)
        ours_seconds = time.perf_counter() - start
        rows.append(
            {
                "image": page["image"],
                "class": page["class"],
                "syllables": len(syllables(page["gold"])),
                "raw": syllable_accuracy(page["gold"], nfc(raw), clip=True),
                "ours": syllable_accuracy(page["gold"], ours.text, clip=True),
                "raw_cer": character_error_rate(page["gold"], nfc(raw)),
                "ours_cer": character_error_rate(page["gold"], ours.text),
                "raw_s": raw_seconds,
                "ours_s": ours_seconds,
                "rotation": ours.pages[0].rotation,
            }
        )
        print(f"{page['image']:28} raw {rows[-1]['raw']:7.2%}  congvan {rows[-1]['ours']:7.2%}", flush=True)
    report(rows, args.lang)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def report(rows: list[dict], lang: str) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["class"]].append(row)
    columns = ["class", "pages", "raw `tesseract -l vie`", "congvan", "raw CER", "congvan CER"]
    print("\n| " + " | ".join([*columns, "raw pages/min", "congvan pages/min"]) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, group in [*groups.items(), ("**pooled**", rows)]:
        weight = sum(r["syllables"] for r in group)
        raw = sum(r["raw"] * r["syllables"] for r in group) / weight
        ours = sum(r["ours"] * r["syllables"] for r in group) / weight
        raw_cer = sum(r["raw_cer"] * r["syllables"] for r in group) / weight
        ours_cer = sum(r["ours_cer"] * r["syllables"] for r in group) / weight
        raw_rate = 60 * len(group) / sum(r["raw_s"] for r in group)
        ours_rate = 60 * len(group) / sum(r["ours_s"] for r in group)
        print(
            f"| {name} | {len(group)} | {raw:.2%} | {ours:.2%} | {raw_cer:.2%} | {ours_cer:.2%} "
            f"| {raw_rate:.1f} | {ours_rate:.1f} |"
        )
    upright = sum(1 for r in rows if r["class"].startswith("rotated") and r["ours"] > 0.9)
    turned = sum(1 for r in rows if r["class"].startswith("rotated"))
    print(f"\nrotated pages read upright by congvan: {upright}/{turned}")


if __name__ == "__main__":
    main()
