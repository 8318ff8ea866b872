namespace ActorChat.Grains.Publishing;

/// <summary>Keeps one side's credits sorted by the other side's id, at most one credit per id.</summary>
internal static class CreditList
{
    /// <summary>Adds or re-ranks a credit; returns false when nothing changed.</summary>
    public static bool Upsert(List<CreditState> credits, long id, int rank)
    {
        var index = credits.FindIndex(c => c.Id == id);
        if (index >= 0)
        {
            if (credits[index].Rank == rank) return false;
            credits[index].Rank = rank;
            return true;
        }
        var at = credits.FindIndex(c => c.Id > id);
        credits.Insert(at < 0 ? credits.Count : at, new CreditState { Id = id, Rank = rank });
        return true;
    }

    public static bool Remove(List<CreditState> credits, long id) => credits.RemoveAll(c => c.Id == id) > 0;
}
