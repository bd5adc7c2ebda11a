namespace CheckoutConsole.Api.Soql;

public sealed class SoqlException : Exception
{
    public const string MalformedQuery = "MALFORMED_QUERY";
    public const string InvalidField = "INVALID_FIELD";
    public const string InvalidType = "INVALID_TYPE";

    public SoqlException(string errorCode, string message, int? position = null)
        : base(message)
    {
        ErrorCode = errorCode;
        Position = position;
    }

    public string ErrorCode { get; }

    public int? Position { get; }
}
