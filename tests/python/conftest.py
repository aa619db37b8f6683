"""A running `hearth` (the binary in HEARTH_BIN) for the Python checks: a
fresh data directory, a recreation-staff account (who may plan events) and
an API token (`hearth`); and for the acceptance tests one server per
backend, SQLite and PostgreSQL (`server`), with the CLI on the same
database, API calls and browser sessions."""

import ctypes
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

ZONE = "America/New_York"

# Figures tests measure (the flood, schemathesis), printed after the run.
REPORT = []


def pytest_terminal_summary(terminalreporter):
    for line in REPORT:
        terminalreporter.write_line(line)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hearth:
    def __init__(self, base, token):
        self.base = base
        self.token = token

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"authorization": f"Bearer {self.token}", "content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="session")
def hearth():
    binary = os.environ["HEARTH_BIN"]
    data_dir = tempfile.mkdtemp(prefix="hearth-py-")
    env = dict(os.environ, HEARTH_DATA_DIR=data_dir, HEARTH_FACILITY_TIMEZONE=ZONE, RUST_LOG="warn")
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [binary, "user", "add", "--role", "recreation-staff", "--name", "Py Test", "--email", "py@example.org", "--password-stdin"],
        input="a long python password\n", text=True, env=env, check=True, capture_output=True,
    )
    token = subprocess.run(
        [binary, "token", "create", "--email", "py@example.org"], text=True, env=env, check=True, capture_output=True
    ).stdout.strip()
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=1):
                break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("hearth serve did not become ready")
            time.sleep(0.1)
    yield Hearth(base, token)
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(data_dir, ignore_errors=True)


# ---------------------------------------------------------------------------
# Acceptance harness: a `hearth serve` per backend (SQLite or PostgreSQL),
# the CLI against the same database, JSON API calls with bearer tokens and
# browser-like sessions with cookies. Used by test_acceptance.py.
# ---------------------------------------------------------------------------


PASSWORD = "a long acceptance password"


def _die_with_parent():
    """preexec_fn: the child gets SIGTERM if pytest dies, however it dies."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def unique_word(prefix):
    """A capitalised word of letters only that no one has seen before."""
    letters = uuid.uuid4().hex[:10].translate(str.maketrans("0123456789", "ghijklmnop"))
    return (prefix + letters).capitalize()


class Response:
    def __init__(self, method, url, status, headers, body):
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body or b"null")

    def __repr__(self):
        text = self.text
        if len(text) > 2000:
            text = text[:2000] + f"... ({len(text)} characters)"
        return f"{self.method} {self.url} -> {self.status}\n{text}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _send(opener, method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with opener.open(req, timeout=60) as answer:
            return Response(method, url, answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(method, url, error.code, error.headers, error.read())


class Browser:
    """A browser without JavaScript: cookies, forms, no automatic redirects."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def get(self, path):
        return _send(self.opener, "GET", self.base + path, headers={"accept": "text/html"})

    def sign_in(self, email, password=PASSWORD):
        page = self.get("/sign-in")
        assert page.status == 200, page
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, f"no csrf_token field on the sign-in page:\n{page}"
        form = urllib.parse.urlencode({"csrf_token": found.group(1), "email": email, "password": password}).encode()
        answer = _send(
            self.opener,
            "POST",
            self.base + "/fn/sign_in",
            data=form,
            headers={
                "accept": "text/html",
                "content-type": "application/x-www-form-urlencoded",
                "referer": self.base + "/sign-in",
            },
        )
        assert answer.status == 303, f"sign-in as {email} should answer 303:\n{answer}"
        assert any(c.name == "hearth_session" for c in self.jar), f"sign-in as {email} set no session cookie"
        return answer


