using System.Diagnostics;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Supervision.EndToEnd.Tests;

/// <summary>
/// Manifest/manifest.xml: the Office schemas (../shared/schemas/office-addin-manifest), structural rules the schemas do
/// not state, every URL it names served by the app, and the production copy made by make-production.mjs.
/// </summary>
public sealed class ManifestTests : IClassFixture<ManifestTests.App>
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Ov = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string DevelopmentOrigin = "https://localhost:3000";

    private readonly App app;

    public ManifestTests(App app) => this.app = app;

    /// <summary>The app in memory, with the add-in built into its wwwroot; a client sends what the manifest names.</summary>
    public sealed class App : WebApplicationFactory<Program>
    {
        private readonly string storage = Path.Combine(Path.GetTempPath(), "supervision-manifest-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Storage:Local:Root", storage);
            builder.UseSetting("Auth:Mode", "Development");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    private static XDocument Load(string path) => XDocument.Load(path, LoadOptions.SetLineInfo);

    private static List<string> SchemaErrors(string manifest)
    {
        var folder = RepoPaths.ManifestSchemas;
        Assert.True(File.Exists(Path.Combine(folder, "OfficeAppManifestV1_1.xsd")),
            $"The manifest schemas are missing at {folder} (the repository's sibling folder shared/schemas/office-addin-manifest).");
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        foreach (var file in Directory.GetFiles(folder, "*.xsd").Order(StringComparer.Ordinal))
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            var schema = XmlSchema.Read(reader, null)!;
            if (!schemas.Contains(schema.TargetNamespace))
            {
                schemas.Add(schema);
            }
        }

        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(manifest, settings))
        {
            while (reader.Read())
            {
            }
        }

        return errors;
    }

    private static List<string> Urls(XDocument doc) =>
        doc.Descendants().SelectMany(e => e.Attributes("DefaultValue")).Select(a => a.Value).Where(v => v.Contains("://", StringComparison.Ordinal)).ToList();

    [Fact]
    public void TheManifestValidatesAgainstTheOfficeAddInSchemas() => Assert.Empty(SchemaErrors(RepoPaths.Manifest));

    [Fact]
    public void TheSchemaCheckCatchesAnElementOutOfOrder()
    {
        var doc = Load(RepoPaths.Manifest);
        var root = doc.Root!;
        var support = root.Element(Ns + "SupportUrl")!;
        support.Remove();
        root.Element(Ns + "DisplayName")!.AddBeforeSelf(support);
        var broken = Path.Combine(Path.GetTempPath(), $"manifest-broken-{Guid.NewGuid():N}.xml");
        doc.Save(broken);
        try
        {
            Assert.Contains(SchemaErrors(broken), e => e.Contains("SupportUrl", StringComparison.Ordinal) || e.Contains("DisplayName", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void TheManifestIsAWorkbookTaskPaneWithARibbonButtonNeedingOnlyExcelApi11()
    {
        var root = Load(RepoPaths.Manifest).Root!;
        Assert.Equal(Ns + "OfficeApp", root.Name);
        Assert.Equal("TaskPaneApp", (string?)root.Attribute(Xsi + "type"));
        Assert.True(Guid.TryParse((string?)root.Element(Ns + "Id"), out _));
        Assert.Equal(["Workbook"], root.Element(Ns + "Hosts")!.Elements(Ns + "Host").Select(h => (string)h.Attribute("Name")!));
        var set = root.Element(Ns + "Requirements")!.Descendants(Ns + "Set").Single();
        Assert.Equal(("ExcelApi", "1.1"), ((string)set.Attribute("Name")!, (string)set.Attribute("MinVersion")!));
        var overrides = root.Element(Ov + "VersionOverrides")!;
        Assert.Equal("VersionOverridesV1_0", (string?)overrides.Attribute(Xsi + "type"));
        var button = overrides.Descendants(Ov + "Control").Single();
        Assert.Equal("Button", (string?)button.Attribute(Xsi + "type"));
        Assert.Equal("ShowTaskpane", (string?)button.Element(Ov + "Action")!.Attribute(Xsi + "type"));
        Assert.Equal("ReadWriteDocument", (string)root.Element(Ns + "Permissions")!);
    }

    [Fact]
    public void EveryResidResolvesIdsFitIn32CharactersAndEveryUrlIsHttps()
    {
        var doc = Load(RepoPaths.Manifest);
        var resources = doc.Descendants(Ov + "Resources").Single();
        var ids = resources.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var residsUsed = doc.Descendants().Select(e => (string?)e.Attribute("resid")).OfType<string>().ToList();
        Assert.NotEmpty(residsUsed);
        Assert.All(residsUsed, r => Assert.Contains(r, ids));
        var controlIds = doc.Descendants().Where(e => e.Name.Namespace == Ov).Select(e => (string?)e.Attribute("id")).OfType<string>();
        Assert.All(ids.Concat(controlIds).Concat(residsUsed), id => Assert.InRange(id.Length, 1, 32));
        Assert.All(resources.Element(Bt + "ShortStrings")!.Elements(), s => Assert.InRange(((string)s.Attribute("DefaultValue")!).Length, 1, 125));
        Assert.All(resources.Element(Bt + "LongStrings")!.Elements(), s => Assert.InRange(((string)s.Attribute("DefaultValue")!).Length, 1, 250));
        var urls = Urls(doc);
        Assert.Equal(9, urls.Count);
        Assert.All(urls, u => Assert.StartsWith(DevelopmentOrigin + "/", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryUrlTheManifestNamesAnswers200FromTheApp()
    {
        using var client = app.CreateClient();
        foreach (var url in Urls(Load(RepoPaths.Manifest)).Distinct(StringComparer.Ordinal))
        {
            // https://localhost:3000 is where the app listens in development; here it is the test server.
            var path = new Uri(url).PathAndQuery;
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}");
            var type = response.Content.Headers.ContentType?.MediaType;
            Assert.Equal(path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "text/html", type);
        }
    }

    [Fact]
    public async Task TheProductionManifestNamesOnlyTheRealHostAndStillValidates()
    {
        var output = Path.Combine(Path.GetTempPath(), $"manifest-production-{Guid.NewGuid():N}.xml");
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "Manifest", "make-production.mjs"), "https://supervision.example.edu.cn", output,
                "--id", "5d0c2a47-9f3e-4c55-8a0e-1b7f2c3d4e5f", "--version", "1.2.0.0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, text);
            Assert.Empty(SchemaErrors(output));
            var doc = Load(output);
            Assert.All(Urls(doc), u => Assert.StartsWith("https://supervision.example.edu.cn/", u, StringComparison.Ordinal));
            Assert.Equal(9, Urls(doc).Count);
            Assert.Equal("5d0c2a47-9f3e-4c55-8a0e-1b7f2c3d4e5f", (string)doc.Root!.Element(Ns + "Id")!);
            Assert.Equal("1.2.0.0", (string)doc.Root!.Element(Ns + "Version")!);
            Assert.DoesNotContain("localhost", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task TheProductionScriptRefusesAPlainHttpHost()
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "Manifest", "make-production.mjs"), "http://supervision.example.edu.cn", Path.Combine(Path.GetTempPath(), "never.xml")])
        {
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("only over https", error, StringComparison.Ordinal);
    }
}
