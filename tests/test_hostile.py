"""Every file of the hostile corpus (tests/hostile/corpus.py): read, read with a report, or refused with
a Russian message — never a traceback, never unbounded time; and fuzzed inputs raise only PlanReadError."""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smolplan import PlanReadError, load_plan
from tests.conftest import ROOT, SEED_DOCX, SEED_TXT
from tests.hostile.corpus import cases

EXPECTED = {name: (outcome, mention) for name, _, outcome, mention in cases()}


@lru_cache(maxsize=1)
def corpus() -> dict[str, bytes]:
    return {name: content for name, content, _, _ in cases()}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name, content in corpus().items():
        (folder / name).write_bytes(content)
    return folder


def test_the_corpus_is_large_enough():
    assert len(EXPECTED) >= 30
    assert {outcome for outcome, _ in EXPECTED.values()} == {"read", "warn", "refused"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_outcome(name):
    outcome, mention = EXPECTED[name]
    if outcome == "refused":
        with pytest.raises(PlanReadError) as caught:
            load_plan(corpus()[name], name=name)
        assert mention in caught.value.message
        assert name in caught.value.message
        return
    plan = load_plan(corpus()[name], name=name)
    assert len(plan.events) >= 1
    if outcome == "read":
        assert plan.report.empty, plan.report.to_string()
    else:
        assert not plan.report.empty
        found = " ".join(plan.report["message"]) + " " + " ".join(plan.report["column"])
        assert mention in found, plan.report.to_string()
        assert plan.report["row"].gt(0).all() or "год" in mention  # every problem says where


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_check_contract(name, corpus_dir):
    outcome, _ = EXPECTED[name]
    result = subprocess.run([sys.executable, "-m", "smolplan", "check", str(corpus_dir / name)], cwd=ROOT,
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == {"read": 0, "warn": 1, "refused": 2}[outcome], result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if outcome == "refused":
        line = result.stderr.strip()
        assert len(line.splitlines()) == 1 and any("а" <= ch <= "я" for ch in line.lower())


def _only_plan_read_error(data: bytes, name: str) -> None:
    try:
        load_plan(data, name=name)
    except PlanReadError as error:
        assert error.message and any("а" <= ch <= "я" for ch in error.message.lower())


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutate(seed: bytes, edits) -> bytes:
    data = bytearray(seed)
    for position, value, kind in edits:
        at = position % max(1, len(data))
        if kind == 0:
            data[at] = value
        elif kind == 1:
            del data[at: at + value]
        else:
            data[at:at] = bytes([value]) * (value % 7 + 1)
    return bytes(data)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255), st.integers(0, 2)), min_size=1, max_size=12)


@FUZZ
@given(edits=EDITS)
def test_fuzzed_txt_raises_only_plan_read_error(edits):
    _only_plan_read_error(_mutate(SEED_TXT.read_bytes(), edits), "fuzz.txt")


@FUZZ
@given(edits=EDITS)
def test_fuzzed_docx_raises_only_plan_read_error(edits):
    _only_plan_read_error(_mutate(SEED_DOCX.read_bytes(), edits), "fuzz.docx")


@FUZZ
@given(data=st.binary(max_size=5000), suffix=st.sampled_from([".docx", ".txt", ".xlsx", ".csv"]))
def test_random_bytes_raise_only_plan_read_error(data, suffix):
    _only_plan_read_error(data, "random" + suffix)
