using System.Reflection;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Until December 2026 this service was built as the assembly <c>ImpactJournal.Api</c>, and every event stored by then
/// names its .NET type in that assembly (<c>mt_events.mt_dotnet_type</c>). Marten reads a stored event by that name, so
/// the former name must still lead here; the types kept their names and namespaces.
/// </summary>
public static class FormerAssemblyName
{
    public const string Name = "ImpactJournal.Api";

    public static void LeadHere() => AppDomain.CurrentDomain.AssemblyResolve += (_, asked) =>
        new AssemblyName(asked.Name).Name == Name ? typeof(FormerAssemblyName).Assembly : null;
}
