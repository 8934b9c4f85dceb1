using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Supervision.Domain.Forms;
using Supervision.Domain.Grids;
using Supervision.Domain.Results;
using Supervision.Workbooks.Reading;

namespace Supervision.Benchmarks;

/// <summary>
/// The timed consolidation benchmark ("bench" mode): 10,000 stored submissions of a synthetic city read into form
/// readings cold (nothing cached; files in the OS page cache, code JIT-compiled on a warm-up set first) by the fast
/// reader single-threaded and in parallel, by ClosedXML's WorkbookReader single-threaded, against the tokenizing floor,
/// then warm through a <see cref="ReadingCache{T}"/> with nothing changed and with one file changed.
/// BenchmarkDotNet would repeat each 10,000-file operation many times; this mode times each phase in a few rounds and
/// reports the median. Ratios are taken single-threaded on both sides.
/// </summary>
internal static class ConsolidationBench
{
    private sealed record Options(int Files, string Folder, int Rounds, int ClosedXmlFiles, bool FastOnly);

    private const int BlockSize = 100;
    private const string Floor = "floor: unzip + tokenize every part the fast reader opens";
    private const string FloorSheets = "floor: unzip + tokenize the sheets and shared strings";
    private const string FastRead = "fast reader: files → sheets";
    private const string FastReadings = "fast reader + FormParser: files → readings";
    private const string FastParallel = "fast reader + FormParser, parallel";
    private const string ClosedXmlReadings = "ClosedXML WorkbookReader + FormParser";

    /// <summary>One phase's cost: wall time, CPU time of the whole process (every thread: GC and JIT included), allocations.</summary>
    private sealed record Phase(string Name, double Seconds, double CpuSeconds, long Allocated, int Files)
    {
        public static Phase operator +(Phase a, Phase b) =>
            new(a.Name, a.Seconds + b.Seconds, a.CpuSeconds + b.CpuSeconds, a.Allocated + b.Allocated, a.Files + b.Files);

        public double MsPerFile => Seconds * 1000 / Files;

        public double CpuMsPerFile => CpuSeconds * 1000 / Files;
    }

