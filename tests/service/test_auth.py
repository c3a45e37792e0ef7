"""Access control: tokens with roles on the API, the staff pages and the command line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient

import registry
from service.api import create_app
from service.api.deps import TOKEN_COOKIE, require
from service.cli import main
from service.database import session_factory
from service.settings import Settings
from tests.service.tokens import bearer, new_secret

TEXT = ("brief.txt", "Kính gửi các phòng, ban. Đề nghị báo cáo trước ngày 20/9/2024.".encode())


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def closed(settings: Settings) -> Iterator[TestClient]:
    """A service whose reads need a token too (``CONGVAN_OPEN_READS=false``)."""
    with TestClient(create_app(settings.model_copy(update={"open_reads": False}))) as client:
        yield client


def _upload(client: TestClient, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    response = client.post("/api/v1/documents", files={"file": TEXT}, headers=headers)
    return response.status_code, response.json()


def test_writing_without_a_token_is_401_with_the_standard_error(client: TestClient) -> None:
    response = client.post("/api/v1/documents", files={"file": TEXT})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_required"
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/documents").json()["total"] == 0  # nothing was stored


def test_a_reader_may_not_upload(client: TestClient, settings: Settings) -> None:
    status, body = _upload(client, bearer(settings, "reader"))
    assert (status, body["error"]["code"]) == (403, "permission_denied")


@pytest.mark.parametrize("role", ["uploader", "reviewer", "admin"])
def test_an_uploader_or_higher_may_upload(client: TestClient, settings: Settings, role: str) -> None:
    status, body = _upload(client, bearer(settings, role))
    assert status == 202 and body["job_id"]


def test_the_token_may_come_in_x_api_key(client: TestClient, settings: Settings) -> None:
    assert _upload(client, {"X-API-Key": new_secret(settings, "uploader")})[0] == 202


def test_closed_reads_need_a_reader_token_but_health_stays_open(closed: TestClient, settings: Settings) -> None:
    for path in ("/api/v1/documents", "/api/v1/targets", "/api/v1/deadlines.csv", "/api/v1/bodies"):
        response = closed.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "authentication_required"
        assert closed.get(path, headers=bearer(settings, "reader")).status_code == 200, path
    assert closed.get("/healthz").status_code == 200


def test_open_reads_need_no_token(client: TestClient) -> None:
    assert client.get("/api/v1/documents").status_code == 200


def test_a_revoked_token_is_refused(client: TestClient, settings: Settings) -> None:
    headers = bearer(settings, "admin")
    assert _upload(client, headers)[0] == 202
    with session_factory(settings.resolved_database_url)() as session:
        (token,) = registry.list_tokens(session)
        registry.revoke_token(session, token.id)
        session.commit()
    status, body = _upload(client, headers)
    assert (status, body["error"]["code"]) == (401, "authentication_required")
    assert client.get("/api/v1/documents", headers=headers).status_code == 401  # not read as anonymous either


def test_a_made_up_token_is_refused(client: TestClient) -> None:
    for secret in ("cv_" + "A" * 43, "nonsense", "cv_\x7f"):
        assert _upload(client, {"Authorization": f"Bearer {secret}"})[0] == 401


def test_require_lets_a_role_and_those_above_it_through_and_returns_the_token(settings: Settings) -> None:
    app = create_app(settings)

    @app.patch("/api/v1/probe")
    def probe(token: Annotated[registry.ApiToken, Depends(require("reviewer"))]) -> dict[str, str]:
        return {"by": token.name}

    with TestClient(app) as client:
        assert client.patch("/api/v1/probe").status_code == 401
        assert client.patch("/api/v1/probe", headers=bearer(settings, "uploader")).status_code == 403
        for role in ("reviewer", "admin"):
            response = client.patch("/api/v1/probe", headers=bearer(settings, role, f"chị {role}"))
            assert response.json() == {"by": f"chị {role}"}


def test_the_cli_makes_a_working_token_lists_it_without_its_secret_and_revokes_it(
    client: TestClient, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "create", "--role", "uploader", "--name", "máy quét tầng 2"]) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert secret.startswith("cv_") and "will not be shown again" in err
    assert _upload(client, {"Authorization": f"Bearer {secret}"})[0] == 202

    assert main(["token", "list"]) == 0
    listed = capsys.readouterr().out
    assert "máy quét tầng 2" in listed and "uploader" in listed and secret[:11] in listed
    assert secret not in listed

    assert main(["token", "revoke", "1"]) == 0
    assert _upload(client, {"Authorization": f"Bearer {secret}"})[0] == 401
    assert main(["token", "revoke", "99"]) == 4  # not_found


def test_replace_revokes_the_earlier_tokens_of_the_name(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        assert main(["token", "create", "--role", "admin", "--name", "make run", "--replace"]) == 0
    capsys.readouterr()
    with session_factory(settings.resolved_database_url)() as session:
        assert [t.active for t in registry.list_tokens(session)] == [False, True]


def test_a_page_refused_sends_the_browser_to_sign_in(client: TestClient, settings: Settings) -> None:
    response = client.post("/upload", files={"file": TEXT}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2F&reason=authentication_required"
    client.cookies.set(TOKEN_COOKIE, new_secret(settings, "reader"))
    response = client.post("/upload", files={"file": TEXT}, follow_redirects=False)
    assert response.headers["location"] == "/signin?next=%2F&reason=permission_denied"


def test_closed_pages_send_the_browser_to_sign_in_and_back(closed: TestClient, settings: Settings) -> None:
    response = closed.get("/documents/1", follow_redirects=False)
    assert response.headers["location"] == "/signin?next=%2Fdocuments%2F1&reason=authentication_required"
    signin = closed.post(
        "/signin", data={"token": new_secret(settings, "reader"), "next": "/?issuer=x"}, follow_redirects=False
    )
    assert signin.status_code == 303 and signin.headers["location"] == "/?issuer=x"
    cookie = signin.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert closed.get("/").status_code == 200  # the cookie is sent back
    assert closed.get("/api/v1/documents").status_code == 200  # and opens the API's reads too


def test_signing_in_goes_nowhere_off_the_site(client: TestClient, settings: Settings) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        data = {"token": new_secret(settings, "reader"), "next": target}
        assert client.post("/signin", data=data, follow_redirects=False).headers["location"] == "/"
    response = client.post("/signin", data={"token": "wrong"})
    assert response.status_code == 401 and "thu hồi" in response.text


def test_the_openapi_schema_declares_both_ways_to_send_a_token(client: TestClient) -> None:
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}
