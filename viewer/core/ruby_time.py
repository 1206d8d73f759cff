"""Ruby's `Time.parse`, which Jekyll uses for front matter dates (`Utils.parse_date`).

Ruby reads a date with `Date._parse`: the text is cleaned of odd characters, then a fixed series
of patterns each takes the part it recognises (a weekday, a time with its zone, a date written
the European, American, ISO, slashed or dotted way, a bare number...), and `Time.parse` fills
what is missing. This is that series, for what people write in posts: `January 5, 2021 10:00`,
`2021/01/05`, `5 Jan 2021`, `Tue, 05 Jan 2021 10:00:00 +0900`, `20210105`... (Ruby 3.1's
lib/time.rb and ext/date/date_parse.c).

Two things differ on purpose: a text without a year ('10:00', 'Jan 5', which Ruby completes
from today's date) is not a date, and the zone is kept as written where Jekyll would convert
the time to the machine's zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

_FLAGS = re.I | re.A
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = "sun|mon|tue|wed|thu|fri|sat"
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))?"

#: Time.zone_offset's names (RFC 822 and military zones), in hours.
_ZONES = {"UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5}
_ZONES |= {"MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_ZONES |= {letter: hours for letter, hours in zip("ABCDEFGHIKLM", range(1, 13), strict=True)}
_ZONES |= {letter: -hours for letter, hours in zip("NOPQRSTUVWXY", range(1, 13), strict=True)}

Fields = dict[str, object]


def parse_time(text: str) -> dt.datetime | None:
    """The time Ruby's Time.parse reads in `text`, or None where it raises (or finds no date)."""
    fields = _date_parse(text)
    if not any(key in fields for key in ("year", "mon", "mday", "yday")):
        return None
    return _make_time(fields)


# --- Date._parse --------------------------------------------------------------------------------------


def _date_parse(text: str) -> Fields:
    work = [re.sub(r"(?:[^-+',./:@\w\[\]]|_)+", " ", text)]  # one mutable string, as Ruby's
    fields: Fields = {"_comp": True}
    has = {
        "alpha": bool(re.search(r"[a-zA-Z]", work[0])),
        "digit": bool(re.search(r"[0-9]", work[0])),
        "dash": "-" in work[0],
        "dot": "." in work[0],
        "slash": "/" in work[0],
    }

    def have(*kinds: str) -> bool:
        return all(has[kind] for kind in kinds)

    if have("alpha"):
        _sub(work, fields, _DAY, _on_day)
    if have("digit"):
        _sub(work, fields, _TIME, _on_time)
    date_parsers: list[tuple[tuple[str, ...], re.Pattern[str], _Callback, re.Pattern[str] | None]] = [
        (("alpha", "digit"), _EU, _on_eu, None),
        (("alpha", "digit"), _US, _on_us, None),
        (("digit", "dash"), _ISO, _on_ymd, None),
        (("digit", "dot"), _JIS, _on_jis, None),
        (("alpha", "digit", "dash"), _VMS11, _on_eu, None),
        (("alpha", "digit", "dash"), _VMS12, _on_us, None),
        (("digit", "slash"), _SLASH, _on_ymd, None),
        (("digit", "dot"), _DOT, _on_ymd, None),
        *((("digit",), pattern, callback, unless) for pattern, callback, unless in _ISO2),
        (("digit",), _YEAR, lambda m, f: f.update(year=int(m.group(1))), None),
        (("alpha",), _MON, lambda m, f: f.update(mon=_month(m.group(1))), None),
        (("digit",), _MDAY, lambda m, f: f.update(mday=int(m.group(1))), None),
        (("digit",), _DDD, _on_ddd, None),
    ]
    for kinds, pattern, callback, unless in date_parsers:
        if not have(*kinds) or (unless is not None and unless.search(work[0])):
            continue
        if _sub(work, fields, pattern, callback):
            break
    if have("alpha"):
        _sub(work, fields, _BC, lambda m, f: f.update(_bc=True))
    if have("digit"):
        _sub(work, fields, _FRAG, _on_frag)
    year = fields.get("year")
    if isinstance(year, int):
        if fields.get("_bc"):
            year = fields["year"] = 1 - year
        if fields.get("_comp") and 0 <= year <= 99:
            fields["year"] = year + (1900 if year >= 69 else 2000)
    return fields


_Callback = Callable[[re.Match[str], Fields], object]


