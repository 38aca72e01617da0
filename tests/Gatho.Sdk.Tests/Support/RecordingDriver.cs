using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Gatho.Drivers;

namespace Gatho.Sdk.Tests.Support;

/// <summary>An <see cref="IDriver"/> that forwards to a real driver and records every call, so tests can check what the SDK asked for.</summary>
public class RecordingDriver : DispatchProxy
{
    private IDriver inner = null!;

    public ConcurrentQueue<(string Method, object?[] Arguments)> Calls { get; } = new();

    public ConcurrentQueue<(string Method, object? Result)> Results { get; } = new();

    public static (IDriver Driver, RecordingDriver Recorder) Wrap(IDriver inner)
    {
        var proxy = Create<IDriver, RecordingDriver>();
        var recorder = (RecordingDriver)(object)proxy;
        recorder.inner = inner;
        return (proxy, recorder);
    }

    public IEnumerable<object?[]> CallsTo(string method) => Calls.Where(call => call.Method == method).Select(call => call.Arguments);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Enqueue((targetMethod.Name, args ?? []));
        try
        {
            var result = targetMethod.Invoke(inner, args);
            Results.Enqueue((targetMethod.Name, result));
            return result;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
