namespace ActorChat.Bench.GraphQLValidation;

/// <summary>
/// Documents built to make validation slow, each growing with n: repeated fields and fragments (the merge rule
/// compares pairs), arguments, directives, variables, fragments spread into each other. Each is valid or
/// invalid in its own way; what matters is what validating it costs.
/// </summary>
public static class Shapes
{
    public static readonly IReadOnlyDictionary<string, Func<int, string>> All = new Dictionary<string, Func<int, string>>
    {
        ["same field repeated"] = n => "{" + Repeat(n, _ => " ans") + " }",
        ["distinct aliases"] = n => "{" + Repeat(n, i => $" a{i}: ans") + " }",
        ["aliases with arguments"] = n => "{" + Repeat(n, i => $" a{i}: ans(a: \"x{i}\", b: {i})") + " }",
        ["same field, conflicting arguments"] = n => "{" + Repeat(n, i => $" ans(a: \"{i}\")") + " }",
        ["one fragment spread n times"] = n => "{" + Repeat(n, _ => " ...F") + " } fragment F on Query { ans }",
        ["n fragments side by side"] = n => "{" + Repeat(n, i => $" ...F{i}") + " } " + Repeat(n, i => $"fragment F{i} on Query {{ a{i}: ans }} "),
        ["n conflicting fragments"] = n => "{" + Repeat(n, i => $" ...F{i}") + " } " + Repeat(n, i => $"fragment F{i} on Query {{ ans(a: \"{i}\") }} "),
        ["fragment chain"] = n => "{ ...F0 } " + Repeat(n, i => $"fragment F{i} on Query {{ ...F{i + 1} }} ") + $"fragment F{n} on Query {{ ans }}",
        ["fragments doubling"] = n => "{ authors(id: 1) { ...A0 } } "
            + Repeat(n, i => $"fragment A{i} on AuthorsNode {{ p: publications {{ authors {{ ...A{i + 1} }} }} q: publications {{ authors {{ ...A{i + 1} }} }} }} ")
            + $"fragment A{n} on AuthorsNode {{ name }}",
        ["same object field repeated"] = n => "{" + Repeat(n, _ => " authors(id: 1) { name publications { rank } }") + " }",
        ["two directives on each field"] = n => "{" + Repeat(n, i => $" a{i}: ans @skip(if: false) @include(if: true)") + " }",
        ["inline fragments"] = n => "{" + Repeat(n, _ => " ... on Query { ans }") + " }",
        ["unused variables"] = n => "query(" + Repeat(n, i => $"$v{i}: Int ") + ") { ans }",
        ["used variables"] = n => "query(" + Repeat(n, i => $"$v{i}: Int ") + ") {" + Repeat(n, i => $" a{i}: ans(b: $v{i})") + " }",
        ["unknown fields"] = n => "{" + Repeat(n, i => $" f{i}") + " }",
        ["many operations"] = n => Repeat(n, i => $"query Q{i} {{ ans }} "),
        ["nested lists in an argument"] = n => "{ ans(a: " + new string('[', n) + "\"x\"" + new string(']', n) + ") }",
        ["long list argument"] = n => "{ ans(a: [" + Repeat(n, i => $"\"{i}\" ") + "]) }",
    };

    private static string Repeat(int n, Func<int, string> part) => string.Concat(Enumerable.Range(0, n).Select(part));
}
