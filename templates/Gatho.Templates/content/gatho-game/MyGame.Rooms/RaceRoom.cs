using System;
using System.Collections.Generic;
using Gatho;

namespace MyGame;

/// <summary>
/// Race to 21: two players take turns adding 1, 2 or 3 to a shared total; whoever makes it exactly 21 wins. The
/// generator binds the attributed methods, decodes <see cref="Add"/> and writes the typed <c>Send</c>/<c>Broadcast</c>
/// for what the room declares in [Sends], and the typed client.
/// </summary>
[GathoRoom("race")]
[Sends(typeof(Welcome), typeof(Total), typeof(Refused))]
public partial class RaceRoom
{
    /// <summary>The total that wins.</summary>
    public const int Target = 21;

    private readonly Dictionary<string, int> players = new();
    private int total;
    private int turn;
    private int winner;

    [OnAuth]
    private AuthResult Auth(AuthRequest request) => Clients.Count < 2 ? AuthResult.Ok() : AuthResult.Fail("room is full");

    [OnJoin]
    private void Joined(IRoomClient client)
    {
        var player = players.ContainsValue(1) ? 2 : 1;
        players[client.Id] = player;
        Send(client, new Welcome(player));
        if (players.Count == 2 && winner == 0)
        {
            // The match starts: take the room out of matchmaking (join-or-create skips it, new seats are refused).
            Room.Lock();
            turn = 1;
        }

        Broadcast(new Total(total, turn, winner));
    }

    [OnMessage]
    private void Added(IRoomClient client, Add add)
    {
        var player = players[client.Id];
        var refusal = winner != 0 ? "the game is over"
            : turn != player ? "not your turn"
            : add.Amount is < 1 or > 3 ? "add 1, 2 or 3"
            : total + add.Amount > Target ? $"that goes past {Target}"
            : null;
        if (refusal is not null)
        {
            Send(client, new Refused(add.Amount, refusal));
            return;
        }

        total += add.Amount;
        winner = total == Target ? player : 0;
        turn = winner != 0 ? 0 : 3 - player;
        Broadcast(new Total(total, turn, winner));
    }

    // A player who drops keeps their seat for a while: the client reconnects and resumes by itself.
    [OnDrop]
    private void Dropped(IRoomClient client, int closeCode) => client.AllowReconnection(TimeSpan.FromSeconds(30));
}
