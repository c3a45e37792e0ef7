"""Build the degraded OCR test set: held-out corpus text laid out as Decree 30 letters.

    python -m bench.ocr_set [--out bench/out/ocr_set] [--per-class 4] [--corpus ../shared/corpus]

Each page is page 1 of a letter whose body is a held-out corpus document (never
trained on, see ``normalize.corpus``), rendered in one of two fonts and spoilt by
one degradation class. Written: one image per page and ``manifest.json`` with
the page's class and its gold text. Deterministic for a given corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image

from normalize.corpus import CorpusDocument, default_corpus_dir, documents
from samples.render import (
    Letter,
    Signer,
    blur,
    downscale,
    jpeg,
    letter_text,
    noise,
    perspective,
    punch_holes,
    rasterise,
    render_pdf,
    rotate90,
    scanner_border,
    shadow,
    skew,
    stamp,
)

Degrade = Callable[[Image.Image, random.Random], Image.Image]

CLASSES: dict[str, Degrade] = {
    "clean_300dpi": lambda img, rng: img,
    "low_150dpi": lambda img, rng: downscale(img, 150),
    "skew_4deg": lambda img, rng: skew(img, rng.choice([-1, 1]) * rng.uniform(1.5, 4.0)),
    "rotated_90": lambda img, rng: rotate90(img, rng.choice([1, 3])),
    "rotated_180": lambda img, rng: rotate90(img, 2),
    "blur": lambda img, rng: blur(img, 1.3),
    "noise": lambda img, rng: noise(img, 18, rng.random()),
    "shadow": lambda img, rng: shadow(img, 0.55, rng.random()),
    "jpeg_q30": lambda img, rng: jpeg(downscale(img, 200), 30),
    "stamp": lambda img, rng: stamp(img, rng.random(), center=(0.62, 0.3)),
    "phone_photo": lambda img, rng: jpeg(
        shadow(perspective(img, 0.05, rng.random(), degrees=rng.uniform(-3, 3)), 0.4, rng.random()), 60
    ),
    "border_holes": lambda img, rng: punch_holes(
        scanner_border(img, rng.uniform(0.02, 0.04), rng.random()), rng.random()
    ),
}

_ISSUERS = [
    ("UBND TỈNH {P}", "SỞ NỘI VỤ"),
    ("UBND TỈNH {P}", "SỞ TÀI CHÍNH"),
    (None, "ỦY BAN NHÂN DÂN TỈNH {P}"),
    ("TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH {P}"),
    ("UBND TỈNH {P}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
]
_PROVINCES = ["LAI CHÂU", "NINH BÌNH", "QUẢNG TRỊ", "ĐẮK LẮK", "HÀ GIANG", "BẮC NINH", "CÀ MAU", "THANH HÓA"]
_SIGNERS = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Quang Huy", "Phạm Minh Tuấn", "Hoàng Thị Lan"]


def letters(
    corpus_dir: Path, count: int, seed: int = 2026, *, held_out: bool = True
) -> Iterator[tuple[Letter, CorpusDocument]]:
    """Letters whose bodies are held-out (or, to train on, training) documents with prose for a full page."""
    rng = random.Random(seed)
    made = 0
    for document in documents(corpus_dir, held_out=held_out):
        body = [p for p in document.paragraphs if len(p) > 60][:8]
        if sum(map(len, body)) < 1800 or made >= count:
            if made >= count:
                return
            continue
        yield _letter(body, rng), document
        made += 1


def _letter(body: list[str], rng: random.Random) -> Letter:
    province = rng.choice(_PROVINCES)
    parent, issuer = (part.replace("{P}", province) if part else None for part in rng.choice(_ISSUERS))
    number = rng.randint(12, 4999)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
    subject = "V/v " + " ".join(body[0].split()[:12]).rstrip(",.;:")
    return Letter(
        parent_issuer=parent,
        issuer=(issuer,),
        number=f"Số: {number}/UBND-VP",
        place_date=f"{province.title()}, ngày {day:02d} tháng {month:02d} năm {year}",
        type_heading=None,
        title=None,
        subject=subject,
        recipients=("- Các sở, ban, ngành tỉnh;", "- UBND các huyện, thành phố."),
        paragraphs=tuple(body),
        signer=Signer(("KT. CHỦ TỊCH",), "PHÓ CHỦ TỊCH", rng.choice(_SIGNERS)),
        cc=("- Như trên;", "- Lưu: VT."),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench/out/ocr_set"))
    parser.add_argument("--per-class", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    count = args.per_class * len(CLASSES)
    rng = random.Random(7)
    manifest = []
    classes = itertools.cycle(CLASSES.items())
    for index, (letter, document) in enumerate(letters(args.corpus, count)):
        name, degrade = next(classes)
        font = "serif" if index % 2 == 0 else "dejavu"
        pdf = args.out / f"{index:03d}.pdf"
        render_pdf(letter, pdf, font=font)
        page = degrade(rasterise(pdf, 300)[0], rng)
        pdf.unlink()
        suffix = ".jpg" if name in ("jpeg_q30", "phone_photo") else ".png"
        image_path = args.out / f"{index:03d}_{name}{suffix}"
        if suffix == ".jpg":
            page.convert("RGB").save(image_path, quality=95)  # already JPEG-degraded; keep it so
        else:
            page.save(image_path)
        manifest.append(
            {
                "image": image_path.name,
                "class": name,
                "font": font,
                "source": f"{document.source}#{document.index}",
                "gold": letter_text(letter),
            }
        )
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(manifest)} pages in {args.out}")


if __name__ == "__main__":
    main()
