using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasClassifier.Keras.Callbacks;

/// <summary>
/// Fills a Keras checkpoint path template such as <c>ckpt/{epoch:02d}-{val_accuracy:.4f}.keras</c>,
/// translating Python's format specifications (<c>str.format</c>) to .NET formatting.
/// </summary>
/// <remarks>
/// Supported per placeholder: <c>{name}</c> and <c>{name:spec}</c> with
/// <c>[[fill]align][sign][0][width][,][.precision][type]</c>, where align is <c>&lt;</c>, <c>&gt;</c> or
/// <c>^</c>, sign is <c>+</c>, <c>-</c> or a space, and type is <c>d</c>, <c>f</c>, <c>F</c>, <c>e</c>,
/// <c>E</c>, <c>g</c>, <c>G</c>, <c>%</c> or <c>s</c>; <c>{{</c> and <c>}}</c> write braces. Without a
/// type, an integer prints as an integer and a float as the shortest text that reads back to the
/// same value, as Python's <c>str</c> does, except that .NET prints a whole float without <c>.0</c>.
/// Rounding to a precision sends exact ties away from zero, where Python rounds them to even
/// (<c>{x:.1%}</c> of 0.8125 gives 81.3% here and 81.2% in Python).
/// </remarks>
public sealed partial class FilePathTemplate
{
    private readonly List<Segment> segments;

