"""Pairs of (true text, its OCR) to learn OCR confusions from: training documents only.

    python -m bench.ocr_pairs [--out build/ocr_pairs.jsonl] [--pages 160] [--corpus ../shared/corpus]

Training-side corpus documents (``normalize.corpus``; the held-out side is for
bench/restore) are laid out as letters, rendered in two fonts at 300 and 150
dpi, and read by plain ``tesseract -l eng`` (the garble of an OCR run without
the Vietnamese model) and ``-l vie``. ``congvan train-lm --ocr-pairs`` learns
from the result which letters OCR prints for which (``ir`` for ``ử``).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from bench.ocr import raw_tesseract
from bench.ocr_set import letters
from normalize.corpus import default_corpus_dir
from samples.render import downscale, letter_text, rasterise, render_pdf

LANGS = ("eng", "vie")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/ocr_pairs.jsonl"))
    parser.add_argument("--pages", type=int, default=160)
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as work, args.out.open("w", encoding="utf-8") as out:
        for index, (letter, document) in enumerate(letters(args.corpus, args.pages, seed=5, held_out=False)):
            pdf = Path(work) / "page.pdf"
            render_pdf(letter, pdf, font="serif" if index % 2 == 0 else "dejavu")
            page = rasterise(pdf, 300)[0]
            if rng.random() < 0.5:
                page = downscale(page, 150)
            image = Path(work) / "page.png"
            page.save(image)
            for lang in LANGS:
                record = {"source": f"{document.source}#{document.index}", "lang": lang, "gold": letter_text(letter)}
                out.write(json.dumps({**record, "ocr": raw_tesseract(image, lang)}, ensure_ascii=False) + "\n")
            print(f"{index + 1}/{args.pages}", flush=True)


if __name__ == "__main__":
    main()
