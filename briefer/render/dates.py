"""Dates as the brief prints them: written out, as a date-time group, and as the period covered."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterable

__all__ = ["dtg", "long_date", "parse_day", "period"]

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


def long_date(value: str) -> str:
    """``2026-11-25`` as ``25 November 2026``; a value that is not a date as it is."""
    day = parse_day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else value


def dtg(value: str) -> str:
    """The military date-time group of midnight UTC on the brief's date: ``DDHHMMZ MON YY``."""
    day = parse_day(value)
    if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return ""
    return f"{day.day:02d}0000Z {MONTHS[day.month - 1][:3].upper()} {day.year % 100:02d}"


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
