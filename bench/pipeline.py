"""Bench the OCR stage on the committed samples against plain ``tesseract -l vie`` in the same run.

    python -m bench.pipeline [--repeat N]

For each scan: syllable accuracy against the letter's gold text and seconds
per page, for raw Tesseract (its CLI on poppler's 300-dpi rendering) and for
congvan's ``ocr.read``; then the whole pipeline (repair + extract) time.
Results go to stdout and bench/out/pipeline.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

import ocr
from bench.metrics import syllable_accuracy
from samples.render import letter_text, load_letter, rasterise
from service.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CASES = {
    "hanoi-31-LDLD-2022.pdf": "hanoi-31-LDLD-2022",
    "laichau-960-LDLD-2022.png": "laichau-960-LDLD-2022",
    "laichau-960-LDLD-2022-photo.jpg": "laichau-960-LDLD-2022",
    "kehoach-45-KH-UBND-2023.tif": "kehoach-45-KH-UBND-2023",
}


def raw_tesseract(path: Path) -> tuple[str, int]:
    """The baseline: each page as poppler or Pillow gives it, straight into ``tesseract -l vie``."""
    from PIL import Image, ImageSequence

    with tempfile.TemporaryDirectory() as work:
        if path.suffix == ".pdf":
            images = rasterise(path, 300)
        else:
            with Image.open(path) as image:
                images = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
        texts = []
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        for index, image in enumerate(images):
            page = Path(work) / f"{index}.png"
            image.save(page)
            out = subprocess.run(
                ["tesseract", str(page), "-", "-l", "vie"],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            texts.append(out.stdout)
        return "\n".join(texts), len(images)


def bench_case(name: str, letter: str, repeat: int) -> dict[str, object]:
    path = SAMPLES / name
    gold = letter_text(load_letter(SAMPLES / "letters" / f"{letter}.json"))
    clip = name.endswith((".png", ".jpg"))  # one page of a longer letter

    start = time.perf_counter()
    for _ in range(repeat):
        raw_text, pages = raw_tesseract(path)
    raw_seconds = (time.perf_counter() - start) / repeat

    start = time.perf_counter()
    for _ in range(repeat):
        document = ocr.read(path, ocr.OcrOptions(workers=1))
    ours_seconds = (time.perf_counter() - start) / repeat

    start = time.perf_counter()
    analysis = analyse(document)
    analyse_seconds = time.perf_counter() - start
    record = analysis.extraction.to_record()
    return {
        "file": name,
        "pages": pages,
        "raw_accuracy": round(syllable_accuracy(gold, raw_text, clip=clip), 4),
        "congvan_accuracy": round(syllable_accuracy(gold, analysis.normalized.text, clip=clip), 4),
        "raw_s_per_page": round(raw_seconds / pages, 3),
        "congvan_s_per_page": round(ours_seconds / pages, 3),
        "repair_extract_s": round(analyse_seconds, 4),
        "number": record["number"],
        "date": record["date"],
    }


def text_throughput(seconds: float = 5.0) -> float:
    """Documents per second through repair + extract on one core, from the letters' gold text."""
    texts = [letter_text(load_letter(path)) for path in sorted((SAMPLES / "letters").glob("*.json"))]
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            analyse(ocr.OcrDocument.from_text(text))
            done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    # Warm the spaCy pipeline so its load time is not counted.
    analyse(ocr.OcrDocument.from_text("Số: 1/UBND\nHà Nội, ngày 1 tháng 1 năm 2024"))
    rows = [bench_case(name, letter, args.repeat) for name, letter in CASES.items()]
    header = f"{'file':34} {'pages':>5} {'raw acc':>8} {'ours acc':>8} {'raw s/p':>8} {'ours s/p':>8}"
    print(header)
    for row in rows:
        print(
            f"{row['file']:34} {row['pages']:>5} {row['raw_accuracy']:>8.2%} {row['congvan_accuracy']:>8.2%} "
            f"{row['raw_s_per_page']:>8.2f} {row['congvan_s_per_page']:>8.2f}"
        )
    docs_per_second = text_throughput()
    print(f"repair + extract from text, one core: {docs_per_second:.1f} documents/s")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "tesseract": ocr.version(),
        "cases": rows,
        "text_docs_per_second": round(docs_per_second, 1),
    }
    (out / "pipeline.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
