using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Tools;

/// <summary>jsforce 3.10, unmodified, against the running console: one script run, each observation checked.</summary>
public sealed class JsforceTests(SalesforceToolsFixture tools) : IClassFixture<SalesforceToolsFixture>
{
    [SalesforceToolsFact]
    public async Task Jsforce_EverydayCalls_AnswerAsAnOrgWould()
    {
        var (run, observed) = await tools.JsforceAsync(new Dictionary<string, string?>
        {
            ["CART_IDS"] = $"{tools.Demo.AliceAcmeCart},{tools.Demo.CarolGlobexCart}",
            ["SESSION_ID"] = tools.JsforceSessionId,
            ["CART_NAME"] = "Bob's desk setup",
        });

        Assert.True(run.ExitCode == 0, $"jsforce script exited {run.ExitCode}: {SalesforceTools.Tail(run.Error)}");
        var carts = 6 + SalesforceToolsFixture.ExtraCarts;
        Assert.Equal(carts, observed.GetProperty("count").GetInt32());
        Assert.Equal(["Bob's desk setup"], observed.GetProperty("find").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(carts, observed.GetProperty("autoFetch").GetProperty("records").GetInt32());
        Assert.Equal(carts, observed.GetProperty("autoFetch").GetProperty("distinct").GetInt32());
        var more = observed.GetProperty("queryMore");
        Assert.Equal(2_000, more.GetProperty("first").GetInt32());
        Assert.False(more.GetProperty("firstDone").GetBoolean());
        Assert.Equal(carts - 2_000, more.GetProperty("more").GetInt32());
        Assert.True(more.GetProperty("moreDone").GetBoolean());
        Assert.True(observed.GetProperty("scanAll").GetProperty("totalSize").GetInt32() >= 2);
        Assert.Equal(["Alice's office restock", "Initech supplies"], observed.GetProperty("retrieve").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([true], observed.GetProperty("update").EnumerateArray().Select(s => s.GetBoolean()));
        Assert.True(observed.GetProperty("afterUpdate").GetBoolean());
        Assert.Equal(15_000, observed.GetProperty("limits").GetProperty("Max").GetInt32());
        var usage = observed.GetProperty("limitInfo").GetProperty("apiUsage");
        Assert.Equal(15_000, usage.GetProperty("limit").GetInt32());
        Assert.True(usage.GetProperty("used").GetInt32() > 0);
        Assert.Equal(DemoData.Integrator, observed.GetProperty("identity").GetProperty("username").GetString());
        var composite = observed.GetProperty("composite").EnumerateArray().ToList();
        Assert.All(composite, c => Assert.Equal(200, c.GetProperty("status").GetInt32()));
        Assert.Equal("Alice's office restock", composite[0].GetProperty("body").GetProperty("Name").GetString());
        Assert.True(composite[1].GetProperty("body").GetProperty("totalSize").GetInt32() >= 2);
    }
}