def _sub(work: list[str], fields: Fields, pattern: re.Pattern[str], callback: _Callback) -> bool:
    """Ruby's SUBS: on a match, the matched text becomes one space and the callback reads it."""
    match = pattern.search(work[0])
    if match is None:
        return False
    work[0] = work[0][: match.start()] + " " + work[0][match.end() :]
    callback(match, fields)
    return True


def _month(name: str) -> int:
    return _MONTHS.split("|").index(name[:3].lower()) + 1


_DAY = re.compile(rf"(?u:\b)({_DAYS})[^-/\d\s]*", _FLAGS)


def _on_day(match: re.Match[str], fields: Fields) -> None:
    fields["wday"] = _DAYS.split("|").index(match.group(1)[:3].lower())


_TIME = re.compile(
    r"((?:\d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?|\d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)?)"
    r"(?:\s*[ap](?:m(?u:\b)|\.m\.))?|\d+\s*[ap](?:m(?u:\b)|\.m\.))"
    r"(?:\s*((?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?"
    r"|(?-i:(?:(?u:[^\W\d_])|[.\s])+)(?:standard|daylight)\stime(?u:\b)|(?-i:(?u:[^\W\d_])+)(?:\sdst)?(?u:\b)))?",
    _FLAGS,
)
_TIME_PARTS = re.compile(
    r"\A(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?(?:\s*([ap])(?:m(?u:\b)|\.m\.))?",
    _FLAGS,
)


def _on_time(match: re.Match[str], fields: Fields) -> None:
    if match.group(2):
        fields["zone"] = match.group(2)
    parts = _TIME_PARTS.match(match.group(1))
    if parts is None:
        return
    hour, minute, second, fraction, meridian = parts.groups()
    hours = int(hour)
    if meridian:
        hours = hours % 12 + (12 if meridian.lower() == "p" else 0)
    fields["hour"] = hours
    if minute:
        fields["min"] = int(minute)
    if second:
        fields["sec"] = int(second)
    if fraction:
        fields["sec_fraction"] = fraction  # the digits after the point


_EU = re.compile(
    rf"('?\d+)[^-\d\s]*\s*({_MONTHS})[^-\d\s']*(?:\s*{_ERA}\s*('?-?\d+(?:(?:st|nd|rd|th)(?u:\b))?))?", _FLAGS
)
_US = re.compile(rf"(?u:\b)({_MONTHS})[^-\d\s']*\s*('?\d+)[^-\d\s']*(?:\s*,?\s*{_ERA}\s*('?-?\d+))?", _FLAGS)
_ISO = re.compile(r"('?[-+]?\d+)-(\d+)-('?-?\d+)", re.A)
_JIS = re.compile(r"(?u:\b)([mtsh])(\d+)\.(\d+)\.(\d+)", _FLAGS)
_VMS11 = re.compile(rf"('?-?\d+)-({_MONTHS})[^-/.]*-('?-?\d+)", _FLAGS)
_VMS12 = re.compile(rf"(?u:\b)({_MONTHS})[^-/.]*-('?-?\d+)(?:-('?-?\d+))?", _FLAGS)
_SLASH = re.compile(r"('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?", _FLAGS)
_DOT = re.compile(r"('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)", _FLAGS)
_YEAR = re.compile(r"'(\d+)(?u:\b)", re.A)
_MON = re.compile(rf"(?u:\b)({_MONTHS})\S*", _FLAGS)
_MDAY = re.compile(r"(\d+)(st|nd|rd|th)(?u:\b)", _FLAGS)
_BC = re.compile(r"(?u:\b)(bc(?u:\b)|bce(?u:\b)|b\.c\.|b\.c\.e\.)", _FLAGS)
_FRAG = re.compile(r"\A\s*(\d{1,2})\s*\Z", _FLAGS)


def _on_eu(match: re.Match[str], fields: Fields) -> None:
    groups = match.groups()
    day, month = groups[0], groups[1]
    era, year = (groups[2], groups[3]) if len(groups) == 4 else (None, groups[2])
    _s3e(fields, year, str(_month(month)), day, bool(era and era[0] in "bB"))


def _on_us(match: re.Match[str], fields: Fields) -> None:
    groups = match.groups()
    month, day = groups[0], groups[1]
    era, year = (groups[2], groups[3]) if len(groups) == 4 else (None, groups[2])
    _s3e(fields, year, str(_month(month)), day, bool(era and era[0] in "bB"))


def _on_ymd(match: re.Match[str], fields: Fields) -> None:
    _s3e(fields, match.group(1), match.group(2), match.group(3), False)


