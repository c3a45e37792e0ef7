"""Pure image degradations that turn a clean page raster into a scan or a phone photo.

Every function takes a PIL image and returns a new one; randomness comes only from the
``random.Random`` (or integer seed) passed in, so a sample built from fixed seeds is byte-stable.
"""

from __future__ import annotations

import io
import math
import random
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Rng = random.Random | int

_STAMP_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # has every Vietnamese capital
_INK = np.array([205.0, 32.0, 38.0])  # the red of a Vietnamese official seal
_DESK = (96, 78, 62)  # a wooden desk under a sheet photographed by phone


def _rng(seed: Rng) -> random.Random:
    return seed if isinstance(seed, random.Random) else random.Random(seed)


def _np_rng(seed: Rng) -> np.random.Generator:
    return np.random.default_rng(_rng(seed).getrandbits(64))


def _white(img: Image.Image) -> int | tuple[int, ...]:
    return 255 if img.mode == "L" else (255,) * len(img.getbands())


def skew(img: Image.Image, degrees: float) -> Image.Image:
    """Rotate the content on a same-size canvas, as a sheet laid crooked on a scanner glass."""
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=_white(img))


def rotate90(img: Image.Image, k: int) -> Image.Image:
    """Turn the page by ``k`` quarter turns counter-clockwise (a sheet fed sideways or upside down)."""
    ops = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_270}
    return img.transpose(ops[k % 4]) if k % 4 else img.copy()


def _smooth_field(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A 0..1 field: a linear ramp at a random angle plus a soft blob, like a hand's shadow."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy = xx / w, yy / h
    angle = rng.uniform(0, 2 * math.pi)
    ramp = math.cos(angle) * xx + math.sin(angle) * yy
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    cx, cy, spread = rng.uniform(-0.2, 1.2), rng.uniform(-0.2, 1.2), rng.uniform(0.3, 0.6)
    blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * spread**2))
    return np.clip(0.6 * ramp + 0.4 * blob, 0.0, 1.0)


def shadow(img: Image.Image, strength: float, rng: Rng = 0) -> Image.Image:
    """Darken by a smooth illumination gradient; ``strength`` 0..1 is the darkest loss of light."""
    if not 0.0 <= strength <= 1.0:
        raise ValueError("strength is a fraction of the light, 0..1")
    arr = np.asarray(img, dtype=np.float32)
    light = 1.0 - strength * _smooth_field(arr.shape[:2], _rng(rng))
    if arr.ndim == 3:
        light = light[..., None]
    return Image.fromarray(np.clip(arr * light, 0, 255).astype(np.uint8), img.mode)


