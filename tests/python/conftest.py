"""A running `hearth` (the binary in HEARTH_BIN) for the Python checks: a
fresh data directory, a staff account and an API token."""

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ZONE = "America/New_York"


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
        [binary, "user", "add", "--role", "staff", "--name", "Py Test", "--email", "py@example.org", "--password-stdin"],
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
