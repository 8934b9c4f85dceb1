using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Supervision.Benchmarks;

// `bench` (or nothing): the timed 10,000-file consolidation; anything else goes to BenchmarkDotNet (e.g. --filter '*'),
// whose reports go under the temp folder, not into the working tree.
if (args.Length == 0 || args[0] == "bench")
{
    return ConsolidationBench.Run(args.Skip(1).ToArray());
}

var artifacts = Path.Combine(Path.GetTempPath(), "supervision-bench", "BenchmarkDotNet.Artifacts");
BenchmarkSwitcher.FromTypes([typeof(PerFileBenchmarks)]).Run(args, DefaultConfig.Instance.WithArtifactsPath(artifacts));
return 0;
