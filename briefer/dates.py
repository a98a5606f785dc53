"""Dates and times: read from what articles give (ISO 8601, RFC 822 as feeds write them), and
written as the brief prints them: a day, a humane time, a date-time group, the period covered.

A time without a zone is taken as UTC: feeds and most publishers' metadata give UTC, and a brief
has to put every article on one clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Moment", "brief_date", "dtg", "human_time", "long_date", "parse_day", "parse_moment", "period"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def parse_day(value: str) -> dt.date | None:
    """The calendar day of an ISO 8601 date or date-time, or of an RFC 822 date (feeds); else None."""
    value = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


@dataclass(frozen=True, order=True)
class Moment:
    """When an article was published: a UTC time, or a day when the input gives no time."""

    when: dt.datetime
    has_time: bool

    def iso(self) -> str:
        """``2021-09-14T11:00:00Z``, or ``2021-09-14`` for a day."""
        return self.when.strftime("%Y-%m-%dT%H:%M:%SZ") if self.has_time else self.when.date().isoformat()


_ISO = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_moment(value: str) -> Moment | None:
    """When an ISO 8601 date or date-time, or an RFC 822 date, says; None for anything else."""
    match = _ISO.match(value)
    try:
        if match:
            year, month, day, hour, minute, second, zone = match.groups()
            if hour is None:
                return Moment(dt.datetime(int(year), int(month), int(day), tzinfo=dt.UTC), False)
            when = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
            if zone and zone != "Z":
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                when -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return Moment(when.replace(tzinfo=dt.UTC), True)
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return Moment(parsed.astimezone(dt.UTC), True)


def brief_date(published: Iterable[str], today: dt.date) -> tuple[str, bool]:
    """The date a brief takes when none is given: today, unless every dated article is older, then
    the day of the newest (a brief of last year's articles is not today's brief); and whether the
    articles gave it."""
    days = [d for d in (parse_day(v) for v in published if v.strip()) if d is not None]
    if days and max(days) < today:
        return max(days).isoformat(), True
    return today.isoformat(), False


def human_time(value: str) -> str:
    """A publication time as a reader wants it: ``14 Sep 2021, 11:00 UTC``, or ``14 Sep 2021``
    for a day; a value that is no date as it is."""
    moment = parse_moment(value)
    if moment is None:
        return " ".join(value.split())
    when = moment.when
    day = f"{when.day} {MONTHS[when.month - 1][:3]} {when.year}"
    return f"{day}, {when:%H:%M} UTC" if moment.has_time else day


def long_date(value: str) -> str:
    """``2026-11-25`` as ``25 November 2026``; a value that is not a date as it is."""
    day = parse_day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else value


def dtg(value: str, published: Sequence[str] = ()) -> str:
    """The military date-time group of the brief, ``DDHHMMZ MON YY``: midnight UTC of its date, or
    the newest article's time if that is later (a brief is never dated before what it reports); ""
    when the date is not a calendar date."""
    day = parse_day(value)
    if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return ""
    when = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    moments = [m for m in (parse_moment(v) for v in published) if m is not None]
    if moments:
        when = max(when, max(moments).when)
    return f"{when.day:02d}{when:%H%M}Z {MONTHS[when.month - 1][:3].upper()} {when.year % 100:02d}"


def period(published: Iterable[str]) -> str:
    """The span of the articles' publication days, saying how many are undated."""
    values = list(published)
    days = sorted(d for d in (parse_day(v) for v in values) if d is not None)
    if not days:
        return "not stated (the articles are undated)"
    first, last = days[0], days[-1]
    if first == last:
        span = long_date(first.isoformat())
    elif (first.year, first.month) == (last.year, last.month):
        span = f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    elif first.year == last.year:
        span = f"{first.day} {MONTHS[first.month - 1]} – {long_date(last.isoformat())}"
    else:
        span = f"{long_date(first.isoformat())} – {long_date(last.isoformat())}"
    undated = len(values) - len(days)
    return span if not undated else f"{span} ({undated} of {len(values)} articles undated)"
