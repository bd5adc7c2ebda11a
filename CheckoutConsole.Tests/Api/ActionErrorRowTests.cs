using System.Text.Json;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Tests.Spec;

namespace CheckoutConsole.Tests.Api;

/// <summary>Every row of every action's error table (SPEC §5), reached through HTTP: code and HTTP status as SPEC writes them.</summary>
public sealed class ActionErrorRowTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Scenarios => [.. RowScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Invoke_ErrorRowScenario_AnswersThatRowsCodeAndHttpStatus(string name)
    {
        var scenario = RowScenarios.ByName(name);
        var row = SpecErrorTable.Row(scenario.Action, scenario.Row);
        var context = await RowContext.CreateAsync(factory);

        var response = await scenario.Act(context);

        Assert.True(row.HttpStatus == response.StatusCode, $"expected HTTP {row.HttpStatus} ({row.Code}), got {response.StatusCode}: {response.Text}");
        if (scenario.Action == CheckoutAction.CartEdit)
        {
            Assert.Equal(row.Code, response.ErrorCode);
            Assert.Contains(scenario.MessageContains, response.ErrorMessage);
            return;
        }

        var element = response.Result();
        Assert.Equal(1, response.Json.GetArrayLength());
        Assert.False(element.GetProperty("isSuccess").GetBoolean());
        Assert.Equal(JsonValueKind.Null, element.GetProperty("outputValues").ValueKind);
        Assert.Equal(1, element.GetProperty("version").GetInt32());
        Assert.Equal(row.Code, response.ActionErrorCode());
        Assert.Contains(scenario.MessageContains, response.ActionErrorMessage());
    }

    [Fact]
    public void RowScenarios_EveryRowOfEveryTable_HasAScenario()
    {
        var catalog = SpecErrorTable.Rows.Select(r => (r.Action, r.Row)).ToHashSet();

        var covered = RowScenarios.All.Select(s => (s.Action, s.Row)).ToHashSet();

        Assert.Empty(catalog.Except(covered));
        Assert.Empty(covered.Except(catalog));
    }
}
