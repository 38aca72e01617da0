using Gatho.Drivers;
using Gatho.Drivers.Errors;
using Gatho.Drivers.Memory;
using Microsoft.Extensions.Logging;

// Extension methods for IServiceCollection conventionally live in this namespace, so they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the in-memory driver.</summary>
public static class MemoryDriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="MemoryDriver"/> as a singleton, also resolvable as <see cref="IDriver"/>, so a server and
    /// the SDK in the same process share its state (which the memory driver requires). Uses the container's
    /// <see cref="TimeProvider"/> and logger factory when registered. Options are validated here, not at first use.
    /// </summary>
    /// <exception cref="DriverConfigException">An option is unusable, or another <see cref="IDriver"/> is already registered.</exception>
    public static IServiceCollection AddGathoMemoryDriver(this IServiceCollection services, Action<MemoryDriverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        DriverRegistration.ThrowIfDriverRegistered(services);

        var options = new MemoryDriverOptions();
        configure?.Invoke(options);
        options.Validate();

        return DriverRegistration.AddDriver(services, provider => new MemoryDriver(options, provider.GetService<TimeProvider>(), provider.GetService<ILogger<MemoryDriver>>()));
    }
}
