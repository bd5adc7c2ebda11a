using CheckoutConsole;

var builder = WebApplication.CreateBuilder(args);
builder.AddCheckoutConsole();

var app = builder.Build();
app.UseCheckoutConsole();
app.Run();

public partial class Program;
