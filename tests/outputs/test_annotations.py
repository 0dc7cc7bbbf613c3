"""annotations.json follows its published JSON Schema."""

import json

import pytest
from jsonschema import Draft202012Validator

from reviewlens.analyze import analyze_corpus
from reviewlens.outputs import annotations
from reviewlens.packagefiles import templates_dir
from tests.helpers import REPO

SCHEMA = json.loads((templates_dir() / "annotations.schema.json").read_text())


def test_the_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("corpus", ["site_src", "tests/fixtures/gold_corpus", "tests/fixtures/styles"])
def test_output_validates(corpus):
    data = json.loads(annotations.dumps(analyze_corpus(REPO / corpus)))
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_the_schema_catches_a_broken_file():
    data = json.loads(annotations.dumps(analyze_corpus(REPO / "site_src")))
    data["cases"][0]["reports"][0]["claims"][0]["status"] = "probably"
    assert not Draft202012Validator(SCHEMA).is_valid(data)


def test_real_nova_output_validates(shared_corpus):
    data = json.loads(annotations.dumps(analyze_corpus(shared_corpus)))
    assert Draft202012Validator(SCHEMA).is_valid(data)
