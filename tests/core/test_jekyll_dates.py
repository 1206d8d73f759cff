"""Front matter dates as Jekyll reads them: Ruby's Time.parse (each expected value is what Ruby
3.1's Time.parse gives for the same text; a zone Ruby knows is kept as written)."""

from __future__ import annotations

import datetime as dt

import pytest

from viewer.core.document import load_post, parse_jekyll_date

KST = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("January 5, 2021 10:00", dt.datetime(2021, 1, 5, 10)),
        ("2021/01/05", dt.datetime(2021, 1, 5)),
        ("2021.1.5 9:30 PM", dt.datetime(2021, 1, 5, 21, 30)),
        ("5 Jan 2021", dt.datetime(2021, 1, 5)),
        ("Tue, 05 Jan 2021 10:00:00 +0900", dt.datetime(2021, 1, 5, 10, tzinfo=KST)),
        ("2021-01-05 10:00:00 EST", dt.datetime(2021, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        # A zone name Ruby does not know is read as local time.
        ("2021-01-05 10:00 KST", dt.datetime(2021, 1, 5, 10)),
        # Slashes with the year last: day/month/year, as Ruby reads them.
        ("01/05/2021", dt.datetime(2021, 5, 1)),
        ("05/01/21", dt.datetime(2005, 1, 21)),
        ("20210105", dt.datetime(2021, 1, 5)),
        # Ruby's Time runs a day past the month's end over into the next month, and 24:00 too.
        ("2021-02-30", dt.datetime(2021, 3, 2)),
        ("2020-12-31 24:00", dt.datetime(2021, 1, 1)),
        ("2023-01-29 18:30:22 2023 -0800", dt.datetime(2023, 1, 29, 18, 30, 22)),
    ],
)
def test_dates_ruby_reads(written: str, expected: dt.datetime) -> None:
    assert parse_jekyll_date(written) == expected


@pytest.mark.parametrize("written", ["January 32, 2021", "2020-13-01", "hello", "2021년 1월 5일", "10:00"])
def test_dates_jekyll_refuses_are_no_dates(written: str) -> None:
    # ('10:00' has no date at all: Ruby would take today's.)
    assert parse_jekyll_date(written) is None


def test_a_refused_date_is_named_in_a_warning_and_the_file_name_date_is_used(write_post) -> None:
    post = load_post(write_post("---\ntitle: 회고\ndate: 2021년 1월 5일\n---\n본문\n", "2021-01-04-retro.md"))
    assert post.metadata.date == dt.datetime(2021, 1, 4)
    assert post.warnings == ("The front matter date '2021년 1월 5일' is not a date Jekyll understands.",)


def test_the_date_keeps_the_text_it_was_written_as(write_post) -> None:
    post = load_post(write_post("---\ntitle: 회고\ndate: January 5, 2021 10:00\n---\n본문\n"))
    assert post.metadata.date == dt.datetime(2021, 1, 5, 10)
    assert post.metadata.date_text == "January 5, 2021 10:00"
