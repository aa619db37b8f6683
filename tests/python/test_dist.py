"""The release tarball an IT department installs: `scripts/dist.sh` (what
`make dist` runs) packs the binary, the systemd unit, the proxy examples
and the guides; the unit passes `systemd-analyze verify` with the binary
in place, and its hardening is what OPERATIONS.md promises."""

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
    # Feed tokens stay out of the proxies' logs; both send HSTS.
    nginx = (top / "proxy" / "nginx.conf").read_text()
    caddy = (top / "proxy" / "Caddyfile").read_text()
    assert "/feeds/[token].ics" in nginx and "/feeds/[token].ics" in caddy
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
