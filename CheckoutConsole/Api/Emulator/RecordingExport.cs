using System.Globalization;
using System.Text;
using System.Text.Json;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;

namespace CheckoutConsole.Api.Emulator;

/// <summary>Where a replay runs: the console's URL (overridable by CHECKOUT_CONSOLE_URL), its OAuth client and API version.</summary>
public sealed record ReplayTarget(string BaseUrl, string ClientId, string ClientSecret, string Version);

public sealed record RecordingFormat(string Name, string Label, string Extension, string ContentType);

/// <summary>
/// A cart's recording as a runnable file. Every format does the same: sign in as the recording's
/// admin, reset the emulator (so the scenario's ids are back), sign in as each user who made a call,
/// then replay the calls in order with their recorded inputs, re-creating the faults a call
/// depended on just before it, waiting for each call's task by polling its background operation,
/// and failing at the first call whose outcome (success, or error code and HTTP status) differs
/// from the recorded one. Session ids the calls created are taken from the replay's own answers.
/// </summary>
public static class RecordingExport
{
    public const string UrlVariable = "CHECKOUT_CONSOLE_URL";

    public static IReadOnlyList<RecordingFormat> Formats { get; } =
    [
        new("curl", "curl script", "sh", "text/x-shellscript"),
        new("http", ".http file", "http", "text/plain"),
        new("jsforce", "jsforce script", "js", "text/javascript"),
        new("xunit", "xUnit test", "cs", "text/plain"),
    ];

    public static RecordingFormat? Find(string? name) =>
        Formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string FileName(CartRecording recording, RecordingFormat format) =>
        $"replay-{Slug(recording.CartName)}.{format.Extension}";

