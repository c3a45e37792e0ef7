"""What each ``congvan`` sub-command does; ``service.cli`` wires them to arguments.

Handlers named like a stage package (``ocr_``, ``extract_``) carry a trailing underscore.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

import normalize
import ocr
import registry
from congvan.errors import CongvanError, InvalidRequestError, UnsupportedFileError
from normalize.corpus import default_corpus_dir
from normalize.restore import ACRONYMS_PATH, CONFUSIONS_PATH, MODEL_PATH
from normalize.training import learn_acronyms, learn_confusions, save_acronyms, save_confusions, train
from ocr.searchable import write_searchable_pdf
from ocr.types import OcrDocument
from service import pipeline
from service.cli import print_json
from service.database import session_factory
from service.settings import Settings, get_settings

__all__ = ["extract_", "ocr_", "process", "restore", "serve", "token_create", "token_list", "token_revoke", "train_lm"]


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "db", None):
        try:
            make_url(args.db)
        except ArgumentError as e:
            raise InvalidRequestError(
                f"--db {args.db!r} is not a database URL (e.g. sqlite:///data/congvan.db)."
            ) from e
        settings = settings.model_copy(update={"database_url": args.db})
    return settings


def process(args: argparse.Namespace) -> int:
    """Process each file; one failing file does not stop the others, but sets the exit code."""
    settings = _settings(args)
    sessions = session_factory(settings.resolved_database_url)
    exit_code = 0
    for path in args.files:
        with sessions() as session:
            try:
                upload, created = pipeline.ingest_file(session, path, settings)
                if upload.status == "processing" and not args.force:
                    print(f"congvan: {path}: being processed by another run; skipped", file=sys.stderr)
                    continue
                if created or args.force or pipeline.needs_processing(upload):
                    document = pipeline.process_upload(session, upload, settings)
                elif upload.status == "failed":
                    raise CongvanError.for_code(upload.error_code or "", upload.error_message, upload_id=upload.id)
                else:
                    document = registry.document_for_upload(session, upload)
            except CongvanError as e:
                print(f"congvan: {path}: error [{e.code}]: {e}", file=sys.stderr)
                exit_code = exit_code or e.exit_code
                continue
            except OSError as e:
                print(f"congvan: {path}: cannot read the file: {e.strerror}", file=sys.stderr)
                exit_code = exit_code or 2
                continue
            if args.json:
                print_json({"document_id": document.id, "upload_id": upload.id, "file": str(path), **document.record})
            else:
                print(_summary(path, document, created))
    return exit_code


def _summary(path: Path, document: registry.Document, created: bool) -> str:
    record = document.record
    counts = ", ".join(
        f"{len(record[key])} {key}" for key in ("directives", "targets", "achievements", "deadlines") if record[key]
    )
    seen = "" if created else " (already in the registry)"
    return (
        f"{path}: document {document.id}{seen}\n"
        f"  {record['doc_type'] or '?'} {record['number'] or '(no number)'} of {record['date'] or '?'}"
        f" from {record['issuer'] or '?'}\n"
        f"  {record['subject'] or '(no subject)'}\n"
        f"  {counts or 'no directives, targets or deadlines found'}"
    )


def ocr_(args: argparse.Namespace) -> int:
    settings = get_settings()
    options = pipeline.ocr_options(settings)
    if args.lang:
        options = replace(options, lang=args.lang)
    with tempfile.TemporaryDirectory(prefix="congvan-pages-") as work:
        if args.pdf:
            options = replace(options, work_dir=Path(work))
        document = ocr.read(args.file, options)
        if args.pdf:
            _write_searchable(document, Path(work), args.pdf)
    if args.json:
        output = json.dumps(_ocr_json(document), ensure_ascii=False, indent=1)
    else:
        output = normalize.nfc(document.text).replace(ocr.PAGE_BREAK, "\n\f\n")
    for page in document.pages:
        if page.status is not ocr.PageStatus.OK:
            print(f"congvan: page {page.number}: {page.status}: {page.error}", file=sys.stderr)
    _write(output, args.output)
    return 0


def _write_searchable(document: ocr.OcrDocument, work: Path, out: Path) -> None:
    pages = sorted(work.glob("*_page.jpg"))
    if len(pages) != len(document.pages):
        raise InvalidRequestError("A searchable PDF is made from a scan (PDF or image), not from a text file.")
    repaired = normalize.repaired_words(normalize.repair(document))
    write_searchable_pdf(repaired, pages, out)
    print(f"congvan: searchable PDF written to {out}", file=sys.stderr)


def _ocr_json(document: ocr.OcrDocument) -> dict[str, object]:
    return {
        "source": document.source_name,
        "engine": document.engine,
        "pages": [
            {
                "number": page.number,
                "status": str(page.status),
                "error": page.error,
                "width": page.width,
                "height": page.height,
                "skew": round(page.skew, 2),
                "lines": [
                    {
                        "block": line.block,
                        "text": line.text,
                        "words": [
                            {
                                "text": w.text,
                                "confidence": round(w.confidence, 3),
                                "bbox": w.bbox.as_list() if w.bbox else None,
                            }
                            for w in line.words
                        ],
                    }
                    for line in page.lines
                ],
            }
            for page in document.pages
        ],
    }


def restore(args: argparse.Namespace) -> int:
    """Repair text as it streams in, a chunk of about 4,000 words (or the end of the input) at a time.

    A paragraph (up to a blank line) is decoded as a whole: hard-wrapped lines
    are not sentences, and a word's neighbours on the next line help decide it.
    The paragraphs of a chunk are decoded together, which is several times
    faster than one by one.
    """
    stream = sys.stdin if args.file == "-" else Path(args.file).open(encoding="utf-8-sig")  # noqa: SIM115
    with stream:
        for chunk in _chunks(_paragraphs(_decoded(stream))):
            documents = [OcrDocument.from_text(block) for _, block in chunk]
            for (first_line, block), repaired in zip(chunk, normalize.repair_many(documents), strict=True):
                _print_repaired(first_line, block, repaired, diff=args.diff)
    return 0


def _print_repaired(first_line: int, block: str, repaired: normalize.NormalizedDocument, *, diff: bool) -> None:
    for warning in repaired.warnings:
        print(f"congvan: line {first_line}: {warning}", file=sys.stderr)
    if diff:
        for change, (line, column) in zip(repaired.changes, _places(block, repaired), strict=True):
            where = f"{first_line + line}:{column}"
            print(f"{where}\t{change.before}\t→\t{change.after}\t{change.confidence:.2f}\t{change.reason}")
    else:
        print(_in_layout(block, repaired.text), end="", flush=True)


def _chunks(paragraphs: Iterable[tuple[int, str]], words: int = 4000) -> Iterator[list[tuple[int, str]]]:
    """Paragraphs grouped until a group holds about ``words`` words."""
    chunk: list[tuple[int, str]] = []
    count = 0
    for paragraph in paragraphs:
        chunk.append(paragraph)
        count += len(paragraph[1].split())
        if count >= words:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def _places(block: str, repaired: normalize.NormalizedDocument) -> Iterator[tuple[int, int]]:
    """(line within the block, column) of each change's word in the block as typed."""
    starts = {m.start(): i for i, m in enumerate(re.finditer(r"\S+", repaired.source.text))}
    typed = [m.start() for m in re.finditer(r"\S+", block)]
    for change in repaired.changes:
        at = typed[starts[change.source_start]]
        yield block.count("\n", 0, at), at - (block.rfind("\n", 0, at) + 1)


