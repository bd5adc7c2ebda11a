using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CheckoutConsole.Tests.Api.Emulator.Replay;

/// <summary>
/// Runs a .http file the way a REST Client user sends it, request by request: file variables,
/// named requests and their answers ({{name.response.body.…}}), and the export's two comment
/// directives, <c># @expect STATUS [OUTCOME]</c> and <c># @poll FIELD VALUE…</c> (send again while
/// FIELD has one of the VALUEs).
/// </summary>
public sealed partial class HttpFileReplayer(HttpClient http)
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _answers = new(StringComparer.Ordinal);

    public int ActionCalls { get; private set; }

    public async Task RunAsync(string file, string baseUrl)
    {
        var blocks = Regex.Split(file.Replace("\r\n", "\n", StringComparison.Ordinal), "^###.*$", RegexOptions.Multiline);
        foreach (Match variable in FileVariable().Matches(blocks[0]))
        {
            _variables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim();
        }

        _variables["baseUrl"] = baseUrl;
        foreach (var block in blocks.Skip(1))
        {
            await RunBlockAsync(block);
        }
    }

    private async Task RunBlockAsync(string block)
    {
        string? name = null;
        string[]? expect = null;
        string[]? poll = null;
        var lines = block.Split('\n').Select(l => l.TrimEnd()).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        var i = 0;
        for (; i < lines.Count && lines[i].StartsWith('#'); i++)
        {
            var parts = lines[i].TrimStart('#').Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts.FirstOrDefault())
            {
                case "@name": name = parts[1]; break;
                case "@expect": expect = parts[1..]; break;
                case "@poll": poll = parts[1..]; break;
            }
        }

        if (i == lines.Count)
        {
            return;
        }

        var requestLine = Substitute(lines[i++]).Split(' ', 2);
        var headers = new List<(string, string)>();
        for (; i < lines.Count && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add((lines[i][..colon].Trim(), Substitute(lines[i][(colon + 1)..].Trim())));
        }

        var body = string.Join('\n', lines.Skip(i + 1)).Trim();
        for (var attempt = 0; ; attempt++)
        {
            var (status, json, text) = await SendAsync(requestLine[0], requestLine[1], headers, body.Length == 0 ? null : Substitute(body));
            if (poll is not null && json.ValueKind == JsonValueKind.Object && poll.Skip(1).Contains(json.GetProperty(poll[0]).GetString()))
            {
                Assert.True(attempt < 600, $"{requestLine[1]} still {poll[0]} {json.GetProperty(poll[0]).GetString()} after 60 s");
                await Task.Delay(100);
                continue;
            }

            Check(requestLine[1], expect, status, json, text);
            if (name is not null)
            {
                _answers[name] = json;
            }

            return;
        }
    }

    private void Check(string url, string[]? expect, int status, JsonElement json, string text)
    {
        if (expect is null)
        {
            Assert.True(status is >= 200 and < 300, $"{url}: HTTP {status} {text}");
            return;
        }

        Assert.True(int.Parse(expect[0], System.Globalization.CultureInfo.InvariantCulture) == status, $"{url}: expected HTTP {expect[0]}, got {status} {text}");
        if (expect.Length > 1)
        {
            ActionCalls++;
            var outcome = json[0].GetProperty("isSuccess").GetBoolean() ? "Success" : json[0].GetProperty("errors")[0].GetProperty("statusCode").GetString();
            Assert.True(expect[1] == outcome, $"{url}: expected {expect[1]}, got {outcome}: {text}");
        }
    }

    private async Task<(int Status, JsonElement Json, string Text)> SendAsync(string method, string url, List<(string Name, string Value)> headers, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        foreach (var (header, value) in headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "text/plain");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = default(JsonElement);
        if (text.Length > 0 && (text[0] is '{' or '['))
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return ((int)response.StatusCode, json, text);
    }

    private string Substitute(string text)
    {
        for (var guard = 0; guard < 10 && text.Contains("{{", StringComparison.Ordinal); guard++)
        {
            text = Reference().Replace(text, m => Resolve(m.Groups[1].Value));
        }

        return text;
    }

    private string Resolve(string reference)
    {
        if (_variables.TryGetValue(reference, out var value))
        {
            return value;
        }

        // name.response.body.<path>, the path either a property chain or JSONPath ($[0].outputValues.requestId).
        var parts = reference.Split(".response.body.", 2);
        Assert.True(parts.Length == 2 && _answers.ContainsKey(parts[0]), $"unknown reference {{{{{reference}}}}}");
        var node = _answers[parts[0]];
        foreach (var step in parts[1].TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = step.IndexOf('[', StringComparison.Ordinal);
            var property = index < 0 ? step : step[..index];
            if (property.Length > 0)
            {
                node = node.GetProperty(property);
            }

            if (index >= 0)
            {
                node = node[int.Parse(step[(index + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
            }
        }

        return node.GetString()!;
    }

    [GeneratedRegex(@"^@(\w+)\s*=\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Reference();
}
