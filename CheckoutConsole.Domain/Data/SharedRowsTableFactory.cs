using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.InMemory.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.InMemory.Storage.Internal;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CheckoutConsole.Domain.Data;

#pragma warning disable EF1001 // The InMemory provider's tables are internal API; see the summary for why and what it relies on.

/// <summary>
/// Makes a query on the InMemory database cost a reference per row of the table it reads instead
/// of a copy of every row. The provider answers each query from a snapshot of the whole table
/// (<c>InMemoryTable.SnapshotRows</c>), and its snapshot copies every row, value by value, so that
/// values it stores converted or that could be changed in place reach the query as fresh model
/// values. Looking up one cart among 50,000 copied all 50,000 carts, and the allocation and the time
/// of every action grew with the data.
/// <para>
/// The copy is only needed for those values: a stored row is never changed in place (an update
/// stores a new array; see <c>InMemoryTable.Update</c>), so where no property of an entity type has a
/// value converter or a comparer that snapshots values of a reference type, the snapshot can list the
/// stored rows themselves, still taken under the store's lock. Entity types with such a property keep
/// the provider's own table. <see cref="CheckoutDbContext"/> configures no converter on InMemory, so
/// every table of this model but User (its stores are a list kept as JSON text) shares its rows; a test
/// checks that, and that a lookup costs about a reference per extra row instead of a copy of it.
/// A lookup still scans its table: InMemory has no indexes.
/// </para>
/// This relies on EF Core 10's InMemory internals (the constructor and <c>SnapshotRows</c> of
/// <c>InMemoryTable&lt;TKey&gt;</c>); the tests of the InMemory provider fail if they change.
/// </summary>
public sealed class SharedRowsTableFactory : InMemoryTableFactory
{
    private static readonly ConcurrentDictionary<Type, Func<IEntityType, IInMemoryTable?, bool, bool, IInMemoryTable>> ByKeyType = new();

    private readonly bool _sensitiveLogging;
    private readonly bool _nullabilityCheck;

    public SharedRowsTableFactory(ILoggingOptions logging, IInMemorySingletonOptions options)
        : base(logging, options)
    {
        _sensitiveLogging = logging.IsSensitiveDataLoggingEnabled;
        _nullabilityCheck = options.IsNullabilityCheckEnabled;
    }

    public override IInMemoryTable Create(IEntityType entityType, IInMemoryTable? baseTable)
    {
        var table = base.Create(entityType, baseTable);
        if (!CopiesNothing(table))
        {
            return table;
        }

        var create = ByKeyType.GetOrAdd(table.GetType().GetGenericArguments()[0], static keyType =>
            typeof(SharedRowsTableFactory)
                .GetMethod(nameof(CreateShared), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(keyType)
                .CreateDelegate<Func<IEntityType, IInMemoryTable?, bool, bool, IInMemoryTable>>());
        return create(entityType, baseTable, _sensitiveLogging, _nullabilityCheck);
    }

    /// <summary>
    /// True when the provider's table would copy rows for nothing: it is the plain
    /// <c>InMemoryTable&lt;TKey&gt;</c>, it converts no value, and the only values it snapshots are of
    /// value types (such as <c>DateTime?</c>), whose stored boxes nobody changes, so a snapshot of one
    /// is as good as the box itself. The table's own lists are read rather than re-derived, so the
    /// decision is the provider's; anything unexpected, such as a provider version whose table looks
    /// different, keeps the provider's table.
    /// </summary>
    public static bool CopiesNothing(IInMemoryTable table)
    {
        var type = table.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(InMemoryTable<>))
        {
            return false;
        }

        var converters = type.GetField("_valueConverters", BindingFlags.NonPublic | BindingFlags.Instance);
        var comparers = type.GetField("_valueComparers", BindingFlags.NonPublic | BindingFlags.Instance);
        if (converters is null || comparers is null)
        {
            return false;
        }

        var convertsNothing = converters.GetValue(table) is null or ICollection<(int, ValueConverter)> { Count: 0 };
        var snapshotted = comparers.GetValue(table);
        var snapshotsOnlyValueTypes = snapshotted is null
            || (snapshotted is IEnumerable<(int Index, ValueComparer Comparer)> list && list.All(c => c.Comparer.Type.IsValueType));
        return convertsNothing && snapshotsOnlyValueTypes;
    }

    private static IInMemoryTable CreateShared<TKey>(IEntityType entityType, IInMemoryTable? baseTable, bool sensitiveLogging, bool nullabilityCheck)
        where TKey : notnull =>
        new SharedRowsTable<TKey>(entityType, baseTable, sensitiveLogging, nullabilityCheck);

    /// <summary>The provider's table, with a snapshot that lists the stored rows instead of copying each.</summary>
    public sealed class SharedRowsTable<TKey>(IEntityType entityType, IInMemoryTable? baseTable, bool sensitiveLogging, bool nullabilityCheck)
        : InMemoryTable<TKey>(entityType, baseTable, sensitiveLogging, nullabilityCheck)
        where TKey : notnull
    {
        public override IReadOnlyList<object?[]> SnapshotRows() => [.. Rows];
    }
}
