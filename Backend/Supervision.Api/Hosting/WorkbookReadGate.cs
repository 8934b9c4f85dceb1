namespace Supervision.Api.Hosting;

/// <summary>
/// Bounds how many uploaded workbooks are opened at once: an allowed but heavy upload costs up to a few hundred MB
/// and seconds of CPU, and each read runs on its own large-stack thread.
/// </summary>
public sealed class WorkbookReadGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(Math.Max(1, Environment.ProcessorCount));

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

public static class WorkbookUploadsSetup
{
    public static IServiceCollection AddWorkbookUploads(this IServiceCollection services) => services.AddSingleton<WorkbookReadGate>();
}
