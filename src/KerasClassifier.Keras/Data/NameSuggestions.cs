namespace KerasClassifier.Keras.Data;

/// <summary>
/// Finds the known names closest to a name that was not found, for error messages.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>
    /// Returns up to <paramref name="count"/> candidates ordered by edit distance to <paramref name="name"/>
    /// (case-insensitive), closest first.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count = 3)
    {
        return candidates
            .Select(candidate => (candidate, distance: EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .OrderBy(pair => pair.distance)
            .ThenBy(pair => pair.candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(pair => pair.candidate)
            .ToList();
    }

    /// <summary>
    /// Returns the Levenshtein distance between two strings.
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
