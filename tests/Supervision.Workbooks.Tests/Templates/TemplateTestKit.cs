using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Reading;
using Supervision.Workbooks.Templates;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>The seed campaign, its writer, and reading a workbook back the way an upload is read.</summary>
internal static class TemplateTestKit
{
    public static readonly Campaign Seed = YuzhongCampaign.Create();
    public static readonly TemplateWriter Writer = new(Seed);
    public static readonly FormParser Parser = new(Seed);
    public static readonly RosterEntry Inspector = Seed.FindUser("pengxiaoqin@yuzhong.example")!;

    public static School School(string id) => Seed.FindSchool(id)!;

    public static Area Area(string id) => Seed.FindArea(id)!;

    public static RubricCategory Category(string id) => Seed.Rubric.FindCategory(id)!;

    public static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    /// <summary>Opens the workbook, applies <paramref name="fill"/> with ClosedXML and saves it as Excel would (with cached totals).</summary>
    public static byte[] FillWithClosedXml(byte[] template, Action<XLWorkbook> fill)
    {
        using var workbook = Open(template);
        fill(workbook);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        return stream.ToArray();
    }

    /// <summary>Reads every form sheet named in _supervision: SheetGridReader → FormParser with the sheet's metadata.</summary>
    public static IReadOnlyDictionary<string, (FormReading Reading, FormMetadata Metadata)> ReadBack(byte[] bytes)
    {
        using var workbook = Open(bytes);
        var metadata = MetadataSheet.Read(workbook);
        return metadata.ToDictionary(m => m.Key, m =>
            (Parser.Parse(SheetGridReader.Read(workbook.Worksheet(m.Key)), null, m.Value), m.Value));
    }

    public static FormReading ReadSheet(byte[] bytes, string sheet) => ReadBack(bytes)[sheet].Reading;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new NormalizedDecimal() },
        WriteIndented = false,
    };

    /// <summary>Typed form data as JSON, so two readings compare by value (lists and dictionaries included).</summary>
    public static string Describe(FormData? data) => data is null ? "null" : JsonSerializer.Serialize(data, data.GetType(), Json);

    /// <summary>The issues as (code, cell) pairs.</summary>
    public static IEnumerable<(string Code, string? Cell)> Issues(FormReading reading) => reading.Issues.Select(i => (i.Code, i.Cell));

    /// <summary>3 and 3.0 are the same score: decimals are written without trailing zeros.</summary>
    private sealed class NormalizedDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.############", CultureInfo.InvariantCulture));
    }
}
