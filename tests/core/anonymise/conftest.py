"""Fixtures for the anonymisation tests: the synthetic corpus, built in memory."""

from __future__ import annotations

import anonymise_helpers  # noqa: F401  (puts the corpus generator on sys.path)
import corpus
import pytest


@pytest.fixture(scope="session")
def corpus_module():
    """The corpus generator module (documents, planted values, controls, builders)."""
    return corpus


@pytest.fixture(scope="session")
def built_corpus() -> dict[tuple[str, str], bytes]:
    """Every corpus document in every format, keyed by (document name, suffix)."""
    return {
        (doc.name, suffix): build(doc)
        for doc in corpus.DOCUMENTS
        for suffix, build in corpus.BUILDERS.items()
    }
