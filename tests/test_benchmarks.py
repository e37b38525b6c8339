"""The benchmark script's inputs stay in step with the tests they are drawn from (the benchmark
itself is run by hand: `python3 -m benchmarks`)."""

from benchmarks import dateparser_compare as bench
from tests import test_dates as t


def test_the_date_comparison_takes_every_table_of_the_date_tests():
    cells, expected = bench.test_cells()
    tables = len(list(t._seed_date_cells())) + len(t.CASES) + len(t.PLAN_PERIOD_FORMS) + len(t.PROBLEMS)
    assert len(cells) == len(expected) == tables
    assert ("ежемесячно", 2026, t.SECOND_HALF_2026) in cells  # a repeat, read in its half-year plan
