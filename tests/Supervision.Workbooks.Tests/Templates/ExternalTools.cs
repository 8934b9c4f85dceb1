using System.Diagnostics;

namespace Supervision.Workbooks.Tests.Templates;

/// <summary>
/// LibreOffice and openpyxl, run as separate processes. A missing tool fails the test with what to install: these
/// tests are the only independent check that other spreadsheet programs read our files, so they never skip.
/// </summary>
internal static class ExternalTools
{
    public const string InstallHint = "apt-get install -y libreoffice-calc-nogui fonts-noto-cjk python3-openpyxl";
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Soffice()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "soffice"))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"LibreOffice (soffice) is not on PATH. Install it: {InstallHint}");
        }

        return found;
    }

    public static string PythonWithOpenpyxl()
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing. Install it: {InstallHint}");
        }

        var (exit, output) = Run(Python, ["-c", "import openpyxl"]);
        if (exit != 0)
        {
            Assert.Fail($"openpyxl is not importable by {Python} ({output.Trim()}). Install it: {InstallHint}");
        }

        return Python;
    }

    /// <summary>
    /// A fresh LibreOffice profile whose registry sets how xlsx formulas are treated on load: OOXMLRecalcMode 0 recalculates
    /// always, 1 never (LibreOffice's own default asks, which headless means "never").
    /// </summary>
    public static string Profile(string directory, bool recalculateOnLoad)
    {
        var user = Path.Combine(directory, "user");
        Directory.CreateDirectory(user);
        var mode = recalculateOnLoad ? 0 : 1;
        File.WriteAllText(Path.Combine(user, "registrymodifications.xcu"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
            </oor:items>
            """);
        return new Uri(directory).AbsoluteUri;
    }

    /// <summary>Converts every file to xlsx in one LibreOffice start (each start costs seconds).</summary>
    public static void ConvertWithLibreOffice(string profileUri, IEnumerable<string> inputs, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var files = inputs.ToList();
        List<string> arguments = [$"-env:UserInstallation={profileUri}", "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outputDirectory];
        arguments.AddRange(files);
        var (exit, output) = Run(Soffice(), arguments);
        Assert.True(exit == 0, $"soffice exited with {exit}: {output}");
        foreach (var file in files)
        {
            Assert.True(File.Exists(Path.Combine(outputDirectory, Path.GetFileName(file))), $"soffice wrote no {Path.GetFileName(file)}: {output}");
        }
    }

    /// <summary>Prints every file to PDF in one LibreOffice start; needs a CJK font or Chinese prints as boxes.</summary>
    public static void PrintWithLibreOffice(string profileUri, IEnumerable<string> inputs, string outputDirectory)
    {
        var (fontsExit, fonts) = Run("fc-list", [":lang=zh", "family"]);
        if (fontsExit != 0 || fonts.Trim().Length == 0)
        {
            Assert.Fail($"No Chinese font is installed, LibreOffice would print boxes. Install one: {InstallHint}");
        }

        Directory.CreateDirectory(outputDirectory);
        List<string> arguments = [$"-env:UserInstallation={profileUri}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outputDirectory];
        arguments.AddRange(inputs);
        var (exit, output) = Run(Soffice(), arguments);
        Assert.True(exit == 0, $"soffice exited with {exit}: {output}");
    }

    /// <summary>The text of each page of a PDF (poppler's pdftotext; pages are separated by form feeds).</summary>
    public static IReadOnlyList<string> PdfPages(string pdf)
    {
        const string pdftotext = "/usr/bin/pdftotext";
        if (!File.Exists(pdftotext))
        {
            Assert.Fail($"pdftotext is missing. Install it: apt-get install -y poppler-utils");
        }

        var (exit, text) = Run(pdftotext, ["-layout", pdf, "-"]);
        Assert.True(exit == 0, $"pdftotext failed: {text}");
        return text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
    }

    /// <summary>Loads and saves every file with openpyxl in one Python run.</summary>
    public static void RoundTripWithOpenpyxl(IEnumerable<string> inputs, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        const string script = """
            import os, sys, openpyxl
            out = sys.argv[1]
            for path in sys.argv[2:]:
                openpyxl.load_workbook(path).save(os.path.join(out, os.path.basename(path)))
            """;
        List<string> arguments = ["-c", script, outputDirectory];
        arguments.AddRange(inputs);
        var (exit, output) = Run(PythonWithOpenpyxl(), arguments);
        Assert.True(exit == 0, $"openpyxl round trip failed ({exit}): {output}");
    }

    private static (int Exit, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