def _in_layout(original: str, repaired: str) -> str:
    """The repaired words put back into the original's whitespace (repair keeps one word per word)."""
    words = iter(repaired.split())
    return re.sub(r"\S+", lambda match: next(words, match.group()), original)


def _paragraphs(lines: Iterable[str], longest: int = 200) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each run of lines up to and including a blank line."""
    block: list[str] = []
    first = 1
    for number, line in enumerate(lines, start=1):
        block.append(line)
        if not line.strip() or len(block) >= longest:
            yield first, "".join(block)
            block, first = [], number + 1
    if block:
        yield first, "".join(block)


def _decoded(stream: Iterable[str]) -> Iterator[str]:
    try:
        yield from stream
    except UnicodeDecodeError as e:
        raise UnsupportedFileError("The text is not UTF-8: save it as UTF-8 and try again.") from e


def train_lm(args: argparse.Namespace) -> int:
    """Train the model from the corpus's training side and save it where ``normalize`` loads it."""
    corpus = args.corpus or default_corpus_dir()
    if not any(corpus.glob("*.txt.xz")):
        raise InvalidRequestError(f"No corpus files (*.txt.xz) in {corpus}: give the folder with --corpus.")
    output = args.output or MODEL_PATH
    started = time.perf_counter()
    model, report = train(corpus)
    model.save(output)
    print(
        f"{output}: {report.tokens:,} training tokens, vocabulary {report.vocabulary:,}, "
        f"{report.bigrams:,} bigrams, {report.trigrams:,} trigrams, {output.stat().st_size / 1e6:.1f} MB, "
        f"{time.perf_counter() - started:.0f} s"
    )
    acronyms_path = output.with_name(ACRONYMS_PATH.name)
    about = "Learned by 'congvan train-lm' (make model) from the acronyms of the corpus's training side."
    save_acronyms(learn_acronyms(corpus), acronyms_path, about=about)
    print(f"{acronyms_path}: letter pieces of acronyms")
    if args.ocr_pairs:
        confusions = learn_confusions(_ocr_pairs(args.ocr_pairs))
        about = (
            f"Learned by 'congvan train-lm --ocr-pairs {args.ocr_pairs}' (make model) from training-side corpus"
            " letters rendered and read by tesseract -l eng and -l vie (bench/ocr_pairs.py)."
        )
        save_confusions(confusions, output.with_name(CONFUSIONS_PATH.name), about=about)
        print(f"{output.with_name(CONFUSIONS_PATH.name)}: {len(confusions)} OCR confusions")
    return 0


