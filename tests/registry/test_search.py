"""Full-text search: accent- and tone-style-blind, filtered, ranked, with highlighted snippets, on both backends."""

from __future__ import annotations

import datetime as dt
import importlib
import unicodedata
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import registry
from extract.types import DocType, Value
from registry._migrate import alembic_config, migration_engine
from registry._search_text import Terms, highlight, words
from tests.registry.factories import LAI_CHAU, letter, make_extraction, store, where

search_module = importlib.import_module("registry.search")  # ``registry.search`` is the function

LAI_CHAU_TEXT = (
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU\nSố: 960/LĐLĐ\nV/v tiếp tục thực hiện giai đoạn 2 Chương trình 01 triệu "
    "sáng kiến\nChương trình đã đạt mục tiêu 1.200 sáng kiến trước 20 ngày và kết thúc giai đoạn 1 với 1.775 "
    "sáng kiến, đạt 148% chỉ tiêu đề ra; tiêu biểu là Liên đoàn Lao động huyện Than Uyên. Đ/c Hòa phụ trách."
)
QUANG_TRI_TEXT = (
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1378/SGDĐT-VP\nV/v triển khai phần mềm quản lý hồ sơ công việc năm học "
    "2024-2025. Rà soát danh sách cán bộ, giáo viên sử dụng phần mềm trước ngày 20/9/2024."
)


def _save(session: Session, storage_dir: Path, data: bytes, body: str, **fields: object) -> registry.Document:
    extraction = letter(**fields) if fields.pop("bare", False) else make_extraction(**fields)
    document = registry.save(
        session,
        store(session, storage_dir, data),
        extraction,
        ocr_text=body,
        text=body,
        page_count=1,
        ocr_engine="tesseract",
        ocr_confidence=0.9,
    )
    session.commit()
    return document


@pytest.fixture
def two_letters(session: Session, storage_dir: Path) -> tuple[registry.Document, registry.Document]:
    laichau = _save(session, storage_dir, b"laichau", LAI_CHAU_TEXT)
    quangtri = _save(
        session,
        storage_dir,
        b"quangtri",
        QUANG_TRI_TEXT,
        bare=True,
        issuer="Sở Giáo dục và Đào tạo tỉnh Quảng Trị",
        doc_type=Value(DocType.KE_HOACH, where()),
        number=Value("1378/SGDĐT-VP", where()),
        date=Value(dt.date(2024, 9, 9), where()),
        subject=Value("triển khai phần mềm quản lý hồ sơ công việc", where()),
    )
    return laichau, quangtri


def _ids(session: Session, q: str, **filters: object) -> list[int]:
    hits, total = registry.search(session, q, **filters)  # type: ignore[arg-type]
    assert total == len(hits)
    return [h.document_id for h in hits]


def test_lai_chau_sang_kien_without_accents_finds_the_letter(session: Session, two_letters: tuple) -> None:
    laichau, _ = two_letters
    hits, total = registry.search(session, "lai chau sang kien")
    assert total == 1
    (hit,) = hits
    assert (hit.document_id, hit.number, hit.issuer, hit.date) == (
        laichau.id,
        "960/LĐLĐ",
        LAI_CHAU,
        dt.date(2022, 6, 24),
    )
    assert hit.subject == "tiếp tục thực hiện giai đoạn 2" and hit.score > 0
    assert "TỈNH <mark>LAI</mark> <mark>CHÂU</mark> Số: 960/LĐLĐ" in hit.snippet
    assert "01 triệu <mark>sáng</mark> <mark>kiến</mark>" in hit.snippet


def test_a_search_leaves_the_planner_settings_as_it_found_them(
    backend: str, session: Session, two_letters: tuple
) -> None:
    """PostgreSQL has sequential scans off during a search only (``_Postgres.index_only``)."""
    if backend == "postgresql":
        session.execute(text("SET enable_seqscan = off"))
        registry.search(session, "lai chau")
        assert session.scalar(text("SHOW enable_seqscan")) == "off"
        session.execute(text("SET enable_seqscan = on"))
    registry.search(session, "lai chau", issuer="lai chau", date_from=dt.date(2000, 1, 1))
    if backend == "postgresql":
        assert session.scalar(text("SHOW enable_seqscan")) == "on"


def test_every_word_must_match(session: Session, two_letters: tuple) -> None:
    assert _ids(session, "lai chau phan mem") == []
    assert _ids(session, "phần mềm") == [two_letters[1].id]


@pytest.mark.parametrize("q", ["hòa", "hoà", "HOA", "Hoà", "hoa"])
def test_both_tone_styles_and_no_accents_find_hoa(session: Session, two_letters: tuple, q: str) -> None:
    assert _ids(session, q) == [two_letters[0].id]


