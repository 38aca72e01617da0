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
        var existing = services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(IDriver));
        if (existing is not null)
        {
            // Two drivers in one container would split state silently: the server and the SDK could resolve different ones.
            var name = existing.ImplementationType?.Name ?? existing.ImplementationInstance?.GetType().Name ?? "a factory-registered driver";
            throw new DriverConfigException(nameof(IDriver), name, "a driver is already registered; register exactly one");
        }

        var options = new MemoryDriverOptions();
        configure?.Invoke(options);
        options.Validate();

        services.AddSingleton(provider => new MemoryDriver(options, provider.GetService<TimeProvider>(), provider.GetService<ILogger<MemoryDriver>>()));
        services.AddSingleton<IDriver>(provider => provider.GetRequiredService<MemoryDriver>());
        return services;
    }
}
