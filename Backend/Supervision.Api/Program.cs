using Supervision.Api.Auth;
using Supervision.Api.Campaigns;
using Supervision.Api.Checks;
using Supervision.Api.Consolidation;
using Supervision.Api.Dev;
using Supervision.Api.Hosting;
using Supervision.Api.Results;
using Supervision.Api.Storage;
using Supervision.Api.Submissions;
using Supervision.Api.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.ListenOnLocalPortsByDefault();
builder.Services.AddSupervisionJson();
builder.Services.AddSupervisionProblemDetails();
builder.Services.AddSupervisionOpenApi();
builder.Services.AddSupervisionAuth(builder.Configuration, builder.Environment);
builder.Services.AddCampaigns();
builder.Services.AddWorkbookUploads();
builder.Services.AddSupervisionStorage(builder.Configuration);
builder.Services.AddSubmissions();
builder.Services.AddResults();

var app = builder.Build();

app.UseSupervisionProblemDetails();
// The add-in's task pane and the browser page (AddIn/ built into wwwroot), served before sign-in: / is index.html.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapSupervisionOpenApi();
var api = app.MapGroup("/api").RequireAuthorization(AuthConstants.ScopePolicy);
api.MapMe();
api.MapCampaigns();
api.MapChecks();
api.MapSubmissions();
api.MapResults();
api.MapConsolidation();
api.MapTemplates();
api.MapDevSignIn();

app.Run();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