def _ocr_pairs(path: Path) -> list[tuple[str, str]]:
    """(true text, OCR) from the JSON lines ``bench.ocr_pairs`` writes."""
    with path.open(encoding="utf-8") as f:
        return [(record["gold"], record["ocr"]) for record in map(json.loads, f)]


def extract_(args: argparse.Namespace) -> int:
    if args.file == "-":
        document = ocr.OcrDocument.from_text(sys.stdin.read(), source_name="-")
    else:
        document = ocr.read_text(Path(args.file))
    analysis = pipeline.analyse(document)
    record = analysis.extraction.to_record()
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print(_describe(record))
    return 0


def _describe(record: dict[str, object]) -> str:
    lines = []
    for key, value in record.items():
        if key == "provenance" or value in (None, []):
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_item_text(item)}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _item_text(item: object) -> str:
    if isinstance(item, dict):
        if "text" in item:
            return str(item["text"])
        return ", ".join(f"{k}={v}" for k, v in item.items() if k != "provenance" and v is not None)
    return str(item)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.api.app import create_app

    settings = _settings(args)
    app = create_app(settings)
    print(f"congvan: API docs   http://{args.host}:{args.port}/docs", flush=True)
    print(f"congvan: staff page http://{args.host}:{args.port}/", flush=True)
    reads = "open to all" if settings.open_reads else "for tokens only (CONGVAN_OPEN_READS=false)"
    print(f"congvan: reading is {reads}; uploads and changes need a token (congvan token create)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def token_create(args: argparse.Namespace) -> int:
    """The secret alone on stdout (``TOKEN=$(congvan token create …)``), what it is on stderr."""
    with session_factory(_settings(args).resolved_database_url)() as session:
        if args.replace:
            for old in registry.list_tokens(session):
                if old.name == args.name.strip() and old.active:
                    registry.revoke_token(session, old.id)
                    print(f"congvan: revoked token {old.id} ({old.name}, {old.role})", file=sys.stderr)
        token, secret = registry.create_token(session, args.name, args.role)
        session.commit()
    print(
        f"congvan: token {token.id} for {token.name!r} ({token.role}); its secret will not be shown again:",
        file=sys.stderr,
        flush=True,
    )
    print(secret, flush=True)
    return 0


def token_list(args: argparse.Namespace) -> int:
    with session_factory(_settings(args).resolved_database_url)() as session:
        tokens = registry.list_tokens(session)
    print("id\trole\tprefix\tcreated (UTC)\tlast used\tstatus\tname")
    for t in tokens:
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        status = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        print(f"{t.id}\t{t.role}\t{t.prefix}…\t{t.created_at:%Y-%m-%d %H:%M}\t{used}\t{status}\t{t.name}")
    return 0


def token_revoke(args: argparse.Namespace) -> int:
    with session_factory(_settings(args).resolved_database_url)() as session:
        token = registry.revoke_token(session, args.id)
        session.commit()
    print(f"congvan: token {token.id} ({token.name}, {token.role}) is revoked")
    return 0


def _write(output: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(output + "\n")
    else:
        path.write_text(output + "\n", encoding="utf-8")
