using CheckoutConsole;

var builder = WebApplication.CreateBuilder(CommandLine.Expand(args));
builder.AddCheckoutConsole();

var app = builder.Build();
app.UseCheckoutConsole();
await app.InitializeDatabaseAsync();
await app.RunAsync();

public partial class Program;
