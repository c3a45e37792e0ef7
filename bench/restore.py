"""Diacritic restoration and OCR correction on held-out text: raw input, pyvi and congvan in one run.

    python -m bench.restore [--docs 60] [--set bench/out/ocr_set] [--corpus ../shared/corpus]

Three inputs, all from held-out corpus documents (never trained on):

(a) the text with every diacritic stripped (``Hòa`` → ``Hoa``, ``Đ`` → ``D``);
    also the real dispatches of the extraction development set
    (tests/data/extract_dev, public letters the corpus does not hold), the
    closest thing to the held-out letters;
(b) letter pages of the OCR set (``python -m bench.ocr_set``) read by
    ``tesseract -l eng``: the garble of an OCR run without a Vietnamese model;
    the clean pages (300 and 150 dpi) apart, and all pages but the rotated ones;
(c) the same pages read by ``tesseract -l vie`` (real OCR errors).

For each: syllable accuracy (``bench.metrics``, case-sensitive); misread, the
share of syllables read as another syllable (what text repair can fix, unlike
lines OCR lost or read out of order); and damaged, the share of input
syllables that were already right but were changed.
Speed is congvan's restorer over all (a) documents, one core, after loading,
in one batch and one document at a time (as the pipeline calls it); memory is
the peak resident size of a process that loads the model and restores (a).
OCR outputs are cached in bench/out/restore_cache. Writes bench/out/restore.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from bench.metrics import syllable_accuracy, syllables
from bench.ocr import raw_tesseract
from normalize import repair_text, to_old_tone_style
from normalize.corpus import default_corpus_dir, documents
from normalize.restore import Restorer, default_restorer

System = Callable[[str], str]
_ROTATED = ("rotated_90", "rotated_180")  # raw Tesseract cannot read these at all: not a test of repair
_CLEAN = ("clean_300dpi", "low_150dpi")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).replace("đ", "d").replace("Đ", "D")


def held_out_texts(corpus: Path, count: int) -> list[tuple[str, str]]:
    """(source, text) of ``count`` held-out documents spread over the corpus files, 30 paragraphs at most."""
    picked: dict[str, list[str]] = {}
    for document in documents(corpus, held_out=True):
        texts = picked.setdefault(document.source, [])
        if len(texts) < count // 6 + 1 and sum(map(len, document.paragraphs)) > 400:
            texts.append(to_old_tone_style("\n".join(document.paragraphs[:30])))
    return [(source, text) for source, texts in picked.items() for text in texts][:count]


def dispatch_texts(folder: Path = Path("tests/data/extract_dev")) -> list[str]:
    """The real dispatches of the extraction development set, in the old tone style."""
    return [to_old_tone_style(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def pyvi_restore(text: str) -> str:
    from pyvi import ViUtils  # bench-only dependency: pip install -e '.[bench]'

    out = []
    for line in text.split("\n"):
        try:
            out.append(ViUtils.add_accents(line) if line.strip() else line)
        except Exception:  # noqa: BLE001 - pyvi crashes on some lines; count them as left unchanged
            out.append(line)
    return "\n".join(out)


def congvan_restore(text: str) -> str:
    return repair_text(text).text


def damage(gold: str, given: str, got: str) -> tuple[int, int]:
    """(right syllables in the input that the output changed, right syllables in the input)."""
    want, have, out = syllables(gold), syllables(given), syllables(got)
    right, kept = _equal_positions(want, have), _equal_positions(have, out)
    return len(right - kept), len(right)


def _equal_positions(a: list[str], b: list[str]) -> set[int]:
    """Positions of ``b`` whose syllable equals its counterpart in ``a``: by index when the
    counts agree (restoration keeps one syllable per syllable), else by alignment."""
    if len(a) == len(b):
        return {i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x == y}
    equal = set()
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        equal.update(range(block.b, block.b + block.size))
    return equal


def misread(gold: str, got: str) -> int:
    """Syllables read as another syllable (aligned one for one): what a text repairer can fix,
    unlike text that OCR lost or read out of order."""
    want, have = syllables(gold), syllables(got)
    count = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            count += i2 - i1
    return count


def score(pairs: list[tuple[str, str]], system: System, *, clip: bool) -> dict[str, float]:
    gold_all, got_all, changed, right, wrong = [], [], 0, 0, 0
    for gold, given in pairs:
        got = system(given)
        gold_all.append(gold)
        got_all.append(got)
        c, r = damage(gold, given, got)
        changed, right, wrong = changed + c, right + r, wrong + misread(gold, got)
    accuracy = sum(
        syllable_accuracy(g, o, clip=clip) * len(syllables(g)) for g, o in zip(gold_all, got_all, strict=True)
    ) / max(sum(len(syllables(g)) for g in gold_all), 1)
    total = max(sum(len(syllables(g)) for g in gold_all), 1)
    return {
        "accuracy": round(100 * accuracy, 2),
        "misread": round(100 * wrong / total, 2),
        "damaged": round(100 * changed / max(right, 1), 3),
    }


def ocr_pairs(ocr_set: Path, lang: str, classes: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    cache = Path("bench/out/restore_cache") / lang
    cache.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((ocr_set / "manifest.json").read_text(encoding="utf-8"))
    pairs = []
    for page in manifest:
        if page["class"] in _ROTATED or (classes and page["class"] not in classes):
            continue
        cached = cache / (Path(page["image"]).stem + ".txt")
        if not cached.exists():
            cached.write_text(raw_tesseract(ocr_set / page["image"], lang), encoding="utf-8")
        pairs.append((to_old_tone_style(page["gold"]), cached.read_text(encoding="utf-8")))
    return pairs


def speed(texts: list[str], repeats: int = 3) -> dict[str, float]:
    """Syllables/s on one core (CPU time), after loading: all texts in one batch (``Restorer.edits``),
    and one document at a time through ``repair_text``, as the pipeline calls it. The fastest of
    ``repeats`` runs, as ``timeit`` reports: on a shared machine the others measure the neighbours."""
    loaded = default_restorer()
    inputs = [strip_diacritics(t) for t in texts]
    count = sum(len(syllables(t)) for t in texts)
    loaded.edits(inputs[:1])  # the compiled functions load on first use

    batch, one_by_one = float("inf"), float("inf")
    for _ in range(repeats):  # each run with word caches empty, as after a start
        restorer = Restorer(loaded.model, loaded.inventory.confusions, loaded.inventory.acronyms)
        started = time.process_time()
        restorer.edits(inputs)
        batch = min(batch, time.process_time() - started)
        restorer = Restorer(loaded.model, loaded.inventory.confusions, loaded.inventory.acronyms)
        started = time.process_time()
        for text in inputs:
            repair_text(text, restorer)
        one_by_one = min(one_by_one, time.process_time() - started)
    return {"syllables": count, "batch_per_s": round(count / batch), "per_document_per_s": round(count / one_by_one)}


def memory(corpus: Path, count: int) -> dict[str, float]:
    """Peak resident MB of a fresh process that loads the model and restores the (a) set, and the load time."""
    code = (
        "import time, resource, sys;"
        "from bench.restore import held_out_texts, strip_diacritics;"
        f"texts = held_out_texts(__import__('pathlib').Path({str(corpus)!r}), {count});"
        "t = time.perf_counter();"
        "from normalize.restore import Restorer, default_restorer; r = default_restorer();"
        "load = time.perf_counter() - t;"
        "r.edits([strip_diacritics(x) for _, x in texts]);"
        "print(load, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"load_s": round(float(out[0]), 2), "peak_rss_mb": round(float(out[1]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--set", type=Path, default=Path("bench/out/ocr_set"))
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    args = parser.parse_args()
    texts = held_out_texts(args.corpus, args.docs)
    systems: dict[str, System] = {
        "raw input": lambda t: t,
        "pyvi add_accents": pyvi_restore,
        "congvan": congvan_restore,
    }
    results: dict[str, object] = {}
    letters = dispatch_texts()
    for name, pairs, clip in (
        ("a_deaccented_legal", [(t, strip_diacritics(t)) for s, t in texts if s.startswith("legal")], False),
        ("a_deaccented_dispatches", [(t, strip_diacritics(t)) for t in letters], False),
        ("a_deaccented_news", [(t, strip_diacritics(t)) for s, t in texts if s.startswith("news")], False),
        ("b_eng_ocr_clean", ocr_pairs(args.set, "eng", _CLEAN), True),
        ("b_eng_ocr_degraded", ocr_pairs(args.set, "eng"), True),
        ("c_vie_ocr_clean", ocr_pairs(args.set, "vie", _CLEAN), True),
        ("c_vie_ocr_degraded", ocr_pairs(args.set, "vie"), True),
    ):
        results[name] = {system: score(pairs, run, clip=clip) for system, run in systems.items()}
        results[name]["syllables"] = sum(len(syllables(g)) for g, _ in pairs)
        print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
    results["speed"] = speed([t for _, t in texts])
    results["memory"] = memory(args.corpus, args.docs)
    print("speed", results["speed"], "memory", results["memory"])
    Path("bench/out").mkdir(parents=True, exist_ok=True)
    Path("bench/out/restore.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