@pytest.mark.parametrize("q", ["doan", "ĐOÀN", "Đoàn", "dao tao", "ĐÀO TẠO"])
def test_d_and_dj_are_one_letter(session: Session, two_letters: tuple, q: str) -> None:
    expected = {"doan": 0, "ĐOÀN": 0, "Đoàn": 0, "dao tao": 1, "ĐÀO TẠO": 1}[q]
    assert _ids(session, q) == [two_letters[expected].id]


def test_numbers_match_with_or_without_separators_and_leading_zeros(session: Session, two_letters: tuple) -> None:
    laichau, quangtri = two_letters
    assert _ids(session, "1.775") == _ids(session, "1775") == [laichau.id]
    assert _ids(session, "01 trieu") == _ids(session, "1 trieu") == [laichau.id]
    assert _ids(session, "960/LĐLĐ") == _ids(session, "960 ldld") == [laichau.id]
    assert _ids(session, "20/9/2024") == [quangtri.id]
    assert _ids(session, "9/20/2024") == []  # the parts of a typed word stand in a row


def test_fields_are_searched_not_only_the_text(session: Session, storage_dir: Path) -> None:
    document = _save(session, storage_dir, b"x", "Kính gửi các đơn vị.")  # items from make_extraction
    assert _ids(session, "tap trung truyen thong") == [document.id]  # a directive
    assert _ids(session, "tiep tuc giai doan") == [document.id]  # the subject
    assert _ids(session, "LĐLĐ") == [document.id]  # the number
    hit = registry.search(session, "truyen thong")[0][0]
    assert hit.snippet == "Tập trung <mark>truyền</mark> <mark>thông</mark>"


def test_filters_narrow_by_issuer_type_and_date(session: Session, two_letters: tuple) -> None:
    laichau, quangtri = two_letters
    assert _ids(session, "so", issuer="lai chau") == [laichau.id]
    assert _ids(session, "so", issuer="Quảng Tr") == [quangtri.id]  # the last word is a prefix
    assert _ids(session, "so", issuer="quang chau") == []
    assert _ids(session, "so", doc_type="ke_hoach") == [quangtri.id]
    assert _ids(session, "so", doc_type="cong_van") == [laichau.id]
    assert _ids(session, "so", date_from=dt.date(2024, 9, 9)) == [quangtri.id]  # inclusive
    assert _ids(session, "so", date_to=dt.date(2022, 6, 24)) == [laichau.id]
    assert _ids(session, "so", date_from=dt.date(2022, 6, 25), date_to=dt.date(2024, 9, 8)) == []
    assert _ids(session, "so", date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31)) == [laichau.id]
    assert _ids(session, "so", date_from=dt.date(2025, 1, 1), date_to=dt.date(2020, 1, 1)) == []
    both = _ids(session, "so", issuer="tinh", date_from=dt.date(2020, 1, 1), date_to=dt.date(2030, 12, 31))
    assert sorted(both) == sorted([laichau.id, quangtri.id])


def test_an_undated_document_is_left_out_by_a_date_filter(session: Session, storage_dir: Path) -> None:
    document = _save(session, storage_dir, b"x", "Thông báo lịch họp", bare=True)
    assert _ids(session, "lich hop") == [document.id]
    assert _ids(session, "lich hop", date_to=dt.date(2100, 1, 1)) == []


def test_a_match_in_the_subject_ranks_above_one_in_the_text(session: Session, storage_dir: Path) -> None:
    in_text = _save(
        session,
        storage_dir,
        b"a",
        "Báo cáo tháng. Nội dung khác, có nhắc đến an toàn giao thông một lần trong nhiều việc khác nhau.",
        bare=True,
        subject=Value("báo cáo tháng", where()),
    )
    in_subject = _save(
        session,
        storage_dir,
        b"b",
        "Kế hoạch bảo đảm an toàn giao thông dịp Tết.",
        bare=True,
        subject=Value("bảo đảm an toàn giao thông", where()),
    )
    hits, total = registry.search(session, "an toan giao thong")
    assert total == 2
    assert [h.document_id for h in hits] == [in_subject.id, in_text.id]
    assert hits[0].score > hits[1].score


def test_the_snippet_marks_the_accented_words_and_escapes_html(session: Session, storage_dir: Path) -> None:
    body = "Mở đầu. " + " ".join(f"từ{i}" for i in range(40)) + " <b>Lai Châu</b> & 1.775 sáng kiến. " + "cuối " * 30
    _save(session, storage_dir, b"x", body)
    (hit,), _ = registry.search(session, "lai chau sang kien")
    assert (
        "&lt;b&gt;<mark>Lai</mark> <mark>Châu</mark>&lt;/b&gt; &amp; 1.775 <mark>sáng</mark> <mark>kiến</mark>"
        in hit.snippet
    )
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    assert "<b>" not in hit.snippet and len(hit.snippet.split()) <= 32


