using CheckoutConsole.Domain.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CheckoutConsole.Api.Docs;

/// <summary>The OpenAPI document of the REST API, generated from the endpoints themselves, at <see cref="Route"/>.</summary>
public static class ApiDocument
{
    public const string Route = "/services/openapi.json";
    private const string BearerScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description =>
            description.RelativePath is { } path && (path.StartsWith("services/", StringComparison.Ordinal) || path.StartsWith("id/", StringComparison.Ordinal)
                || path.StartsWith("emulator/", StringComparison.Ordinal));

        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CheckoutConsole REST API",
                Version = $"v{ApiVersions.Default}",
                Description = "A Salesforce-compatible REST API over the emulated B2B Commerce checkout: OAuth2 password-grant login, "
                    + $"the standard checkout actions ({string.Join(", ", CheckoutActions.All.Select(a => a.ApiName))}), sObject reads, "
                    + $"SOQL queries and Connect-shaped cart editing. Any API version from v{ApiVersions.All.First()} to v{ApiVersions.All.Last()} is accepted. "
                    + "Errors are Salesforce-shaped: [{\"message\": …, \"errorCode\": …}]. "
                    + "Apart from the Salesforce paths, /emulator/v1/ controls the emulator for test suites (an admin's token): reset, scenario, faults, settings, clock and recorded checkouts.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The access_token of POST /services/oauth2/token.",
                },
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBody>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [body.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
                    },
                };
            }

            var path = context.Description.RelativePath ?? "";
            if (path.StartsWith("services/data/v", StringComparison.Ordinal) || path.StartsWith("id/", StringComparison.Ordinal) || path.StartsWith("emulator/", StringComparison.Ordinal))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse
                {
                    Description = "No valid bearer token: [{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
                });
            }
        });
    }
}

/// <summary>
/// Documents a request body without constraining the request's content type (as Accepts&lt;T&gt;
/// would): the endpoints read their bodies themselves and answer a wrong one with a
/// Salesforce-shaped error, not a 415.
/// </summary>
public sealed record ApiRequestBody(Type Type, string ContentType);

public static class ApiRequestBodyExtensions
{
    public static RouteHandlerBuilder WithRequestBody<T>(this RouteHandlerBuilder builder, string contentType) =>
        builder.WithMetadata(new ApiRequestBody(typeof(T), contentType));
}