def _desk(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A dull background with low-frequency mottling, so the page edge has something to stand on."""
    h, w = shape
    coarse = rng.normal(0.0, 10.0, (max(h // 64, 2), max(w // 64, 2), 1)).astype(np.float32)
    mottle = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
    return np.clip(np.array(_DESK, dtype=np.float32) + mottle, 0, 255)


def perspective(img: Image.Image, amount: float, rng: Rng = 0, *, degrees: float = 0.0) -> Image.Image:
    """Photograph the sheet on a desk: a smaller, warped, optionally rotated page on a dark background.

    ``amount`` is the corner jitter as a fraction of the page size (0.02–0.05 looks like a hand-held
    phone). The result keeps the input size and is always RGB.
    """
    r = _rng(rng)
    page = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = page.shape[:2]
    margin = 0.05 + amount
    cx, cy, turn = w / 2, h / 2, math.radians(degrees)
    dst = []
    for fx, fy in ((0, 0), (1, 0), (1, 1), (0, 1)):
        x = (margin + fx * (1 - 2 * margin) + r.uniform(-amount, amount)) * w - cx
        y = (margin + fy * (1 - 2 * margin) + r.uniform(-amount, amount)) * h - cy
        dst.append((cx + x * math.cos(turn) - y * math.sin(turn), cy + x * math.sin(turn) + y * math.cos(turn)))
    src = np.float32([(0, 0), (w, 0), (w, h), (0, h)])
    matrix = cv2.getPerspectiveTransform(src, np.float32(dst))
    warped = cv2.warpPerspective(page, matrix, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (w, h), flags=cv2.INTER_LINEAR)[..., None]
    out = warped + (1.0 - mask) * _desk((h, w), _np_rng(r))
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")


def blur(img: Image.Image, radius: float) -> Image.Image:
    """Gaussian blur: a phone that focused a little off the page, or a soft scanner lamp."""
    return img.filter(ImageFilter.GaussianBlur(radius))


def noise(img: Image.Image, sigma: float, rng: Rng = 0) -> Image.Image:
    """Add Gaussian sensor noise with standard deviation ``sigma`` grey levels."""
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + _np_rng(rng).normal(0.0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def jpeg(img: Image.Image, quality: int) -> Image.Image:
    """Round-trip through JPEG at ``quality`` to add block and ringing artefacts."""
    buffer = io.BytesIO()
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.copy()


def downscale(img: Image.Image, dpi: float, *, source_dpi: float = 300) -> Image.Image:
    """Resample a ``source_dpi`` raster to ``dpi`` (a cheaper scanner, a phone further away)."""
    if not 0 < dpi <= source_dpi:
        raise ValueError(f"downscale needs 0 < dpi <= source_dpi, got {dpi} and {source_dpi}")
    size = (max(round(img.width * dpi / source_dpi), 1), max(round(img.height * dpi / source_dpi), 1))
    return img.resize(size, Image.Resampling.LANCZOS)


@cache
def _stamp_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_STAMP_FONT, size)


def _seal_mask(radius: int, text: str, start: float) -> Image.Image:
    """Ink coverage of a round seal: two rings, the issuer's name around them and a star inside."""
    side = 2 * radius + 4
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    c = side / 2
    for r, width in ((radius, max(radius // 22, 2)), (radius * 0.7, max(radius // 45, 1))):
        draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=int(width))
    font = _stamp_font(max(int(radius * 0.2), 6))
    step = 2 * math.pi / (len(text) + 3)
    ring = radius * 0.85
    for i, char in enumerate(text):
        angle = start + i * step
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), char, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x, y = c + ring * math.cos(angle) - font.size, c + ring * math.sin(angle) - font.size
        mask.paste(255, (int(x), int(y)), glyph)
    star_r = radius * 0.25
    points = [
        (
            c + (star_r if k % 2 == 0 else star_r * 0.4) * math.cos(-math.pi / 2 + k * math.pi / 5),
            c + (star_r if k % 2 == 0 else star_r * 0.4) * math.sin(-math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(points, fill=255)
    return mask


def stamp(
    img: Image.Image,
    rng: Rng = 0,
    *,
    center: tuple[float, float] = (0.7, 0.8),
    dpi: float = 300,
    text: str = "ỦY BAN NHÂN DÂN",
) -> Image.Image:
    """Press a red round seal (about 36 mm) centred at ``center`` (fractions of the page); returns RGB.

    Ink is multiplied over the page and mottled, so text under the seal stays dark but readable,
    as with a real seal stamped over the left part of a signature.
    """
    r = _rng(rng)
    radius = round(18 / 25.4 * dpi)
    mask = _seal_mask(radius, text.upper(), r.uniform(0, 2 * math.pi))
    mask = mask.rotate(r.uniform(-20, 20), resample=Image.Resampling.BICUBIC)
    page = np.asarray(img.convert("RGB"), dtype=np.float32)
    x0, y0 = round(center[0] * img.width) - mask.width // 2, round(center[1] * img.height) - mask.height // 2
    cover = Image.new("L", (img.width, img.height), 0)
    cover.paste(mask, (x0, y0))
    ink = np.asarray(cover, np.float32) / 255.0
    mottle = _np_rng(r).uniform(0.55, 0.95, ink.shape).astype(np.float32)
    ink = cv2.GaussianBlur(ink * mottle, (0, 0), 0.8)[..., None]
    out = page * (1.0 - ink * (1.0 - _INK / 255.0))
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")


def sign(img: Image.Image, rng: Rng = 0, *, center: tuple[float, float] = (0.7, 0.8), dpi: float = 300) -> Image.Image:
    """Scribble a blue-ink hand signature (about 40 mm wide) centred at ``center``; returns RGB.

    OCR must learn to ignore it: it sits between the signer's title and name, where real ones are.
    """
    r = _rng(rng)
    out = img.convert("RGB")
    draw = ImageDraw.Draw(out)
    half_w, half_h = 20 / 25.4 * dpi, 6 / 25.4 * dpi
    k1, k2, phase = r.uniform(5, 9), r.uniform(9, 15), r.uniform(0, math.pi)
    cx, cy = center[0] * img.width, center[1] * img.height
    points = []
    for i in range(400):
        t = -1 + 2 * i / 399
        x = cx + half_w * t + 0.2 * half_w * math.sin(k2 * t)  # backwards swings make loops
        y = cy + half_h * (0.9 * math.sin(k1 * t + phase) - 0.3 * t) * (1 - 0.4 * abs(t))
        points.append((x, y))
    draw.line(points, fill=(28, 40, 140), width=max(round(0.45 / 25.4 * dpi), 1), joint="curve")
    return out


_EDGES = ("left", "right", "top", "bottom")


def _smooth_profile(length: int, rng: np.random.Generator, knots: int = 8) -> np.ndarray:
    """A slow random wobble of ``length`` samples, about -1..1: no straight edge in a real scan."""
    coarse = rng.uniform(-1.0, 1.0, (1, knots)).astype(np.float32)
    return cv2.resize(coarse, (length, 1), interpolation=cv2.INTER_CUBIC)[0]


def scanner_border(
    img: Image.Image, width_fraction: float, rng: Rng = 0, *, edges: tuple[str, ...] | None = None
) -> Image.Image:
    """Dark uneven bands along page edges, as a sheet scanned partly off the glass or under a lifted lid.

    Each band is on average ``width_fraction`` of the page's shorter side deep; it tapers along the
    edge (the sheet lay crooked), wobbles, fades a little towards the paper and has a soft inner edge.
    ``edges`` picks the sides (``left``, ``right``, ``top``, ``bottom``); by default one to three at
    random. Keeps the image's mode.
    """
    if not 0.0 < width_fraction < 0.5:
        raise ValueError("width_fraction is a fraction of the shorter side, 0..0.5")
    r = _rng(rng)
    chosen = edges or tuple(r.sample(_EDGES, r.choice([1, 2, 2, 3])))
    if unknown := set(chosen) - set(_EDGES):
        raise ValueError(f"unknown edges {sorted(unknown)}; use {_EDGES}")
    nrng = _np_rng(r)
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    base = width_fraction * min(h, w)
    shade = np.full((h, w), 255.0, np.float32)
    cover = np.zeros((h, w), np.float32)
    for edge in chosen:
        along, across = (h, w) if edge in ("left", "right") else (w, h)
        t = np.linspace(-0.5, 0.5, along, dtype=np.float32)
        depth = base * (1.0 + r.uniform(-0.7, 0.7) * t + 0.12 * _smooth_profile(along, nrng))
        dist = np.arange(across, dtype=np.float32)
        if edge in ("right", "bottom"):
            dist = dist[::-1]
        inside = depth[:, None] - dist[None, :]  # > 0 inside the band, in pixels
        alpha = np.clip(inside / 3.0 + 0.5, 0.0, 1.0)  # a soft edge a few pixels wide
        level = r.uniform(15, 70) + 40.0 * np.clip(1.0 - inside / np.maximum(depth[:, None], 1.0), 0.0, 1.0)
        if edge in ("top", "bottom"):
            alpha, level = alpha.T, level.T
        shade = np.where(alpha > cover, level, shade)
        cover = np.maximum(cover, alpha)
    shade = shade + nrng.normal(0.0, 6.0, shade.shape).astype(np.float32)
    if arr.ndim == 3:
        cover, shade = cover[..., None], shade[..., None]
    out = arr * (1.0 - cover) + shade * cover
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), img.mode)


def punch_holes(img: Image.Image, rng: Rng = 0, *, dpi: float | None = None, count: int | None = None) -> Image.Image:
    """Two or four dark filled circles near the left edge: a filed sheet scanned on a dark lid.

    ISO 838 holes: 6 mm across, centres 12 mm from the edge and 80 mm apart, the group
    centred on the page height (give or take a little, as punches are aligned by hand).
    ``dpi`` defaults to the one that makes the shorter side A4's 210 mm. Keeps the image's mode.
    """
    r = _rng(rng)
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    px_per_mm = (dpi / 25.4) if dpi else min(h, w) / 210.0
    count = count or r.choice([2, 4])
    if count not in (2, 4):
        raise ValueError("punches make 2 or 4 holes")
    offsets = (-40, 40) if count == 2 else (-120, -40, 40, 120)
    centre_y = h / 2 + r.uniform(-4, 4) * px_per_mm
    centre_x = r.uniform(11, 13) * px_per_mm
    cover = np.zeros((h, w), np.float32)
    for offset in offsets:
        cx, cy = centre_x + r.uniform(-0.3, 0.3) * px_per_mm, centre_y + offset * px_per_mm
        rx = r.uniform(2.9, 3.1) * px_per_mm
        ry = rx * r.uniform(0.96, 1.04)
        x0, x1 = max(int(cx - rx) - 3, 0), min(int(cx + rx) + 4, w)
        y0, y1 = max(int(cy - ry) - 3, 0), min(int(cy + ry) + 4, h)
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        radius = np.hypot((xx - cx) / rx, (yy - cy) / ry)
        edge = np.clip((1.0 - radius) * min(rx, ry) / 1.5 + 0.5, 0.0, 1.0)  # anti-aliased rim
        cover[y0:y1, x0:x1] = np.maximum(cover[y0:y1, x0:x1], edge)
    shade = r.uniform(25, 65) + _np_rng(r).normal(0.0, 5.0, (h, w)).astype(np.float32)
    if arr.ndim == 3:
        cover, shade = cover[..., None], shade[..., None]
    out = arr * (1.0 - cover) + shade * cover
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), img.mode)
