"""The OpenAPI document `hearth openapi` prints is valid OpenAPI 3."""

import json
import os
import subprocess

from openapi_spec_validator import validate


def openapi_document():
    out = subprocess.run(
        [os.environ["HEARTH_BIN"], "openapi"], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def test_the_document_validates_as_openapi_3():
    doc = openapi_document()
    assert doc["openapi"].startswith("3.")
    validate(doc)


def test_every_operation_documents_its_errors():
    doc = openapi_document()
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if path.endswith("openapi.json"):
                continue
            codes = operation["responses"].keys()
            assert "401" in codes, f"{method.upper()} {path} documents 401"
