using Bot.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Infrastructure;

internal static class SearchIndexSeams
{
    /// <summary>Replaces the index options the bot was composed with by a changed copy (e.g. with a test seam set).</summary>
    public static void ChangeSearchIndex(this IServiceCollection services, Func<SearchIndexOptions, SearchIndexOptions> change)
    {
        var current = (SearchIndexOptions)services.Last(d => d.ServiceType == typeof(SearchIndexOptions)).ImplementationInstance!;
        services.AddSingleton(change(current));
    }
}
