using GraphQLParser.AST;

namespace ActorChat.WebFront.GraphQL.Documents;

/// <summary>
/// Measures what validating and executing a document will cost, before either runs: how many fields it selects
/// once fragments are spread, and how many pairs the spec's "fields can be merged" rule will compare. Execution
/// expands every fragment where it is spread (ten fragments that each spread the next one twice are 1,024 copies),
/// and the merge rule compares every pair of same-named fields of a selection, and every pair of fragments spread
/// into it; both grow far faster than the text. The walk here is breadth-first over the merged selections, as
/// execution collects them, and stops as soon as a budget is spent, so it costs at most the budget.
/// </summary>
internal sealed class FieldExpansion
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly int _maxFields;
    private readonly int _maxMerges;

    private FieldExpansion(GraphQLDocument document, int maxFields, int maxMerges)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        _maxFields = maxFields;
        _maxMerges = maxMerges;
    }

    /// <summary>Fields selected (fragments spread) and pairs to merge, counted only until one passes its limit.</summary>
    public int Fields { get; private set; }

    public long Merges { get; private set; }

    public bool OverBudget => Fields > _maxFields || Merges > _maxMerges;

    public static FieldExpansion Measure(GraphQLDocument document, int maxFields, int maxMerges)
    {
        var expansion = new FieldExpansion(document, maxFields, maxMerges);
        var pending = new Queue<List<GraphQLSelectionSet>>();
        // Every selection set of the document is validated, in operations and in fragments alike (even unused ones).
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation) pending.Enqueue([operation.SelectionSet]);
            else if (definition is GraphQLFragmentDefinition fragment) pending.Enqueue([fragment.SelectionSet]);
        }
        while (pending.Count > 0 && !expansion.OverBudget)
            expansion.Merge(pending.Dequeue(), pending);
        return expansion;
    }

    // One merged selection: the fields of these sets grouped by response name; each group's sub-selections are
    // merged in turn, as execution does.
    private void Merge(List<GraphQLSelectionSet> sets, Queue<List<GraphQLSelectionSet>> pending)
    {
        var groups = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
        var spread = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            Collect(set, groups, spread);
            if (OverBudget) return;
        }
        Merges += Pairs(spread.Count);
        foreach (var fields in groups.Values)
        {
            Merges += Pairs(fields.Count);
            var children = fields.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
            if (children.Count > 0) pending.Enqueue(children);
        }
    }

    private void Collect(GraphQLSelectionSet set, Dictionary<string, List<GraphQLField>> groups, HashSet<string> spread)
    {
        foreach (var selection in set.Selections)
        {
            if (OverBudget) return;
            switch (selection)
            {
                case GraphQLField field:
                    var name = (field.Alias?.Name ?? field.Name).StringValue;
                    if (!groups.TryGetValue(name, out var group)) groups[name] = group = [];
                    group.Add(field);
                    Fields++;
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, groups, spread);
                    break;
                // A fragment is spread once per selection, however often it is named there (and never into itself).
                case GraphQLFragmentSpread fragmentSpread when spread.Add(fragmentSpread.FragmentName.Name.StringValue)
                        && _fragments.TryGetValue(fragmentSpread.FragmentName.Name.StringValue, out var fragment):
                    Collect(fragment.SelectionSet, groups, spread);
                    break;
            }
        }
    }

    private static long Pairs(long count) => count * (count - 1) / 2;
}
