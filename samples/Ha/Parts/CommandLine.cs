namespace Ha.Parts;

/// <summary><c>--name value</c> pairs.</summary>
internal static class CommandLine
{
    public static IReadOnlyDictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value, got {args[i]}", nameof(args));
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    public static string Required(this IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required", nameof(options));
}
