"""The ``congvan`` command line: process, ocr, restore, train-lm, extract, serve, token.

Errors become exit codes in one place (``main``): each ``CongvanError`` has its
own, and the message says what to do.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from congvan import __version__
from congvan.errors import CongvanError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CongvanError as e:
        print(f"congvan: error [{e.code}]: {e}", file=sys.stderr)
        return e.exit_code
    except OSError as e:  # a path that does not exist, a folder not writable…
        print(f"congvan: error: {e.strerror or e}: {e.filename or ''}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _build_parser() -> argparse.ArgumentParser:
    from service import commands

    parser = argparse.ArgumentParser(
        prog="congvan",
        description="Turn scanned Vietnamese official dispatches into a registry of directives and targets.",
    )
    parser.add_argument("--version", action="version", version=f"congvan {__version__}")
    sub = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    p = sub.add_parser("process", help="OCR, repair, extract and save files into the registry")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="PDF, PNG, JPEG, TIFF or UTF-8 text")
    p.add_argument("--json", action="store_true", help="print one JSON record per document (JSON lines)")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: CONGVAN_DATABASE_URL)")
    p.add_argument("--force", action="store_true", help="process again files the registry already holds")
    p.set_defaults(handler=commands.process)

    p = sub.add_parser("ocr", help="print the text of a scan (NFC), page by page")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the text here instead of stdout")
    p.add_argument("--lang", help="Tesseract models, e.g. vie or vie+Vietnamese")
    p.add_argument("--json", action="store_true", help="print pages, lines and words with boxes")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="also write a searchable PDF (repaired text layer)")
    p.set_defaults(handler=commands.ocr_)

    p = sub.add_parser("restore", help="print repaired Vietnamese text")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for stdin")
    p.add_argument("--diff", action="store_true", help="list each change instead of the text")
    p.set_defaults(handler=commands.restore)

    p = sub.add_parser("train-lm", help="train the syllable language model from the corpus (make model)")
    p.add_argument("--corpus", type=Path, metavar="DIR", help="corpus folder (default: ../shared/corpus)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.npz", help="default: the model congvan loads")
    p.add_argument("--ocr-pairs", type=Path, metavar="PAIRS.jsonl", help="also learn OCR confusions (bench.ocr_pairs)")
    p.set_defaults(handler=commands.train_lm)

    p = sub.add_parser("extract", help="extract the fields of a dispatch from text (no database)")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the extraction record as JSON")
    p.set_defaults(handler=commands.extract_)

    p = sub.add_parser("serve", help="serve the HTTP API and the staff pages")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: CONGVAN_DATABASE_URL)")
    p.set_defaults(handler=commands.serve)

    _add_token_commands(sub.add_parser("token", help="create, list and revoke API tokens"))
    return parser


def _add_token_commands(parser: argparse.ArgumentParser) -> None:
    from service import commands

    roles = ("reader", "uploader", "reviewer", "admin")
    sub = parser.add_subparsers(title="token commands", required=True, metavar="COMMAND")
    p = sub.add_parser("create", help="make a token and print its secret (shown only this once)")
    p.add_argument("--role", required=True, choices=roles, help="each role may also do what the ones before it may")
    p.add_argument("--name", required=True, help="who or what uses it; changes made with it are recorded under it")
    p.add_argument("--replace", action="store_true", help="revoke the active tokens of this name first")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: CONGVAN_DATABASE_URL)")
    p.set_defaults(handler=commands.token_create)
    p = sub.add_parser("list", help="list the tokens (never their secrets)")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: CONGVAN_DATABASE_URL)")
    p.set_defaults(handler=commands.token_list)
    p = sub.add_parser("revoke", help="refuse a token from now on")
    p.add_argument("id", type=int, metavar="ID", help="the token's id, from `congvan token list`")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: CONGVAN_DATABASE_URL)")
    p.set_defaults(handler=commands.token_revoke)


def print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
