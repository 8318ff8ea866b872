using ActorChat.Publishing;

namespace ActorChat.WebFront.GraphQL;

/// <summary>
/// The tutorial's rows under fixed ids. Loading writes every row as it is here, so running
/// it twice changes nothing, and ids allocated later start above them (the next article is 8).
/// </summary>
public static class SampleData
{
    public static readonly IReadOnlyList<Author> Authors =
    [
        new(1, "Li Ming", "Li@gmail.com"),
        new(2, "Wang Ming", "Wang@gmail.com"),
        new(3, "Zhang Ming", "Zhang@gmail.com"),
    ];

    public static readonly IReadOnlyList<Article> Articles =
    [
        new(1, "这是第一本书", 2016),
        new(2, "这是第二本书", 2017),
        new(3, "这是第三本书", 2018),
        new(4, "这是第四本书", 2019),
        new(5, "Li Ming's notes", 2018),
        new(6, "Zhang Ming's essays", 2019),
        new(7, "A book by Li and Zhang", 2020),
    ];

    /// <summary>Wang Ming's four books with ranks 2, 1, 1, 1 (Li Ming leads the first), and the rest.</summary>
    public static readonly IReadOnlyList<Publication> Publications =
    [
        new(1, 1, 1),
        new(2, 1, 2),
        new(2, 2, 1),
        new(2, 3, 1),
        new(2, 4, 1),
        new(1, 5, 1),
        new(3, 6, 1),
        new(1, 7, 1),
        new(3, 7, 2),
    ];

    public static async Task LoadAsync(IGrainFactory grains)
    {
        var authors = grains.Catalog<Author>();
        var articles = grains.Catalog<Article>();
        await Task.WhenAll(Authors.Select(async a =>
        {
            await grains.GetGrain<IAuthorGrain>(a.Id).SetAsync(a.Name, a.Email);
            await authors.AddAsync(a.Id);
        }));
        await Task.WhenAll(Articles.Select(async a =>
        {
            await grains.GetGrain<IArticleGrain>(a.Id).SetAsync(a.Title, a.Year);
            await articles.AddAsync(a.Id);
        }));
        foreach (var p in Publications)
            await grains.GetGrain<IAuthorGrain>(p.AuthorId).PublishAsync(p.ArticleId, p.Rank);
    }
}
