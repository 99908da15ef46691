"""Dates for the hybrid strategy: written dates, the article's dateline, weekdays resolved against it.

Only what the text fixes is returned: a full date as written; a month and day with the year
from the dateline (or, with a weekday, the first year not before the latest year the article
mentions in which that day falls on that weekday); a weekday or "yesterday"/"today" only
relative to a dateline. Everything else is None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "MONTH_NAMES",
    "WEEKDAYS",
    "caption_spans",
    "dateline_span",
    "find_dateline",
    "latest_year",
    "month_first",
    "parse_date",
    "resolve_date",
    "wire_prefixes",
]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTH_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b{_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b", re.IGNORECASE),  # "19-Sep-2023"
    # numeric, day first as in most of the world ("18.09.2026", "11/03/2026"); month first only
    # when the second number cannot be a month ("09/18/2026")
    re.compile(rf"(?<![\d.])(?P<a>[0-3]?\d)[./](?P<b>[01]?\d|[1-3]\d)[./]{_YEAR}\b"),
)
_PARTIAL = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE),
)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(today|yesterday|tonight|this morning|last night)\b", re.IGNORECASE)
_YEAR_ANY = re.compile(r"\b((?:19|20)\d\d)\b")


def _month(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")[:3]]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """A full date written in `text` (ISO, "March 4, 2021", "4th Mar, 2021"), or None."""
    found = _search_date(text)
    return found[0] if found else None


# Written dates in the two orders: "March 10, 2025" (month first) and "10 March 2025" (day first).
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_CLOCK_12 = re.compile(r"\b\d{1,2}:\d\d\s*[AaPp]\.?[Mm]\b")


def month_first(text: str) -> bool:
    """Whether an ambiguous numeric date ("03/10/2025") in this article reads month first: the
    article writes its dates month first ("March 10, 2025") more often than day first, or, with no
    written date, gives times on the 12-hour clock ("10:42 PM"), as US pages do (rule
    date.numeric-order-of-the-article)."""
    months, days = len(_MONTH_FIRST.findall(text)), len(_DAY_FIRST.findall(text))
    if months != days:
        return months > days
    return bool(_CLOCK_12.search(text))


def _search_date(text: str, month_first_order: bool = False) -> tuple[date, int, int] | None:
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        if groups.get("a"):
            first, second = int(groups["a"]), int(groups["b"])
            if second > 12 or (month_first_order and first <= 12):
                day, month = second, first
            else:
                day, month = first, second
            value = _safe(year, month, day)
            if value is not None:
                return value, match.start(), match.end()
            continue
        if groups.get("m"):
            value = _safe(year, int(groups["m"]), int(groups["d"]))
        else:
            value = _safe(year, _month(groups["month"]), int(groups["day"]))
        if value is not None:
            return value, match.start(), match.end()
    return None


_WIRE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,|\s*\(|\s+[—–-]\s)")
_WIRE_END = re.compile(r"\s[—–-]{1,2}\s")


def wire_prefixes(text: str, *, max_lines: int = 40) -> list[tuple[int, int]]:
    """Character spans of wire datelines opening a paragraph ("VILNIUS, Feb 19 (Agency) - "):
    the date there is when the story was filed, not when anything happened."""
    out: list[tuple[int, int]] = []
    offset = 0
    for index, line in enumerate(text.splitlines(keepends=True)):
        if index >= max_lines:
            break
        if _WIRE.match(line):
            end = _WIRE_END.search(line, 3, 100)
            if end:
                out.append((offset, offset + end.end()))
        offset += len(line)
    return out


# A timestamp label on a long byline line: the date right after it is the article's.
_TIMESTAMP = re.compile(r"\b(?:posted|published|first published)(?:\s+on)?\s*:?\s*", re.IGNORECASE)


def find_dateline(text: str, *, max_lines: int = 8, max_chars: int = 1200) -> date | None:
    """The article's own date: a full date on a short line near the top (a byline or timestamp),
    or in a wire dateline opening the first paragraph ("CITY, Aug 2, 2024 (Agency) - ...")."""
    found = dateline_span(text, max_lines=max_lines, max_chars=max_chars)
    return found[0] if found else None


def dateline_span(text: str, *, max_lines: int = 8, max_chars: int = 1200) -> tuple[date, int, int] | None:
    """The dateline's date and the character span of the text it was read from."""
    offset = 0
    lines = 0
    order = month_first(text)
    for raw in text[:max_chars].splitlines(keepends=True):
        line = raw.strip()
        start = offset + len(raw) - len(raw.lstrip())
        offset += len(raw)
        if not line:
            continue
        lines += 1
        if lines > max_lines:
            break
        if _EMBEDDED_POST.search(line):
            continue  # "— Agency News (@handle) February 6, 2021": an embedded post's date, not the article's
        shift = 0
        window = line if len(line) <= 90 else line[:60] if _WIRE.match(line) else ""
        stamp = _TIMESTAMP.search(line) if not window else None
        if stamp:  # "Jane Roe | Daily Star | Published: 2 June 2023 09:40 GMT"
            shift = stamp.end()
            window = line[shift : shift + 40]
        found = _search_date(window, order) if window else None
        if found:
            return found[0], start + shift + found[1], start + shift + found[2]
    return None


# The signature line of an embedded social-media post: "— Name (@handle) February 6, 2021".
_EMBEDDED_POST = re.compile(r"\(@\w+\)|^[—–-]\s.*@\w+")
# Photo captions and credits: "Photo: Jane Roe / Agency", "FILE PHOTO:", "REUTERS/Jane Roe".
_CREDIT = re.compile(r"\bphoto\s*:|photo_camera|\bfile photo\b|\bgetty images\b|\bpic\.twitter", re.IGNORECASE)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of lines that are photo captions or credits, not the story (rule
    date.not-from-captions): a line carrying a photo credit, and a line repeating an earlier one
    word for word (a caption shown twice)."""
    out: list[tuple[int, int]] = []
    offset = 0
    seen: dict[str, tuple[int, int]] = {}
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        span = (offset, offset + len(raw))
        offset += len(raw)
        if not line:
            continue
        if _CREDIT.search(line):
            out.append(span)
        elif line in seen and len(line) > 40:
            out.extend((seen[line], span))
        seen.setdefault(line, span)
    return out


def latest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR_ANY.findall(text)]
    return max(years) if years else None


def resolve_date(phrase: str, dateline: date | None, text_latest_year: int | None) -> date | None:
    """The date a DATE phrase fixes, given the dateline and the latest year the article mentions."""
    full = parse_date(phrase)
    if full:
        return full
    weekday_match = _WEEKDAY.search(phrase)
    weekday = WEEKDAYS[weekday_match.group(1).lower()] if weekday_match else None
    for pattern in _PARTIAL:
        match = pattern.search(phrase)
        if not match:
            continue
        month, day = _month(match.group("month")), int(match.group("day"))
        if dateline is not None:
            year = dateline.year - (1 if (month, day) > (dateline.month, dateline.day + 1) else 0)
            return _safe(year, month, day)
        if weekday is not None and text_latest_year is not None:
            for year in range(text_latest_year, text_latest_year + 7):
                candidate = _safe(year, month, day)
                if candidate and candidate.weekday() == weekday:
                    return candidate
        return None
    if dateline is None:
        return None
    if weekday is not None:
        return dateline - timedelta(days=(dateline.weekday() - weekday) % 7)
    relative = _RELATIVE.search(phrase)
    if relative:
        return dateline - timedelta(days=1) if relative.group(1).lower() in ("yesterday", "last night") else dateline
    return None
