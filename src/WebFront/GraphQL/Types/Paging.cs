using System.Globalization;
using System.Text;
using ActorChat.Publishing;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>Relay connection arguments and cursors. A cursor is opaque to clients: base64 of <c>cursor:id</c>.</summary>
public static class Paging
{
    private const string Prefix = "cursor:";

    public static string Cursor(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The id after which the page starts (0 for the first page); a clear error for a foreign cursor.</summary>
    public static long After(string? cursor)
    {
        if (cursor is null) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) &&
                long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        }
        catch (FormatException) { }
        throw new ExecutionError($"'{cursor}' is not a cursor this connection gave out.") { Code = "BAD_CURSOR" };
    }

    public static int First(int? first, int maxPageSize) => first switch
    {
        null => maxPageSize,
        < 0 => throw new ExecutionError("'first' must not be negative.") { Code = "BAD_ARGUMENT" },
        _ => Math.Min(first.Value, maxPageSize),
    };

    public static Connection<T> Connection<T>(RowPage<T> page) where T : IRow => new()
    {
        TotalCount = page.TotalCount,
        Edges = page.Rows.Select(row => new Edge<T> { Node = row, Cursor = Cursor(row.Id) }).ToList(),
        PageInfo = new PageInfo
        {
            HasNextPage = page.HasMore,
            HasPreviousPage = false,
            StartCursor = page.Rows.Count > 0 ? Cursor(page.Rows[0].Id) : null,
            EndCursor = page.Rows.Count > 0 ? Cursor(page.Rows[^1].Id) : null,
        },
    };
}
