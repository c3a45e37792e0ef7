"""Exports end to end: letters through the real pipeline, then CSV, XLSX and the iCalendar feed.

The registry is filled once per module and database (a scanned letter and
three sample letters as text), and every export is checked against the JSON
lists, which read the same rows by another path.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import icalendar
import openpyxl
import pytest
from fastapi.testclient import TestClient

import registry
from samples.render import letter_text, load_letter
from service import pipeline
from service.api import create_app, exports
from service.api.ical import event_days
from service.database import session_factory
from service.settings import Settings
from tests.service.databases import module_settings
from tests.service.tokens import bearer

KINDS = ("targets", "achievements", "deadlines")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_LETTERS = ("kehoach-45-KH-UBND-2023", "hanoi-31-LDLD-2022", "laichau-960-LDLD-2022")
# Columns whose CSV text is the JSON value as it is.
TEXT_FIELDS = {
    "targets": ("metric", "comparator", "unit", "scope", "period"),
    "achievements": ("metric", "unit", "who", "period"),
    "deadlines": ("what", "raw", "date", "start", "end", "due_date"),
}


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """Module-scoped here, so that the letters are processed once per database, not once per test."""
    return request.param


@pytest.fixture(scope="module")
def settings(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    yield from module_settings(backend, request, tmp_path_factory, "exports")


@pytest.fixture(scope="module")
def client(settings: Settings, unseen_pdf: Path, samples_dir: Path) -> Iterator[TestClient]:
    uploads = [(unseen_pdf.name, unseen_pdf.read_bytes())]
    for name in TEXT_LETTERS:
        text = letter_text(load_letter(samples_dir / "letters" / f"{name}.json"))
        uploads.append((f"{name}.txt", text.encode()))
    with TestClient(create_app(settings), headers=bearer(settings, "uploader")) as client:
        for filename, data in uploads:
            accepted = client.post("/api/v1/documents", files={"file": (filename, data)}).json()
            assert client.get(accepted["links"]["job"]).json()["status"] == "done", filename
        yield client


def _listed(client: TestClient, kind: str, **params: Any) -> list[dict[str, Any]]:
    body = client.get(f"/api/v1/{kind}", params={"limit": 500, **params}).json()
    assert body["total"] == len(body["items"])
    return body["items"]


def _csv(client: TestClient, kind: str, **params: Any) -> list[dict[str, str]]:
    response = client.get(f"/api/v1/{kind}.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="{kind}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def _xlsx(client: TestClient, kind: str, **params: Any) -> Any:
    response = client.get(f"/api/v1/{kind}.xlsx", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == f'attachment; filename="{kind}.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _events(client: TestClient, **params: Any) -> list[Any]:
    response = client.get("/api/v1/deadlines.ics", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # folded in octets
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_one_row_per_listed_item_with_its_document_and_provenance(client: TestClient, kind: str) -> None:
    items = _listed(client, kind)
    rows = _csv(client, kind)
    assert items and len(rows) == len(items)
    documents = {d["id"]: d for d in client.get("/api/v1/documents").json()["items"]}
    for row, item in zip(rows, items, strict=True):
        document = documents[item["document_id"]]
        assert int(row["document_id"]) == document["id"]
        assert (row["document_number"], row["document_date"], row["issuer"]) == (
            document["number"],
            document["date"],
            document["issuer"],
        )
        for name in TEXT_FIELDS[kind]:
            assert row[name] == (item[name] or ""), name
        if kind != "deadlines":
            assert float(row["value"]) == item["value"]
        assert int(row["page"]) == item["provenance"]["page"]
        assert float(row["confidence"]) == item["provenance"]["confidence"]


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_holds_the_csv_rows_with_real_dates_under_a_bold_frozen_header(client: TestClient, kind: str) -> None:
    rows = _csv(client, kind)
    sheet = _xlsx(client, kind)
    header, *cells = list(sheet.iter_rows())
    assert [cell.value for cell in header] == list(rows[0])
    assert all(cell.font.b for cell in header)
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width >= 30  # the item's text, not Excel's default 8.43
    assert len(cells) == len(rows)
    for row, line in zip(rows, cells, strict=True):
        for cell in line:
            expected = row[header[cell.column - 1].value]
            if cell.is_date:
                assert cell.value.date().isoformat() == expected
                assert cell.number_format == "dd/mm/yyyy"  # as dates are written in Vietnam
            elif isinstance(cell.value, int | float):
                assert cell.value == float(expected)
            else:
                assert (cell.value or "") == expected
    date_columns = {"document_date"} | ({"due_date"} if kind == "deadlines" else set())
    for cell in header:
        if cell.value in date_columns:
            assert all(line[cell.column - 1].is_date for line in cells if line[cell.column - 1].value is not None)


def test_ics_has_one_all_day_event_per_deadline(client: TestClient) -> None:
    deadlines = _listed(client, "deadlines")
    events = _events(client)
    dated = [d for d in deadlines if d["due_date"] or d["start"]]
    assert dated and len(events) == len(dated)
    assert len({str(event["UID"]) for event in events}) == len(events)
    documents = {d["id"]: d for d in client.get("/api/v1/documents").json()["items"]}
    for event, deadline in zip(events, dated, strict=True):
        first, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(first) is dt.date and type(end) is dt.date  # all-day, not a time of day
        last = dt.date.fromisoformat(deadline["due_date"] or deadline["start"])
        assert end - dt.timedelta(days=1) == last
        assert first == (dt.date.fromisoformat(deadline["start"]) if deadline["start"] else last)
        assert str(event["SUMMARY"]) == deadline["what"]
        description = str(event["DESCRIPTION"])
        document = documents[deadline["document_id"]]
        assert document["number"] in description and document["issuer"] in description
        assert deadline["raw"] in description
        assert str(event["URL"]) == f"http://testserver/api/v1/documents/{document['id']}"
        assert client.get(str(event["URL"])).json()["id"] == document["id"]


def test_ics_puts_a_month_deadline_on_its_last_day(client: TestClient) -> None:
    """Hà Nội's 31/LĐLĐ: "vào cuối tháng 3/2022" is due on 31 March."""
    (deadline,) = [d for d in _listed(client, "deadlines", issuer="ha noi") if d["date"] == "2022-03"]
    (event,) = [e for e in _events(client, issuer="ha noi") if str(e["SUMMARY"]) == deadline["what"]]
    assert event.decoded("DTSTART") == dt.date(2022, 3, 31)
    assert event.decoded("DTEND") == dt.date(2022, 4, 1)
    assert deadline["what"] in {str(e["SUMMARY"]) for e in _events(client, due_before="2022-04-01")}
    assert deadline["what"] not in {str(e["SUMMARY"]) for e in _events(client, due_before="2022-03-31")}