    /// <summary>Initializes a new instance of the <see cref="FilePathTemplate"/> class.</summary>
    /// <param name="template">The template.</param>
    /// <exception cref="ArgumentException">A brace is unmatched or a format specification is not supported; the message names it.</exception>
    public FilePathTemplate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
        segments = Parse(template);
    }

    /// <summary>Gets the template text.</summary>
    public string Template { get; }

    /// <summary>Gets the placeholder names, in order of appearance.</summary>
    public IReadOnlyList<string> Keys => segments.Where(s => s.Key is not null).Select(s => s.Key!).Distinct().ToList();

    /// <summary>Fills the template.</summary>
    /// <param name="epoch">The 1-based epoch number for <c>{epoch}</c>, as Keras passes <c>epoch + 1</c>.</param>
    /// <param name="logs">The values for the other placeholders.</param>
    /// <param name="batch">The 1-based batch number for <c>{batch}</c>, or null at epoch ends.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">A placeholder has no value; the message lists the keys that have one.</exception>
    public string Format(int epoch, IReadOnlyDictionary<string, double> logs, int? batch = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Key is null)
            {
                text.Append(segment.Literal);
                continue;
            }

            object value = segment.Key switch
            {
                "epoch" => epoch,
                "batch" when batch is not null => batch.Value,
                _ when logs.TryGetValue(segment.Key, out var logged) => logged,
                _ => throw new ArgumentException(
                    $"The checkpoint path template '{Template}' uses {{{segment.Key}}}, but there is no such value; available: epoch{(batch is null ? string.Empty : ", batch")}{string.Concat(logs.Keys.Select(k => ", " + k))}.",
                    "filepath"),
            };
            text.Append(segment.Spec!.Apply(value));
        }

        return text.ToString();
    }

    private static List<Segment> Parse(string template)
    {
        var result = new List<Segment>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException($"Invalid checkpoint path template '{template}': unmatched '}}' at position {i}; write '}}}}' for a literal brace.", "filepath");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                throw new ArgumentException($"Invalid checkpoint path template '{template}': unmatched '{{' at position {i}; write '{{{{' for a literal brace.", "filepath");
            }

            if (literal.Length > 0)
            {
                result.Add(new Segment(literal.ToString(), null, null));
                literal.Clear();
            }

            var field = template[(i + 1)..end];
            var colon = field.IndexOf(':');
            var key = colon < 0 ? field : field[..colon];
            if (key.Length == 0)
            {
                throw new ArgumentException($"Invalid checkpoint path template '{template}': a placeholder at position {i} has no name; use a log key such as {{epoch}} or {{val_loss}}.", "filepath");
            }

            result.Add(new Segment(null, key, FormatSpec.Parse(colon < 0 ? string.Empty : field[(colon + 1)..], template)));
            i = end;
        }

        if (literal.Length > 0)
        {
            result.Add(new Segment(literal.ToString(), null, null));
        }

        return result;
    }

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>^]))?(?<sign>[+\- ])?(?<zero>0)?(?<width>\d+)?(?<comma>,)?(?:\.(?<precision>\d+))?(?<type>[dfFeEgGs%])?$")]
    private static partial Regex SpecPattern();

    private sealed record Segment(string? Literal, string? Key, FormatSpec? Spec);

    /// <summary>One parsed Python format specification.</summary>
    private sealed record FormatSpec(char Fill, char Align, char Sign, int Width, bool Thousands, int? Precision, char Type)
    {
        private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

        public static FormatSpec Parse(string spec, string template)
        {
            var match = SpecPattern().Match(spec);
            if (!match.Success)
            {
                throw new ArgumentException(
                    $"Invalid checkpoint path template '{template}': format specification '{spec}' is not supported; use forms such as 02d, .4f or .2e.", "filepath");
            }

            // A leading 0 without an explicit alignment pads with zeros after the sign, as Python's '=' alignment.
            var zero = match.Groups["zero"].Success;
            var fill = zero ? '0' : ' ';
            var align = zero ? '=' : '\0';
            if (match.Groups["align"].Success)
            {
                align = match.Groups["align"].Value[0];
            }

            if (match.Groups["fill"].Success)
            {
                fill = match.Groups["fill"].Value[0];
            }

            return new FormatSpec(
                fill,
                align,
                match.Groups["sign"].Success ? match.Groups["sign"].Value[0] : '-',
                match.Groups["width"].Success ? int.Parse(match.Groups["width"].Value, Culture) : 0,
                match.Groups["comma"].Success,
                match.Groups["precision"].Success ? int.Parse(match.Groups["precision"].Value, Culture) : null,
                match.Groups["type"].Success ? match.Groups["type"].Value[0] : '\0');
        }

        public string Apply(object value)
        {
            var number = value is int i ? i : (double)value;
            var negative = number < 0 || (number == 0 && double.IsNegative(number));
            var body = FormatMagnitude(Math.Abs(number), value is int);
            var sign = Sign switch
            {
                _ when negative => "-",
                '+' => "+",
                ' ' => " ",
                _ => string.Empty,
            };
            return Pad(sign, body, numeric: Type != 's');
        }

        private string FormatMagnitude(double magnitude, bool isInteger)
        {
            if (double.IsNaN(magnitude))
            {
                return Type is 'F' or 'E' or 'G' ? "NAN" : "nan";
            }

            if (double.IsInfinity(magnitude))
            {
                return Type is 'F' or 'E' or 'G' ? "INF" : "inf";
            }

            var grouping = Thousands ? "#,0" : "0";
            switch (Type)
            {
                case 'd':
                    if (!isInteger && magnitude != Math.Floor(magnitude))
                    {
                        throw new ArgumentException($"Format 'd' needs an integer but received {magnitude.ToString(Culture)}; use .Nf for a metric.", "filepath");
                    }

                    return magnitude.ToString(grouping, Culture);
                case 'f' or 'F':
                    return magnitude.ToString(grouping + "." + new string('0', Precision ?? 6), Culture).TrimEnd('.');
                case 'e' or 'E':
                    return Exponent(magnitude, Precision ?? 6, Type);
                case '%':
                    return (magnitude * 100).ToString(grouping + "." + new string('0', Precision ?? 6), Culture).TrimEnd('.') + "%";
                case 'g' or 'G':
                    return General(magnitude, Precision ?? 6, Type);
                default:
                    if (isInteger)
                    {
                        return magnitude.ToString(grouping, Culture);
                    }

                    return Precision is { } digits ? General(magnitude, digits, 'g') : magnitude.ToString("R", Culture);
            }
        }

        private static string Exponent(double magnitude, int precision, char type)
        {
            // .NET writes at least three exponent digits with "e+000"; Python writes at least two.
            var text = magnitude.ToString((type == 'E' ? "E" : "e") + precision.ToString(Culture), Culture);
            var marker = text.IndexOfAny(['e', 'E']);
            var exponent = int.Parse(text[(marker + 1)..], NumberStyles.AllowLeadingSign, Culture);
            return $"{text[..marker]}{text[marker]}{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        private static string General(double magnitude, int precision, char type)
        {
            // Python's g: exponent form when the exponent is below -4 or at least the precision; trailing zeros removed.
            precision = Math.Max(precision, 1);
            if (magnitude == 0)
            {
                return "0";
            }

            // The exponent that decides the form is the one after rounding to the precision (9.9999 at .3g is 10.0).
            var rounded = double.Parse(magnitude.ToString("E" + (precision - 1).ToString(Culture), Culture), Culture);
            var exponent = (int)Math.Floor(Math.Log10(rounded));
            if (exponent < -4 || exponent >= precision)
            {
                var text = Exponent(magnitude, precision - 1, type == 'G' ? 'E' : 'e');
                var marker = text.IndexOfAny(['e', 'E']);
                var mantissa = text[..marker].Contains('.') ? text[..marker].TrimEnd('0').TrimEnd('.') : text[..marker];
                return mantissa + text[marker..];
            }

            var fixedText = magnitude.ToString("F" + Math.Max(0, precision - 1 - exponent).ToString(Culture), Culture);
            return fixedText.Contains('.') ? fixedText.TrimEnd('0').TrimEnd('.') : fixedText;
        }

        private string Pad(string sign, string body, bool numeric)
        {
            var length = sign.Length + body.Length;
            if (length >= Width)
            {
                return sign + body;
            }

            var padding = new string(Fill, Width - length);
            // Without an alignment Python puts numbers on the right and text on the left.
            var align = Align;
            if (align == '\0')
            {
                align = numeric ? '>' : '<';
            }

            return align switch
            {
                '<' => sign + body + padding,
                '^' => padding[..(padding.Length / 2)] + sign + body + padding[(padding.Length / 2)..],
                '=' => sign + padding + body,
                _ => padding + sign + body,
            };
        }
    }
}
