namespace Gatho.Generators.Parsing;

/// <summary>Metadata names of the Gatho types the generator looks for.</summary>
internal static class KnownNames
{
    public const string GathoRoomAttribute = "Gatho.GathoRoomAttribute";
    public const string GathoClientAttribute = "Gatho.GathoClientAttribute";
    public const string SendsAttribute = "Gatho.SendsAttribute";
    public const string AcceptsAttribute = "Gatho.AcceptsAttribute";
    public const string GathoMessageAttribute = "Gatho.GathoMessageAttribute";
    public const string OnStart = "Gatho.OnStartAttribute";
    public const string OnAuth = "Gatho.OnAuthAttribute";
    public const string OnJoin = "Gatho.OnJoinAttribute";
    public const string OnMessage = "Gatho.OnMessageAttribute";
    public const string OnDrop = "Gatho.OnDropAttribute";
    public const string OnReconnect = "Gatho.OnReconnectAttribute";
    public const string OnLeave = "Gatho.OnLeaveAttribute";
    public const string OnShutdown = "Gatho.OnShutdownAttribute";
    public const string RoomClient = "Gatho.IRoomClient";
    public const string AuthRequest = "Gatho.AuthRequest";
    public const string AuthResult = "Gatho.AuthResult";
    public const string RoomBehavior = "Gatho.IRoomBehavior";
    public const string GathoRoomRuntime = "Gatho.Room.GathoRoom";
    public const string InProcessRunner = "Gatho.Server.Runners.InProcessRunner";
    public const string GathoClient = "Gatho.Client.GathoClient";
}
