using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ImpactJournal.Infrastructure;

/// <summary>
/// Data Protection keys (which sign the web app's cookies and antiforgery tokens) kept in the journal's
/// PostgreSQL, so every instance shares them and a restart or a new container signs nobody out.
/// With <c>DataProtection:CertificatePath</c> (and <c>DataProtection:CertificatePassword</c>) the keys
/// are encrypted with that certificate at rest; otherwise they are as safe as the database itself.
/// </summary>
public static class DataProtectionKeys
{
    public const string Table = "ij_data_protection_keys";

    public static void AddJournalDataProtection(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("impactjournal");
        builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(services =>
            new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(options =>
                options.XmlRepository = new PostgresXmlRepository(services.GetRequiredService<NpgsqlDataSource>(),
                    JournalStore.SchemaName(builder.Configuration))));
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"]));
    }

    /// <summary>The keys' table, created by db-apply with the rest of the schema.</summary>
    public static void AddDataProtectionTable(this StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("friendly_name").AsPrimaryKey();
        table.AddColumn("xml", "text").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource, string schema) : IXmlRepository
    {
        private bool _ensured;

        /// <summary>
        /// db-apply creates the table; a development database that was never db-applied gets it here, the
        /// same columns as <see cref="AddDataProtectionTable"/>.
        /// </summary>
        private void EnsureTable()
        {
            if (_ensured) return;
            using var command = dataSource.CreateCommand(
                $"create table if not exists {schema}.{Table} (friendly_name varchar primary key, xml text not null, created_at timestamptz not null default now())");
            command.ExecuteNonQuery();
            _ensured = true;
        }

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            EnsureTable();
            using var command = dataSource.CreateCommand($"select xml from {schema}.{Table} order by created_at");
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            EnsureTable();
            using var command = dataSource.CreateCommand(
                $"insert into {schema}.{Table} (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do update set xml = excluded.xml");
            command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
            command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
            command.ExecuteNonQuery();
        }
    }
}
