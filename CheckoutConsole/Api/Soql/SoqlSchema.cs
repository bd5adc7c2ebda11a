using System.Diagnostics.CodeAnalysis;

namespace CheckoutConsole.Api.Soql;

[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Member names mirror Salesforce field types.")]
public enum SoqlFieldType
{
    Id,
    String,
    Number,
    Boolean,
    DateTime,
}

/// <summary>A field; a lookup names the object it points to in <see cref="ReferenceTo"/>, which makes its relationship (WebCartId → WebCart) usable in paths.</summary>
public sealed record SoqlField(string Name, SoqlFieldType Type, string? ReferenceTo = null)
{
    /// <summary>The relationship a lookup field opens, e.g. Cart for CartId.</summary>
    public string? RelationshipName =>
        ReferenceTo is not null && Name.Length > 2 && Name.EndsWith("Id", StringComparison.Ordinal) ? Name[..^2] : null;
}

public sealed record SoqlObjectSchema(string Name, IReadOnlyList<SoqlField> Fields)
{
    public SoqlField? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The lookup field behind a relationship name: its own name (Cart for CartId) or the type it points to (WebCart).</summary>
    public SoqlField? FindRelationship(string name)
    {
        foreach (var field in Fields)
        {
            if (field.RelationshipName is { } relationship && string.Equals(relationship, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        foreach (var field in Fields)
        {
            if (field.ReferenceTo is { } target && string.Equals(target, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }
}
