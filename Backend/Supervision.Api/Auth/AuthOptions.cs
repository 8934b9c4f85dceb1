using System.ComponentModel.DataAnnotations;

namespace Supervision.Api.Auth;

public enum AuthMode
{
    /// <summary>Bearer tokens from Microsoft Entra ID, validated by Microsoft.Identity.Web (section AzureAd).</summary>
    EntraId,
    /// <summary>A roster user named by the X-Dev-User header; refused outside the Development and Testing environments.</summary>
    Development,
}

/// <summary>Section <c>Auth</c>: how callers sign in.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Unset means Development in the Development environment and EntraId everywhere else.</summary>
    [Required]
    [EnumDataType(typeof(AuthMode))]
    public AuthMode? Mode { get; set; }
}

/// <summary>Section <c>AzureAd</c>, read by Microsoft.Identity.Web; checked when the first bearer token is validated.</summary>
public sealed class EntraIdOptions
{
    public const string SectionName = "AzureAd";

    [Required]
    [Url]
    public string? Instance { get; set; }

    [Required]
    public string? TenantId { get; set; }

    [Required]
    public string? ClientId { get; set; }

    /// <summary>Set explicitly (e.g. api://{ClientId}) so tokens for another API are never accepted.</summary>
    [Required]
    public string? Audience { get; set; }
}
