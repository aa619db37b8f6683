"""The release tarball an IT department installs: `scripts/dist.sh` (what
`make dist` runs) packs the binary, the systemd unit, the proxy examples
and the guides; the unit passes `systemd-analyze verify` with the binary
in place, and its hardening is what OPERATIONS.md promises. The proxy
examples load in Debian 12's nginx (1.22) and Caddy (2.6), and keep feed
links and query strings out of their logs."""

import json
import os
import shutil
import socket
import ssl
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "dist" / "nginx.conf"
CADDYFILE = ROOT / "dist" / "Caddyfile"
# Requests whose secrets (a feed link's path, a search's query) the logs
# must not keep, and a path they keep as it is.
SECRET = "s3cretfeedtoken"
REQUESTS = [f"/feeds/{SECRET}.ics", f"/feeds/{SECRET}.ics?lang=fr",
            f"/feeds/{SECRET}", f"/fn/search_clients?q={SECRET}", "/calendar.ics"]


def test_the_tarball_holds_what_an_install_needs_and_the_unit_verifies(tmp_path):
    binary = os.environ["HEARTH_BIN"]
    out = tmp_path / "dist"
    made = subprocess.run(
        [str(ROOT / "scripts" / "dist.sh"), binary, str(out)],
        capture_output=True, text=True, check=True,
    )
    tarball = Path(made.stdout.strip())
    assert tarball.is_file() and tarball.name.endswith("-linux.tar.gz")
    with tarfile.open(tarball) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    for needed in ["hearth", "systemd/hearth.service", "systemd/hearth.env",
                   "proxy/nginx.conf", "proxy/Caddyfile", "OPERATIONS.md",
                   "SECURITY.md", "README.md"]:
        assert needed in names, f"{needed} missing from {sorted(names)}"
    top = next((tmp_path / "unpacked").iterdir())
    help_text = subprocess.run([str(top / "hearth"), "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert "backup" in help_text and "serve" in help_text

    unit = (top / "systemd" / "hearth.service").read_text()
    for setting in ["DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
                    "StateDirectory=hearth", "EnvironmentFile=-/etc/hearth/hearth.env",
                    "CapabilityBoundingSet=\n", "PrivateTmp=yes", "ProtectHome=yes"]:
        assert setting in unit, setting
    # The proxy examples are the ones checked below; both send HSTS.
    nginx = (top / "proxy" / "nginx.conf").read_text()
    caddy = (top / "proxy" / "Caddyfile").read_text()
    assert nginx == NGINX_CONF.read_text() and caddy == CADDYFILE.read_text()
    assert "Strict-Transport-Security" in nginx and "Strict-Transport-Security" in caddy

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: make test installs systemd")
    # The unit as installed, with ExecStart pointing at this build's binary.
    checked = tmp_path / "hearth.service"
    checked.write_text(unit.replace("/usr/local/bin/hearth", str(top / "hearth")))
    verify = subprocess.run([analyze, "verify", "--man=no", str(checked)],
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr + verify.stdout
    assert "hearth.service" not in verify.stderr, verify.stderr


def tool(name, package):
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(f"{name} is missing: make test installs {package} (scripts/bootstrap.sh test)")
    return found


def nginx_setup(tmp_path, rewrite=lambda conf: conf):
    """dist/nginx.conf as /etc/nginx/conf.d/ would hold it, inside a minimal
    main config whose pid, logs, temp files and certificate live in
    tmp_path: `nginx -t` and a real run need no root and touch no /etc."""
    nginx = tool("nginx", "nginx")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=hearth.example.org", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")], capture_output=True, check=True)
    conf = (NGINX_CONF.read_text()
            .replace("/etc/letsencrypt/live/hearth.example.org/fullchain.pem", str(tmp_path / "cert.pem"))
            .replace("/etc/letsencrypt/live/hearth.example.org/privkey.pem", str(tmp_path / "key.pem"))
            .replace("/var/log/nginx/", f"{tmp_path}/"))
    (tmp_path / "hearth.conf").write_text(rewrite(conf))
    temp = "\n".join(f"    {kind}_temp_path {tmp_path}/{kind};"
                     for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    main = tmp_path / "nginx.conf"
    main.write_text(f"""pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
{temp}
    access_log {tmp_path}/access.log;
    include {tmp_path}/hearth.conf;
}}
""")
    return [nginx, "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(main)]


def caddy_env(tmp_path):
    # Caddy keeps certificates and state under $HOME / XDG dirs.
    return {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path)}


def test_the_nginx_example_loads_in_debian_12s_nginx(tmp_path):
    check = subprocess.run(nginx_setup(tmp_path) + ["-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_the_caddy_example_validates_in_debian_12s_caddy(tmp_path):
    caddy = tool("caddy", "caddy")
    check = subprocess.run([caddy, "validate", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                           capture_output=True, text=True, cwd=tmp_path, env=caddy_env(tmp_path))
    assert check.returncode == 0, check.stderr + check.stdout


def wait_for(port, process):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        assert process.poll() is None, "the proxy exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # the port-80 server's 301 is what it logs


def get(url):
    context = ssl._create_unverified_context()  # the throwaway certificate
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_nginx_example_logs_neither_feed_links_nor_query_strings(tmp_path):
    http, https, nobody = free_port(), free_port(), free_port()
    command = nginx_setup(tmp_path, lambda conf: conf
                          .replace("listen 80;", f"listen 127.0.0.1:{http};")
                          .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;")
                          .replace("127.0.0.1:3000", f"127.0.0.1:{nobody}"))
    # Only throwaway ports: never 80 or 443, never a Hearth on 3000.
    assert (tmp_path / "hearth.conf").read_text().count("listen 127.0.0.1:") == 2
    proxy = subprocess.Popen(command + ["-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        wait_for(https, proxy)
        for path in REQUESTS:
            assert get(f"http://127.0.0.1:{http}{path}") == 301
            assert get(f"https://127.0.0.1:{https}{path}") == 502  # nothing behind it
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
    logged = [line.split('"')[1] for line in (tmp_path / "hearth.log").read_text().splitlines()]
    expected = ["GET /feeds/[hidden]"] * 3 + ["GET /fn/search_clients?[hidden]", "GET /calendar.ics"]
    assert logged == [line for line in expected for _ in range(2)], logged


def test_the_caddy_example_logs_neither_feed_links_nor_query_strings(tmp_path):
    caddy = tool("caddy", "caddy")
    port, nobody = free_port(), free_port()
    config = CADDYFILE.read_text()
    # No admin endpoint (it would want port 2019): into the global block.
    config = (config.replace("\n{\n", "\n{\n\tadmin off\n", 1) if "\n{\n" in config
              else "{\n\tadmin off\n}\n" + config)
    config = (config
              .replace("hearth.example.org {", f"http://127.0.0.1:{port} {{")
              .replace("/var/log/caddy/", f"{tmp_path}/")
              .replace("127.0.0.1:3000", f"127.0.0.1:{nobody}"))
    assert "hearth.example.org" not in config and f"127.0.0.1:{nobody}" in config
    (tmp_path / "Caddyfile").write_text(config)
    with open(tmp_path / "caddy.log", "wb") as own_log:
        proxy = subprocess.Popen([caddy, "run", "--config", str(tmp_path / "Caddyfile"),
                                  "--adapter", "caddyfile"], cwd=tmp_path,
                                 env=caddy_env(tmp_path), stdout=own_log, stderr=own_log)
        try:
            wait_for(port, proxy)
            for path in REQUESTS:
                assert get(f"http://127.0.0.1:{port}{path}") == 502  # nothing behind it
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
    access = [json.loads(line)["request"]["uri"]
              for line in (tmp_path / "hearth.log").read_text().splitlines()]
    assert access == ["/feeds/[hidden]"] * 3 + ["/fn/search_clients?[hidden]", "/calendar.ics"]
    # Caddy's own log (journald, under systemd) names each failed request too.
    own = (tmp_path / "caddy.log").read_text()
    assert own.count('"uri":"/feeds/[hidden]"') == 3, own
    assert SECRET not in own and SECRET not in (tmp_path / "hearth.log").read_text()
