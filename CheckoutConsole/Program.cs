using CheckoutConsole;
using CheckoutConsole.Benchmarks;

if (CommandLine.IsBenchmark(args))
{
    return await BenchmarkCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == LoadGenerator.Command)
{
    return await LoadGenerator.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(CommandLine.Expand(args));
builder.AddCheckoutConsole();

var app = builder.Build();
app.UseCheckoutConsole();
await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
