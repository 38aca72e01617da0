using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Postgres.Schema;

/// <summary>
/// The driver's schema in the database is not one this driver can use as it is: newer than the driver, older while
/// migrations are off, or holding tables the driver did not create. Nothing was changed.
/// </summary>
public sealed class SchemaVersionException : GathoException
{
    /// <summary>Creates the error for <paramref name="schema"/>.</summary>
    public SchemaVersionException(string schema, int? foundVersion, int driverVersion, string detail)
        : base("driver-schema", $"PostgreSQL schema \"{schema}\" {detail} (found version {foundVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, this driver uses version {driverVersion})")
    {
        Schema = schema;
        FoundVersion = foundVersion;
        DriverVersion = driverVersion;
    }

    /// <summary>The schema at fault.</summary>
    public string Schema { get; }

    /// <summary>The version recorded in the schema, or null when there is none.</summary>
    public int? FoundVersion { get; }

    /// <summary>The version this driver creates and uses.</summary>
    public int DriverVersion { get; }
}