def _on_jis(match: re.Match[str], fields: Fields) -> None:
    era = {"m": 1867, "t": 1911, "s": 1925, "h": 1988}[match.group(1).lower()]
    fields.update(year=int(match.group(2)) + era, mon=int(match.group(3)), mday=int(match.group(4)))


def _s3e(fields: Fields, y: str | None, m: str | None, d: str | None, bc: bool) -> None:
    """Ruby's s3e: which of three numbers is the year, the month and the day."""
    if y is not None and m is not None and d is None:
        y, m, d = d, y, m
    if y is None and d is not None and (len(d) > 2 or d.startswith("'")):
        y, d = d, None
    if y is not None:
        number = re.match(r"[^-+\d]*([-+]?\d+)", y)
        if number is not None and number.end() < len(y):
            y, d = d, number.group(1)
    if m is not None and (m.startswith("'") or len(m) > 2):
        y, m, d = m, d, y  # us -> be
    if d is not None and (d.startswith("'") or len(d) > 2):
        y, d = d, y
    complete = True
    if y is not None:
        number = re.match(r"[^-+\d]*([-+]?)(\d*)", y)
        if number is not None and number.group(2):
            sign, digits = number.groups()
            if sign or len(digits) > 2:
                complete = False
            fields["year"] = int(sign + digits)
    if bc:
        fields["_bc"] = True
    for key, value in (("mon", m), ("mday", d)):
        digits = re.search(r"\d+", value) if value is not None else None
        if digits is not None:
            fields[key] = int(digits.group(0))
    if not complete:
        fields["_comp"] = False


# ISO 8601 week and ordinal dates (Time.parse reads the ordinal ones; a week date gives no date),
# each with the text that rules it out.
_ISO2: list[tuple[re.Pattern[str], _Callback, re.Pattern[str] | None]] = [
    (
        re.compile(r"(?u:\b)(\d{2}|\d{4})?-?w(\d{2})(?:-?(\d))?(?u:\b)", _FLAGS),
        lambda m, f: f.update(cweek=1),
        None,
    ),
    (re.compile(r"-w-(\d)(?u:\b)", _FLAGS), lambda m, f: f.update(cwday=1), None),
    (
        re.compile(r"--(\d{2})?-(\d{2})(?u:\b)", re.A),
        lambda m, f: f.update({"mday": int(m.group(2)), **({"mon": int(m.group(1))} if m.group(1) else {})}),
        None,
    ),
    (
        re.compile(r"--(\d{2})(\d{2})?(?u:\b)", re.A),
        lambda m, f: f.update({"mon": int(m.group(1)), **({"mday": int(m.group(2))} if m.group(2) else {})}),
        None,
    ),
    (
        re.compile(r"(?u:\b)(\d{2}|\d{4})-(\d{3})(?u:\b)", re.A),
        lambda m, f: f.update(year=int(m.group(1)), yday=int(m.group(2))),
        re.compile(r"[,.](\d{2}|\d{4})-\d{3}(?u:\b)", re.A),
    ),
    (
        re.compile(r"(?u:\b)-(\d{3})(?u:\b)", re.A),
        lambda m, f: f.update(yday=int(m.group(1))),
        re.compile(r"\d-\d{3}(?u:\b)", re.A),
    ),
]


