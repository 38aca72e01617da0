using System;
using System.Collections.Generic;
using System.Linq;
using Gatho;

namespace TicTacToe;

/// <summary>
/// Two players, X and O, take turns on a 3×3 board; the room locks itself when the second player is in. The generator binds the attributed methods, decodes
/// <see cref="PlaceMark"/> and gives the room typed <c>Send</c>/<c>Broadcast</c> for what it declares in [Sends].
/// </summary>
[GathoRoom("tictactoe")]
[Sends(typeof(BoardChanged), typeof(Welcome), typeof(MoveRefused))]
public partial class TicTacToeRoom
{
    private static readonly int[][] Lines =
    {
        new[] { 0, 1, 2 }, new[] { 3, 4, 5 }, new[] { 6, 7, 8 },
        new[] { 0, 3, 6 }, new[] { 1, 4, 7 }, new[] { 2, 5, 8 },
        new[] { 0, 4, 8 }, new[] { 2, 4, 6 },
    };

    private readonly string?[] cells = new string?[9];
    private readonly Dictionary<string, string> marks = new();
    private string? turn;
    private string? winner;

    [OnAuth]
    private AuthResult Auth(AuthRequest request) => Clients.Count < 2 ? AuthResult.Ok() : AuthResult.Fail("room is full");

    [OnJoin]
    private void Joined(IRoomClient client)
    {
        var mark = marks.ContainsValue("X") ? "O" : "X";
        marks[client.Id] = mark;
        Send(client, new Welcome(mark));
        if (marks.Count == 2 && winner is null)
        {
            // The match starts: take the room out of matchmaking (join-or-create skips it, new seats are refused) and
            // say so in its listing; a player who drops keeps their seat through the reconnection window.
            Room.Lock();
            Room.SetTags(new Dictionary<string, string> { ["state"] = "playing" });
            turn = "X";
        }

        Broadcast(Board());
    }

    [OnMessage]
    private void Place(IRoomClient client, PlaceMark move)
    {
        var mark = marks[client.Id];
        var refusal = winner is not null ? "the game is over"
            : turn != mark ? "not your turn"
            : move.Cell is < 0 or > 8 ? "no such cell"
            : cells[move.Cell] is not null ? "cell taken"
            : null;
        if (refusal is not null)
        {
            Send(client, new MoveRefused(move.Cell, refusal));
            return;
        }

        cells[move.Cell] = mark;
        winner = Lines.Any(line => line.All(i => cells[i] == mark)) ? mark : cells.All(c => c is not null) ? "draw" : null;
        turn = winner is null ? (mark == "X" ? "O" : "X") : null;
        Broadcast(Board());
    }

    [OnDrop]
    private void Dropped(IRoomClient client, int closeCode) => client.AllowReconnection(TimeSpan.FromSeconds(30));

    private BoardChanged Board() => new((string?[])cells.Clone(), turn, winner);
}
