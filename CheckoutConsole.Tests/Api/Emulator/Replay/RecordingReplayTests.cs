using System.Reflection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Emulator.Replay;

/// <summary>
/// Every export format of every recorded checkout, run for real against the console: the curl script
/// with bash, the .http file parsed and sent, the xUnit class compiled with Roslyn and run, the
/// jsforce script with node. Each replay resets the emulator itself; afterwards the cart and its
/// sessions must be as the recording left them.
/// </summary>
public sealed class RecordingReplayTests(RecordedCheckouts recorded, ITestOutputHelper output) : IClassFixture<RecordedCheckouts>
{
    [Fact]
    public void Exports_EveryFormat_ResetFirstAndCheckEveryRecordedOutcome()
    {
        var complete = recorded.Checkouts.Single(c => c.Name == "complete");
        var conflict = recorded.Checkouts.Single(c => c.Name == "conflict");
        var fault = recorded.Checkouts.Single(c => c.Name == "inventory-fault");

        var resetCall = new Dictionary<string, string>
        {
            ["curl"] = "status=$(call \"$admin\" POST \"$EMU/reset\")",
            ["http"] = "POST {{baseUrl}}/emulator/v1/reset",
            ["jsforce"] = "await control(admin, 'POST', '/reset');",
            ["xunit"] = "SendAsync(http, admin, HttpMethod.Post, \"/emulator/v1/reset\", null)",
        };
        foreach (var (format, text) in complete.Exports)
        {
            output.WriteLine($"--- {format}, first lines ---\n{string.Join('\n', text.Split('\n').Take(12))}");
            Assert.Contains(resetCall[format], text, StringComparison.Ordinal);
        }

        Assert.Equal("cart Closed; sessions: Order Confirmation archived", complete.Facts);
        Assert.Contains("expect 2 \"$status\" 409 CHECKOUT_CONFLICT", conflict.Exports["curl"], StringComparison.Ordinal);
        Assert.Contains("# @expect 409 CHECKOUT_CONFLICT", conflict.Exports["http"], StringComparison.Ordinal);
        Assert.Contains("""{"failNextTasks":{"Inventory":1}}""", fault.Exports["curl"], StringComparison.Ordinal);
        Assert.Contains("""await control(admin, 'PUT', '/faults', {"failNextTasks":{"Inventory":1}});""", fault.Exports["jsforce"], StringComparison.Ordinal);
        Assert.Equal("cart Checkout; sessions: Error error", fault.Facts);
        var sessionFault = recorded.Checkouts.Single(c => c.Name == "session-fault");
        var jsforce = sessionFault.Exports["jsforce"];
        var armed = jsforce.IndexOf("""await control(admin, 'PUT', '/faults', {"failSessionCreation":true});""", StringComparison.Ordinal);
        var cleared = jsforce.IndexOf("await control(admin, 'PUT', '/faults', {});", StringComparison.Ordinal);
        Assert.True(armed >= 0 && cleared > armed, $"expected the fault armed for the first call and cleared before the second:\n{jsforce}");
        Assert.Contains("""{"failSessionCreation":true}""", sessionFault.Exports["curl"], StringComparison.Ordinal);
        Assert.Equal("cart Checkout; sessions: Inventory", sessionFault.Facts);
    }

    [Fact]
    public async Task CurlScript_EveryRecording_ReplaysAsRecordedWithBash()
    {
        foreach (var checkout in recorded.Checkouts)
        {
            var file = Path.Combine(Path.GetTempPath(), $"cc-replay-{Guid.NewGuid():N}.sh");
            await File.WriteAllTextAsync(file, checkout.Exports["curl"]);
            try
            {
                var run = await ReplayTools.RunAsync("bash", [file], Path.GetTempPath(), Url());

                Assert.True(run.ExitCode == 0, $"{checkout.Name}: bash exited {run.ExitCode}:\n{run.Output}");
                Assert.Contains($"Replayed all {checkout.Calls} calls as recorded.", run.Output, StringComparison.Ordinal);
                Assert.Equal(checkout.Facts, await recorded.FactsAsync(checkout.CartId));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task HttpFile_EveryRecording_ReplaysAsRecordedRequestByRequest()
    {
        foreach (var checkout in recorded.Checkouts)
        {
            var replayer = new HttpFileReplayer(recorded.Http);

            await replayer.RunAsync(checkout.Exports["http"], recorded.Server.BaseUrl);

            Assert.Equal(checkout.Calls, replayer.ActionCalls);
            Assert.Equal(checkout.Facts, await recorded.FactsAsync(checkout.CartId));
        }
    }

    [Fact]
    public async Task XunitClass_EveryRecording_CompilesAndPasses()
    {
        Environment.SetEnvironmentVariable("CHECKOUT_CONSOLE_URL", recorded.Server.BaseUrl);
        try
        {
            foreach (var checkout in recorded.Checkouts)
            {
                var assembly = ReplayTools.Compile(checkout.Exports["xunit"], $"Replay_{checkout.Name.Replace('-', '_')}");
                var type = assembly.GetTypes().Single(t => t.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null));
                var test = type.GetMethods().Single(m => m.GetCustomAttribute<FactAttribute>() is not null);

                await (Task)test.Invoke(Activator.CreateInstance(type), null)!;

                Assert.Equal(checkout.Facts, await recorded.FactsAsync(checkout.CartId));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("CHECKOUT_CONSOLE_URL", null);
        }
    }

    [JsforceFact]
    public async Task JsforceScript_EveryRecording_ReplaysAsRecordedWithNode()
    {
        await ReplayTools.EnsureJsforceAsync();
        foreach (var checkout in recorded.Checkouts)
        {
            // Beside jsforce's node_modules, so require('jsforce') finds it.
            var file = Path.Combine(ReplayTools.JsforceFolder, $"replay-{Guid.NewGuid():N}.js");
            await File.WriteAllTextAsync(file, checkout.Exports["jsforce"]);
            try
            {
                var run = await ReplayTools.RunAsync("node", [file], ReplayTools.JsforceFolder, Url());

                Assert.True(run.ExitCode == 0, $"{checkout.Name}: node exited {run.ExitCode}:\n{run.Output}");
                Assert.Contains($"Replayed all {checkout.Calls} calls as recorded.", run.Output, StringComparison.Ordinal);
                Assert.Equal(checkout.Facts, await recorded.FactsAsync(checkout.CartId));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    private Dictionary<string, string> Url() => new() { ["CHECKOUT_CONSOLE_URL"] = recorded.Server.BaseUrl };
}
