namespace MyGame;

/// <summary>Client → room: add <paramref name="Amount"/> (1, 2 or 3) to the running total.</summary>
public sealed record Add(int Amount);

/// <summary>Room → one client: the player number it plays (1 or 2).</summary>
public sealed record Welcome(int Player);

/// <summary>Room → clients: the running total after every change.</summary>
/// <param name="Value">The total so far.</param>
/// <param name="Turn">The player to move (1 or 2), or 0 before both are in and after the game.</param>
/// <param name="Winner">The player who reached the target, or 0 while the game goes on.</param>
public sealed record Total(int Value, int Turn, int Winner);

/// <summary>Room → one client: its move was refused, and why.</summary>
public sealed record Refused(int Amount, string Reason);
