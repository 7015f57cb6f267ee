namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>Set operations on sorted arrays of distinct path elements, in one merging pass each.</summary>
internal static class SortedSteps
{
    /// <summary>The steps of both; of two equal steps, the one of <paramref name="first"/> is kept.</summary>
    public static PathElement[] Union(PathElement[] first, PathElement[] second)
    {
        if (second.Length == 0)
        {
            return first;
        }

        if (first.Length == 0)
        {
            return second;
        }

        var result = new List<PathElement>(first.Length + second.Length);
        int i = 0, j = 0;
        while (i < first.Length || j < second.Length)
        {
            var order = i == first.Length ? 1 : j == second.Length ? -1 : first[i].CompareTo(second[j]);
            if (order <= 0)
            {
                result.Add(first[i++]);
                if (order == 0)
                {
                    j++;
                }
            }
            else
            {
                result.Add(second[j++]);
            }
        }

        return result.Count == first.Length ? first : [.. result];
    }

    /// <summary>The steps of <paramref name="first"/> that <paramref name="second"/> also has.</summary>
    public static PathElement[] Intersection(PathElement[] first, PathElement[] second)
    {
        if (first.Length == 0 || second.Length == 0)
        {
            return [];
        }

        List<PathElement>? result = null;
        int i = 0, j = 0;
        while (i < first.Length && j < second.Length)
        {
            var order = first[i].CompareTo(second[j]);
            if (order == 0)
            {
                (result ??= []).Add(first[i]);
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result is null ? [] : result.Count == first.Length ? first : [.. result];
    }

    /// <summary>The steps of <paramref name="first"/> that <paramref name="second"/> does not have.</summary>
    public static PathElement[] Difference(PathElement[] first, PathElement[] second)
    {
        if (first.Length == 0 || second.Length == 0)
        {
            return first;
        }

        List<PathElement>? result = null;
        int i = 0, j = 0;
        for (; i < first.Length; i++)
        {
            while (j < second.Length && second[j].CompareTo(first[i]) < 0)
            {
                j++;
            }

            var taken = j < second.Length && second[j].CompareTo(first[i]) == 0;
            if (taken && result is null)
            {
                result = new List<PathElement>(first.Length);
                result.AddRange(first.AsSpan(0, i));
            }
            else if (!taken)
            {
                result?.Add(first[i]);
            }
        }

        return result is null ? first : [.. result];
    }

    public static bool SameSteps(PathElement[] left, PathElement[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (left[i].CompareTo(right[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Sorts steps given in any order and drops later duplicates, so of equal steps spelled differently the first
    /// given stays (as adding to a sorted set keeps the first).
    /// </summary>
    public static void SortDistinct<T>(List<T> items, Func<T, PathElement> step)
    {
        if (items.Count < 2)
        {
            return;
        }

        Sort(items, step);
        var kept = 1;
        for (var i = 1; i < items.Count; i++)
        {
            if (step(items[i]).CompareTo(step(items[kept - 1])) != 0)
            {
                items[kept++] = items[i];
            }
        }

        items.RemoveRange(kept, items.Count - kept);
    }

    /// <summary>Sorts by step, keeping equal steps in the order given.</summary>
    public static void Sort<T>(List<T> items, Func<T, PathElement> step)
    {
        if (items.Count <= 16)
        {
            // Insertion sort is stable and quick on the few steps of most nodes, which often arrive sorted.
            for (var i = 1; i < items.Count; i++)
            {
                var item = items[i];
                var key = step(item);
                var j = i - 1;
                while (j >= 0 && step(items[j]).CompareTo(key) > 0)
                {
                    items[j + 1] = items[j];
                    j--;
                }

                items[j + 1] = item;
            }
        }
        else
        {
            // List.Sort is not stable: the position breaks ties so the first of equal steps stays first.
            var order = new int[items.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            var copy = items.ToArray();
            Array.Sort(order, (a, b) => step(copy[a]).CompareTo(step(copy[b])) is var byStep && byStep != 0 ? byStep : a.CompareTo(b));
            for (var i = 0; i < order.Length; i++)
            {
                items[i] = copy[order[i]];
            }
        }
    }
}
