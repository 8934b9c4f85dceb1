using System.Globalization;
using System.Text;
using System.Xml;

namespace Supervision.Workbooks.Reading;

/// <summary>
/// Text as ClosedXML 0.95.4 loads it: shared strings (plain or rich text runs), inline strings, and the few rules that
/// make its strings what they are. Where ClosedXML would fail or decode escapes, the fast reader falls back instead of
/// guessing.
/// </summary>
internal static class FastStrings
{
    /// <summary>The text of a &lt;si&gt; or &lt;is&gt; element the reader is on: its first direct &lt;t&gt; and its runs.</summary>
    public readonly record struct RichText(string? Plain, string? Runs, bool HasRuns, bool RunWithoutText);

    /// <summary>
    /// A shared string: rich text runs win (each run's &lt;t&gt;, newlines fixed as ClosedXML does), else the plain
    /// &lt;t&gt; with ClosedXML's _xHHHH_ decoding, which is left to ClosedXML: such a string makes the file fall back.
    /// Null when ClosedXML could not load it (no &lt;t&gt; at all) or when it needs decoding.
    /// </summary>
    public static string? SharedString(RichText text)
    {
        if (text.HasRuns)
        {
            return text.RunWithoutText ? null : Checked(text.Runs ?? "");
        }

        return text.Plain is null ? null : Checked(text.Plain);
    }

    /// <summary>An inline string: the plain &lt;t&gt; wins (newlines fixed), else the runs; null when ClosedXML could not load it.</summary>
    public static string? InlineString(RichText text)
    {
        if (text.Plain is not null)
        {
            return Checked(FixNewLines(text.Plain));
        }

        return text.HasRuns && !text.RunWithoutText ? Checked(text.Runs ?? "") : null;
    }

    /// <summary>
    /// Reads &lt;si&gt; or &lt;is&gt; from its start tag to its end tag (the reader is left on the end tag, or on the
    /// element itself when it is empty). Phonetic runs (&lt;rPh&gt;) are not part of the value.
    /// </summary>
    public static RichText Read(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return default;
        }

        var depth = reader.Depth;
        string? plain = null;
        string? runs = null;
        StringBuilder? joined = null;
        var hasRuns = false;
        var runWithoutText = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                break;
            }

            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1 || reader.NamespaceURI != FastPackage.MainNamespace)
            {
                continue;
            }

            if (reader.LocalName == "t")
            {
                var text = ReadText(reader);
                plain ??= text;
            }
            else if (reader.LocalName == "r")
            {
                hasRuns = true;
                var run = ReadRun(reader);
                if (run is null)
                {
                    runWithoutText = true;
                }
                else if (runs is null)
                {
                    runs = run;
                }
                else
                {
                    joined ??= new StringBuilder(runs);
                    joined.Append(run);
                }
            }
        }

        return new RichText(plain, joined?.ToString() ?? runs, hasRuns, runWithoutText);
    }

    /// <summary>The characters of a &lt;t&gt; (or &lt;v&gt;); the reader is left on its end tag.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        string? text = null;
        StringBuilder? joined = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return joined?.ToString() ?? text ?? "";
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is null)
                    {
                        text = reader.Value;
                    }
                    else
                    {
                        joined ??= new StringBuilder(text);
                        joined.Append(reader.Value);
                    }

                    break;
            }
        }

        throw new FastReadFallbackException("a text element is not closed");
    }

    // A run's value is its first <t>; a run without one makes ClosedXML fail (null).
    private static string? ReadRun(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }

        var depth = reader.Depth;
        string? text = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                break;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "t"
                && reader.NamespaceURI == FastPackage.MainNamespace)
            {
                var value = ReadText(reader);
                text ??= FixNewLines(value);
            }
        }

        return text;
    }

    /// <summary>ClosedXML's FixNewLines: a lone "\n" or a "\r\n" becomes Environment.NewLine.</summary>
    public static string FixNewLines(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal))
        {
            return value;
        }

        var fixedText = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                fixedText.Append(Environment.NewLine);
                i++;
            }
            else if (value[i] == '\n')
            {
                fixedText.Append(Environment.NewLine);
            }
            else
            {
                fixedText.Append(value[i]);
            }
        }

        return fixedText.ToString();
    }

    /// <summary>
    /// ClosedXML decodes _xHHHH_ escapes when it loads a shared string and again when a cell's text is read; rather than
    /// reproduce both passes, a string with "_x" is left to ClosedXML (null).
    /// </summary>
    private static string? Checked(string text) =>
        text.Contains("_x", StringComparison.OrdinalIgnoreCase) ? null : text;

    /// <summary>The G15 text ClosedXML 0.95.4 keeps for a number it loads (it parses the cell's &lt;v&gt; and prints it back).</summary>
    public static string G15(double number) => number.ToString("G15", CultureInfo.InvariantCulture);
}
