using Supervision.Domain.Rules;

namespace Supervision.Workbooks.Reading;

/// <summary>Why an uploaded file is not read at all: a stable code and a message for the person who uploaded it.</summary>
public sealed record UploadRefusal(string Code, string Message)
{
    /// <summary>The refusal in the one issue shape the API returns everywhere.</summary>
    public Issue ToIssue() => Issue.Error(Code, null, null, Message);
}

/// <summary>The stable codes of refused (and warned-about) uploads. Clients may rely on them; messages are for people.</summary>
public static class UploadCodes
{
    public const string Empty = "upload.empty";
    public const string TooLarge = "upload.too-large";
    public const string Encrypted = "upload.encrypted";
    public const string NotXlsx = "upload.not-xlsx";
    public const string Corrupt = "upload.corrupt";
    public const string TooManyEntries = "upload.too-many-entries";
    public const string TooLargeInflated = "upload.too-large-inflated";
    public const string CompressionRatio = "upload.compression-ratio";
    public const string TooManyCells = "upload.too-many-cells";
    public const string Macro = "upload.macro";
    public const string ContentType = "upload.content-type";
    public const string Dtd = "upload.dtd";
    public const string NumberFormat = "upload.number-format";
    public const string SheetNotFound = "upload.sheet-not-found";

    /// <summary>A warning, not a refusal: the workbook links to other files.</summary>
    public const string ExternalLink = "upload.external-link";

    /// <summary>A warning, not a refusal: formulas saved without results were too many to recalculate.</summary>
    public const string FormulasNotEvaluated = "upload.formulas-not-evaluated";
}
