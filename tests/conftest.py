"""Fixtures shared by every stage's tests: sample letters, rendered pages and the databases.

A test that asks for ``backend`` runs once per database the registry supports,
and its id says which (``test_x[sqlite]``, ``test_x[postgresql]``). PostgreSQL
is a real server, started once per session from Debian's packages in a
temporary folder (``postgres_server``); each test gets a database of its own
on it (``postgres_url``).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from samples.render import Letter, letter_text, load_letter, rasterise, render_pdf
from service.database import release

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LETTERS = SAMPLES / "letters"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def laichau() -> Letter:
    return load_letter(LETTERS / "laichau-960-LDLD-2022.json")


@pytest.fixture(scope="session")
def laichau_text(laichau: Letter) -> str:
    return letter_text(laichau)


@pytest.fixture(scope="session")
def laichau_pdf(tmp_path_factory: pytest.TempPathFactory, laichau: Letter) -> Path:
    path = tmp_path_factory.mktemp("render") / "laichau.pdf"
    render_pdf(laichau, path)
    return path


@pytest.fixture(scope="session")
def laichau_page(laichau_pdf: Path) -> np.ndarray:
    """Page 1 of the Lai Châu letter at 300 dpi, grayscale, as OCR gets it."""
    return np.asarray(rasterise(laichau_pdf, 300)[0].convert("L"))


# Databases

BACKENDS = ("sqlite", "postgresql")
POSTGRES_SETTINGS = """
listen_addresses = ''
unix_socket_directories = '{socket_dir}'
# A throwaway cluster: durability buys nothing and costs seconds.
fsync = off
synchronous_commit = off
full_page_writes = off
# Checkpoints recycle the WAL early, so that the cluster fits in SCRATCH_BYTES.
max_wal_size = 128MB
min_wal_size = 32MB
"""
SCRATCH_BYTES = 1 << 30


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test that uses ``backend`` on every database; a ``test_sqlite_*`` test checks SQLite itself."""
    if "backend" in metafunc.fixturenames:
        sqlite_only = metafunc.function.__name__.startswith("test_sqlite_")
        metafunc.parametrize("backend", BACKENDS[:1] if sqlite_only else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the database this test runs on."""
    return request.param


class PostgresServer:
    """A throwaway cluster in ``root``, reached only through the Unix socket there (trust, no TCP port)."""

    def __init__(self, root: Path, bindir: Path) -> None:
        self.root, self.bindir, self.data = root, bindir, root / "data"
        self._names = itertools.count(1)
        self._admin: psycopg.Connection | None = None

    def start(self) -> None:
        init = ["initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]
        self._run(*init, "--no-sync")
        with (self.data / "postgresql.conf").open("a") as conf:  # appending keeps the server user's file
            conf.write(POSTGRES_SETTINGS.format(socket_dir=self.root))
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        self._admin = psycopg.connect(host=str(self.root), user="postgres", dbname="postgres", autocommit=True)

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def create_database(self) -> str:
        assert self._admin is not None, "the server is not started"
        name = f"congvan_{next(self._names)}"
        self._admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        """FORCE: the app's cached engines may still hold connections to it."""
        assert self._admin is not None, "the server is not started"
        self._admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))

    def url(self, database: str) -> str:
        url = URL.create("postgresql+psycopg", username="postgres", database=database, query={"host": str(self.root)})
        return url.render_as_string(hide_password=False)

    def _run(self, program: str, *args: str) -> None:
        command = [*_as_server_user(), str(self.bindir / program), *args]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"PostgreSQL: {' '.join(command)} failed ({done.returncode}):\n{done.stderr}{tail}")


def _postgres_bindir() -> Path | None:
    """initdb and pg_ctl from PATH, or else from Debian's newest /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).resolve().parent / "initdb").exists():
        return Path(on_path).resolve().parent
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/pg_ctl") if (p.parent / "initdb").exists()]
    versions = [p for p in found if p.parent.name.isdigit()]
    return max(versions, key=lambda p: int(p.parent.name), default=None)


def _scratch_parent() -> str | None:
    """RAM-backed /dev/shm when it has room: on a busy disk, CREATE DATABASE there is ten times faster."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free >= SCRATCH_BYTES:
        return str(shm)
    return None  # the system temporary folder


def _as_server_user() -> list[str]:
    """initdb and postgres refuse to run as root (CI containers are root): there, run them as nobody."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("Running as root, the tests need setpriv (Debian's util-linux) to start PostgreSQL as nobody.")
    nobody = pwd.getpwnam("nobody")
    return [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the session, from Debian's ``postgresql`` package.

    Its binaries missing is a failure, not a skip (``make test`` installs them):
    a developer without PostgreSQL opts out with ``CONGVAN_TEST_POSTGRES=0``,
    which skips every ``[postgresql]`` test. Run as root, the server runs as
    ``nobody`` in a folder it owns, outside pytest's temporary folder, which is
    closed to other users.
    """
    if os.environ.get("CONGVAN_TEST_POSTGRES") == "0":
        pytest.skip("CONGVAN_TEST_POSTGRES=0: the PostgreSQL tests are switched off")
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL's initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin: "
            "install Debian's postgresql package (make test does), or set CONGVAN_TEST_POSTGRES=0 to skip."
        )
    root = Path(tempfile.mkdtemp(prefix="congvan-pg-", dir=_scratch_parent()))
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(root, nobody.pw_uid, nobody.pw_gid)
    server = PostgresServer(root, bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """An empty database of this test's own on the session's server, dropped after it."""
    name = postgres_server.create_database()
    url = postgres_server.url(name)
    yield url
    release(url)  # the app's pooled connections to it, if a test served it
    postgres_server.drop_database(name)
