using System.Globalization;

namespace Gatho.Drivers.Validation;

/// <summary>
/// Argument checks shared by every driver, so they all refuse the same input with the same exception before writing
/// anything. Ids are restricted to characters that are safe in Redis keys, SQL identifiers' values, file paths and
/// URLs alike.
/// </summary>
public static class DriverArguments
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="value"/> is 1–128 characters of
    /// <c>[A-Za-z0-9_.:-]</c> and not <c>.</c> or <c>..</c>.
    /// </summary>
    public static string Id(string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (value.Length is 0 or > DriverLimits.MaxIdLength)
        {
            throw new ArgumentException($"{parameterName} \"{value}\" must be 1 to {DriverLimits.MaxIdLength} characters long", parameterName);
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.' or ':'))
            {
                throw new ArgumentException($"{parameterName} \"{value}\" contains '{c}'; ids may contain only A-Z a-z 0-9 _ - . :", parameterName);
            }
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"{parameterName} \"{value}\" is not a usable id", parameterName);
        }

        return value;
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the value unless <paramref name="ttl"/> is a positive
    /// whole number of milliseconds no longer than <see cref="DriverLimits.MaxTtl"/> (gatho: a positive safe integer
    /// of milliseconds; stores keep TTLs in milliseconds).
    /// </summary>
    public static TimeSpan Ttl(TimeSpan ttl, string parameterName)
    {
        if (ttl <= TimeSpan.Zero || ttl > DriverLimits.MaxTtl || ttl.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                ttl,
                $"{parameterName} {ttl.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms must be a positive whole number of milliseconds, at most {DriverLimits.MaxTtl.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        }

        return ttl;
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the value unless <paramref name="maxClients"/> is null
    /// (no limit) or between 1 and <see cref="DriverLimits.MaxClientsLimit"/>.
    /// </summary>
    public static int? Capacity(int? maxClients, string parameterName)
    {
        if (maxClients is { } max && (max < 1 || max > DriverLimits.MaxClientsLimit))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                max,
                $"{parameterName} {max.ToString(CultureInfo.InvariantCulture)} must be between 1 and {DriverLimits.MaxClientsLimit.ToString(CultureInfo.InvariantCulture)}");
        }

        return maxClients;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the value unless <paramref name="timeout"/> is positive and finite.</summary>
    public static TimeSpan Timeout(TimeSpan timeout, string parameterName)
    {
        if (timeout <= TimeSpan.Zero || timeout > DriverLimits.MaxTtl)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                timeout,
                $"{parameterName} {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms must be positive and at most {DriverLimits.MaxTtl.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        }

        return timeout;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="url"/> is an absolute URL with one of
    /// <paramref name="schemes"/>, at most <see cref="DriverLimits.MaxEndpointLength"/> characters.
    /// </summary>
    public static string Endpoint(string? url, string parameterName, params string[] schemes)
    {
        if (url is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (url.Length > DriverLimits.MaxEndpointLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || Array.IndexOf(schemes, uri.Scheme) < 0)
        {
            throw new ArgumentException($"{parameterName} \"{url}\" must be an absolute {string.Join("/", schemes)} URL of at most {DriverLimits.MaxEndpointLength} characters", parameterName);
        }

        return url;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> is null, empty or whitespace.</summary>
    public static string Text(string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameterName} \"{value}\" must not be empty", parameterName);
        }

        return value;
    }
}
