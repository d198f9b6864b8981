"""Runs inside the validator's own virtual environment (`.venv-eark`, eark-validator 1.1.3), never imported by
the tests: validates one package and prints the validator's JSON report.

eark-validator fetches four CSIP vocabularies from earkcsip.dilcis.eu when it is imported; this machine, and an
archive's ingest machine, may have no network. The validator ships the same vocabularies in its own package
(eark_validator/ipxml/resources/vocabs/), so their URLs are answered from there before it is imported."""

from __future__ import annotations

import sys
import urllib.request
from importlib.resources import files
from pathlib import Path
from typing import Any

VOCABULARY_URL = "https://earkcsip.dilcis.eu/schema/"
_fetch = urllib.request.urlopen


def _shipped(url: Any, *args: Any, **kwargs: Any) -> Any:
    if isinstance(url, str) and url.startswith(VOCABULARY_URL):
        return files("eark_validator.ipxml.resources.vocabs").joinpath(url[len(VOCABULARY_URL) :]).open("rb")
    return _fetch(url, *args, **kwargs)


urllib.request.urlopen = _shipped  # type: ignore[assignment]

from eark_validator.packages import PackageValidator  # noqa: E402
from eark_validator.specifications.specification import SpecificationVersion  # noqa: E402

if __name__ == "__main__":
    report = PackageValidator(Path(sys.argv[1]), SpecificationVersion.V2_1_0).validation_report
    print(report.model_dump_json())
