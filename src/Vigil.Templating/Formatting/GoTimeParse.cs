using System.Globalization;
using Vigil.Model;

namespace Vigil.Templating.Formatting;

/// <summary>
/// Go's <c>time.ParseInLocation</c> with UTC as the location: the value must follow the reference
/// layout; elements the layout omits default to zero (the year to 1, the earliest .NET allows).
/// </summary>
public static class GoTimeParse
{
    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> with Go's message.</summary>
    public static DateTimeOffset Parse(string layout, string value)
    {
        var state = new ParseState(layout, value);
        state.Run();
        return state.Build();
    }

    private sealed class ParseState(string layout, string value)
    {
        private int _year = 1, _month = 1, _day = 1, _hour, _minute, _second;
        private long _nanos;
        private bool _pm, _pmSet;
        private TimeSpan _offset;
        private int _v;

        public void Run()
        {
            var i = 0;
            while (i < layout.Length)
            {
                var (token, length) = GoTimeFormat.NextToken(layout, i);
                if (token == GoTimeToken.None)
                {
                    if (_v >= value.Length || value[_v] != layout[i])
                    {
                        throw CannotParse(layout.Substring(i, 1));
                    }
                    _v++;
                    i++;
                    continue;
                }
                var element = layout.Substring(i, length);
                ParseElement(token, element);
                i += length;
                if (token is GoTimeToken.Second or GoTimeToken.ZeroSecond)
                {
                    SkipUnlistedFraction(layout, i);
                }
            }
            if (_v < value.Length)
            {
                throw new FormatException($"parsing time {GoString.Quote(value)}: extra text: {GoString.Quote(value[_v..])}");
            }
        }

        public DateTimeOffset Build()
        {
            if (_pmSet && _hour < 12 && _pm)
            {
                _hour += 12;
            }
            else if (_pmSet && _hour == 12 && !_pm)
            {
                _hour = 0;
            }
            if (_day > DateTime.DaysInMonth(_year, _month))
            {
                throw new FormatException($"parsing time {GoString.Quote(value)}: day out of range");
            }
            var t = new DateTimeOffset(_year, _month, _day, _hour, _minute, _second, _offset);
            return t.AddTicks(_nanos / 100);
        }

        private void ParseElement(GoTimeToken token, string element)
        {
            switch (token)
            {
                case GoTimeToken.LongYear: _year = Number(element, 4, 4); break;
                case GoTimeToken.Year:
                    var y = Number(element, 2, 2);
                    _year = y >= 69 ? 1900 + y : 2000 + y;
                    break;
                case GoTimeToken.LongMonth: _month = Name(element, CultureInfo.InvariantCulture.DateTimeFormat.MonthNames) + 1; break;
                case GoTimeToken.Month: _month = Name(element, CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames) + 1; break;
                case GoTimeToken.NumMonth: _month = Range(Number(element, 1, 2), 1, 12, "month"); break;
                case GoTimeToken.ZeroMonth: _month = Range(Number(element, 2, 2), 1, 12, "month"); break;
                case GoTimeToken.LongWeekDay: Name(element, CultureInfo.InvariantCulture.DateTimeFormat.DayNames); break;
                case GoTimeToken.WeekDay: Name(element, CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames); break;
                case GoTimeToken.Day: _day = Range(Number(element, 1, 2), 1, 31, "day"); break;
                case GoTimeToken.UnderDay:
                    if (_v < value.Length && value[_v] == ' ')
                    {
                        _v++;
                    }
                    _day = Range(Number(element, 1, 2), 1, 31, "day");
                    break;
                case GoTimeToken.ZeroDay: _day = Range(Number(element, 2, 2), 1, 31, "day"); break;
                case GoTimeToken.UnderYearDay or GoTimeToken.ZeroYearDay: Number(element, 3, 3); break;
                case GoTimeToken.Hour: _hour = Range(Number(element, 1, 2), 0, 23, "hour"); break;
                case GoTimeToken.Hour12: _hour = Range(Number(element, 1, 2), 0, 12, "hour"); break;
                case GoTimeToken.ZeroHour12: _hour = Range(Number(element, 2, 2), 0, 12, "hour"); break;
                case GoTimeToken.Minute: _minute = Range(Number(element, 1, 2), 0, 59, "minute"); break;
                case GoTimeToken.ZeroMinute: _minute = Range(Number(element, 2, 2), 0, 59, "minute"); break;
                case GoTimeToken.Second: _second = Range(Number(element, 1, 2), 0, 59, "second"); break;
                case GoTimeToken.ZeroSecond: _second = Range(Number(element, 2, 2), 0, 59, "second"); break;
                case GoTimeToken.PM or GoTimeToken.Pm: ParsePm(element); break;
                case GoTimeToken.Zone: ParseZoneName(element); break;
                case GoTimeToken.IsoZone or GoTimeToken.NumZone: ParseOffset(element, token == GoTimeToken.IsoZone); break;
                case GoTimeToken.FracZero or GoTimeToken.FracNine: ParseFraction(element, token == GoTimeToken.FracNine); break;
            }
        }

