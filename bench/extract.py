"""Extraction on the development set: per-field precision, recall and F1, from text and through OCR; speed.

    python -m bench.extract [--dev tests/data/extract_dev] [--no-ocr]

The development set is real dispatches annotated by hand (see its GUIDELINES.md).
Each document is scored twice:

- from its text, as a text upload goes: repair, then extraction;
- through OCR: the text set on an A4 page (``samples.render.render_text_pdf``),
  rasterised at 200 dpi with scanner noise and a slight skew, read by the OCR
  stage, repaired and extracted; what that loses is what noise costs.

Speed is documents/s on one core (CPU time) of extraction alone from repaired
text, and of repair plus extraction. Writes bench/out/extract.json.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import extract
import normalize
import ocr
from extract.scoring import Scores, score_documents
from samples.render import noise, rasterise, render_text_pdf, skew

_DPI = 200


def load_dev(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(id, text, gold record) of each annotated document."""
    found = []
    for gold_path in sorted(folder.glob("*.json")):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        found.append((gold_path.stem, text, json.loads(gold_path.read_text(encoding="utf-8"))))
    return found


def from_text(text: str) -> dict[str, Any]:
    return extract.extract(normalize.repair_text(text)).to_record()


def from_scan(text: str, seed: int) -> dict[str, Any]:
    """The text printed, scanned with a little noise and skew, and read back."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as work:
        pdf = render_text_pdf(text, Path(work) / "letter.pdf")
        pages = []
        for number, page in enumerate(rasterise(pdf, _DPI)):
            scanned = noise(skew(page, rng.uniform(-0.8, 0.8)), 6, rng=seed + number)
            path = Path(work) / f"page-{number}.png"
            scanned.save(path, dpi=(_DPI, _DPI))
            pages.append(path)
        documents = [ocr.read(path) for path in pages]
        scanned_text = ocr.PAGE_BREAK.join(document.text for document in documents)
    return extract.extract(normalize.repair_text(scanned_text)).to_record()


def speed(texts: list[str]) -> dict[str, float]:
    repaired = [normalize.repair_text(text) for text in texts]
    extract.extract(repaired[0])  # the pipeline and its data files load once
    started = time.process_time()
    for document in repaired:
        extract.extract(document)
    extraction = time.process_time() - started
    started = time.process_time()
    for text in texts:
        extract.extract(normalize.repair_text(text))
    both = time.process_time() - started
    return {
        "documents": len(texts),
        "extract_per_s": round(len(texts) / extraction, 1),
        "repair_and_extract_per_s": round(len(texts) / both, 1),
    }


def markdown(clean: Scores, scanned: Scores | None) -> str:
    lines = ["| field | gold | P | R | F1 | F1 through OCR |", "|---|---:|---:|---:|---:|---:|"]
    ocr_rows = {row["field"]: row for row in scanned.table()} if scanned else {}
    for row in clean.table():
        through = ocr_rows.get(row["field"], {}).get("f1", "")
        if row["field"] == "macro":
            lines.append(f"| macro | | | | {row['f1']:.3f} | {through} |")
        else:
            lines.append(
                f"| {row['field']} | {row['gold']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} "
                f"| {through} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", type=Path, default=Path("tests/data/extract_dev"))
    parser.add_argument("--no-ocr", action="store_true", help="score from text only")
    args = parser.parse_args()
    documents = load_dev(args.dev)
    predicted = {name: from_text(text) for name, text, _ in documents}
    clean = score_documents((gold, predicted[name]) for name, _, gold in documents)
    scanned = None
    if not args.no_ocr:
        through = {name: from_scan(text, seed) for seed, (name, text, _) in enumerate(documents)}
        scanned = score_documents((gold, through[name]) for name, _, gold in documents)
    results = {
        "documents": len(documents),
        "from_text": clean.table(),
        "through_ocr": scanned.table() if scanned else None,
        "speed": speed([text for _, text, _ in documents]),
    }
    out = Path("bench/out")
    out.mkdir(parents=True, exist_ok=True)
    (out / "extract.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown(clean, scanned))
    print("speed", results["speed"])


if __name__ == "__main__":
    main()
