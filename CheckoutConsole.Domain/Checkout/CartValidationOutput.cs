using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Checkout;

public static class ValidationLevels
{
    public const string Info = "Info";
    public const string Warning = "Warning";
    public const string Error = "Error";
}

public static class ValidationTypes
{
    public const string Inventory = "Inventory";
    public const string Pricing = "Pricing";
    public const string Promotions = "Promotions";
    public const string Shipping = "Shipping";
    public const string Taxes = "Taxes";
    public const string SystemError = "SystemError";
    public const string Other = "Other";
}

public sealed class CartValidationOutput
{
    private CartValidationOutput() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string CartId { get; private set; } = default!;
    public string Level { get; private set; } = ValidationLevels.Info;
    public string Type { get; private set; } = ValidationTypes.Other;
    public string Message { get; private set; } = default!;
    public string? RelatedEntityId { get; private set; }
    public string? BackgroundOperationId { get; private set; }
    public bool IsDismissed { get; private set; }
    public DateTime CreatedDate { get; private set; }

    public static CartValidationOutput Create(IdSequences ids, string cartId, string level, string type, string message, string? relatedEntityId, string? operationId, DateTime now) =>
        new()
        {
            Id = ids.Next(KeyPrefixes.CartValidationOutput),
            Name = $"{type} {level}",
            CartId = cartId,
            Level = level,
            Type = type,
            Message = message,
            RelatedEntityId = relatedEntityId ?? cartId,
            BackgroundOperationId = operationId,
            CreatedDate = now,
        };

    public void Dismiss() => IsDismissed = true;
}
