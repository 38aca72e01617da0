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
/// Decides what to do with each HTTP request to the room port, in gatho's order (gatho-behaviour §2.2): non-WebSocket
/// requests get 426; a version mismatch is still upgraded so the client can read why; a <c>session</c> parameter is a
/// resume; otherwise the seat token must verify or the upgrade is refused with 401 before any WebSocket frame;
/// standalone rooms admit everyone. The path is ignored, as gatho.
/// </summary>
internal sealed class UpgradeHandler
{
    private readonly RoomRuntime runtime;
    private readonly ManagedContext context;
    private readonly RoomOptions options;
    private readonly SeatTokenVerifier? verifier;
    private readonly ILogger logger;

    public UpgradeHandler(RoomRuntime runtime, ManagedContext context, RoomOptions options, ILogger logger)
    {
        this.runtime = runtime;
        this.context = context;
        this.options = options;
        this.logger = logger;
        verifier = context.RoomSecret is { } secret ? new SeatTokenVerifier(secret, options.SeatTokenLeeway) : null;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync("upgrade required", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var query = http.Request.QueryString.Value;
        var rawVersion = Query.Get(query, SeatUrl.VersionParameter);
        var session = Query.Get(query, SeatUrl.SessionParameter);
        var knownVersion = ProtocolVersions.TryParse(rawVersion, out var version);
        Admission? admission = null;

        if (knownVersion && session is null)
        {
            admission = Admit(http, Query.Get(query, SeatUrl.TokenParameter));
            if (admission is null)
            {
                // Refused at HTTP level: a bad seat never sees a WebSocket frame.
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }

        var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        }).ConfigureAwait(false);

        var remote = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        var connection = new WebSocketConnection(socket, runtime, knownVersion ? version : ProtocolVersions.V1, remote, options.MaxMessageBytes, options.MaxPendingInboundMessages, logger);
        if (!knownVersion)
        {
            runtime.EnqueueVersionMismatch(connection, AuthErrors.ProtocolVersionMismatch(rawVersion, AuthErrors.SupportedVersions));
        }
        else if (session is not null)
        {
            runtime.EnqueueResume(connection, session, ParseAck(Query.Get(query, SeatUrl.AckParameter)));
        }
        else
        {
            runtime.EnqueueOpen(connection, admission!);
        }

        await connection.RunAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private Admission? Admit(HttpContext http, string? token)
    {
        if (context.Standalone)
        {
            return new Admission(Guid.NewGuid().ToString(), "{}", new Dictionary<string, string>(), null, null);
        }

        var result = verifier!.Verify(token, context.RoomId, options.TimeProvider.GetUtcNow());
        if (!result.IsValid)
        {
            logger.LogInformation("room {RoomId}: refused upgrade from {Remote}: {Reason}", context.RoomId, http.Connection.RemoteIpAddress, result.ToString());
            return null;
        }

        var claims = result.Claims!;
        return new Admission(claims.ClientId, claims.DataJson, claims.Tags, claims.TokenId, claims.ExpiresAt + options.SeatTokenLeeway);
    }

    private static uint? ParseAck(string? raw) =>
        uint.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ack) ? ack : null;
}
