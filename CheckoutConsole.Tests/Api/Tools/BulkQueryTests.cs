using System.Net;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>Bulk API 2.0 query jobs as `sf data export bulk` drives them: create, check, read the CSV pages.</summary>
public sealed class BulkQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Jobs = SalesforceClient.Data + "/jobs/query";

    [Fact]
    public async Task QueryJob_CompletesWithTheCallersRowsAsCsv()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var created = await alice.PostAsync(Jobs, new { operation = "query", query = "SELECT Id, Name, Owner.Name FROM WebCart ORDER BY Name" });
        var id = created.Json.GetProperty("id").GetString()!;
        var status = await alice.GetAsync($"{Jobs}/{id}");
        using var results = await Send(alice, $"{Jobs}/{id}/results");
        var csv = await results.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.StartsWith("750", id);
        Assert.Equal("WebCart", created.Json.GetProperty("object").GetString());
        Assert.Equal("JobComplete", status.Json.GetProperty("state").GetString());
        Assert.Equal(2, status.Json.GetProperty("numberRecordsProcessed").GetInt32());
        Assert.Equal("text/csv", results.Content.Headers.ContentType!.MediaType);
        Assert.Equal("null", results.Headers.GetValues("Sforce-Locator").Single());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Id,Name,Owner.Name", lines[0]);
        Assert.Equal([$"{factory.Demo.AliceAcmeCart},Alice's office restock,Alice Adams", $"{factory.Demo.AliceUmbrellaCart},Umbrella Corp order,Alice Adams"], lines[1..]);
    }

    [Fact]
    public async Task Results_MaxRecords_PagesWithSforceLocator()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);
        var created = await integrator.PostAsync(Jobs, new { operation = "query", query = "SELECT Id FROM WebCart", columnDelimiter = "SEMICOLON", lineEnding = "CRLF" });
        var id = created.Json.GetProperty("id").GetString()!;

        using var first = await Send(integrator, $"{Jobs}/{id}/results?maxRecords=4");
        var locator = first.Headers.GetValues("Sforce-Locator").Single();
        using var second = await Send(integrator, $"{Jobs}/{id}/results?maxRecords=4&locator={locator}");

        Assert.Equal("4", first.Headers.GetValues("Sforce-NumberOfRecords").Single());
        Assert.NotEqual("null", locator);
        Assert.Equal("2", second.Headers.GetValues("Sforce-NumberOfRecords").Single());
        Assert.Equal("null", second.Headers.GetValues("Sforce-Locator").Single());
        Assert.Contains("\r\n", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QueryJob_OfAnotherUser_IsNotFound()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var bob = await factory.LoginAsync(DemoData.Bob);
        var created = await alice.PostAsync(Jobs, new { operation = "query", query = "SELECT Id FROM WebCart" });

        var status = await bob.GetAsync($"{Jobs}/{created.Json.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NotFound, status.Status);
        Assert.Equal("NOT_FOUND", status.ErrorCode);
    }

    [Theory]
    [InlineData("{\"operation\":\"insert\",\"query\":\"SELECT Id FROM WebCart\"}", "INVALIDJOB")]
    [InlineData("{\"operation\":\"query\",\"query\":\"SELECT COUNT() FROM WebCart\"}", "INVALIDJOB")]
    [InlineData("{\"operation\":\"query\",\"query\":\"SELECT Id, (SELECT Id FROM CartItems) FROM WebCart\"}", "INVALIDJOB")]
    [InlineData("{\"operation\":\"query\",\"query\":\"SELECT Nope FROM WebCart\"}", "INVALID_FIELD")]
    [InlineData("{\"operation\":\"query\",\"query\":\"SELECT Id FROM WebCart\",\"columnDelimiter\":\"SPACE\"}", "INVALIDJOB")]
    [InlineData("[]", "JSON_PARSER_ERROR")]
    public async Task QueryJob_BadRequest_Returns400AndCreatesNoJob(string body, string code)
    {
        var carol = await factory.LoginAsync(DemoData.Carol);
        var before = (await carol.GetAsync(SalesforceClient.Data + "/limits")).Json.GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt32();

        var response = await carol.PostRawAsync(Jobs, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
        var after = (await carol.GetAsync(SalesforceClient.Data + "/limits")).Json.GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt32();
        Assert.Equal(before, after);
    }

    private static async Task<HttpResponseMessage> Send(SalesforceClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");
        return await client.Http.SendAsync(request);
    }
}
