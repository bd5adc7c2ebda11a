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

public sealed record SoqlField(string Name, SoqlFieldType Type);

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
}
