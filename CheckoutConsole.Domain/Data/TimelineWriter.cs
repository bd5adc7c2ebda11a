using System.Collections.Concurrent;
using System.Data.Common;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CheckoutConsole.Domain.Data;

/// <summary>
/// Writes timeline lines on SQLite as one multi-row INSERT in the save's
/// transaction. Every action writes two to five lines; through the change tracker each line cost
/// about 20 KB of allocation on SQLite (a command, a column modification and a parameter per
/// column, and the generated key read back), which was most of an action's allocation. The column
/// list comes from the EF model, so a column added to TimelineEntry is written here too.
/// </summary>
internal static class TimelineWriter
{
    private const int MaxRowsPerCommand = 50;
    private static readonly ConcurrentDictionary<IModel, Shape> Shapes = new();

    public static async Task InsertAsync(CheckoutDbContext db, IReadOnlyList<TimelineEntry> entries, CancellationToken ct)
    {
        var shape = Shapes.GetOrAdd(db.Model, _ => Shape.For(db));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        for (var start = 0; start < entries.Count; start += MaxRowsPerCommand)
        {
            var rows = Math.Min(MaxRowsPerCommand, entries.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = shape.Sql(rows);
            for (var row = 0; row < rows; row++)
            {
                var entry = entries[start + row];
                for (var column = 0; column < shape.Columns.Length; column++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = shape.ParameterNames[(row * shape.Columns.Length) + column];
                    parameter.Value = shape.Columns[column].Value(entry) ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed record Column(IProperty Property, Func<TimelineEntry, object?> Value);

    private sealed class Shape(string prefix, Column[] columns, string[] parameterNames, string[] placeholders)
    {
        private readonly ConcurrentDictionary<int, string> _sql = new();

        public Column[] Columns { get; } = columns;
        public string[] ParameterNames { get; } = parameterNames;

        public string Sql(int rows) => _sql.GetOrAdd(rows, n => prefix + string.Join(", ", Enumerable.Range(0, n).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(0, Columns.Length).Select(column => placeholders[(row * Columns.Length) + column])) + ")")));

        public static Shape For(CheckoutDbContext db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(typeof(TimelineEntry))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never && !p.IsShadowProperty())
                .Select(p =>
                {
                    var getter = p.GetGetter();
                    var converter = p.GetTypeMapping().Converter;
                    return new Column(p, converter is null
                        ? e => getter.GetClrValue(e)
                        : e => getter.GetClrValue(e) is { } value ? converter.ConvertToProvider(value) : null);
                })
                .ToArray();
            var names = Enumerable.Range(0, columns.Length * MaxRowsPerCommand).Select(i => sql.GenerateParameterName($"t{i}")).ToArray();
            var placeholders = Enumerable.Range(0, columns.Length * MaxRowsPerCommand).Select(i => sql.GenerateParameterNamePlaceholder($"t{i}")).ToArray();
            var prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) VALUES ";
            return new Shape(prefix, columns, names, placeholders);
        }
    }
}
