using ImpactJournal.Stories;
using ImpactJournal.Stories.Patterns;

namespace ImpactJournal.Web;

/// <summary>One group's filter fields on the patterns form ("" for the first group, "b." for the second).</summary>
public sealed record PatternFilterFields(PatternFilter Filter, string Prefix, SignificationFramework? Framework, PatternsModel Page)
{
    public string Id(string name) => (Prefix + name).Replace('.', '-');

    public string Name(string name) => Prefix + name;
}

/// <summary>One group's pattern as the page draws it; <c>Id</c> keeps the two groups' pictures apart.</summary>
public sealed record PatternView(StoryPattern Pattern, string Id, string Heading, string StoryHref);
