using System.Net;
using System.Text;
using System.Text.Json;

namespace CheckoutConsole.Tests.Api;

/// <summary>An HTTP answer: status and JSON (JsonValueKind.Undefined when the body is empty or not JSON).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Text)
{
    public int StatusCode => (int)Status;

    /// <summary>errorCode of a Salesforce error array, <c>[{"message","errorCode"}]</c>.</summary>
    public string? ErrorCode => Json.ValueKind == JsonValueKind.Array && Json.GetArrayLength() > 0 && Json[0].TryGetProperty("errorCode", out var code)
        ? code.GetString()
        : null;

    public string? ErrorMessage => Json.ValueKind == JsonValueKind.Array && Json.GetArrayLength() > 0 && Json[0].TryGetProperty("message", out var message)
        ? message.GetString()
        : null;

    /// <summary>Element i of an action's answer.</summary>
    public JsonElement Result(int i = 0) => Json[i];

    public string? Output(string name, int i = 0) => Json[i].GetProperty("outputValues").GetProperty(name).GetString();

    public string? ActionErrorCode(int i = 0) => Json[i].GetProperty("errors")[0].GetProperty("statusCode").GetString();

    public string? ActionErrorMessage(int i = 0) => Json[i].GetProperty("errors")[0].GetProperty("message").GetString();

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message)
    {
        var text = await message.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                json = default;
            }
        }

        return new ApiResponse(message.StatusCode, json, text);
    }
}

/// <summary>A Salesforce REST client in miniature: a bearer token and the calls the tests make.</summary>
public sealed class SalesforceClient(HttpClient http, string token)
{
    public const string Version = "62.0";
    public const string Data = "/services/data/v" + Version;
    public const string ClientId = "checkout-console";
    public const string ClientSecret = "checkout-console-secret";

    public HttpClient Http => http;

    public string Token => token;

    public static async Task<string> RequestTokenAsync(HttpClient http, string username, string password)
    {
        var response = await PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["username"] = username,
            ["password"] = password,
        });
        if (response.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Login as {username} failed: {(int)response.Status} {response.Text}");
        }

        return response.Json.GetProperty("access_token").GetString()!;
    }

    public static async Task<ApiResponse> PostTokenAsync(HttpClient http, IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var message = await http.PostAsync("/services/oauth2/token", content);
        return await ApiResponse.ReadAsync(message);
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ApiResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, Json(body));

    public Task<ApiResponse> PostRawAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<ApiResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, Json(body));

    public Task<ApiResponse> PatchRawAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    /// <summary>POST …/actions/standard/{action} with <c>{"inputs": [...]}</c>.</summary>
    public Task<ApiResponse> InvokeAsync(string action, params object[] inputs) =>
        PostAsync($"{Data}/actions/standard/{action}", new { inputs });

    public Task<ApiResponse> QueryAsync(string soql) => GetAsync($"{Data}/query?q={Uri.EscapeDataString(soql)}");

    public Task<ApiResponse> GetRecordAsync(string type, string id) => GetAsync($"{Data}/sobjects/{type}/{id}");

    /// <summary>Sends with this client's token, or with <paramref name="authorization"/> as the header ("" sends none).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        var header = authorization ?? $"Bearer {token}";
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var message = await http.SendAsync(request);
        return await ApiResponse.ReadAsync(message);
    }

    private static string Json(object body) => JsonSerializer.Serialize(body);
}