def _on_ddd(match: re.Match[str], fields: Fields) -> None:
    """A run of digits (20210105, 20210105T1030...): its length says what it holds."""
    sign, digits, time, fraction, zone = match.groups()
    time_only = time is None and fraction is not None

    def two(at: int) -> int:
        return int(digits[at : at + 2])

    length = len(digits)
    negative = -1 if sign == "-" else 1
    if length == 2:
        fields["sec" if time_only else "mday"] = two(0)
    elif length == 4:
        fields.update(sec=two(2), min=two(0)) if time_only else fields.update(mon=two(0), mday=two(2))
    elif length == 6:
        if time_only:
            fields.update(sec=two(4), min=two(2), hour=two(0))
        else:
            fields.update(year=negative * two(0), mon=two(2), mday=two(4))
    elif length == 3:
        fields.update(sec=two(1), min=int(digits[0])) if time_only else fields.update(yday=int(digits))
    elif length == 5:
        if time_only:
            fields.update(sec=two(3), min=two(1), hour=int(digits[0]))
        else:
            fields.update(year=negative * two(0), yday=int(digits[2:]))
    elif length == 7:
        if time_only:
            fields.update(sec=two(5), min=two(3), hour=two(1), mday=int(digits[0]))
        else:
            fields.update(year=negative * int(digits[:4]), yday=int(digits[4:]))
    elif length in (8, 10, 12, 14):
        if time_only:
            fields.update(
                sec=two(length - 2), min=two(length - 4), hour=two(length - 6), mday=two(length - 8)
            )
            if length >= 10:
                fields["mon"] = two(length - 10)
            if length == 12:
                fields["year"] = negative * two(0)
            if length == 14:
                fields.update(year=negative * int(digits[:4]), _comp=False)
        else:
            fields.update(year=negative * int(digits[:4]), mon=two(4), mday=two(6), _comp=False)
            for key, at in (("hour", 8), ("min", 10), ("sec", 12)):
                if length >= at + 2:
                    fields[key] = two(at)
    if time is not None:
        count = len(time)
        if count in (2, 4, 6):
            if fraction is not None:
                fields["sec"] = int(time[count - 2 :])
                if count >= 4:
                    fields["min"] = int(time[count - 4 : count - 2])
                if count >= 6:
                    fields["hour"] = int(time[:2])
            else:
                fields["hour"] = int(time[:2])
                if count >= 4:
                    fields["min"] = int(time[2:4])
                if count >= 6:
                    fields["sec"] = int(time[4:6])
    if fraction:
        fields["sec_fraction"] = fraction
    if zone:
        fields["zone"] = zone


_DDD = re.compile(
    r"([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?(?:\s*(z(?u:\b)|[-+]\d{1,4}(?u:\b)|\[[-+]?\d[^\]]*\]))?",
    _FLAGS,
)


def _on_frag(match: re.Match[str], fields: Fields) -> None:
    number = int(match.group(1))
    if "hour" in fields and "mday" not in fields and 1 <= number <= 31:
        fields["mday"] = number
    if "mday" in fields and "hour" not in fields and 0 <= number <= 24:
        fields["hour"] = number


# --- Time.parse's make_time -----------------------------------------------------------------------------


def _make_time(fields: Fields) -> dt.datetime | None:
    def number(key: str, default: int) -> int:
        value = fields.get(key)
        return value if isinstance(value, int) else default

    year, mon, day = number("year", 0), number("mon", 1), number("mday", 1)
    hour, minute, second = number("hour", 0), number("min", 0), number("sec", 0)
    if "year" not in fields:
        return None  # Ruby takes this year (and more) from the clock: no date was written
    if "yday" in fields and "mon" not in fields:
        if not 1 <= number("yday", 0) <= 366:
            return None
        try:
            start = dt.date(year, 1, 1) + dt.timedelta(days=number("yday", 1) - 1)
        except (ValueError, OverflowError):
            return None
        mon, day = start.month, start.day
    fraction = fields.get("sec_fraction")
    micro = 0
    if isinstance(fraction, str):  # Ruby keeps nanoseconds; a microsecond is the finest here
        micro = int(fraction) * 1_000_000 // 10 ** len(fraction)
    # Ruby's Time.local: a day up to 31 runs over into the next month; 24:00 is the next day.
    if not (1 <= mon <= 12 and 1 <= day <= 31 and 0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    if not 0 <= second <= 60 or (hour == 24 and (minute or second)):
        return None
    zone = fields.get("zone")
    offset = _zone_offset(zone) if isinstance(zone, str) else None
    if offset is not None and abs(offset) >= 86_400:
        return None
    tzinfo = dt.timezone(dt.timedelta(seconds=offset)) if offset is not None else None
    try:
        start = dt.datetime(year, mon, 1, tzinfo=tzinfo)
        return start + dt.timedelta(
            days=day - 1, hours=hour, minutes=minute, seconds=second, microseconds=micro
        )
    except (ValueError, OverflowError):
        return None


def _zone_offset(zone: str) -> int | None:
    """Ruby's Time.zone_offset in seconds; None for names it does not know (a local time)."""
    zone = zone.upper()
    if (match := re.fullmatch(r"([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?", zone)) is not None:
        sign, hours, _, minutes, seconds = match.groups()
        return (-1 if sign == "-" else 1) * ((int(hours) * 60 + int(minutes)) * 60 + int(seconds or 0))
    if re.fullmatch(r"[+-]\d\d", zone):
        return int(zone) * 3600
    hours = _ZONES.get(zone)
    return None if hours is None else hours * 3600
