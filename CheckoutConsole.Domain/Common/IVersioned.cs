namespace CheckoutConsole.Domain.Common;

/// <summary>
/// Entities that race carry an optimistic concurrency token; the DbContext bumps it on every save,
/// so of two writers that read the same version only the first one's save succeeds.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
