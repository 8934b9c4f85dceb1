using System.ComponentModel;
using System.Diagnostics;

namespace Supervision.Workbooks.Tests.Reading;

/// <summary>
/// openpyxl and LibreOffice, which save workbooks the way other people's tools do. When one is missing the test fails
/// and says which Debian package to install: a skipped test would hide that the behaviour is unchecked.
/// </summary>
internal static class ExternalTools
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs a Python script that saves a workbook with openpyxl to the path in sys.argv[1]; returns the file.</summary>
    public static byte[] Openpyxl(string script)
    {
        var (code, _, error) = Run(Python, ["-c", "import openpyxl"], "apt-get install -y python3 python3-openpyxl");
        Assert.True(code == 0, $"openpyxl is missing ({error.Trim()}): apt-get install -y python3-openpyxl");

        var folder = Directory.CreateTempSubdirectory("openpyxl-");
        try
        {
            var scriptPath = Path.Combine(folder.FullName, "make.py");
            var output = Path.Combine(folder.FullName, "out.xlsx");
            File.WriteAllText(scriptPath, script);
            var (exit, stdout, stderr) = Run(Python, [scriptPath, output], "apt-get install -y python3 python3-openpyxl");
            Assert.True(exit == 0, $"the openpyxl script failed: {stdout}{stderr}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Opens a workbook in LibreOffice Calc and saves it again as .xlsx, with a profile of its own.</summary>
    public static byte[] LibreOfficeResave(byte[] workbook)
    {
        const string install = "apt-get install -y libreoffice-calc-nogui";
        var folder = Directory.CreateTempSubdirectory("lo-resave-");
        var profile = Path.Combine(Path.GetTempPath(), $"lo-profile-{Guid.NewGuid():N}");
        try
        {
            var input = Path.Combine(folder.FullName, "upload.xlsx");
            var outFolder = Path.Combine(folder.FullName, "out");
            File.WriteAllBytes(input, workbook);
            var (exit, stdout, stderr) = Run("soffice",
                [$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx", "--outdir", outFolder, input], install);
            var output = Path.Combine(outFolder, "upload.xlsx");
            Assert.True(exit == 0 && File.Exists(output), $"LibreOffice did not convert the workbook (exit {exit}): {stdout}{stderr}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            folder.Delete(recursive: true);
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, string install)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"{program} is missing ({ex.Message}): {install}");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} did not finish within {Timeout.TotalMinutes} minutes");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
