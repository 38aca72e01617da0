using Gatho;

namespace MyGame;

/// <summary>
/// The typed client of <see cref="RaceRoom"/> (generated): <c>Send(Add)</c>, events <c>Welcome</c>, <c>Total</c> and
/// <c>Refused</c>, and the connection lifecycle (connect, reconnect and resume by itself, close).
/// </summary>
[GathoClient(typeof(RaceRoom))]
public partial class RaceClient
{
}
