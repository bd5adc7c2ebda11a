namespace CheckoutConsole.Domain.Errors;

/// <summary>An action's outcome: a value, or one error of the catalog. Expected failures are never exceptions.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, CheckoutError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public CheckoutError? Error { get; }
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(CheckoutError error) => new(default, error);

    public static implicit operator Result<T>(CheckoutError error) => Failure(error);
}

public readonly record struct Unit
{
    public static Unit Value => default;
}
