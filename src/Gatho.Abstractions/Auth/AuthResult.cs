namespace Gatho;

/// <summary>What <c>OnAuth</c> decides: <see cref="Ok"/> with the client's data, or <see cref="Fail"/> with a reason.</summary>
public readonly struct AuthResult
{
    private AuthResult(bool isOk, object? data, string? error)
    {
        IsOk = isOk;
        Data = data;
        Error = error;
    }

    /// <summary>True when the client may join.</summary>
    public bool IsOk { get; }

    /// <summary>The client's data (becomes <see cref="IRoomClient.Data"/>) when accepted.</summary>
    public object? Data { get; }

    /// <summary>The reason sent to the client in <c>auth_error</c> when refused.</summary>
    public string? Error { get; }

    /// <summary>Accepts the client with optional <paramref name="data"/>.</summary>
    public static AuthResult Ok(object? data = null) => new(true, data, null);

    /// <summary>Refuses the client; it receives <c>auth_error{reason}</c> and a 4000 <c>auth rejected</c> close.</summary>
    public static AuthResult Fail(string reason) => new(false, null, reason ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => IsOk ? "ok" : $"fail: {Error}";
}
