using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;

namespace Supervision.Api.Checks;

/// <summary>A JSON grid turned into what the parser takes.</summary>
public sealed record GridRequest(Grid Grid, FormKind? Form, FormMetadata? Metadata);

/// <summary>Either a grid request or a Chinese sentence saying exactly what is wrong with the JSON.</summary>
public readonly record struct GridRequestResult(GridRequest? Request, string? Error)
{
    public static implicit operator GridRequestResult(GridRequest request) => new(request, null);

    public static implicit operator GridRequestResult(string error) => new(null, error);
}

/// <summary>
/// Reads <see cref="GridCheckRequest"/> JSON by hand, so that every mistake is named (which field, which row and column)
/// instead of a serializer's generic failure. Pure: no HTTP.
/// </summary>
public static class GridRequestReader
{
    public const int MaxRows = 1_000;
    public const int MaxColumns = 100;
    public const string DefaultSheet = "Sheet1";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static GridRequestResult Read(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return "请求正文为空，应为 JSON 对象 {form, sheet, address, values, metadata}。";
        }

        // A leading byte order mark (PowerShell, Notepad) is not JSON but means no harm.
        if (body.Span.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }

        // The parser checks the UTF-8 of strings only when they are read, too late to say where; check it all first.
        if (!Utf8.IsValid(body.Span))
        {
            return "请求正文不是有效的 UTF-8 文本，JSON 须以 UTF-8 编码发送。";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            // The parser's own words stay (English), without its 0-based position, which is restated 1-based.
            var reason = e.Message;
            var position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = position >= 0 ? reason[..position] : reason;
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"（{e.Path}）";
            return $"请求正文不是有效的 JSON：第 {e.LineNumber + 1} 行第 {e.BytePositionInLine + 1} 个字节处有误{path}：{reason}";
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // Only a property name can get here (values are read by TryGetText): "\uD800" escapes no character.
                return "请求正文的属性名含有无效的 Unicode 转义（如不成对的 \\uD800）。";
            }
        }
    }

    public static GridRequestResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"请求正文应为 JSON 对象 {{form, sheet, address, values, metadata}}，实际是{KindName(root.ValueKind)}。";
        }

        if (ReadString(root, "form", out var formText) is { } formError)
        {
            return formError;
        }

        FormKind? form = null;
        if (!string.IsNullOrWhiteSpace(formText))
        {
            if (!FormKinds.TryParse(formText, out var kind))
            {
                return $"“form”的值“{formText}”不是已知的表格类型，应为 {string.Join("、", FormKinds.Slugs)} 之一，或省略（按表头识别）。";
            }

            form = kind;
        }

        if (ReadString(root, "sheet", out var sheetText) is { } sheetError)
        {
            return sheetError;
        }

        if (ReadString(root, "address", out var addressText) is { } addressError)
        {
            return addressError;
        }

        if (string.IsNullOrWhiteSpace(addressText))
        {
            return "缺少“address”：区域左上角的地址，如 \"A1\" 或 \"Sheet1!B3:I12\"。";
        }

        if (!RangeReference.TryParse(addressText, out var range))
        {
            return $"“address”的值“{addressText}”不是有效的单元格或区域地址，应如 \"A1\"、\"B3:I12\"、\"Sheet1!B3:I12\" 或 \"'My sheet'!B3:I12\"。";
        }

        if (ReadMetadata(root, out var metadata) is { } metadataError)
        {
            return metadataError;
        }

        if (!TryGetProperty(root, "values", out var values) || values.ValueKind is JsonValueKind.Null)
        {
            return "缺少“values”：单元格值的二维数组（每行一个数组），即 Excel 的 range.values。";
        }

        if (values.ValueKind != JsonValueKind.Array)
        {
            return $"“values”应为数组的数组（每行一个数组），实际是{KindName(values.ValueKind)}。";
        }

        var rowCount = values.GetArrayLength();
        if (rowCount > MaxRows)
        {
            return $"区域过大：“values”有 {rowCount} 行，最多 {MaxRows} 行。";
        }

        var rows = new List<CellValue[]>(rowCount);
        var width = 0;
        foreach (var row in values.EnumerateArray())
        {
            var r = rows.Count;
            if (row.ValueKind != JsonValueKind.Array)
            {
                return $"“values[{r}]”应为数组（一行单元格），实际是{KindName(row.ValueKind)}。";
            }

            var columnCount = row.GetArrayLength();
            if (columnCount > MaxColumns)
            {
                return $"区域过大：“values[{r}]”有 {columnCount} 列，最多 {MaxColumns} 列。";
            }

            var cells = new CellValue[columnCount];
            var c = 0;
            foreach (var value in row.EnumerateArray())
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        cells[c] = CellValue.Empty;
                        break;
                    case JsonValueKind.String:
                        if (!TryGetText(value, out var text))
                        {
                            return InvalidEscape($"values[{r}][{c}]");
                        }

                        // "#N/A" and other error texts stay text: a score cell holding one is "not a number" either way.
                        cells[c] = CellValue.FromText(text);
                        break;
                    case JsonValueKind.Number:
                        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            return $"“values[{r}][{c}]”的数字 {value.GetRawText()} 超出范围。";
                        }

                        cells[c] = CellValue.FromNumber(number);
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        cells[c] = CellValue.FromBoolean(value.GetBoolean());
                        break;
                    default:
                        return $"“values[{r}][{c}]”应为字符串、数字、布尔值或 null，实际是{KindName(value.ValueKind)}。";
                }

                c++;
            }

            width = Math.Max(width, columnCount);
            rows.Add(cells);
        }

        if (range.TopLeft.Row + rowCount - 1 > CellAddress.MaxRows || range.TopLeft.Column + width - 1 > CellAddress.MaxColumns)
        {
            return $"区域超出工作表范围：从 {range.TopLeft} 起 {rowCount} 行 {width} 列，超过了 Excel 的最大行数或列数。";
        }

        var sheet = !string.IsNullOrWhiteSpace(sheetText) ? sheetText.Trim() : range.Sheet ?? DefaultSheet;
        return new GridRequest(new Grid(sheet, range.TopLeft, rows), form, metadata);
    }

    private static string? ReadMetadata(JsonElement root, out FormMetadata? metadata)
    {
        metadata = null;
        if (!TryGetProperty(root, "metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"“metadata”应为对象 {{campaign, form, subject, author, templateVersion}}，实际是{KindName(element.ValueKind)}。";
        }

        string?[] fields = new string?[5];
        string[] names = ["campaign", "form", "subject", "author", "templateVersion"];
        for (var i = 0; i < names.Length; i++)
        {
            if (ReadString(element, names[i], out fields[i], "metadata.") is { } error)
            {
                return error;
            }
        }

        metadata = new FormMetadata(fields[0], fields[1], fields[2], fields[3], fields[4]);
        return null;
    }

    /// <summary>An optional string property: absent and null are null; anything but a string is an error.</summary>
    private static string? ReadString(JsonElement parent, string name, out string? value, string prefix = "")
    {
        value = null;
        if (!TryGetProperty(parent, name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"“{prefix}{name}”应为字符串，实际是{KindName(element.ValueKind)}。";
        }

        return TryGetText(element, out value) ? null : InvalidEscape(prefix + name);
    }

    /// <summary>A string's text; false when it holds an escape that is no character, such as a lone "\uD800".</summary>
    private static bool TryGetText(JsonElement element, out string? text)
    {
        try
        {
            text = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string InvalidEscape(string where) => $"“{where}”含有无效的 Unicode 转义（如不成对的 \\uD800）。";

    // Property names match case-insensitively, as ASP.NET Core's own JSON binding does.
    private static bool TryGetProperty(JsonElement parent, string name, out JsonElement value)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => "字符串",
        JsonValueKind.Number => "数字",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Null => " null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