def test_processing_again_replaces_the_entry(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir, b"x")
    for body in ("Bản cũ nói về lũ lụt.", "Bản mới nói về hạn hán."):
        registry.save(
            session, upload, make_extraction(), ocr_text=body, text=body, page_count=1, ocr_engine="t", ocr_confidence=1
        )
        registry.save(
            session, upload, make_extraction(), ocr_text=body, text=body, page_count=1, ocr_engine="t", ocr_confidence=1
        )
        session.commit()
    assert _ids(session, "lai chau") == [upload.document.id]
    assert _ids(session, "lu lut") == [] and _ids(session, "han han") == [upload.document.id]
    entries = session.scalar(text(f"SELECT count(*) FROM {search_module.INDEX_TABLE}"))
    assert entries == 1


def test_a_correction_is_searchable_at_once(session: Session, storage_dir: Path) -> None:
    document = _save(session, storage_dir, b"x", "Nội dung.")
    registry.correct_document(session, document, "subject", "phòng chống dịch bệnh", "văn thư")
    session.commit()
    assert _ids(session, "phong chong dich") == [document.id]
    assert _ids(session, "tiep tuc giai doan") == []


def test_deleting_a_document_deletes_its_entry(session: Session, storage_dir: Path, two_letters: tuple) -> None:
    laichau, quangtri = two_letters
    session.delete(laichau)
    session.commit()
    assert _ids(session, "so") == [quangtri.id]
    assert session.scalar(text(f"SELECT count(*) FROM {search_module.INDEX_TABLE}")) == 1
    search_module.remove_document(session, quangtri.id)
    assert _ids(session, "so") == []


@pytest.mark.parametrize("q", ["", "   ", "*", '"', "- * ( ) : ^ + ?", "…", "''", "%_\\"])
def test_a_query_without_words_finds_nothing(session: Session, two_letters: tuple, q: str) -> None:
    assert registry.search(session, q) == ([], 0)


@pytest.mark.parametrize(
    "q",
    [
        "lai' chau",
        'lai" chau',
        "lai*  chau",
        "-lai chau",
        "lai NOT chau",
        "lai OR xyz chau",
        "NEAR(lai chau)",
        "lai AND chau",
        "{body}: lai chau",
        "lai:* & chau",
        "lai'); DROP TABLE documents; -- chau",
        "lai <-> chau | !x",
        "lai\\ chau%",
    ],
)
def test_sql_and_query_syntax_in_q_are_plain_words(session: Session, two_letters: tuple, q: str) -> None:
    hits, total = registry.search(session, q)
    extra = {w for w in words(q)} - {"lai", "chau"}
    assert total == (0 if extra else 1), q
    assert session.scalar(select(func.count()).select_from(registry.Document)) == 2


def test_operator_words_are_searched_as_words(session: Session, storage_dir: Path) -> None:
    document = _save(session, storage_dir, b"x", "Not and or near: bốn từ tiếng Anh.")
    assert _ids(session, "NOT and OR NEAR") == [document.id]


def test_prefix_matches_the_start_of_the_last_word_only_when_asked(session: Session, two_letters: tuple) -> None:
    laichau, _ = two_letters
    assert _ids(session, "sang kie") == []
    assert _ids(session, "sang kie", prefix=True) == [laichau.id]
    assert _ids(session, "kie sang", prefix=True) == []
    # A whole syllable starts others: without prefix, "hoa" is not "hoạch" nor "hoàn".
    assert _ids(session, "ke hoa") == []


def test_pages_follow_the_ranking(session: Session, storage_dir: Path) -> None:
    for i in range(5):
        _save(session, storage_dir, f"{i}".encode(), f"Báo cáo số {i}: " + "sáng kiến " * (i + 1), bare=True)
    everything, total = registry.search(session, "sang kien", limit=50)
    assert total == 5
    pages = [registry.search(session, "sang kien", limit=2, offset=o)[0] for o in (0, 2, 4)]
    assert [h.document_id for page in pages for h in page] == [h.document_id for h in everything]
    assert registry.search(session, "sang kien", limit=2, offset=5) == ([], 5)


