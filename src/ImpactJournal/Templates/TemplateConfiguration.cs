using Marten;

namespace ImpactJournal.Templates;

public static class TemplateConfiguration
{
    /// <summary>Imported templates are documents of the installation's own tenant (<see cref="TemplateLibrary.InstallationTenant"/>).</summary>
    public static void AddTemplates(this StoreOptions opts) => opts.Schema.For<ImportedTemplate>();
}
