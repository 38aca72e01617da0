using Gatho.Protocol.Errors;

namespace Gatho.Drivers.Errors;

/// <summary>A driver was configured with a setting it cannot work with.</summary>
public sealed class DriverConfigException : GathoException
{
    /// <summary>Creates the error for <paramref name="setting"/> set to <paramref name="value"/>.</summary>
    public DriverConfigException(string setting, string value, string detail)
        : base("driver-config", $"driver setting {setting} = {value} is invalid: {detail}")
    {
        Setting = setting;
        Value = value;
        Detail = detail;
    }

    /// <summary>The setting at fault, such as <c>StaleServerAfter</c>.</summary>
    public string Setting { get; }

    /// <summary>The rejected value, as text.</summary>
    public string Value { get; }

    /// <summary>What is wrong with it.</summary>
    public string Detail { get; }
}
