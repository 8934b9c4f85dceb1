namespace Supervision.Api.Hosting;

/// <summary>The OpenAPI document: served at /openapi/v1.json and written at build to openapi/supervision.json.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddSupervisionOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Supervision API";
            document.Info.Description = "教师继续教育过程督查 (inspection of teachers' continuing education): campaigns, templates, form checks, submissions, results and consolidation.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapSupervisionOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        return routes;
    }
}
