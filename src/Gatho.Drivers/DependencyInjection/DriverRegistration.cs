using Gatho.Drivers;
using Gatho.Drivers.Errors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The registration rule every driver's <c>AddGatho…Driver</c> follows: exactly one <see cref="IDriver"/> per container,
/// registered as its own type and as <see cref="IDriver"/> (one instance), so a server and the SDK can never resolve
/// different drivers and split state silently.
/// </summary>
public static class DriverRegistration
{
    /// <summary>Throws when the container already has a driver (call it before reading options).</summary>
    /// <exception cref="DriverConfigException">Another <see cref="IDriver"/> is already registered.</exception>
    public static void ThrowIfDriverRegistered(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(IDriver));
        if (existing is not null)
        {
            var name = existing.ImplementationType?.Name ?? existing.ImplementationInstance?.GetType().Name ?? "a factory-registered driver";
            throw new DriverConfigException(nameof(IDriver), name, "a driver is already registered; register exactly one");
        }
    }

    /// <summary>Registers <typeparamref name="TDriver"/> as a singleton, also resolvable as <see cref="IDriver"/>.</summary>
    public static IServiceCollection AddDriver<TDriver>(IServiceCollection services, Func<IServiceProvider, TDriver> create)
        where TDriver : class, IDriver
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(create);
        services.AddSingleton<IDriver>(provider => provider.GetRequiredService<TDriver>());
        return services;
    }
}
