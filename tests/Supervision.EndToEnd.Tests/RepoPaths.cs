namespace Supervision.EndToEnd.Tests;

/// <summary>Files of the repository, found from the test assembly's folder upwards (the folder holding Supervision.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string AddIn => Path.Combine(Root, "AddIn");

    public static string Manifest => Path.Combine(Root, "Manifest", "manifest.xml");

    public static string WebRoot => Path.Combine(Root, "Backend", "Supervision.Api", "wwwroot");

    /// <summary>The manifest schemas: ../shared/schemas/office-addin-manifest beside the repository (CI has a read-only copy there).</summary>
    public static string ManifestSchemas => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas", "office-addin-manifest"));

    /// <summary>Screenshots of the browser tests, under the test output folder.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Supervision.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Supervision.sln not found above {AppContext.BaseDirectory}.");
    }
}
