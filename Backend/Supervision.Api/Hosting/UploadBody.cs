using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Hosting;

/// <summary>Reads an uploaded workbook: the multipart field <c>file</c>, or the raw body; never more than the upload limit.</summary>
public static class UploadBody
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>OpenAPI: the workbook content types carry a file, not the JSON grid the endpoint's Accepts names.</summary>
    public static Task DescribeWorkbookBodies(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.RequestBody?.Content is { } content)
        {
            var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            foreach (var type in new[] { XlsxContentType, "application/octet-stream" }.Where(content.ContainsKey))
            {
                content[type] = new OpenApiMediaType { Schema = binary };
            }

            if (content.ContainsKey("multipart/form-data"))
            {
                content["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = binary },
                    },
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The 415 for an upload that is neither multipart nor an .xlsx body.</summary>
    public static ProblemHttpResult NotAWorkbook() =>
        Problems.UnsupportedMediaType($"请以 multipart/form-data（字段 file）或 {XlsxContentType} 上传 .xlsx 文件。");

    public static bool IsWorkbook(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.ContentType ?? "";
        return request.HasFormContentType
            || type.StartsWith(XlsxContentType, StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase);
    }

    public static async Task<(ReadOnlyMemory<byte> Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, UploadLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (request.ContentLength > limits.MaxUploadBytes)
        {
            return (default, TooLarge(limits));
        }

        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return (default, Problems.BadRequest("表单中没有名为 file 的文件字段，请以 multipart/form-data 上传，字段名为 file。"));
            }

            if (file.Length > limits.MaxUploadBytes)
            {
                return (default, TooLarge(limits));
            }

            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }

        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limits.MaxUploadBytes)
                {
                    return (default, TooLarge(limits));
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
    }

    private static ProblemHttpResult TooLarge(UploadLimits limits) =>
        Problems.Upload(new UploadRefusal(UploadCodes.TooLarge,
            $"文件超过了 {limits.MaxUploadBytes / 1024 / 1024} MB 的上传上限。"));
}
