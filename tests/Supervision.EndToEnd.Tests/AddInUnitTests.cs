using System.Diagnostics;

namespace Supervision.EndToEnd.Tests;

/// <summary>The add-in's vitest suite (AddIn/test), run by `dotnet test`; the Api's build has already run `npm ci`.</summary>
public sealed class AddInUnitTests
{
    [Fact]
    public async Task TheAddInsVitestSuitePasses()
    {
        var vitest = Path.Combine(RepoPaths.AddIn, "node_modules", "vitest", "vitest.mjs");
        Assert.True(File.Exists(vitest), $"{vitest} is missing: build the Api (its MSBuild step runs npm ci in AddIn/) or run `npm ci` in AddIn/.");
        var start = new ProcessStartInfo("node", ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--color=false"])
        {
            WorkingDirectory = RepoPaths.AddIn,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started: is Node.js installed?");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"vitest failed (exit code {process.ExitCode}):\n{text}");
        Assert.Matches(@"Tests\s+\d+ passed", text);
    }
}
