namespace Gatho.Protocol.SeatTokens;

/// <summary>Outcome of verifying a seat token.</summary>
public enum SeatTokenStatus
{
    /// <summary>Signature, algorithm, expiry and room all check out.</summary>
    Valid = 0,

    /// <summary>Not three base64url parts of JSON, or too long.</summary>
    Malformed,

    /// <summary>The header names an algorithm other than HS256 (including <c>none</c>).</summary>
    UnsupportedAlgorithm,

    /// <summary>The MAC does not match: tampered, or signed with another secret.</summary>
    BadSignature,

    /// <summary>A required claim is missing or has the wrong JSON type.</summary>
    InvalidClaims,

    /// <summary>Past <c>exp</c> plus the clock leeway.</summary>
    Expired,

    /// <summary>Signed for another room.</summary>
    WrongRoom,
}

/// <summary>The result of <see cref="SeatTokenVerifier.Verify"/>: a status, a reason for logs, and the claims when valid.</summary>
public readonly struct SeatTokenVerification
{
    private SeatTokenVerification(SeatTokenStatus status, string reason, SeatClaims? claims)
    {
        Status = status;
        Reason = reason;
        Claims = claims;
    }

    /// <summary>What the verification found.</summary>
    public SeatTokenStatus Status { get; }

    /// <summary>Why the token was refused (for logs, never sent to the client), or <c>valid</c>.</summary>
    public string Reason { get; }

    /// <summary>The claims; non-null exactly when <see cref="IsValid"/>.</summary>
    public SeatClaims? Claims { get; }

    /// <summary>True when the token may be admitted.</summary>
    public bool IsValid => Status == SeatTokenStatus.Valid;

    internal static SeatTokenVerification Valid(SeatClaims claims) => new(SeatTokenStatus.Valid, "valid", claims);

    internal static SeatTokenVerification Fail(SeatTokenStatus status, string reason) => new(status, reason, null);

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : $"{Status}: {Reason}";
}
