using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Supervision.Api.Campaigns;
using Supervision.Api.Hosting;
using Supervision.Domain.Campaigns;

namespace Supervision.Api.Auth;

/// <summary>
/// Auth:Mode=Development: signs the request in as the roster entry whose UPN the X-Dev-User header names (in any campaign),
/// or as the built-in campaign's first office user when the header is absent. An unknown UPN is a 401.
/// </summary>
internal sealed class DevelopmentAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ICampaignCatalog catalog,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var upn = Request.Headers[AuthConstants.DevUserHeader].ToString().Trim();
        RosterEntry? entry;
        if (upn.Length == 0)
        {
            entry = catalog.Find(YuzhongCampaign.Id)?.Roster.FirstOrDefault(r => r.Role == Role.Office);
            if (entry is null)
            {
                return Task.FromResult(AuthenticateResult.Fail(
                    $"内置督查活动（{YuzhongCampaign.Id}）的名单中没有办公室账号，请在 {AuthConstants.DevUserHeader} 请求头中指定登录账号。"));
            }
        }
        else
        {
            entry = catalog.All.Select(c => c.FindUser(upn)).FirstOrDefault(e => e is not null);
            if (entry is null)
            {
                return Task.FromResult(AuthenticateResult.Fail(
                    $"开发登录账号“{upn}”（{AuthConstants.DevUserHeader} 请求头）不在任何督查活动的名单中。"));
            }
        }

        Claim[] claims =
        [
            new(AuthConstants.NameClaim, entry.Name),
            new(AuthConstants.UpnClaim, entry.Upn),
            new(AuthConstants.ScopeClaim, AuthConstants.Scope),
        ];
        var identity = new ClaimsIdentity(claims, AuthConstants.DevelopmentScheme, AuthConstants.NameClaim, "roles");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    // The 401 says which account is unknown; a bare 401 would leave the developer guessing.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = Problems.TitleFor(StatusCodes.Status401Unauthorized),
                Detail = result.Failure?.Message ?? "需要登录。",
            },
        });
    }
}