class HearthServer:
    """One running `hearth serve` with its own database, and the CLI on it."""

    def __init__(self, backend, binary, env, data_dir):
        self.backend = backend
        self.binary = binary
        self.env = env
        self.data_dir = data_dir
        self.base = None
        self.process = None
        self.log_path = os.path.join(data_dir, "serve.log")
        self.extra_args = []

    # -- the command line ----------------------------------------------------

    def cli(self, *args, stdin=None):
        done = subprocess.run(
            [self.binary, *args], input=stdin, text=True, env=self.env, capture_output=True, timeout=120
        )
        assert done.returncode == 0, (
            f"`hearth {' '.join(args)}` failed ({done.returncode}):\n{done.stderr}{done.stdout}"
        )
        return done.stdout.strip()

    def add_person(self, role, name, email, password=None):
        """Creates an account with `hearth user add`; answers its id."""
        args = ["user", "add", "--role", role, "--name", name, "--email", email]
        if password is not None:
            args.append("--password-stdin")
        out = self.cli(*args, stdin=None if password is None else password + "\n")
        assert out.isdigit(), f"`hearth user add` should print the new id, printed {out!r}"
        return int(out)

    def token(self, email):
        out = self.cli("token", "create", "--email", email)
        assert out.startswith("hearth_") and len(out) > 40, f"unexpected token {out!r}"
        return out

    # -- HTTP ------------------------------------------------------------------

    def request(self, method, path, token=None, body=None):
        headers = {"accept": "application/json"}
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        return _send(urllib.request.build_opener(_NoRedirect), method, self.base + path, data, headers)

    def browser(self):
        return Browser(self.base)

    # -- life cycle ------------------------------------------------------------

    def start(self):
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--addr", f"127.0.0.1:{port}", *self.extra_args],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=1):
                    return
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"hearth serve ({self.backend}) did not become ready:\n{self.log_tail()}")
                time.sleep(0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no log)"


# -- PostgreSQL --------------------------------------------------------------


def _pg_bin_dir():
    """Where initdb and friends are, or None (HEARTH_PG_BIN, pg_config, /usr/lib/postgresql/*)."""
    if os.environ.get("HEARTH_PG_BIN"):
        bindir = os.environ["HEARTH_PG_BIN"]
        return bindir if os.path.exists(os.path.join(bindir, "initdb")) else None
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if out.returncode == 0 and os.path.exists(os.path.join(out.stdout.strip(), "initdb")):
            return out.stdout.strip()
    candidates = []
    try:
        for version in os.listdir("/usr/lib/postgresql"):
            bindir = os.path.join("/usr/lib/postgresql", version, "bin")
            if os.path.exists(os.path.join(bindir, "initdb")) and version.isdigit():
                candidates.append((int(version), bindir))
    except OSError:
        pass
    return max(candidates)[1] if candidates else None


def _with_database(admin_url, name):
    """`admin_url` with its database replaced by `name`."""
    base, _, query = admin_url.partition("?")
    scheme_end = base.find("://") + 3
    slash = base.rfind("/")
    if slash >= scheme_end:
        base = base[:slash]
    return f"{base}/{name}" + (f"?{query}" if query else "")