def test_past_the_rank_window_older_matches_follow_newest_first(
    session: Session, storage_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [_save(session, storage_dir, f"{i}".encode(), "sáng kiến " * (5 - i), bare=True) for i in range(5)]
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    ids = [d.id for d in documents]
    ranked = _ids(session, "sang kien")
    assert set(ranked[:2]) == {ids[3], ids[4]}  # the two newest, by score
    assert ranked[2:] == [ids[2], ids[1], ids[0]]
    pages = [registry.search(session, "sang kien", limit=2, offset=o)[0] for o in (0, 2, 4)]
    assert [h.document_id for page in pages for h in page] == ranked


def test_a_query_matching_more_than_the_count_limit_lists_newest_first_with_the_total_capped(
    session: Session, storage_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [_save(session, storage_dir, f"{i}".encode(), "sáng kiến " * (4 - i), bare=True) for i in range(4)]
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 2)
    hits, total = registry.search(session, "sang kien")
    assert total == 3  # "more than 2"
    assert [h.document_id for h in hits] == [d.id for d in reversed(documents)]


def test_a_registry_migrated_from_0003_is_indexed(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("postgres_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    arrived = "2024-05-01 03:00:00" + ("+00" if backend == "postgresql" else "")  # as each stores UTC
    engine = migration_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(
            text(
                "INSERT INTO uploads (id, sha256, filename, media_type, size_bytes, stored_path, status, created_at,"
                " updated_at) VALUES (1, 'ab', 'a.pdf', 'application/pdf', 1, 'ab/ab.pdf', 'done', :t, :t)"
            ),
            {"t": arrived},
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, upload_id, doc_type, number, issuer, date, page_count, ocr_engine,"
                " ocr_confidence, ocr_text, text, record, created_at, updated_at) VALUES (1, 1, 'cong_van',"
                " '960/LĐLĐ', 'LĐLĐ tỉnh Lai Châu', :d, 1, 'x', 1, '', 'Kính gửi.', '{}', :t, :t)"
            ),
            {"t": arrived, "d": "2022-06-24"},
        )
        connection.execute(
            text(
                "INSERT INTO directives (id, document_id, position, text, span_start, span_end, confidence)"
                " VALUES (1, 1, 0, 'Tổ chức hội thi sáng kiến', 0, 1, 1)"
            )
        )
    engine.dispose()
    registry.upgrade(url)
    engine = registry.make_engine(url)
    with Session(engine) as session:
        assert _ids(session, "hoi thi sang kien", issuer="lai chau", doc_type="cong_van") == [1]
        assert _ids(session, "960/ldld", date_from=dt.date(2022, 6, 1), date_to=dt.date(2022, 6, 30)) == [1]
    engine.dispose()


# Snippets, without a database


def _terms(q: str, prefix: bool = False) -> Terms:
    return Terms([tuple(words(typed)) for typed in q.split()], prefix=prefix)


def test_a_decomposed_text_is_marked_whole_word_by_word() -> None:
    composed = "Đ/c Hòa ở tỉnh Lai Châu đã có 1.775 sáng kiến."
    decomposed = unicodedata.normalize("NFD", composed)
    snippet = highlight([decomposed], _terms("lai chau hoa 1.775"))
    assert unicodedata.normalize("NFC", snippet) == (
        "Đ/c <mark>Hòa</mark> ở tỉnh <mark>Lai</mark> <mark>Châu</mark> đã có <mark>1.775</mark> sáng kiến."
    )


def test_dj_and_letters_that_fold_to_other_lengths_keep_their_place() -> None:
    snippet = highlight(["ĐOÀN İstanbul ǅ \u0301đoàn đoàn\u0300"], _terms("doan istanbul"))
    assert snippet == "<mark>ĐOÀN</mark> <mark>İstanbul</mark> ǅ \u0301<mark>đoàn</mark> <mark>đoàn\u0300</mark>"


def test_the_window_holds_the_most_query_words() -> None:
    body = "sáng kiến ở đầu. " + "chữ " * 50 + "Lai Châu có nhiều sáng kiến. " + "chữ " * 50
    snippet = highlight([body], _terms("lai chau sang kien"))
    assert "<mark>Lai</mark> <mark>Châu</mark> có nhiều <mark>sáng</mark> <mark>kiến</mark>." in snippet
    assert snippet.startswith("… chữ") and snippet.endswith("chữ …")


def test_without_a_match_the_snippet_is_the_opening_words() -> None:
    assert highlight(["", "Một hai ba."], _terms("xyz")) == "Một hai ba."
    assert highlight([], _terms("xyz")) == ""


def test_a_compound_is_marked_only_where_it_is_written_as_one() -> None:
    snippet = highlight(["Số 960 LĐLĐ, theo 960/LĐLĐ."], _terms("960/LĐLĐ"))
    assert snippet == "Số 960 LĐLĐ, theo <mark>960/LĐLĐ</mark>."
