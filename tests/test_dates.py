"""Date expressions resolved against the article date, as precisely as the text allows."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.dates import resolve_date
from newsgraph.model import Literal

TUESDAY = date(2023, 5, 23)


def D(value: str) -> Literal:
    return Literal(value, "date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday", D("2023-05-22")),
        ("on Sunday", D("2023-05-21")),
        ("Wednesday", D("2023-05-17")),  # the latest Wednesday up to the anchor: last week
        ("last Wednesday", D("2023-05-17")),
        ("on Tuesday", D("2023-05-23")),  # same weekday as the anchor: that day
        ("last Tuesday", D("2023-05-16")),  # "last" and same weekday: a week back
        ("yesterday", D("2023-05-22")),
        ("today", D("2023-05-23")),
    ],
)
def test_relative_days(text, expected):
    assert resolve_date(text, TUESDAY) == expected


def test_weekday_across_a_month_boundary():
    assert resolve_date("Friday", date(2024, 3, 1)) == D("2024-03-01")
    assert resolve_date("Thursday", date(2024, 3, 1)) == D("2024-02-29")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In March", "2023-03"),  # earlier than the anchor month: this year
        ("in May", "2023-05"),  # the anchor month itself
        ("in June", "2022-06"),  # later than the anchor month: last year
        ("in December", "2022-12"),
    ],
)
def test_month_without_year_is_the_latest_such_month(text, expected):
    assert resolve_date(text, TUESDAY) == Literal(expected, "gYearMonth")


def test_month_and_day_without_year():
    assert resolve_date("March 5", TUESDAY) == D("2023-03-05")
    assert resolve_date("on 2 December", date(2024, 1, 10)) == D("2023-12-02")


@pytest.mark.parametrize("anchor", [TUESDAY, None])
def test_explicit_years_need_no_anchor(anchor):
    assert resolve_date("August 2022", anchor) == Literal("2022-08", "gYearMonth")
    assert resolve_date("in August 2022", anchor) == Literal("2022-08", "gYearMonth")
    assert resolve_date("2019", anchor) == Literal("2019", "gYear")
    assert resolve_date("late 2020", anchor) == Literal("2020", "gYear")
    assert resolve_date("2024-01-05", anchor) == D("2024-01-05")
    assert resolve_date("March 3, 2021", anchor) == D("2021-03-03")
    assert resolve_date("14 Feb. 2022", anchor) == D("2022-02-14")


def test_may_the_verb_is_not_a_month():
    assert resolve_date("the group may strike again", TUESDAY) is None
    assert resolve_date("They may attack", TUESDAY) is None


def test_may_the_month():
    assert resolve_date("in May", date(2024, 8, 1)) == Literal("2024-05", "gYearMonth")
    assert resolve_date("May 23", TUESDAY) == D("2023-05-23")
    assert resolve_date("May 2022", None) == Literal("2022-05", "gYearMonth")


@pytest.mark.parametrize("text", ["Monday", "last Tuesday", "yesterday", "today", "In March", "March 5"])
def test_relative_expressions_need_an_anchor(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["Feb. 30 2023", "several hours", "recently", ""])
def test_unresolvable_or_impossible_dates_are_none(text):
    assert resolve_date(text, TUESDAY) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("on Christmas Day 2009", D("2009-12-25")),
    ("Christmas Eve", D("2022-12-24")),  # the latest one up to the anchor
    ("New Year's Eve 2015", D("2015-12-31")),
    ("Boxing Day 2004", D("2004-12-26")),
])
def test_holidays_with_a_fixed_date_are_dates(text, expected):
    assert resolve_date(text, TUESDAY) == expected


def test_the_new_year_is_no_day():
    assert resolve_date("the new year", TUESDAY) is None