class PostgresCluster:
    """HEARTH_TEST_POSTGRES_URL, or a throwaway cluster on a Unix socket."""

    def __init__(self):
        self.bin = _pg_bin_dir()
        self.dir = None
        self.shell = None
        self.admin_url = os.environ.get("HEARTH_TEST_POSTGRES_URL")

    def start(self):
        if self.admin_url:
            return
        if self.bin is None:
            pytest.fail(
                "PostgreSQL is not installed (no initdb in HEARTH_PG_BIN, `pg_config --bindir` or "
                "/usr/lib/postgresql/*/bin); run `make test`, which installs it, or set HEARTH_TEST_POSTGRES_URL",
                pytrace=False,
            )
        user = None
        if os.geteuid() == 0:
            user = "postgres" if subprocess.run(["id", "postgres"], capture_output=True).returncode == 0 else "nobody"
        self.dir = tempfile.mkdtemp(prefix="hearth-py-pg-")
        data = os.path.join(self.dir, "data")
        socket_dir = os.path.join(self.dir, "socket")
        os.makedirs(socket_dir)
        as_user = ["runuser", "-u", user, "--"] if user else []
        if user:
            subprocess.run(["chown", "-R", f"{user}:", self.dir], check=True)
        initdb = subprocess.run(
            as_user + [os.path.join(self.bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                       "--no-sync", "--no-instructions"],
            capture_output=True, text=True,
        )
        if initdb.returncode != 0:
            pytest.fail(f"initdb failed:\n{initdb.stderr}", pytrace=False)
        # The shell stops the server (fast shutdown) as soon as its stdin
        # closes: at teardown, or when pytest dies however it dies.
        postgres = os.path.join(self.bin, "postgres")
        script = (
            f'"{postgres}" -D "{data}" -k "{socket_dir}" -c listen_addresses= -c fsync=off '
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 & pid=$!; "
            f'read _ignored; kill -INT $pid; wait $pid; rm -rf "{self.dir}"'
        )
        self.log = open(os.path.join(self.dir, "postgres.log"), "wb")
        self.shell = subprocess.Popen(
            as_user + ["/bin/sh", "-c", script], stdin=subprocess.PIPE, stdout=self.log, stderr=self.log
        )
        self.admin_url = f"postgres://postgres@localhost/postgres?host={socket_dir}"
        deadline = time.time() + 30
        while True:
            ready = subprocess.run(
                [os.path.join(self.bin, "pg_isready"), "-h", socket_dir, "-U", "postgres"], capture_output=True
            )
            if ready.returncode == 0:
                return
            if self.shell.poll() is not None or time.time() > deadline:
                with open(self.log.name, errors="replace") as f:
                    log = f.read()[-4000:]
                self.stop()
                pytest.fail(f"PostgreSQL did not start within 30 s:\n{log}", pytrace=False)
            time.sleep(0.1)

    def fresh_database(self):
        name = "hearth_py_" + uuid.uuid4().hex[:12]
        psql = os.path.join(self.bin, "psql") if self.bin else shutil.which("psql")
        if not psql or not os.path.exists(psql):
            pytest.fail("psql is needed to create a test database", pytrace=False)
        done = subprocess.run(
            [psql, self.admin_url, "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {name}"],
            capture_output=True, text=True,
        )
        assert done.returncode == 0, f"CREATE DATABASE {name} failed:\n{done.stderr}"
        return _with_database(self.admin_url, name)

    def stop(self):
        if self.shell is not None:
            try:
                self.shell.stdin.close()
            except OSError:
                pass
            try:
                self.shell.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.shell.kill()
            self.shell = None
            self.log.close()


@pytest.fixture(scope="session")
def postgres_cluster():
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(request):
    """A fresh `hearth serve` on each backend, facility zone America/New_York,
    with a recreation-staff account (`server.rec_token`)."""
    backend = request.param
    binary = os.environ["HEARTH_BIN"]
    env = dict(os.environ, HEARTH_FACILITY_TIMEZONE=ZONE, RUST_LOG="warn")
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        env["DATABASE_URL"] = request.getfixturevalue("postgres_cluster").fresh_database()
    data_dir = env["HEARTH_DATA_DIR"] = tempfile.mkdtemp(prefix=f"hearth-py-{backend}-")
    hearth = HearthServer(backend, binary, env, data_dir)
    failed_before = request.session.testsfailed
    try:
        hearth.rec_email = "rec@example.org"
        hearth.add_person("recreation-staff", "Robin Recreation", hearth.rec_email, PASSWORD)
        hearth.rec_token = hearth.token(hearth.rec_email)
        hearth.start()
        yield hearth
    finally:
        hearth.stop()
        if request.session.testsfailed == failed_before:
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            reporter = request.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(f"hearth serve ({backend}): data and serve.log kept in {data_dir}")
