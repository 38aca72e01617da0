using Gatho.Drivers;
using Gatho.Drivers.Errors;
using Gatho.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// Extension methods for IServiceCollection conventionally live in this namespace, so they show up without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gatho SDK.</summary>
public static class GathoSdkServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GathoSdk"/> as a singleton over the container's <see cref="IDriver"/> (register one first,
    /// e.g. with <c>AddGathoMemoryDriver()</c>; a process that also hosts a server then shares that driver with it).
    /// </summary>
    /// <remarks>Resolving the SDK without a registered driver throws <see cref="DriverConfigException"/>.</remarks>
    public static IServiceCollection AddGathoSdk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var driver = provider.GetService<IDriver>()
                ?? throw new DriverConfigException(nameof(IDriver), "(none)", "no driver is registered; call AddGathoMemoryDriver() or register a networked driver before AddGathoSdk()");
            return new GathoSdk(driver, provider.GetService<ILogger<GathoSdk>>());
        });
        return services;
    }
}
