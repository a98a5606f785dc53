"""Dates and times as articles give them and as the brief prints them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli import main
from briefer.dates import brief_date, dtg, human_time, parse_moment


@pytest.mark.parametrize(
    ("value", "iso", "human"),
    [
        ("2021-09-14T04:00:00-07:00", "2021-09-14T11:00:00Z", "14 Sep 2021, 11:00 UTC"),
        ("2021-09-14T11:00:00Z", "2021-09-14T11:00:00Z", "14 Sep 2021, 11:00 UTC"),
        ("2021-09-14 23:30+02:00", "2021-09-14T21:30:00Z", "14 Sep 2021, 21:30 UTC"),
        ("Tue, 14 Sep 2021 11:00:00 GMT", "2021-09-14T11:00:00Z", "14 Sep 2021, 11:00 UTC"),
        ("2021-09-14", "2021-09-14", "14 Sep 2021"),
    ],
)
def test_times_are_read_on_one_clock_and_written_as_a_reader_reads_them(value: str, iso: str, human: str) -> None:
    moment = parse_moment(value)
    assert moment is not None and moment.iso() == iso
    assert human_time(value) == human


def test_what_is_no_date_stays_as_written() -> None:
    assert parse_moment("yesterday") is None and parse_moment("2021-13-45") is None
    assert human_time("  last  week ") == "last week"


def test_the_date_time_group_is_never_earlier_than_the_newest_article() -> None:
    assert dtg("2021-09-14") == "140000Z SEP 21"
    assert dtg("2021-09-14", ["2021-09-13T23:00:00Z", "2021-09-14T04:00:00-07:00"]) == "141100Z SEP 21"
    assert dtg("2021-09-14", ["2021-09-14", "undated"]) == "140000Z SEP 21"
    assert dtg("monday", ["2021-09-14T11:00:00Z"]) == ""


def test_a_brief_of_old_articles_is_dated_by_its_newest() -> None:
    today = dt.date(2026, 12, 7)
    assert brief_date(["2021-09-13", "2021-09-14T11:00:00Z", ""], today) == ("2021-09-14", True)
    assert brief_date(["2026-12-07T08:00:00Z", "2021-09-14"], today) == ("2026-12-07", False)
    assert brief_date(["", "undated"], today) == ("2026-12-07", False)


def test_build_without_a_date_says_when_it_dates_the_brief_by_its_articles(tmp_path: Path) -> None:
    record = {"id": "a", "title": "Senate passes bill", "published": "2021-09-14T11:00:00Z",
              "text": "The Senate passed the infrastructure bill on Tuesday by 69 votes to 30 after weeks of talks."}
    (tmp_path / "day.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    args = ["build", str(tmp_path / "day.jsonl"), "-o", str(tmp_path / "out"), "-f", "json", "--no-cache", "--executor", "local"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Notice: the brief is dated 2021-09-14, the day of its newest article (every article is older than "
        "today); give --date to date it otherwise\n"
    )
    assert (tmp_path / "out" / "brief-2021-09-14.json").exists()
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
