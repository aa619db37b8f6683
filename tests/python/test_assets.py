"""The release binary's own assets (CSS, the JS glue, the wasm bundle):
pages name them under a folder named by their content hash, answered
`immutable` for a year, so a returning visitor downloads nothing until a
new build changes the hash; the plain names keep answering, revalidated
by ETag (issue: "a first load that fits")."""

import re
import urllib.error
import urllib.request

import brotli


def get(base, path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_name_assets_by_content_hash_and_they_are_immutable(hearth):
    status, _, page = get(hearth.base, "/sign-in")
    assert status == 200
    html = page.decode()
    names = {
        kind: re.search(rf'"/pkg/([0-9a-f]{{16}})/(hearth(?:_bg)?\.{kind})"', html)
        for kind in ("css", "js", "wasm")
    }
    assert all(names.values()), f"a page names /pkg/<hash>/hearth.css, .js and .wasm: {names}"
    versions = {found.group(1) for found in names.values()}
    assert len(versions) == 1, versions
    version = versions.pop()
    for kind, found in names.items():
        path = f"/pkg/{version}/{found.group(2)}"
        status, headers, body = get(hearth.base, path, {"accept-encoding": "br"})
        assert status == 200, path
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert headers["content-encoding"] == "br", path
        plain_status, plain_headers, plain = get(hearth.base, f"/pkg/{found.group(2)}")
        assert plain_status == 200
        assert plain_headers["cache-control"] == "no-cache", "a plain name is revalidated"
        assert brotli.decompress(body) == plain, f"{path} is the same file as its plain name"
        assert headers["etag"] == plain_headers["etag"]
    status, headers, _ = get(hearth.base, "/pkg/0123456789abcdef/hearth.wasm")
    assert status == 404, "another build's folder is not this build's files"
    assert "immutable" not in headers.get("cache-control", "")
