using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Supervision.Api.Hosting;

/// <summary>Errors as ProblemDetails with a Chinese title and a detail that says exactly what is wrong.</summary>
public static class Problems
{
    private const string DefaultServerErrorTitle = "An error occurred while processing your request.";

    private static readonly Dictionary<int, (string Title, string Detail)> Texts = new()
    {
        [StatusCodes.Status400BadRequest] = ("请求有误", "请求的内容有误。"),
        [StatusCodes.Status401Unauthorized] = ("未登录", "需要登录后才能访问。"),
        [StatusCodes.Status403Forbidden] = ("无权访问", "当前账号没有访问此内容的权限。"),
        [StatusCodes.Status404NotFound] = ("未找到", "请求的地址或内容不存在。"),
        [StatusCodes.Status405MethodNotAllowed] = ("不支持的请求方法", "此地址不支持该请求方法。"),
        [StatusCodes.Status406NotAcceptable] = ("无法提供所需格式", "无法以请求的格式返回内容。"),
        [StatusCodes.Status409Conflict] = ("冲突", "请求与当前状态冲突。"),
        [StatusCodes.Status412PreconditionFailed] = ("内容已被修改", "内容已被他人修改，请重新加载后再试。"),
        [StatusCodes.Status413PayloadTooLarge] = ("请求内容过大", "请求正文超过了允许的大小。"),
        [StatusCodes.Status415UnsupportedMediaType] = ("不支持的内容类型", "请求正文的内容类型不受支持。"),
        [StatusCodes.Status422UnprocessableEntity] = ("内容未通过检查", "提交的内容未通过检查。"),
        [StatusCodes.Status429TooManyRequests] = ("请求过于频繁", "请求过于频繁，请稍后再试。"),
        [StatusCodes.Status500InternalServerError] = ("服务器内部错误", "服务器处理请求时出错，请稍后再试或联系管理员。"),
        [StatusCodes.Status503ServiceUnavailable] = ("服务暂不可用", "服务暂时不可用，请稍后再试。"),
    };

    public static string? TitleFor(int status) => Texts.TryGetValue(status, out var text) ? text.Title : null;

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType, detail);

    public static ProblemHttpResult CampaignNotFound(string id) => NotFound($"督查活动“{id}”不存在。");

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult PreconditionFailed(string detail) => Problem(StatusCodes.Status412PreconditionFailed, detail);

    /// <summary>An upload refused before any form was read: 413 when too large, else 400; the refusal's code goes into <c>code</c>.</summary>
    public static ProblemHttpResult Upload(Supervision.Workbooks.Reading.UploadRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var status = refusal.Code == Supervision.Workbooks.Reading.UploadCodes.TooLarge
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status400BadRequest;
        return TypedResults.Problem(detail: refusal.Message, statusCode: status, title: TitleFor(status),
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
    }

    /// <summary>Forms with errors: 422 with every form's issues under <c>forms</c>.</summary>
    public static ProblemHttpResult Unprocessable(string detail, object forms) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity,
            title: TitleFor(StatusCodes.Status422UnprocessableEntity), extensions: new Dictionary<string, object?> { ["forms"] = forms });

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: TitleFor(status));

    /// <summary>Errors ASP.NET Core writes itself (status code pages, the exception handler, auth) get the Chinese texts too.</summary>
    public static IServiceCollection AddSupervisionProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!Texts.TryGetValue(status, out var text))
            {
                return;
            }

            // Only the framework's English defaults are replaced; a title a handler chose stays.
            if (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status) || problem.Title == DefaultServerErrorTitle)
            {
                problem.Title = text.Title;
            }

            problem.Detail ??= text.Detail;
        });
        return services;
    }

    /// <summary>Unhandled exceptions and bodiless error statuses become ProblemDetails; a bad request is never a 500.</summary>
    public static WebApplication UseSupervisionProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