    public static string Render(RecordingFormat format, CartRecording recording, ReplayTarget target) => format.Name switch
    {
        "curl" => Curl(recording, target),
        "http" => Http(recording, target),
        "jsforce" => Jsforce(recording, target),
        "xunit" => Xunit(recording, target),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Name, "Unknown recording format."),
    };

    /// <summary>
    /// The body of a call, <c>{"inputs":[{…}]}</c>, where a session id the recording created is the
    /// placeholder <c>#{session1}#</c>, which each format turns into its own variable reference.
    /// </summary>
    internal static string Body(CartRecording recording, RecordedCall call)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs");
            json.WriteStartObject();
            foreach (var (name, value) in call.Inputs)
            {
                json.WritePropertyName(name);
                if (call.SessionVariableFor(name, recording.SessionVariables) is { } variable)
                {
                    json.WriteStringValue(Placeholder(variable));
                }
                else
                {
                    value.WriteTo(json);
                }
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string Placeholder(string variable) => $"#{{{variable}}}#";

    /// <summary>
    /// The faults to set before call <paramref name="index"/> (PUT /emulator/v1/faults replaces them all):
    /// the ones it depended on; none (<c>{}</c>) after a call that depended on some, so a switch armed for
    /// one call doesn't reach the next; null when nothing needs to change.
    /// </summary>
    internal static string? FaultsBody(CartRecording recording, int index)
    {
        var call = recording.Calls[index];
        if (call.Faults.Count == 0)
        {
            return index > 0 && recording.Calls[index - 1].Faults.Count > 0 ? "{}" : null;
        }

        var document = new Dictionary<string, object>(StringComparer.Ordinal);
        var failNext = call.Faults.Where(f => f.Name == FaultNames.FailNextTasks && f.TaskType is not null)
            .GroupBy(f => f.TaskType!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (failNext.Count > 0)
        {
            document[FaultNames.FailNextTasks] = failNext;
        }

        foreach (var name in call.Faults.Select(f => f.Name).Where(n => n != FaultNames.FailNextTasks).Distinct(StringComparer.Ordinal))
        {
            document[name] = true;
        }

        return JsonSerializer.Serialize(document);
    }

    /// <summary>Whether the call answers with a backgroundOperationId worth waiting for.</summary>
    internal static bool StartsTask(RecordedCall call) =>
        call.IsSuccess && CheckoutActions.Find(call.Action)?.Outputs.Any(o => o.Name == "backgroundOperationId") == true;

    internal static string Describe(RecordedCall call) =>
        $"{call.Actor}: {call.Action}, recorded {call.Outcome} ({call.HttpStatus.ToString(CultureInfo.InvariantCulture)})";

    private static string Header(CartRecording recording, string prefix)
    {
        var text = new StringBuilder();
        text.AppendLine($"{prefix}Replays the recorded checkout of cart \"{recording.CartName}\" ({recording.CartId}) on CheckoutConsole:");
        text.AppendLine($"{prefix}{recording.Calls.Count} action call(s), each checked against its recorded outcome. Generated from the cart's timeline.");
        text.AppendLine($"{prefix}It resets the emulator first (the scenario's ids come back), so point it at a console you may reset;");
        text.AppendLine($"{prefix}the URL is {UrlVariable} (default below).");
        if (recording.SkippedCalls > 0)
        {
            text.AppendLine($"{prefix}{recording.SkippedCalls} recorded line edit(s) aren't replayed: the replay starts from the scenario's cart lines.");
        }

        return text.ToString();
    }

    private static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "cart" : slug;
    }

    private static string ActorVariable(CartRecording recording, string actor) => $"user{IndexOf(recording.Actors, actor) + 1}";

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Curl(CartRecording recording, ReplayTarget target)
    {
        var s = new StringBuilder();
        s.AppendLine("#!/usr/bin/env bash");
        s.Append(Header(recording, "# "));
        s.AppendLine("# Needs bash and curl.");
        s.AppendLine("set -euo pipefail");
        s.AppendLine($"BASE=\"${{{UrlVariable}:-{target.BaseUrl}}}\"");
        s.AppendLine($"API=\"$BASE/services/data/v{target.Version}\"");
        s.AppendLine("EMU=\"$BASE/emulator/v1\"");
        s.AppendLine("BODY=$(mktemp)");
        s.AppendLine("trap 'rm -f \"$BODY\"' EXIT");
        s.AppendLine();
        s.AppendLine("# login USERNAME PASSWORD: prints an access token (OAuth2 username-password grant).");
        s.AppendLine("login() {");
        s.AppendLine($"  curl -sS \"$BASE/services/oauth2/token\" -d grant_type=password -d client_id={ShellQuote(target.ClientId)} -d client_secret={ShellQuote(target.ClientSecret)} \\");
        s.AppendLine("    --data-urlencode \"username=$1\" --data-urlencode \"password=$2\" | sed -n 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p'");
        s.AppendLine("}");
        s.AppendLine("# call TOKEN METHOD URL [JSON]: prints the HTTP status; the body is in $BODY.");
        s.AppendLine("call() {");
        s.AppendLine("  curl -sS -o \"$BODY\" -w '%{http_code}' -X \"$2\" -H \"Authorization: Bearer $1\" -H 'Content-Type: application/json' \"$3\" ${4:+--data \"$4\"}");
        s.AppendLine("}");
        s.AppendLine("# field NAME: the first string value of NAME in $BODY.");
        s.AppendLine("field() { sed -n \"s/.*\\\"$1\\\":\\\"\\([^\\\"]*\\)\\\".*/\\1/p\" \"$BODY\" | head -n 1; }");
        s.AppendLine("# expect STEP STATUS EXPECTED_STATUS EXPECTED_OUTCOME: stops the replay at the first difference.");
        s.AppendLine("expect() {");
        s.AppendLine("  if [ \"$2\" != \"$3\" ] || { [ \"$4\" != Success ] && ! grep -q \"\\\"statusCode\\\":\\\"$4\\\"\" \"$BODY\"; }; then");
        s.AppendLine("    echo \"Step $1: expected $4 ($3) as recorded, got HTTP $2: $(cat \"$BODY\")\" >&2");
        s.AppendLine("    exit 1");
        s.AppendLine("  fi");
        s.AppendLine("  echo \"Step $1: $4 ($3) as recorded\"");
        s.AppendLine("}");
        s.AppendLine("# wait_for_task TOKEN: polls the background operation of the last answer until it is no longer New or Running.");
        s.AppendLine("wait_for_task() {");
        s.AppendLine("  local id; id=$(field backgroundOperationId)");
        s.AppendLine("  [ -n \"$id\" ] || return 0");
        s.AppendLine("  for _ in $(seq 1 600); do");
        s.AppendLine("    call \"$1\" GET \"$API/sobjects/BackgroundOperation/$id\" > /dev/null");
        s.AppendLine("    grep -q '\"Status\":\"\\(New\\|Running\\)\"' \"$BODY\" || return 0");
        s.AppendLine("    sleep 0.1");
        s.AppendLine("  done");
        s.AppendLine("  echo \"Background operation $id didn't finish within 60 s\" >&2");
        s.AppendLine("  exit 1");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine($"admin=$(login {ShellQuote(recording.AdminUsername)} {ShellQuote(recording.Passwords[recording.AdminUsername])})");
        s.AppendLine("status=$(call \"$admin\" POST \"$EMU/reset\")");
        s.AppendLine("[ \"$status\" = 204 ] || { echo \"Reset failed: HTTP $status $(cat \"$BODY\")\" >&2; exit 1; }");
        foreach (var actor in recording.Actors)
        {
            s.AppendLine($"{ActorVariable(recording, actor)}=$(login {ShellQuote(actor)} {ShellQuote(recording.Passwords[actor])})");
        }

        for (var i = 0; i < recording.Calls.Count; i++)
        {
            var call = recording.Calls[i];
            var step = i + 1;
            var token = "$" + ActorVariable(recording, call.Actor);
            s.AppendLine();
            s.AppendLine($"# {step}. {Describe(call)}");
            if (FaultsBody(recording, i) is { } faults)
            {
                s.AppendLine($"status=$(call \"$admin\" PUT \"$EMU/faults\" {ShellQuote(faults)})");
                s.AppendLine("[ \"$status\" = 200 ] || { echo \"Setting the recorded faults failed: HTTP $status\" >&2; exit 1; }");
            }

            var body = Body(recording, call);
            var shellBody = "\"" + body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "\"";
            foreach (var variable in recording.SessionVariables.Values)
            {
                shellBody = shellBody.Replace(Placeholder(variable), "${" + variable + "}", StringComparison.Ordinal);
            }

            s.AppendLine($"status=$(call \"{token}\" POST \"$API/actions/standard/{call.Action}\" {shellBody})");
            s.AppendLine($"expect {step} \"$status\" {call.HttpStatus.ToString(CultureInfo.InvariantCulture)} {call.Outcome}");
            if (call.CreatesSession is { } created)
            {
                s.AppendLine($"{recording.SessionVariables[created]}=$(field requestId)");
            }

            if (StartsTask(call))
            {
                s.AppendLine($"wait_for_task \"{token}\"");
            }
        }

        s.AppendLine();
        s.AppendLine("echo \"Replayed all " + recording.Calls.Count.ToString(CultureInfo.InvariantCulture) + " calls as recorded.\"");
        return s.ToString();
    }

    private static string Http(CartRecording recording, ReplayTarget target)
    {
        var s = new StringBuilder();
        s.Append(Header(recording, "# "));
        s.AppendLine("# For the REST Client of VS Code or Visual Studio: send the requests in order. \"# @expect STATUS OUTCOME\"");
        s.AppendLine("# is what the call answered when it was recorded; after a \"# @poll\" request, send it again until the");
        s.AppendLine("# operation's Status is no longer New or Running.");
        s.AppendLine();
        s.AppendLine($"@baseUrl = {target.BaseUrl}");
        s.AppendLine($"@api = {{{{baseUrl}}}}/services/data/v{target.Version}");
        s.AppendLine();
        void Login(string name, string username)
        {
            s.AppendLine($"### Sign in as {username}");
            s.AppendLine($"# @name {name}");
            s.AppendLine("POST {{baseUrl}}/services/oauth2/token");
            s.AppendLine("Content-Type: application/x-www-form-urlencoded");
            s.AppendLine();
            s.AppendLine($"grant_type=password&client_id={Uri.EscapeDataString(target.ClientId)}&client_secret={Uri.EscapeDataString(target.ClientSecret)}"
                + $"&username={Uri.EscapeDataString(username)}&password={Uri.EscapeDataString(recording.Passwords[username])}");
            s.AppendLine();
        }

        Login("admin", recording.AdminUsername);
        s.AppendLine("### Reset the emulator: the scenario's world and ids");
        s.AppendLine("# @expect 204");
        s.AppendLine("POST {{baseUrl}}/emulator/v1/reset");
        s.AppendLine("Authorization: Bearer {{admin.response.body.access_token}}");
        s.AppendLine();
        foreach (var actor in recording.Actors)
        {
            Login(ActorVariable(recording, actor), actor);
        }

        var sessionSteps = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < recording.Calls.Count; i++)
        {
            var call = recording.Calls[i];
            var step = $"step{i + 1}";
            var token = $"{{{{{ActorVariable(recording, call.Actor)}.response.body.access_token}}}}";
            if (FaultsBody(recording, i) is { } faults)
            {
                s.AppendLine($"### {i + 1}. Set the injected faults as they were for this call");
                s.AppendLine("# @expect 200");
                s.AppendLine("PUT {{baseUrl}}/emulator/v1/faults");
                s.AppendLine("Authorization: Bearer {{admin.response.body.access_token}}");
                s.AppendLine("Content-Type: application/json");
                s.AppendLine();
                s.AppendLine(faults);
                s.AppendLine();
            }

            s.AppendLine($"### {i + 1}. {Describe(call)}");
            s.AppendLine($"# @name {step}");
            s.AppendLine($"# @expect {call.HttpStatus.ToString(CultureInfo.InvariantCulture)} {call.Outcome}");
            s.AppendLine($"POST {{{{api}}}}/actions/standard/{call.Action}");
            s.AppendLine($"Authorization: Bearer {token}");
            s.AppendLine("Content-Type: application/json");
            s.AppendLine();
            var body = Body(recording, call);
            foreach (var (variable, sessionStep) in sessionSteps)
            {
                body = body.Replace(Placeholder(variable), $"{{{{{sessionStep}.response.body.$[0].outputValues.requestId}}}}", StringComparison.Ordinal);
            }

            s.AppendLine(body);
            s.AppendLine();
            if (call.CreatesSession is { } created)
            {
                sessionSteps.TryAdd(recording.SessionVariables[created], step);
            }

            if (StartsTask(call))
            {
                s.AppendLine($"### {i + 1}. Wait for its task: send again until Status is Complete, Error or Canceled");
                s.AppendLine("# @poll Status New Running");
                s.AppendLine($"GET {{{{api}}}}/sobjects/BackgroundOperation/{{{{{step}.response.body.$[0].outputValues.backgroundOperationId}}}}");
                s.AppendLine($"Authorization: Bearer {token}");
                s.AppendLine();
            }
        }

        return s.ToString();
    }

    private static string JsString(string value) => JsonSerializer.Serialize(value);

    private static string Jsforce(CartRecording recording, ReplayTarget target)
    {
        var s = new StringBuilder();
        s.Append(Header(recording, "// "));
        s.AppendLine("// Needs Node.js 18 or later and jsforce 3 (npm install jsforce); run it with node.");
        s.AppendLine("'use strict';");
        s.AppendLine("const jsforce = require('jsforce');");
        s.AppendLine();
        s.AppendLine($"const base = process.env.{UrlVariable} || {JsString(target.BaseUrl)};");
        s.AppendLine();
        s.AppendLine("async function login(username, password) {");
        s.AppendLine("  const conn = new jsforce.Connection({");
        s.AppendLine($"    oauth2: {{ loginUrl: base, clientId: {JsString(target.ClientId)}, clientSecret: {JsString(target.ClientSecret)} }},");
        s.AppendLine($"    version: {JsString(target.Version)},");
        s.AppendLine("  });");
        s.AppendLine("  await conn.login(username, password);");
        s.AppendLine("  return conn;");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine("// The emulator's control API is beside the Salesforce paths, so it takes absolute URLs. jsforce's");
        s.AppendLine("// request waits for a body to send, so a call without one sends an empty object.");
        s.AppendLine("async function control(conn, method, path, body = {}) {");
        s.AppendLine("  const url = `${conn.instanceUrl}/emulator/v1${path}`;");
        s.AppendLine("  return conn.request({ method, url, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine("// Invokes an action and checks its outcome against the recording; answers the first result's outputValues.");
        s.AppendLine("async function invoke(conn, step, action, inputs, expectedStatus, expectedOutcome) {");
        s.AppendLine("  let status = 200;");
        s.AppendLine("  let results;");
        s.AppendLine("  try {");
        s.AppendLine("    results = await conn.requestPost(`/actions/standard/${action}`, { inputs });");
        s.AppendLine("  } catch (err) {");
        s.AppendLine("    // jsforce reports an action's error answer as ERROR_HTTP_<status> with the body as its message.");
        s.AppendLine("    const match = /^ERROR_HTTP_(\\d+)$/.exec(err.errorCode || '');");
        s.AppendLine("    if (!match) throw err;");
        s.AppendLine("    status = Number(match[1]);");
        s.AppendLine("    results = JSON.parse(err.message);");
        s.AppendLine("  }");
        s.AppendLine("  const outcome = results[0].isSuccess ? 'Success' : results[0].errors[0].statusCode;");
        s.AppendLine("  if (status !== expectedStatus || outcome !== expectedOutcome) {");
        s.AppendLine("    throw new Error(`Step ${step}: expected ${expectedOutcome} (${expectedStatus}) as recorded, got ${outcome} (${status}): ${JSON.stringify(results)}`);");
        s.AppendLine("  }");
        s.AppendLine("  console.log(`Step ${step}: ${outcome} (${status}) as recorded`);");
        s.AppendLine("  return results[0].outputValues || {};");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine("// Polls the task's background operation until it is no longer New or Running.");
        s.AppendLine("async function waitForTask(conn, outputs) {");
        s.AppendLine("  const id = outputs.backgroundOperationId;");
        s.AppendLine("  if (!id) return;");
        s.AppendLine("  for (let i = 0; i < 600; i++) {");
        s.AppendLine("    const operation = await conn.sobject('BackgroundOperation').retrieve(id);");
        s.AppendLine("    if (operation.Status !== 'New' && operation.Status !== 'Running') return;");
        s.AppendLine("    await new Promise((resolve) => setTimeout(resolve, 100));");
        s.AppendLine("  }");
        s.AppendLine("  throw new Error(`Background operation ${id} didn't finish within 60 s`);");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine("async function main() {");
        s.AppendLine($"  const admin = await login({JsString(recording.AdminUsername)}, {JsString(recording.Passwords[recording.AdminUsername])});");
        s.AppendLine("  await control(admin, 'POST', '/reset');");
        foreach (var actor in recording.Actors)
        {
            s.AppendLine($"  const {ActorVariable(recording, actor)} = await login({JsString(actor)}, {JsString(recording.Passwords[actor])});");
        }

        foreach (var variable in recording.SessionVariables.Values)
        {
            s.AppendLine($"  let {variable};");
        }

        for (var i = 0; i < recording.Calls.Count; i++)
        {
            var call = recording.Calls[i];
            var step = i + 1;
            s.AppendLine();
            s.AppendLine($"  // {step}. {Describe(call)}");
            if (FaultsBody(recording, i) is { } faults)
            {
                s.AppendLine($"  await control(admin, 'PUT', '/faults', {faults});");
            }

            var inputs = Body(recording, call);
            inputs = inputs["{\"inputs\":".Length..^1];
            foreach (var variable in recording.SessionVariables.Values)
            {
                inputs = inputs.Replace("\"" + Placeholder(variable) + "\"", variable, StringComparison.Ordinal);
            }

            var result = $"step{step}";
            s.AppendLine($"  const {result} = await invoke({ActorVariable(recording, call.Actor)}, {step}, {JsString(call.Action)}, {inputs}, {call.HttpStatus.ToString(CultureInfo.InvariantCulture)}, {JsString(call.Outcome)});");
            if (call.CreatesSession is { } created)
            {
                s.AppendLine($"  {recording.SessionVariables[created]} = {result}.requestId;");
            }

            if (StartsTask(call))
            {
                s.AppendLine($"  await waitForTask({ActorVariable(recording, call.Actor)}, {result});");
            }
        }

        s.AppendLine($"  console.log('Replayed all {recording.Calls.Count.ToString(CultureInfo.InvariantCulture)} calls as recorded.');");
        s.AppendLine("}");
        s.AppendLine();
        s.AppendLine("main().catch((err) => {");
        s.AppendLine("  console.error(err.message || err);");
        s.AppendLine("  process.exit(1);");
        s.AppendLine("});");
        return s.ToString();
    }

    /// <summary>The xUnit class's name: Replay + the cart name in PascalCase.</summary>
    public static string XunitClassName(CartRecording recording) =>
        "Replay" + string.Concat(Slug(recording.CartName).Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string CsString(string value) => JsonSerializer.Serialize(value, new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static string Xunit(CartRecording recording, ReplayTarget target)
    {
        var s = new StringBuilder();
        s.Append(Header(recording, "// "));
        s.AppendLine("// An xUnit test class (xunit 2.x, .NET 8 or later) that talks to the console with HttpClient.");
        s.AppendLine("using System.Net.Http.Headers;");
        s.AppendLine("using System.Text;");
        s.AppendLine("using System.Text.Json;");
        s.AppendLine("using Xunit;");
        s.AppendLine();
        s.AppendLine("namespace CheckoutConsole.Recordings;");
        s.AppendLine();
        s.AppendLine($"public sealed class {XunitClassName(recording)}");
        s.AppendLine("{");
        s.AppendLine($"    private const string Api = \"/services/data/v{target.Version}\";");
        s.AppendLine();
        s.AppendLine("    [Fact]");
        s.AppendLine("    public async Task Replay_RecordedCalls_AnswerAsRecorded()");
        s.AppendLine("    {");
        s.AppendLine($"        using var http = new HttpClient {{ BaseAddress = new Uri(Environment.GetEnvironmentVariable({CsString(UrlVariable)}) ?? {CsString(target.BaseUrl)}) }};");
        s.AppendLine($"        var admin = await LoginAsync(http, {CsString(recording.AdminUsername)}, {CsString(recording.Passwords[recording.AdminUsername])});");
        s.AppendLine("        using (var reset = await SendAsync(http, admin, HttpMethod.Post, \"/emulator/v1/reset\", null))");
        s.AppendLine("        {");
        s.AppendLine("            Assert.Equal(204, (int)reset.StatusCode);");
        s.AppendLine("        }");
        s.AppendLine();
        foreach (var actor in recording.Actors)
        {
            s.AppendLine($"        var {ActorVariable(recording, actor)} = await LoginAsync(http, {CsString(actor)}, {CsString(recording.Passwords[actor])});");
        }

        foreach (var variable in recording.SessionVariables.Values)
        {
            s.AppendLine($"        var {variable} = \"\";");
        }

        for (var i = 0; i < recording.Calls.Count; i++)
        {
            var call = recording.Calls[i];
            var step = i + 1;
            var token = ActorVariable(recording, call.Actor);
            s.AppendLine();
            s.AppendLine($"        // {step}. {Describe(call)}");
            if (FaultsBody(recording, i) is { } faults)
            {
                s.AppendLine($"        using (var faults = await SendAsync(http, admin, HttpMethod.Put, \"/emulator/v1/faults\", {CsString(faults)}))");
                s.AppendLine("        {");
                s.AppendLine("            Assert.Equal(200, (int)faults.StatusCode);");
                s.AppendLine("        }");
                s.AppendLine();
            }

            var body = CsString(Body(recording, call));
            foreach (var variable in recording.SessionVariables.Values)
            {
                body = body.Replace(Placeholder(variable), "\" + " + variable + " + \"", StringComparison.Ordinal);
            }

            s.AppendLine($"        var step{step} = await InvokeAsync(http, {token}, {step}, {CsString(call.Action)}, {body}, {call.HttpStatus.ToString(CultureInfo.InvariantCulture)}, {CsString(call.Outcome)});");
            if (call.CreatesSession is { } created)
            {
                s.AppendLine($"        {recording.SessionVariables[created]} = step{step}.GetProperty(\"requestId\").GetString()!;");
            }

            if (StartsTask(call))
            {
                s.AppendLine($"        await WaitForTaskAsync(http, {token}, step{step});");
            }
        }

        s.AppendLine("    }");
        s.AppendLine();
        s.AppendLine("    private static async Task<string> LoginAsync(HttpClient http, string username, string password)");
        s.AppendLine("    {");
        s.AppendLine("        using var response = await http.PostAsync(\"/services/oauth2/token\", new FormUrlEncodedContent(new Dictionary<string, string>");
        s.AppendLine("        {");
        s.AppendLine("            [\"grant_type\"] = \"password\",");
        s.AppendLine($"            [\"client_id\"] = {CsString(target.ClientId)},");
        s.AppendLine($"            [\"client_secret\"] = {CsString(target.ClientSecret)},");
        s.AppendLine("            [\"username\"] = username,");
        s.AppendLine("            [\"password\"] = password,");
        s.AppendLine("        }));");
        s.AppendLine("        Assert.Equal(200, (int)response.StatusCode);");
        s.AppendLine("        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
        s.AppendLine("        return json.RootElement.GetProperty(\"access_token\").GetString()!;");
        s.AppendLine("    }");
        s.AppendLine();
        s.AppendLine("    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path, string? json)");
        s.AppendLine("    {");
        s.AppendLine("        var request = new HttpRequestMessage(method, path);");
        s.AppendLine("        request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", token);");
        s.AppendLine("        if (json is not null)");
        s.AppendLine("        {");
        s.AppendLine("            request.Content = new StringContent(json, Encoding.UTF8, \"application/json\");");
        s.AppendLine("        }");
        s.AppendLine();
        s.AppendLine("        return http.SendAsync(request);");
        s.AppendLine("    }");
        s.AppendLine();
        s.AppendLine("    /// <summary>Invokes an action, checks its outcome against the recording and answers the first result's outputValues.</summary>");
        s.AppendLine("    private static async Task<JsonElement> InvokeAsync(HttpClient http, string token, int step, string action, string body, int expectedStatus, string expectedOutcome)");
        s.AppendLine("    {");
        s.AppendLine("        using var response = await SendAsync(http, token, HttpMethod.Post, $\"{Api}/actions/standard/{action}\", body);");
        s.AppendLine("        var text = await response.Content.ReadAsStringAsync();");
        s.AppendLine("        var result = JsonDocument.Parse(text).RootElement[0];");
        s.AppendLine("        var outcome = result.GetProperty(\"isSuccess\").GetBoolean() ? \"Success\" : result.GetProperty(\"errors\")[0].GetProperty(\"statusCode\").GetString();");
        s.AppendLine("        Assert.True(expectedStatus == (int)response.StatusCode && expectedOutcome == outcome,");
        s.AppendLine("            $\"Step {step}: expected {expectedOutcome} ({expectedStatus}) as recorded, got {outcome} ({(int)response.StatusCode}): {text}\");");
        s.AppendLine("        return result.TryGetProperty(\"outputValues\", out var outputs) && outputs.ValueKind == JsonValueKind.Object ? outputs.Clone() : default;");
        s.AppendLine("    }");
        s.AppendLine();
        s.AppendLine("    /// <summary>Polls the task's background operation until it is no longer New or Running.</summary>");
        s.AppendLine("    private static async Task WaitForTaskAsync(HttpClient http, string token, JsonElement outputs)");
        s.AppendLine("    {");
        s.AppendLine("        var id = outputs.GetProperty(\"backgroundOperationId\").GetString();");
        s.AppendLine("        for (var i = 0; i < 600; i++)");
        s.AppendLine("        {");
        s.AppendLine("            using var response = await SendAsync(http, token, HttpMethod.Get, $\"{Api}/sobjects/BackgroundOperation/{id}\", null);");
        s.AppendLine("            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());");
        s.AppendLine("            if (json.RootElement.GetProperty(\"Status\").GetString() is not (\"New\" or \"Running\"))");
        s.AppendLine("            {");
        s.AppendLine("                return;");
        s.AppendLine("            }");
        s.AppendLine();
        s.AppendLine("            await Task.Delay(100);");
        s.AppendLine("        }");
        s.AppendLine();
        s.AppendLine("        Assert.Fail($\"Background operation {id} didn't finish within 60 s.\");");
        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }
}
