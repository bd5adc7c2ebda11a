using System.Net;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

/// <summary>The app with a database that can be made to fail once, as infrastructure does.</summary>
public sealed class FailingDatabaseApiFactory() : ApiFactory(new Dictionary<string, string?> { ["Checkout:ExpirySweepSeconds"] = "3600" }, null)
{
    public FailingDatabase Database => Services.GetRequiredService<FailingDatabase>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IDbContextFactory<CheckoutDbContext>));
            services.Remove(real);
            services.AddSingleton<FailingDatabase>();
            services.AddSingleton<IDbContextFactory<CheckoutDbContext>>(provider => new FailingContextFactory(
                // The domain registers a pooled factory, built by a factory method rather than a type.
                (IDbContextFactory<CheckoutDbContext>)(real.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, real.ImplementationType!)),
                provider.GetRequiredService<FailingDatabase>()));
        });
    }

    public sealed class FailingDatabase
    {
        private int _failures;

        public void FailNextConnection() => Interlocked.Exchange(ref _failures, 1);

        public void ThrowIfArmed()
        {
            if (Interlocked.Exchange(ref _failures, 0) == 1)
            {
                throw new InvalidOperationException("Simulated infrastructure failure: the database is unreachable (secret-detail-42).");
            }
        }
    }

    private sealed class FailingContextFactory(IDbContextFactory<CheckoutDbContext> inner, FailingDatabase database) : IDbContextFactory<CheckoutDbContext>
    {
        public CheckoutDbContext CreateDbContext()
        {
            database.ThrowIfArmed();
            return inner.CreateDbContext();
        }
    }
}

public sealed class UnexpectedErrorTests(FailingDatabaseApiFactory factory) : IClassFixture<FailingDatabaseApiFactory>
{
    [Fact]
    public async Task Query_DatabaseFailsUnexpectedly_Returns500UnknownExceptionWithoutDetails()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        factory.Database.FailNextConnection();

        var response = await alice.QueryAsync("SELECT Id FROM WebCart");

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("UNKNOWN_EXCEPTION", response.ErrorCode);
        Assert.StartsWith("An unexpected error occurred. Please include this ErrorId if you contact support:", response.ErrorMessage);
        Assert.DoesNotContain("secret-detail-42", response.Text);
        Assert.DoesNotContain("InvalidOperationException", response.Text);
        Assert.DoesNotContain(" at ", response.Text);
    }

    [Fact]
    public async Task Token_DatabaseFailsUnexpectedly_Returns500UnknownExceptionAndTheNextLoginWorks()
    {
        var http = factory.CreateClient();
        // Logins read users from the access directory; make the next login read them from the database.
        factory.Services.GetRequiredService<AccessDirectory>().Invalidate();
        factory.Database.FailNextConnection();

        var failed = await SalesforceClient.PostTokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = SalesforceClient.ClientId,
            ["client_secret"] = SalesforceClient.ClientSecret,
            ["username"] = DemoData.Bob,
            ["password"] = "bob-demo",
        });
        var token = await SalesforceClient.RequestTokenAsync(http, DemoData.Bob, "bob-demo");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("UNKNOWN_EXCEPTION", failed.ErrorCode);
        Assert.DoesNotContain("secret-detail-42", failed.Text);
        Assert.False(string.IsNullOrEmpty(token));
    }
}
