using System.Net;
using System.Text.Json;

namespace Supervision.Api.Tests;

/// <summary>A ProblemDetails response as the client sees it.</summary>
public sealed record Problem(HttpStatusCode Status, string? ContentType, string? Title, string? Detail)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return new Problem(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            root.TryGetProperty("title", out var title) ? title.GetString() : null,
            root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
    }
}
