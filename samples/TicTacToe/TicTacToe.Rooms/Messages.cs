namespace TicTacToe;

/// <summary>Client → room: put my mark on <paramref name="Cell"/> (0–8, row by row).</summary>
public sealed record PlaceMark(int Cell);

/// <summary>Room → clients: the whole board after every change (small enough to send whole).</summary>
/// <param name="Cells">Nine cells: "X", "O" or null.</param>
/// <param name="Turn">Whose turn it is ("X" or "O"), or null before two players are in and after the game.</param>
/// <param name="Winner">"X", "O", "draw", or null while the game goes on.</param>
public sealed record BoardChanged(string?[] Cells, string? Turn, string? Winner);

/// <summary>Room → one client: the mark it plays.</summary>
public sealed record Welcome(string Mark);

/// <summary>Room → one client: a move it made was refused.</summary>
public sealed record MoveRefused(int Cell, string Reason);
