namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's pickOneNodeForPreemption, criteria in order: fewest budget violations, lowest highest-priority victim,
/// lowest sum of victim priorities, fewest victims, latest start among the highest-priority victims, then the first.
/// A node needing no victims wins at once.
/// </summary>
public static class CandidatePicker
{
    public static Candidate? Pick(IReadOnlyList<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        if (candidates.FirstOrDefault(c => c.Victims.Count == 0) is { } free)
        {
            return free;
        }

        IEnumerable<Candidate> remaining = candidates;
        remaining = KeepMin(remaining, c => c.NumPdbViolations);
        remaining = KeepMin(remaining, c => c.Victims[0].Priority);

        // Offsetting each priority by 2^31 keeps sums of negative priorities ordered as upstream's do.
        remaining = KeepMin(remaining, c => c.Victims.Sum(v => (long)v.Priority + int.MaxValue + 1));
        remaining = KeepMin(remaining, c => c.Victims.Count);
        remaining = KeepMin(remaining, c => -EarliestStartOfHighest(c).Ticks);
        return remaining.First();
    }

    private static DateTime EarliestStartOfHighest(Candidate candidate)
    {
        var highest = candidate.Victims[0].Priority;
        return candidate.Victims.Where(v => v.Priority == highest).Min(PodImportance.StartTime);
    }

    private static List<Candidate> KeepMin(IEnumerable<Candidate> candidates, Func<Candidate, long> key)
    {
        var list = candidates.ToList();
        var min = list.Min(key);
        return [.. list.Where(c => key(c) == min)];
    }
}
