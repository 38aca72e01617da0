using Gatho;

namespace TicTacToe;

/// <summary>
/// The typed client of <see cref="TicTacToeRoom"/> (generated): <c>Send(PlaceMark)</c>, events <c>BoardChanged</c>,
/// <c>Welcome</c> and <c>MoveRefused</c>, and the usual connection lifecycle.
/// </summary>
[GathoClient(typeof(TicTacToeRoom))]
public partial class TicTacToeClient
{
}
