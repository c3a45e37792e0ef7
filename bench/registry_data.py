"""The synthetic registry of ``bench.registry``: rows for every table, as ``registry.save`` would leave them.

    lexicon = load_lexicon()
    bodies = make_bodies(lexicon)                   # national bodies, and provinces × local bodies
    synth = Synthesizer(lexicon, bodies, seed=7)
    rows = synth.batch(first_id=1, count=1000)      # {"documents": [...], "targets": [...], ...}

Issuers are the national bodies and the provinces × local bodies of
``extract/data`` (provinces weighted 1/√rank, Ủy ban nhân dân and Liên đoàn Lao
động the commonest kinds); dates 2015-01-01 … 2026-11-13; texts of 150–400
syllables drawn by frequency from ``normalize``'s syllable model (its 8,000
commonest), with 1–5 directives, 0–6 targets, 0–4 achievements, 0–4 deadlines
and 0–4 citations a document, each written into the text where its span says.

Derived columns are filled as ``registry.save`` fills them: ``issuer_folded``
(``normalize.fold``), ``number_folded`` (``registry.number_key``), ``due_date``
(``registry.due_date``), the issuer's body, recipients (1–3 bodies, mostly of
the issuer's province), the bodies each directive is for (its recipients, as
``assign_directive_bodies`` falls back to), achievements linked to a target
of the same issuer (70 %, this or an earlier document), citations of loaded
documents linked (60 %), số đến counted per year of ngày đến, the handling
deadline. Deadlines before 2026-11-23 are met at 45 %; later ones at 5 %.
Ids are given here, so that rows can be inserted with ``executemany`` and no
RETURNING.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import registry
from normalize import fold, is_syllable, strip_tones

__all__ = [
    "ITEM_TABLES",
    "LOAD_ORDER",
    "METRICS",
    "TODAY",
    "BodyInfo",
    "Lexicon",
    "Synthesizer",
    "load_lexicon",
    "make_bodies",
]

ROOT = Path(__file__).resolve().parent.parent
EXTRACT_DATA = ROOT / "extract" / "data"
SYLLABLES = ROOT / "normalize" / "data" / "syllables.npz"
TODAY = dt.date(2026, 11, 23)
FIRST_DAY, LAST_DAY = dt.date(2015, 1, 1), dt.date(2026, 11, 13)
VIETNAM = registry.REGISTER_TIMEZONE
ITEM_TABLES = ("directives", "targets", "achievements", "deadlines", "referenced_documents")
LOAD_ORDER = ("uploads", "documents", *ITEM_TABLES, "document_recipients", "directive_bodies")
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
# Bodies every province has, and how often each kind issues (Sở … shares one weight per department).
LOCAL_KINDS = {
    "Ủy ban nhân dân": 25,
    "Liên đoàn Lao động": 15,
    "Hội đồng nhân dân": 4,
    "Tỉnh ủy": 6,
    "Công an": 3,
    "Cục Thuế": 2,
    "Bảo hiểm xã hội": 3,
    "Hội Liên hiệp Phụ nữ": 2,
    "Hội Nông dân": 2,
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": 2,
    "Sở ": 2,
}
METRICS = (  # metric, unit, low, high, comparator
    ("sáng kiến, cải tiến kỹ thuật", "sáng kiến", 100, 3000, ">="),
    ("đoàn viên công đoàn phát triển mới", "đoàn viên", 500, 20000, ">="),
    ("công đoàn cơ sở thành lập mới", "công đoàn cơ sở", 5, 200, ">="),
    ("tỷ lệ hộ nghèo", "%", 1, 15, "<="),
    ("tỷ lệ trẻ em được tiêm chủng đầy đủ", "%", 85, 99, ">="),
    ("tỷ lệ học sinh tốt nghiệp trung học phổ thông", "%", 90, 100, ">="),
    ("đường giao thông nông thôn được cứng hóa", "km", 20, 800, ">="),
    ("lao động được tạo việc làm mới", "người", 5000, 60000, ">="),
    ("doanh nghiệp thành lập mới", "doanh nghiệp", 100, 5000, ">="),
    ("tỷ lệ che phủ rừng", "%", 20, 65, ">="),
    ("người tham gia bảo hiểm xã hội", "người", 10000, 400000, ">="),
    ("thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 1000, 90000, ">="),
    ("xã đạt chuẩn nông thôn mới", "xã", 5, 150, ">="),
    ("hộ gia đình được sử dụng nước sạch", "%", 70, 100, ">="),
    ("trường đạt chuẩn quốc gia", "trường", 10, 400, ">="),
    ("tai nạn giao thông", "vụ", 50, 800, "<="),
    ("hồ sơ thủ tục hành chính giải quyết trực tuyến", "%", 30, 100, ">="),
    ("cán bộ được bồi dưỡng nghiệp vụ", "lượt", 100, 8000, ">="),
)
VERBS = ("Tổ chức", "Triển khai", "Tăng cường", "Chỉ đạo", "Rà soát", "Đẩy mạnh", "Phối hợp", "Kiểm tra")
DUTIES = ("báo cáo kết quả", "tổng hợp số liệu", "gửi đề xuất", "hoàn thành", "tổ chức sơ kết", "gửi danh sách")
LAWS = (("NĐ-CP", "Nghị định"), ("QĐ-TTg", "Quyết định"), ("TT-BTC", "Thông tư"), ("NQ-CP", "Nghị quyết"))


# The word lists


@dataclass(frozen=True, slots=True)
class Lexicon:
    syllables: np.ndarray
    """The 8,000 commonest Vietnamese syllables of the syllable model, as an object array."""
    weights: np.ndarray
    """Their unigram probabilities, normalised."""
    provinces: tuple[str, ...]
    local_kinds: tuple[str, ...]
    national: tuple[str, ...]
    surnames: tuple[str, ...]
    doc_types: tuple[tuple[str, str | None, str], ...]
    """(heading, symbol, type) from ``doc_types.jsonl``."""


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = (EXTRACT_DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_lexicon() -> Lexicon:
    with np.load(SYLLABLES) as model:
        vocabulary = bytes(model["vocabulary"]).decode("utf-8").split("\n")
        unigram = model["unigram"][: len(vocabulary)]
    ranked = sorted((i for i, s in enumerate(vocabulary) if is_syllable(s)), key=lambda i: -unigram[i])[:8000]
    weights = np.exp(unigram[ranked].astype(np.float64))
    names = [row["name"] for row in _jsonl("bodies.jsonl")]
    local = [n for n in names for kind in LOCAL_KINDS if n == kind or (kind.endswith(" ") and n.startswith(kind))]
    national = [n for n in names if n.startswith("Bộ ") or n.endswith(("Việt Nam", "Chính phủ", "Quốc hội", "tối cao"))]
    return Lexicon(
        syllables=np.array([vocabulary[i] for i in ranked], dtype=object),
        weights=weights / weights.sum(),
        provinces=tuple(r["name"] for r in _jsonl("provinces.jsonl") if r["name"] != "Việt Nam"),
        local_kinds=tuple(local),
        national=tuple(national),
        surnames=tuple(json.loads((EXTRACT_DATA / "surnames.json").read_text(encoding="utf-8"))["surnames"]),
        doc_types=tuple((r["heading"], r["symbol"], r["type"]) for r in _jsonl("doc_types.jsonl")),
    )


@dataclass(frozen=True, slots=True)
class BodyInfo:
    id: int
    name: str
    kind: str
    province: str | None


def local_name(kind: str, province: str) -> str:
    city = province in CITIES
    if kind == "Tỉnh ủy":
        return f"{'Thành ủy' if city else 'Tỉnh ủy'} {province}"
    return f"{kind} {'thành phố' if city else 'tỉnh'} {province}"


def make_bodies(lexicon: Lexicon) -> list[BodyInfo]:
    named = [(n, n, None) for n in lexicon.national]
    named += [(local_name(k, p), k, p) for p in lexicon.provinces for k in lexicon.local_kinds]
    return [BodyInfo(i, name, kind, province) for i, (name, kind, province) in enumerate(named, 1)]


def initials(name: str) -> str:
    """``Liên đoàn Lao động`` → ``LĐLĐ``, as document numbers abbreviate their issuer."""
    return strip_tones("".join(word[0] for word in name.split() if word[0].isalpha())).upper()


# The documents


class _Text:
    """A document's text, written line by line; each line's provenance is where it lies."""

    def __init__(self, rng: random.Random) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.rng = rng

    def add(self, line: str, page: int = 1) -> dict[str, Any]:
        start = self.length
        self.parts.append(line)
        self.length += len(line) + 1
        confidence = round(self.rng.uniform(0.7, 0.99), 3)
        return {"start": start, "end": start + len(line), "confidence": confidence, "page": page, "bbox": None}

    def value(self) -> str:
        return "\n".join(self.parts)


class Synthesizer:
    """Rows for every table, batch after batch, with ids given here and links to earlier documents."""

    def __init__(self, lexicon: Lexicon, bodies: list[BodyInfo], seed: int) -> None:
        self.lex, self.bodies = lexicon, bodies
        self.rng, self.np_rng = random.Random(seed), np.random.default_rng(seed)
        self.by_place = {(b.kind, b.province): b for b in bodies}
        self.national = [b for b in bodies if b.province is None]
        provinces = list(lexicon.provinces)
        self.rng.shuffle(provinces)
        self.provinces, self.province_weights = provinces, [1 / (rank + 1) ** 0.5 for rank in range(len(provinces))]
        self.kinds = list(lexicon.local_kinds)
        self.kind_weights = [LOCAL_KINDS.get(k, LOCAL_KINDS["Sở "]) for k in self.kinds]
        self.last_id = dict.fromkeys(ITEM_TABLES, 0)
        self.cited: list[tuple[int, str, dt.date, str, str]] = []
        self.targets_of: dict[int, list[dict[str, Any]]] = {}
        self.incoming: dict[int, int] = {}

    def batch(self, first_id: int, count: int) -> dict[str, list[dict[str, Any]]]:
        lengths = [self.rng.randint(150, 400) for _ in range(count)]
        drawn = self.np_rng.choice(len(self.lex.syllables), size=sum(lengths), p=self.lex.weights)
        words = self.lex.syllables[drawn].tolist()
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in LOAD_ORDER}
        at = 0
        for offset, length in enumerate(lengths):
            self._document(first_id + offset, words[at : at + length], rows)
            at += length
        return rows

    def _issuer(self) -> BodyInfo:
        if self.rng.random() < 0.08:
            return self.rng.choice(self.national)
        province = self.rng.choices(self.provinces, self.province_weights)[0]
        return self.by_place[(self.rng.choices(self.kinds, self.kind_weights)[0], province)]

    def _prose(self, words: list[str]) -> list[str]:
        sentences, at = [], 0
        while at < len(words):
            size = self.rng.randint(8, 20)
            chunk = words[at : at + size]
            sentences.append(" ".join([chunk[0].capitalize(), *chunk[1:]]) + ".")
            at += size
        return [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]

    def _item(self, rows: dict[str, list[dict[str, Any]]], table: str, key: tuple[int, int], where: dict) -> dict:
        """A row of an item table: its id, its (document, position) ``key``, its span."""
        self.last_id[table] += 1
        row = {
            "id": self.last_id[table],
            "document_id": key[0],
            "position": key[1],
            "span_start": where["start"],
            "span_end": where["end"],
            "page": where["page"],
            "confidence": where["confidence"],
        }
        rows[table].append(row)
        return row

    def _document(self, doc_id: int, words: list[str], rows: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng
        issuer = self._issuer()
        heading, symbol, doc_type = rng.choice(self.lex.doc_types)
        date = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        abbr = initials(issuer.kind if issuer.province else issuer.name)
        number = f"{rng.randint(1, 2500)}/{symbol}-{abbr}" if symbol else f"{rng.randint(1, 2500)}/{abbr}-VP"
        parent = f"Ủy ban nhân dân tỉnh {issuer.province}" if issuer.kind.startswith("Sở ") else None
        page = _Text(rng)
        where = {"issuer": page.add(issuer.name.upper()), "number": page.add(f"Số: {number}")}
        where["place"] = page.add(f"{issuer.province or 'Hà Nội'}, ngày {date.day} tháng {date.month} năm {date.year}")
        where["doc_type"] = page.add(heading)
        metric = rng.choice(METRICS)[0]
        subject = f"V/v triển khai {metric} năm {date.year}"
        where["subject"] = page.add(subject)
        for paragraph in self._prose(words):
            page.add(paragraph)
        recipients = self._recipients(issuer)
        record: dict[str, Any] = {
            "doc_type": doc_type,
            "number": number,
            "issuer": issuer.name,
            "parent_issuer": parent,
            "place": issuer.province,
            "date": date.isoformat(),
            "subject": subject,
            "signer_name": None,
            "signer_title": "Chủ tịch" if "nhân dân" in issuer.kind else "Giám đốc",
            "recipients": [{"text": b.name, "provenance": page.add(f"- {b.name};", 2)} for b in recipients],
            "cc": [{"text": "Lưu: VT", "provenance": page.add("- Lưu: VT.", 2)}],
            "directives": self._directives(rows, doc_id, page, recipients),
            "referenced_documents": self._citations(rows, doc_id, page),
            "targets": self._targets(rows, doc_id, page, issuer, date),
        }
        record["achievements"] = self._achievements(rows, doc_id, page, issuer, record["targets"])
        record["deadlines"] = self._deadlines(rows, doc_id, page, date)
        signer = f"{rng.choice(self.lex.surnames)} Văn {rng.choice(self.lex.syllables[:300]).capitalize()}"
        where["signer_name"] = page.add(signer, 2)
        record["signer_name"], record["contacts"], record["provenance"] = signer, [], where
        body = page.value()
        self._rows(rows, doc_id, issuer, record, body, recipients)
        self.cited.append((doc_id, number, date, heading.capitalize(), issuer.name))

    def _recipients(self, issuer: BodyInfo) -> list[BodyInfo]:
        if issuer.province is None:
            return self.rng.sample(self.bodies, self.rng.randint(1, 3))
        kinds = self.rng.sample(self.kinds, self.rng.randint(1, 3))
        return [self.by_place[(k, issuer.province)] for k in kinds if k != issuer.kind] or [self.national[0]]

    def _directives(self, rows: dict, doc_id: int, page: _Text, recipients: list[BodyInfo]) -> list[dict]:
        out = []
        for position in range(self.rng.randint(1, 5)):
            words = " ".join(self.rng.choices(self.lex.syllables[:2000], k=self.rng.randint(6, 15)))
            line = f"{self.rng.choice(VERBS)} {words}"
            where = page.add(f"- {line}.")
            row = self._item(rows, "directives", (doc_id, position), where)
            row["text"] = line
            assigned = self.rng.sample(recipients, min(len(recipients), self.rng.randint(1, 2)))
            rows["directive_bodies"] += [{"directive_id": row["id"], "body_id": b.id} for b in assigned]
            out.append({"text": line, "provenance": where})
        return out

    def _targets(self, rows: dict, doc_id: int, page: _Text, issuer: BodyInfo, date: dt.date) -> list[dict]:
        out = []
        chosen = self.rng.sample(METRICS, self.rng.randint(0, 6))
        for position, (metric, unit, low, high, comparator) in enumerate(chosen):
            value = float(round(self.rng.uniform(low, high)))
            period = f"năm {date.year + 1}" if self.rng.random() < 0.6 else f"giai đoạn {date.year}–{date.year + 4}"
            scope = issuer.province and local_name("", issuer.province).strip()
            where = page.add(f"Phấn đấu {metric} {'đạt' if comparator == '>=' else 'dưới'} {value:g} {unit}.")
            row = self._item(rows, "targets", (doc_id, position), where)
            fields = {"metric": metric, "value": value, "unit": unit, "scope": scope, "period": period}
            row.update(fields, comparator=comparator)
            self.targets_of.setdefault(issuer.id, []).append(row)
            out.append({**fields, "provenance": where, "comparator": comparator})
        return out

    def _achievements(self, rows: dict, doc_id: int, page: _Text, issuer: BodyInfo, own: list[dict]) -> list[dict]:
        """Most report against a target of the issuer's, from this document or an earlier one."""
        out, earlier = [], self.targets_of.get(issuer.id, [])[-40:]
        for position in range(self.rng.randint(0, 4)):
            target = self.rng.choice(earlier) if earlier and self.rng.random() < 0.7 else None
            metric, unit, low, high, _ = self.rng.choice(METRICS)
            if target is not None:
                metric, unit = target["metric"], target["unit"]
                value = float(round(target["value"] * self.rng.uniform(0.6, 1.3)))
            else:
                value = float(round(self.rng.uniform(low, high)))
            percent = round(value / target["value"] * 100, 1) if target and target["value"] else None
            period = target["period"] if target else None
            where = page.add(f"Kết quả: {metric} đạt {value:g} {unit}.")
            row = self._item(rows, "achievements", (doc_id, position), where)
            fields = {"metric": metric, "value": value, "unit": unit, "percent_of_target": percent, "who": None}
            row.update(fields, period=period, target_id=target["id"] if target else None)
            out.append({**fields, "period": period, "provenance": where})
        return out

    def _deadlines(self, rows: dict, doc_id: int, page: _Text, date: dt.date) -> list[dict]:
        out = []
        for position in range(self.rng.randint(0, 4)):
            due = date + dt.timedelta(days=self.rng.randint(7, 540))
            start = end = None
            shape = self.rng.random()
            if shape < 0.6:
                iso, raw = due.isoformat(), f"trước ngày {due.day}/{due.month}/{due.year}"
            elif shape < 0.85:
                iso, raw = f"{due.year}-{due.month:02d}", f"trong tháng {due.month}/{due.year}"
            elif shape < 0.9:
                iso, raw = str(due.year), f"trong năm {due.year}"
            else:
                iso, start, end = None, (date + dt.timedelta(days=3)).isoformat(), due.isoformat()
                raw = f"từ ngày {date.day}/{date.month}/{date.year} đến ngày {due.day}/{due.month}/{due.year}"
            what = self.rng.choice(DUTIES)
            where = page.add(f"Thời hạn {what}: {raw}.")
            due_date = registry.due_date(end or iso)
            met = self.rng.random() < (0.45 if due_date and due_date < TODAY else 0.05)
            row = self._item(rows, "deadlines", (doc_id, position), where)
            row.update(what=what, raw=raw, date_iso=iso, start_iso=start, end_iso=end, due_date=due_date)
            row["status"] = "met" if met else "open"
            out.append({"what": what, "raw": raw, "provenance": where, "date": iso, "start": start, "end": end})
        return out

    def _citations(self, rows: dict, doc_id: int, page: _Text) -> list[dict]:
        out = []
        for position in range(self.rng.randint(0, 4)):
            if self.cited and self.rng.random() < 0.6:
                cited_id, number, date, kind, issuer = self.rng.choice(self.cited)
            else:
                symbol, kind = self.rng.choice(LAWS)
                date = dt.date(self.rng.randint(2010, 2024), self.rng.randint(1, 12), self.rng.randint(1, 28))
                cited_id, number, issuer = None, f"{self.rng.randint(1, 200)}/{date.year}/{symbol}", "Chính phủ"
            where = page.add(f"Căn cứ {kind} số {number} ngày {date.day}/{date.month}/{date.year} của {issuer};")
            row = self._item(rows, "referenced_documents", (doc_id, position), where)
            row.update(number=number, date=date, type=kind, issuer=issuer, number_folded=registry.number_key(number))
            row["cited_document_id"] = cited_id
            fields = {"number": number, "date": date.isoformat(), "type": kind, "issuer": issuer}
            out.append({**fields, "provenance": where})
        return out

    def _rows(self, rows: dict, doc_id: int, issuer: BodyInfo, record: dict, body: str, recipients: list) -> None:
        """The upload and the document, with the register's columns as ``register_incoming`` gives them."""
        date = dt.date.fromisoformat(record["date"])
        local = dt.datetime.combine(date + dt.timedelta(days=self.rng.randint(0, 10)), dt.time(7), tzinfo=VIETNAM)
        received = (local + dt.timedelta(minutes=self.rng.randint(0, 600))).astimezone(dt.UTC)
        year = received.astimezone(VIETNAM).year
        self.incoming[year] = self.incoming.get(year, 0) + 1
        sha = hashlib.sha256(f"bench-{doc_id}".encode()).hexdigest()
        rows["uploads"].append(
            {
                "id": doc_id,
                "sha256": sha,
                "filename": f"{record['number'].replace('/', '-')}.pdf",
                "media_type": "application/pdf",
                "size_bytes": self.rng.randint(50_000, 2_000_000),
                "stored_path": f"{sha[:2]}/{sha}.pdf",
                "status": "done",
                "created_at": received,
                "updated_at": received,
            }
        )
        dues = [due for d in record["deadlines"] if (due := registry.due_date(d["end"] or d["date"]))]
        status = self.rng.choices(["done", "in_progress", "pending"], [8, 1, 1])[0]
        rows["documents"].append(
            {
                "id": doc_id,
                "upload_id": doc_id,
                "doc_type": record["doc_type"],
                "number": record["number"],
                "issuer": issuer.name,
                "issuer_folded": fold(issuer.name),
                "parent_issuer": record["parent_issuer"],
                "place": record["place"],
                "date": date,
                "subject": record["subject"],
                "signer_name": record["signer_name"],
                "signer_title": record["signer_title"],
                "page_count": 2,
                "ocr_engine": "tesseract",
                "ocr_confidence": round(self.rng.uniform(0.85, 0.99), 4),
                "ocr_text": body,
                "text": body,
                "record": record,
                "created_at": received,
                "updated_at": received,
                "issuer_body_id": issuer.id,
                "number_folded": registry.number_key(record["number"]),
                "incoming_year": year,
                "incoming_number": self.incoming[year],
                "received_at": received,
                "processing_status": status,
                "handling_deadline": min(dues, default=None),
            }
        )
        rows["document_recipients"] += [
            {"document_id": doc_id, "body_id": b.id} for b in {b.id: b for b in recipients}.values()
        ]
