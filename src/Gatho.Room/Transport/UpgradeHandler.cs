using System.Globalization;
using Gatho.Protocol;
using Gatho.Protocol.Closing;
using Gatho.Protocol.SeatTokens;
using Gatho.Protocol.Urls;
using Query = Gatho.Protocol.Urls.QueryString;
using Gatho.Room.Hosting;
using Gatho.Room.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatho.Room.Transport;

/// <summary>
/// Decides what to do with each HTTP request to the room port, before any WebSocket exists (the pre-auth door, DESIGN
/// D3/D12): non-WebSocket requests get 426; a <c>gv</c> the room does not speak gets 400 (the body names the versions);
/// a room at its connection limits gets 503; a <c>session</c> the room never issued gets 401, and so does a seat token
/// that does not verify. Only then is the socket upgraded, and it is read only once the room admits it. A session the
/// room issued but has since revoked is still upgraded, so a real client reads <c>auth_error{invalid session}</c> as in
/// gatho. Standalone rooms admit every seat. The path is ignored, as gatho.
/// </summary>
internal sealed class UpgradeHandler
{
    private readonly RoomRuntime runtime;
    private readonly ManagedContext context;
    private readonly RoomOptions options;
    private readonly SeatTokenVerifier? verifier;
    private readonly ConnectionLimits limits;
    private readonly RefusalLog refusals;

    public UpgradeHandler(RoomRuntime runtime, ManagedContext context, RoomOptions options, ILogger logger)
    {
        this.runtime = runtime;
        this.context = context;
        this.options = options;
        verifier = context.RoomSecret is { } secret ? new SeatTokenVerifier(secret, options.SeatTokenLeeway) : null;
        limits = new ConnectionLimits(options.MaxConnections, options.MaxUnadmittedConnections);
        refusals = new RefusalLog(logger, options.TimeProvider, options.RefusalLogInterval, context.RoomId);
        Logger = logger;
    }

    /// <summary>The counts behind <see cref="RoomOptions.MaxConnections"/> (tests and the abuse suite read them).</summary>
    internal ConnectionLimits Limits => limits;

    private ILogger Logger { get; }

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(http, StatusCodes.Status426UpgradeRequired, "not a WebSocket upgrade", "upgrade required").ConfigureAwait(false);
            return;
        }

        var query = http.Request.QueryString.Value;
        var rawVersion = Query.Get(query, SeatUrl.VersionParameter);
        if (!ProtocolVersions.TryParse(rawVersion, out var version))
        {
            var error = AuthErrors.ProtocolVersionMismatch(rawVersion, AuthErrors.SupportedVersions);
            await RefuseAsync(http, StatusCodes.Status400BadRequest, error, error).ConfigureAwait(false);
            return;
        }

        var session = Query.Get(query, SeatUrl.SessionParameter);
        Admission? admission = null;
        if (session is not null)
        {
            if (!runtime.MayResume(session))
            {
                await RefuseAsync(http, StatusCodes.Status401Unauthorized, "unknown session", null).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            admission = Admit(Query.Get(query, SeatUrl.TokenParameter), out var problem);
            if (admission is null)
            {
                await RefuseAsync(http, StatusCodes.Status401Unauthorized, problem!, null).ConfigureAwait(false);
                return;
            }
        }

        var slot = limits.TryEnter(out var full);
        if (slot is null)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, full!, "room is full").ConfigureAwait(false);
            return;
        }

        WebSocketConnection connection;
        try
        {
            var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                DangerousEnableCompression = false,
                KeepAliveInterval = options.KeepAliveInterval,
                KeepAliveTimeout = options.KeepAliveTimeout,
            }).ConfigureAwait(false);
            var remote = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
            connection = new WebSocketConnection(socket, runtime, version, remote, options, slot, Logger, CoalescingUpgradeFeature.StreamOf(http));
        }
        catch
        {
            slot.Release();
            throw;
        }

        if (session is not null)
        {
            runtime.EnqueueResume(connection, session, ParseAck(Query.Get(query, SeatUrl.AckParameter)), Query.Get(query, SeatUrl.RestartParameter) == "1");
        }
        else
        {
            runtime.EnqueueOpen(connection, admission!);
        }

        await connection.RunAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext http, int status, string reason, string? body)
    {
        refusals.Refused(status, http.Connection.RemoteIpAddress?.ToString(), reason);
        http.Response.StatusCode = status;

        // The reason goes in a header too: a WebSocket client sees the status and headers of a refused upgrade but
        // never its body, and "why was my seat refused" (expired, bad signature…) is what its user needs.
        http.Response.Headers[RefusalHeader] = AsciiHeaderValue(reason);
        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            http.Response.ContentType = "text/plain; charset=utf-8";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Response header naming why an upgrade was refused (the seat token problem, "room is full"…).</summary>
    internal const string RefusalHeader = "X-Gatho-Refusal";

    private static string AsciiHeaderValue(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] < 0x20 || chars[i] > 0x7e)
            {
                chars[i] = '?';
            }
        }

        return new string(chars, 0, Math.Min(chars.Length, 200));
    }

    private Admission? Admit(string? token, out string? problem)
    {
        problem = null;
        if (context.Standalone)
        {
            return new Admission(Guid.NewGuid().ToString(), "{}", new Dictionary<string, string>(), null, null);
        }

        var result = verifier!.Verify(token, context.RoomId, options.TimeProvider.GetUtcNow());
        if (!result.IsValid)
        {
            problem = result.ToString();
            return null;
        }

        var claims = result.Claims!;
        return new Admission(claims.ClientId, claims.DataJson, claims.Tags, claims.TokenId, ForgetAfter(claims.ExpiresAt, options.SeatTokenLeeway));
    }

    /// <summary>
    /// When a redeemed token id may be forgotten: its expiry plus the leeway, saturating at the largest date. A validly
    /// signed token may carry any <c>exp</c> (milliseconds, 1e308); the verifier clamps it to year 9999, where adding the
    /// leeway would overflow (issue 17, defect 10).
    /// </summary>
    internal static DateTimeOffset ForgetAfter(DateTimeOffset expiresAt, TimeSpan leeway) =>
        expiresAt > DateTimeOffset.MaxValue - leeway ? DateTimeOffset.MaxValue : expiresAt + leeway;

    private static uint? ParseAck(string? raw) =>
        uint.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ack) ? ack : null;
}