        private int Number(string element, int min, int max)
        {
            var start = _v;
            while (_v < value.Length && _v - start < max && char.IsAsciiDigit(value[_v]))
            {
                _v++;
            }
            if (_v - start < min)
            {
                _v = start;
                throw CannotParse(element);
            }
            return int.Parse(value.AsSpan(start, _v - start), CultureInfo.InvariantCulture);
        }

        private int Range(int n, int min, int max, string what) =>
            n >= min && n <= max ? n : throw new FormatException($"parsing time {GoString.Quote(value)}: {what} out of range");

        private int Name(string element, string[] names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Length > 0 && string.Compare(value, _v, names[i], 0, names[i].Length, StringComparison.OrdinalIgnoreCase) == 0 && _v + names[i].Length <= value.Length)
                {
                    _v += names[i].Length;
                    return i;
                }
            }
            throw CannotParse(element);
        }

        private void ParsePm(string element)
        {
            if (_v + 2 > value.Length)
            {
                throw CannotParse(element);
            }
            var text = value.Substring(_v, 2).ToUpperInvariant();
            if (text is not ("AM" or "PM"))
            {
                throw CannotParse(element);
            }
            _pm = text == "PM";
            _pmSet = true;
            _v += 2;
        }

        private void ParseZoneName(string element)
        {
            var start = _v;
            while (_v < value.Length && char.IsAsciiLetterUpper(value[_v]))
            {
                _v++;
            }
            if (_v - start < 3)
            {
                _v = start;
                throw CannotParse(element);
            }
        }

        private void ParseOffset(string element, bool iso)
        {
            if (iso && _v < value.Length && value[_v] == 'Z')
            {
                _v++;
                return;
            }
            if (_v >= value.Length || value[_v] is not ('+' or '-'))
            {
                throw CannotParse(element);
            }
            var negative = value[_v++] == '-';
            var form = element[1..];
            var colon = form.Contains(':', StringComparison.Ordinal);
            var hours = Number(element, 2, 2);
            var minutes = 0;
            var seconds = 0;
            var digits = form.Replace(":", "", StringComparison.Ordinal).Length;
            if (digits >= 4)
            {
                Expect(colon, element);
                minutes = Number(element, 2, 2);
            }
            if (digits >= 6)
            {
                Expect(colon, element);
                seconds = Number(element, 2, 2);
            }
            _offset = new TimeSpan(hours, minutes, seconds) * (negative ? -1 : 1);
        }

        private void Expect(bool colon, string element)
        {
            if (!colon)
            {
                return;
            }
            if (_v >= value.Length || value[_v] != ':')
            {
                throw CannotParse(element);
            }
            _v++;
        }

        private void ParseFraction(string element, bool optional)
        {
            if (_v >= value.Length || value[_v] != element[0])
            {
                if (optional)
                {
                    return;
                }
                throw CannotParse(element);
            }
            _v++;
            var start = _v;
            var count = optional ? int.MaxValue : element.Length - 1;
            while (_v < value.Length && _v - start < count && char.IsAsciiDigit(value[_v]))
            {
                _v++;
            }
            if (!optional && _v - start != count)
            {
                throw CannotParse(element);
            }
            var digits = value[start.._v].PadRight(9, '0')[..9];
            _nanos = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        private void SkipUnlistedFraction(string layoutText, int next)
        {
            var layoutHasFraction = next < layoutText.Length && layoutText[next] is '.' or ',' && next + 1 < layoutText.Length && layoutText[next + 1] is '0' or '9';
            if (layoutHasFraction || _v + 1 >= value.Length || value[_v] is not ('.' or ',') || !char.IsAsciiDigit(value[_v + 1]))
            {
                return;
            }
            ParseFraction(".9", true);
        }

        private FormatException CannotParse(string element) =>
            new($"parsing time {GoString.Quote(value)} as {GoString.Quote(layout)}: cannot parse {GoString.Quote(value[Math.Min(_v, value.Length)..])} as {GoString.Quote(element)}");
    }
}