    public static int Run(string[] args)
    {
        var options = Parse(args);
        var output = Console.Out;
        output.WriteLine($"Supervision consolidation benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {RuntimeInformationText()}");
        var campaign = SyntheticCity.Create();
        output.WriteLine($"campaign {campaign.Id}: {campaign.Schools.Count():N0} schools in {campaign.Areas.Count():N0} areas, " +
            $"{campaign.Roster.Count:N0} roster entries");
        var files = SubmissionGenerator.EnsureFolder(campaign, options.Folder, options.Files, output);
        var parser = new FormParser(campaign);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        output.WriteLine($"{files.Length:N0} files, {bytes / 1024.0 / 1024:F1} MB, " +
            $"{files.Count(f => f.EndsWith("a4.xlsx", StringComparison.Ordinal)):N0} 附件4 and {files.Count(f => f.EndsWith("a1.xlsx", StringComparison.Ordinal)):N0} 附件1");

        // The OS page cache holds the files and the JIT has compiled every path before anything is timed.
        foreach (var file in files)
        {
            File.ReadAllBytes(file);
        }

        var fallbacks = 0;
        var warmUp = files.Take(50).ToArray();
        foreach (var file in warmUp)
        {
            TokenizingFloor.Read(file);
            ReadFast(file, parser, ref fallbacks);
            if (!options.FastOnly)
            {
                ReadClosedXml(file, parser);
            }
        }

        Verify(files, options.FastOnly ? 0 : 200, output);

        var rounds = new List<Dictionary<string, Phase>>();
        var fastDigests = new string[files.Length];
        var closedXmlDigests = new string?[files.Length];
        var closedXmlBlocks = options.FastOnly ? 0 : (Math.Min(options.ClosedXmlFiles, files.Length) + BlockSize - 1) / BlockSize;
        for (var round = 0; round < options.Rounds; round++)
        {
            var totals = new Dictionary<string, Phase>(StringComparer.Ordinal);
            var blocks = files.Chunk(BlockSize).ToArray();
            for (var b = 0; b < blocks.Length; b++)
            {
                var block = blocks[b];
                var first = b * BlockSize;
                var record = round == 0;
                var phases = new List<(string Name, Func<long> Work)>
                {
                    (Floor, () => block.Sum(TokenizingFloor.Read)),
                    (FloorSheets, () => block.Sum(f => TokenizingFloor.Read(f, TokenizingFloor.SheetsAndStrings))),
                    (FastRead, () => block.Sum(f => FastWorkbookReader.ReadFile(f).Sheets.Count)),
                    (FastReadings, () =>
                    {
                        var own = 0;
                        for (var i = 0; i < block.Length; i++)
                        {
                            var readings = ReadFast(block[i], parser, ref own);
                            if (record)
                            {
                                fastDigests[first + i] = Digest(readings);
                            }
                        }

                        Interlocked.Add(ref fallbacks, record ? own : 0);
                        return block.Length;
                    }),
                };
                if (round == 0 && b < closedXmlBlocks)
                {
                    phases.Add((ClosedXmlReadings, () =>
                    {
                        for (var i = 0; i < block.Length; i++)
                        {
                            closedXmlDigests[first + i] = Digest(ReadClosedXml(block[i], parser));
                        }

                        return block.Length;
                    }));
                }

                // Each block runs every phase, in an order that rotates, so that a burst of load on this shared machine
                // falls on all phases alike and the ratios stay paired.
                for (var k = 0; k < phases.Count; k++)
                {
                    var (name, work) = phases[(k + b + round) % phases.Count];
                    var phase = Time(name, block.Length, work);
                    totals[name] = totals.TryGetValue(name, out var sum) ? sum + phase : phase;
                }
            }

            totals[FastParallel] = Time(FastParallel, files.Length, () =>
            {
                var readings = new FormReading[files.Length][];
                Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var own = 0;
                    readings[i] = ReadFast(files[i], parser, ref own);
                });
                return readings.Length;
            });
            rounds.Add(totals);
            output.WriteLine($"round {round + 1}/{options.Rounds} done");
        }

        var peakAfterFast = Process.GetCurrentProcess().PeakWorkingSet64;
        output.WriteLine($"files the fast reader left to ClosedXML: {fallbacks:N0}");
        var compared = closedXmlDigests.Count(d => d is not null);
        if (compared > 0)
        {
            var same = closedXmlDigests.Where((d, i) => d is not null && d == fastDigests[i]).Count();
            output.WriteLine($"readings identical to the fast reader's: {same:N0} of {compared:N0}");
        }

        var warm = Warm(files, parser, options, output);

        PrintTable(rounds, warm, output);
        var process = Process.GetCurrentProcess();
        output.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1024.0 / 1024:F0} MB for the whole run; " +
            $"{peakAfterFast / 1024.0 / 1024:F0} MB after generation, verification and the fast and floor phases");
        return 0;
    }

    private static List<Phase> Warm(string[] files, FormParser parser, Options options, TextWriter output)
    {
        var phases = new List<Phase>();
        var cache = new ReadingCache<IReadOnlyList<FormReading>>();
        var fallbacks = 0;
        IReadOnlyList<FormReading> Read(string path) => ReadFast(path, parser, ref fallbacks);

        phases.Add(Time("cold with ReadingCache (size+mtime versions)", files.Length, () =>
            files.Count(f => cache.GetOrRead(f, ReadingCacheVersions.FileVersion(f), Read).Count > 0)));
        for (var round = 0; round < options.Rounds; round++)
        {
            phases.Add(Time("warm: nothing changed", files.Length, () =>
                files.Count(f => cache.GetOrRead(f, ReadingCacheVersions.FileVersion(f), Read).Count > 0)));
        }

        // Consolidation ends in results: the same warm run, then the aggregation of every school of the city.
        var city = SyntheticCity.Create();
        IEnumerable<SubmittedForm> Forms() => files
            .SelectMany(f => cache.GetOrRead(f, ReadingCacheVersions.FileVersion(f), Read))
            .Where(r => r.Form is not null && r.Data is not null && r.Subject is not null && r.Author is not null)
            .Select(r => new SubmittedForm(r.Form!.Value, r.Subject!, r.Author!, DateTimeOffset.UnixEpoch, r.Data!));
        var forms = Forms().ToList();
        phases.Add(Time("aggregation alone: readings → results", files.Length, () => ResultsCalculator.Calculate(city, forms).Schools.Count));
        phases.Add(Time("warm: nothing changed, files → results", files.Length, () => ResultsCalculator.Calculate(city, Forms()).Schools.Count));

        var changed = files[files.Length / 2];
        var original = File.ReadAllBytes(changed);
        var readsBefore = cache.Reads;
        try
        {
            var campaign = SyntheticCity.Create();
            var spec = SubmissionGenerator.Plan(campaign, files.Length)[files.Length / 2];
            File.WriteAllBytes(changed, new SubmissionGenerator(campaign).Generate(spec with { Index = spec.Index + 1_000_000 }));
            phases.Add(Time("warm: one file changed", files.Length, () =>
                files.Count(f => cache.GetOrRead(f, ReadingCacheVersions.FileVersion(f), Read).Count > 0)));
        }
        finally
        {
            File.WriteAllBytes(changed, original);
        }

        output.WriteLine($"after one file changed, the warm run read {cache.Reads - readsBefore} file(s): {Path.GetFileName(changed)}");
        return phases;
    }

    private static FormReading[] ReadFast(string path, FormParser parser, ref int fallbacks)
    {
        var fast = FastWorkbookReader.ReadFile(path);
        if (fast.NeedsFullReader)
        {
            fallbacks++;
            return ReadClosedXml(path, parser);
        }

        return ParseAll(fast.Sheets, parser);
    }

    private static FormReading[] ReadClosedXml(string path, FormParser parser) =>
        ParseAll(WorkbookReader.Read(File.ReadAllBytes(path)).Sheets, parser);

    private static FormReading[] ParseAll(IReadOnlyList<UploadedSheet> sheets, FormParser parser)
    {
        var readings = new FormReading[sheets.Count];
        for (var i = 0; i < sheets.Count; i++)
        {
            readings[i] = parser.Parse(sheets[i].Grid, null, sheets[i].Metadata);
        }

        return readings;
    }

    /// <summary>What a reading says, in one line: form, subject, author, summary, issues and totals.</summary>
    private static string Digest(IReadOnlyList<FormReading> readings) => string.Join(" ‖ ", readings.Select(r =>
        $"{r.Form} {r.Sheet} {r.Subject} {r.Author} {r.Summary} [{string.Join(",", r.Issues.Select(i => i.Code + "@" + i.Cell))}] " +
        r.Data switch
        {
            PeerScoreSheet p => string.Join(";", p.Rows.Select(row => $"{row.SchoolId}={row.Total}/{row.TypedTotal}")),
            EvaluationSheet e => $"{e.Total}/{e.TypedTotal} {string.Join(";", e.CategoryScores.Select(c => $"{c.Key}={c.Value}"))}",
            _ => "",
        }));

    /// <summary>Grids cell by cell and metadata, fast reader against WorkbookReader, on a sample spread over the files.</summary>
    private static void Verify(string[] files, int sample, TextWriter output)
    {
        if (sample == 0)
        {
            return;
        }

        var step = Math.Max(1, files.Length / sample);
        var checkedFiles = 0;
        for (var i = 0; i < files.Length; i += step)
        {
            var bytes = File.ReadAllBytes(files[i]);
            var fast = FastWorkbookReader.Read(bytes);
            var full = WorkbookReader.Read(bytes);
            if (fast.NeedsFullReader || !SameSheets(full.Sheets, fast.Sheets))
            {
                throw new InvalidOperationException($"{files[i]}: the fast reader differs from WorkbookReader ({fast.FallbackReason})");
            }

            checkedFiles++;
        }

        output.WriteLine($"verified: {checkedFiles} files spread over the set give identical grids and metadata with both readers");
    }

    private static bool SameSheets(IReadOnlyList<UploadedSheet> expected, IReadOnlyList<UploadedSheet> actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        for (var s = 0; s < expected.Count; s++)
        {
            Grid e = expected[s].Grid, a = actual[s].Grid;
            if (e.Sheet != a.Sheet || e.TopLeft != a.TopLeft || e.RowCount != a.RowCount || e.ColumnCount != a.ColumnCount
                || expected[s].Metadata != actual[s].Metadata)
            {
                return false;
            }

            for (var row = e.FirstRow; row <= e.LastRow; row++)
            {
                for (var column = e.FirstColumn; column <= e.LastColumn; column++)
                {
                    if (e[row, column] != a[row, column])
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static Phase Time(string name, int files, Func<long> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        clock.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        GC.KeepAlive(result);
        return new Phase(name, clock.Elapsed.TotalSeconds, cpuSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated, files);
    }

    private static void PrintTable(List<Dictionary<string, Phase>> rounds, List<Phase> warm, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| phase | files | wall ms per file, median (min–max) | CPU ms per file, median | MB allocated per file | rounds |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var name in new[] { Floor, FloorSheets, FastRead, FastReadings, FastParallel, ClosedXmlReadings })
        {
            var runs = rounds.Where(r => r.ContainsKey(name)).Select(r => r[name]).ToList();
            if (runs.Count == 0)
            {
                continue;
            }

            var label = name == FastParallel ? $"{name} ×{Environment.ProcessorCount}" : name;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {runs[0].Files:N0} | {Median(runs.Select(p => p.MsPerFile)):F3} ({runs.Min(p => p.MsPerFile):F3}–{runs.Max(p => p.MsPerFile):F3}) | {Median(runs.Select(p => p.CpuMsPerFile)):F3} | {Median(runs.Select(p => p.Allocated / 1024.0 / 1024 / p.Files)):F3} | {runs.Count} |"));
        }

        foreach (var group in warm.GroupBy(p => p.Name))
        {
            var runs = group.ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {runs[0].Files:N0} | total {Median(runs.Select(p => p.Seconds)):F3} s ({runs.Min(p => p.Seconds):F3}–{runs.Max(p => p.Seconds):F3}) | total CPU {Median(runs.Select(p => p.CpuSeconds)):F3} s | {Median(runs.Select(p => p.Allocated / 1024.0 / 1024)):F1} MB in all | {runs.Count} |"));
        }

        // Ratios per round (the phases of one round ran on the same blocks, interleaved), then the median over rounds.
        double Ratio(Func<Dictionary<string, Phase>, double> ratio) => Median(rounds.Where(r => r.ContainsKey(FastReadings)).Select(ratio));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fast reader + FormParser / floor: {Ratio(r => r[FastReadings].MsPerFile / r[Floor].MsPerFile):F2}× wall, {Ratio(r => r[FastReadings].CpuMsPerFile / r[Floor].CpuMsPerFile):F2}× CPU"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fast reader alone / floor: {Ratio(r => r[FastRead].MsPerFile / r[Floor].MsPerFile):F2}× wall, {Ratio(r => r[FastRead].CpuMsPerFile / r[Floor].CpuMsPerFile):F2}× CPU"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"against the sheets-and-strings floor: fast reader + FormParser {Ratio(r => r[FastReadings].MsPerFile / r[FloorSheets].MsPerFile):F2}× wall, {Ratio(r => r[FastReadings].CpuMsPerFile / r[FloorSheets].CpuMsPerFile):F2}× CPU; " +
            $"fast reader alone {Ratio(r => r[FastRead].MsPerFile / r[FloorSheets].MsPerFile):F2}× wall, {Ratio(r => r[FastRead].CpuMsPerFile / r[FloorSheets].CpuMsPerFile):F2}× CPU"));
        if (rounds[0].TryGetValue(ClosedXmlReadings, out var closedXml))
        {
            // ClosedXML ran in round 1 only, on the first blocks: compare with the fast reader on the same blocks of that round.
            var fast = rounds[0][FastReadings];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ClosedXML / fast reader, files → readings, single-threaded: {closedXml.MsPerFile / fast.MsPerFile:F1}× wall, {closedXml.CpuMsPerFile / fast.CpuMsPerFile:F1}× CPU (round 1)"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}" +
        $"{(typeof(ConsolidationBench).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled) ? ", DEBUG BUILD (use -c Release)" : "")}";

    private static Options Parse(string[] args)
    {
        var options = new Options(10_000, Path.Combine(Path.GetTempPath(), "supervision-bench"), 3, int.MaxValue, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--files" => options with { Files = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--folder" => options with { Folder = args[++i] },
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--closedxml-files" => options with { ClosedXmlFiles = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--fast-only" => options with { FastOnly = true },
                var other => throw new ArgumentException($"unknown option {other}; options: --files N, --folder DIR, --rounds N, --closedxml-files N, --fast-only"),
            };
        }

        return options;
    }
}
