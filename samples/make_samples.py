"""Regenerate the committed sample inputs from the letter specs: ``python -m samples.make_samples``.

Each sample exercises one input path of congvan (a born-digital PDF, a flatbed scan, a phone photo,
a multi-page fax-like TIFF, a plain text file). Seeds are fixed and reportlab runs in invariant
mode, so rerunning gives the same bytes and ``git status`` stays clean.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from samples.render import (
    Box,
    Letter,
    blur,
    downscale,
    letter_text,
    load_letter,
    noise,
    perspective,
    rasterise,
    render_pdf,
    shadow,
    sign,
    skew,
    stamp,
)

HERE = Path(__file__).resolve().parent
LETTERS = HERE / "letters"
SCAN_DPI = 300


def _letter(stem: str) -> Letter:
    return load_letter(LETTERS / f"{stem}.json")


def _pages(letter: Letter, dpi: int = SCAN_DPI) -> tuple[list[Image.Image], Box]:
    """Render to a throwaway PDF and rasterise it; also return where the signature landed."""
    with tempfile.TemporaryDirectory(prefix="congvan-samples-") as work:
        rendered = render_pdf(letter, Path(work) / "letter.pdf")
        return rasterise(rendered.path, dpi), rendered.signature


def _posterise(img: Image.Image, levels: int = 16) -> Image.Image:
    """Fewer grey levels keep a 300 dpi page PNG small; 16 are plenty for text edges."""
    step = 256 // levels
    return img.point(lambda v: min(255, (v // step) * 255 // (levels - 1)))


def make_pdf(out: Path) -> Path:
    """A clean born-digital multi-page PDF (the Hà Nội letter)."""
    return render_pdf(_letter("hanoi-31-LDLD-2022"), out / "hanoi-31-LDLD-2022.pdf").path


def make_scan_png(out: Path) -> Path:
    """Page 1 of the Lai Châu letter as a 300 dpi greyscale flatbed scan, laid slightly crooked."""
    pages, _ = _pages(_letter("laichau-960-LDLD-2022"))
    path = out / "laichau-960-LDLD-2022.png"
    _posterise(skew(pages[0], 0.6)).save(path, "PNG", optimize=True, dpi=(SCAN_DPI, SCAN_DPI))
    return path


def make_photo_jpeg(out: Path) -> Path:
    """Page 1 of the Lai Châu letter photographed by phone on a desk: tilt, warp, shadow, JPEG."""
    rng = random.Random(960)
    pages, _ = _pages(_letter("laichau-960-LDLD-2022"), dpi=SCAN_DPI)
    page = Image.merge(
        "RGB",
        [
            band.point(lambda v, k=k: v * k // 255)
            for band, k in zip(pages[0].convert("RGB").split(), (250, 244, 230), strict=True)
        ],
    )
    photo = perspective(page, 0.02, rng, degrees=-2.5)
    photo = shadow(photo, 0.55, rng)
    photo = noise(blur(photo, 0.9), 3.0, rng)
    path = out / "laichau-960-LDLD-2022-photo.jpg"
    downscale(photo, 225, source_dpi=SCAN_DPI).save(path, "JPEG", quality=70, dpi=(225, 225))
    return path


def make_tiff(out: Path) -> Path:
    """All pages of the kế hoạch as a bilevel CCITT G4 TIFF, signed, the seal over the signature."""
    rng = random.Random(45)
    letter = _letter("kehoach-45-KH-UBND-2023")
    pages, box = _pages(letter)
    middle = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    seal_at = (box.left + (box.right - box.left) * 0.3, middle[1])
    scans = []
    for index, page in enumerate(pages):
        if index == box.page:
            page = sign(page, rng, center=middle, dpi=SCAN_DPI)
            page = stamp(page, rng, center=seal_at, dpi=SCAN_DPI, text="UBND HUYỆN HẢI LĂNG * QUẢNG TRỊ")
            page = page.convert("L")
        scans.append(skew(page, rng.uniform(-0.8, 0.8)).point(lambda v: 255 if v > 160 else 0).convert("1"))
    path = out / "kehoach-45-KH-UBND-2023.tif"
    scans[0].save(path, "TIFF", compression="group4", save_all=True, append_images=scans[1:], dpi=(SCAN_DPI, SCAN_DPI))
    return path


def make_text(out: Path) -> Path:
    """The thông báo as UTF-8 text, the input path that skips OCR entirely."""
    path = out / "thongbao-212-TB-STNMT-2023.txt"
    path.write_text(letter_text(_letter("thongbao-212-TB-STNMT-2023")), encoding="utf-8")
    return path


MAKERS: tuple[Callable[[Path], Path], ...] = (make_pdf, make_scan_png, make_photo_jpeg, make_tiff, make_text)


def main(argv: list[str] | None = None) -> int:
    """Write every sample into ``--out`` (default: this folder) and list what was written."""
    parser = argparse.ArgumentParser(prog="python -m samples.make_samples", description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the samples (default: %(default)s)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for make in MAKERS:
        path = make(args.out)
        print(f"{path.stat().st_size:>9,d}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
