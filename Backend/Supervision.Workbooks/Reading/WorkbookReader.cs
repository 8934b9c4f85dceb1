using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ClosedXML.Excel;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Rules;

namespace Supervision.Workbooks.Reading;

/// <summary>One visible worksheet of an upload: its grid and, when the hidden metadata sheet names it, its metadata.</summary>
public sealed record UploadedSheet(Grid Grid, FormMetadata? Metadata);

/// <summary>An upload read: a refusal, or its visible sheets in workbook order plus workbook-level warnings.</summary>
public sealed record WorkbookReading(UploadRefusal? Refusal, IReadOnlyList<UploadedSheet> Sheets, IReadOnlyList<Issue> Warnings)
{
    public bool IsRefused => Refusal is not null;

    public static WorkbookReading Refused(UploadRefusal refusal) => new(refusal, [], []);
}

/// <summary>
/// Reads an uploaded .xlsx safely: preflight on the raw bytes, then ClosedXML, then one Grid per visible worksheet
/// (the hidden <c>_supervision</c> sheet excluded) with its metadata. Whatever ClosedXML or OpenXml throws on a file
/// that passed the preflight is a refusal <c>upload.corrupt</c>, never an exception.
/// </summary>
public static class WorkbookReader
{
    // ClosedXML evaluates formulas recursively (a 2,000-cell chain overflows a default 1.5 MB thread stack, and a stack
    // overflow ends the process). The reading runs on its own thread with a large stack; Linux commits only what is used.
    private const int ReaderStackBytes = 256 * 1024 * 1024;

    public static WorkbookReading Read(ReadOnlyMemory<byte> upload, UploadLimits? limits = null)
    {
        limits ??= UploadLimits.Default;
        var preflight = UploadPreflight.Check(upload, limits);
        if (preflight.Refusal is { } refusal)
        {
            return WorkbookReading.Refused(refusal);
        }

        var reading = OnLargeStack(() => ReadChecked(upload, limits));
        return reading.IsRefused ? reading : reading with { Warnings = [.. preflight.Warnings, .. reading.Warnings] };
    }

    private static WorkbookReading ReadChecked(ReadOnlyMemory<byte> upload, UploadLimits limits)
    {
        try
        {
            var bytes = MemoryMarshal.TryGetArray(upload, out var array) ? array : new ArraySegment<byte>(upload.ToArray());
            using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            using var workbook = new XLWorkbook(stream, new LoadOptions { EventTracking = XLEventTracking.Disabled });
            var metadata = ReadMetadata(workbook);
            var formulas = FormulaResults.Prepare(workbook, limits);
            var sheets = new List<UploadedSheet>();
            foreach (var sheet in workbook.Worksheets.Where(IsFormCandidate))
            {
                var grid = SheetGridReader.Read(sheet, formulas, limits.MaxSheetArea);
                if (grid is null)
                {
                    return WorkbookReading.Refused(new UploadRefusal(UploadCodes.TooManyCells,
                        $"工作表“{sheet.Name}”的使用范围 {sheet.RangeUsed()?.RangeAddress} 超过 {limits.MaxSheetArea:N0} 个单元格，超出上限。请删除表格范围以外误填的内容，另存后再上传。"));
                }

                sheets.Add(new UploadedSheet(grid, metadata.GetValueOrDefault(sheet.Name)));
            }

            IReadOnlyList<Issue> warnings = formulas.Unevaluated == 0 ? [] :
            [
                Issue.Warning(UploadCodes.FormulasNotEvaluated, null, null,
                    $"有 {formulas.Unevaluated} 个公式没有保存计算结果，且公式过多，系统没有重新计算，这些单元格按空白处理。请在 Excel 或 WPS 中打开并保存后重新上传。"),
            ];
            return new WorkbookReading(null, sheets, warnings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything ClosedXML or OpenXml throws here is about the file (the preflight bounded its size): it is corrupt.
            return WorkbookReading.Refused(UploadPreflight.CorruptRefusal("工作簿的内部结构无法解析"));
        }
    }

    private static bool IsFormCandidate(IXLWorksheet sheet) =>
        sheet.Visibility == XLWorksheetVisibility.Visible && !string.Equals(sheet.Name, MetadataSheet.Name, StringComparison.OrdinalIgnoreCase);

    // The metadata sheet is plain text when we write it; a formula there would be evaluated by GetString outside the
    // formula budget, so such a sheet is not trusted and the forms are recognised by their headings instead.
    private static IReadOnlyDictionary<string, FormMetadata> ReadMetadata(XLWorkbook workbook) =>
        workbook.Worksheets.TryGetWorksheet(MetadataSheet.Name, out var sheet) && sheet.CellsUsed(c => c.HasFormula).Any()
            ? new Dictionary<string, FormMetadata>()
            : MetadataSheet.Read(workbook);

    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }, ReaderStackBytes)
        {
            IsBackground = true,
            Name = "workbook-reader",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