@pytest.mark.parametrize(
    "params",
    [{"issuer": "lai chau"}, {"issuer": "SỞ GIÁO DỤC"}, {"due_before": "2023-01-01"}, {"document_id": 2}],
    ids=["issuer-folded", "issuer-accented", "due_before", "document_id"],
)
def test_filters_narrow_every_export_as_they_narrow_the_lists(client: TestClient, params: dict[str, Any]) -> None:
    kinds = ("deadlines",) if "due_before" in params else KINDS
    for kind in kinds:
        everything, narrowed = _listed(client, kind), _listed(client, kind, **params)
        if kind == "deadlines":
            assert 0 < len(narrowed) < len(everything), params
        assert len(_csv(client, kind, **params)) == len(narrowed)
        assert _xlsx(client, kind, **params).max_row == len(narrowed) + 1
    dated = [d for d in _listed(client, "deadlines", **params) if d["due_date"] or d["start"]]
    events = _events(client, **params)
    assert len(events) == len(dated)
    assert {str(e["SUMMARY"]) for e in events} == {d["what"] for d in dated}


def test_ics_uids_survive_processing_a_document_again(client: TestClient, settings: Settings) -> None:
    before = _events(client)
    ids_before = [d["id"] for d in _listed(client, "deadlines")]
    with session_factory(settings.resolved_database_url)() as session:
        for upload in registry.list_uploads(session):
            if upload.filename.endswith(".txt"):
                pipeline.process_upload(session, upload, settings)
    assert [d["id"] for d in _listed(client, "deadlines")] != ids_before  # new rows…
    after = _events(client)
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]  # …the same events


def test_an_unknown_format_is_refused_and_the_exports_are_documented(client: TestClient) -> None:
    response = client.get("/api/v1/targets.pdf")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/targets.{format}", "/api/v1/achievements.{format}", "/api/v1/deadlines.{format}"):
        operation = paths[path]["get"]
        assert operation["summary"] and operation["description"]
        assert set(operation["responses"]["200"]["content"]) == {"text/csv", XLSX}
    assert "text/calendar" in paths["/api/v1/deadlines.ics"]["get"]["responses"]["200"]["content"]


def _deadline(date: str | None = None, start: str | None = None, end: str | None = None) -> registry.Deadline:
    return registry.Deadline(
        what="Báo cáo", raw="…", date_iso=date, start_iso=start, end_iso=end, due_date=registry.due_date(end or date)
    )


@pytest.mark.parametrize(
    ("deadline", "days"),
    [
        (_deadline("2024-09-20"), ("2024-09-20", "2024-09-20")),
        (_deadline("2022-03"), ("2022-03-31", "2022-03-31")),
        (_deadline("2023"), ("2023-12-31", "2023-12-31")),
        (_deadline(start="2023-09-01", end="2023-11-30"), ("2023-09-01", "2023-11-30")),
        (_deadline(start="2023-09", end="2023-11"), ("2023-09-01", "2023-11-30")),
        (_deadline(start="2024-10-01"), ("2024-10-01", "2024-10-01")),
        (_deadline("2022-02-30"), None),
    ],
    ids=["day", "month", "year", "window", "month-window", "open-window", "no-such-day"],
)
def test_event_days_follow_the_precision_of_the_text(deadline: registry.Deadline, days: tuple[str, str] | None) -> None:
    expected = tuple(dt.date.fromisoformat(day) for day in days) if days else None
    assert event_days(deadline) == expected


def test_text_from_a_scan_never_becomes_a_formula() -> None:
    formula = '=HYPERLINK("http://x","y")'
    columns, rows = (exports.Column("text"),), [SimpleNamespace(text=formula), SimpleNamespace(text="a\x0cb")]
    written = list(csv.reader(io.StringIO(exports.to_csv(columns, rows).decode("utf-8-sig"), newline="")))
    assert written[1:] == [["'" + formula], ["a\x0cb"]]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(columns, rows, title="t"))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == formula
    assert sheet["A3"].value == "ab"  # a control character XML cannot hold is dropped, not a failure
