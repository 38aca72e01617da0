using System.Reflection;
using Gatho.Typed;

namespace Gatho.Generators.Tests.Support;

/// <summary>An assembly compiled and loaded by a test: makes its rooms and messages by name (the test cannot name them).</summary>
internal sealed class LoadedAssembly
{
    public LoadedAssembly(Assembly assembly, Generated generated)
    {
        Assembly = assembly;
        Generated = generated;
    }

    public Assembly Assembly { get; }

    public Generated Generated { get; }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>A new <paramref name="fullName"/> from the constructor taking <paramref name="arguments"/>.</summary>
    public object New(string fullName, params object?[] arguments) => Activator.CreateInstance(Type(fullName), arguments)!;

    /// <summary>A new room instance (what <c>RunAsync</c> would construct).</summary>
    public IRoomBehavior Room(string fullName) => (IRoomBehavior)New(fullName);

    /// <summary>The generated contract of a room type.</summary>
    public IMessageContract Contract(string roomFullName) => ((ITypedRoom)Room(roomFullName)).Contract;

    /// <summary>A public static member of a loaded type (a generated constant, a sample factory).</summary>
    public object? Static(string fullName, string member)
    {
        var type = Type(fullName);
        return (object?)type.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? type.GetMethod(member, BindingFlags.Public | BindingFlags.Static, System.Type.EmptyTypes)?.Invoke(null, null)
            ?? throw new InvalidOperationException($"{fullName} has no static {member}");
    }

    /// <summary>Calls a public instance method without parameters (e.g. a message's <c>Describe()</c>).</summary>
    public static object? Call(object target, string method) => target.GetType().GetMethod(method, System.Type.EmptyTypes)!.Invoke(target, null);
}
